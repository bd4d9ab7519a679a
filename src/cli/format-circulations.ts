/** Circulations in words: one in full (`circulation show`, the protocol), or one line of a register. */
import {
  bodyName,
  circulationRuleWords,
  decideCirculationIn,
  explanationNamed,
  flagNamed,
  isSettled,
  personName,
  stillOpenInWords,
  withVoteOf,
} from '../core/state/index.js';
import { timeBeside, timeInWords } from '../core/minutes/words.js';
import { channelInWords, moreThanAYear, plural, withStop } from '../core/words.js';
import type { AnswerState, CirculationState, State } from '../core/state/index.js';
import {
  bodyDecisionLines,
  capitalized,
  chainLines,
  linkLines,
  ratificationWords,
} from './format-decisions.js';

/**
 * Whom a circulation is put to: "2 members of Bureau", or, where some are heard and not counted,
 * "1 member of Bureau with a vote and 1 drawn in from Board (heard, not counted)".
 */
export function askedInWords(state: State, c: CirculationState): string {
  const drawnIn = c.drawnIn?.length ?? 0;
  const notVoting = c.notVoting?.length ?? 0;
  const counted = withVoteOf(c);
  const members = plural(counted, 'member');
  const body = bodyName(state, c.body);
  if (counted === c.asked.length) return `${members} of ${body}`;
  const parents = c.bodyAtOpen.obligations.flatMap((o) =>
    o.kind === 'draw-in-present-members-of' ? [bodyName(state, o.body)] : [],
  );
  const besides = [
    ...(drawnIn > 0
      ? [`${drawnIn} drawn in from ${parents.join(' or ')} (heard, not counted)`]
      : []),
    ...(notVoting > 0 ? [`${notVoting} without a vote (not counted)`] : []),
  ];
  return `${members} of ${body} with a vote and ${besides.join(' and ')}`;
}

/** Where it stands, as `circulations --state` names it: an open one past its deadline is overdue. */
export function circulationState(
  c: CirculationState,
  now: string,
): 'open' | 'overdue' | 'closed' | 'withdrawn' {
  return c.status === 'open' && c.deadline <= now ? 'overdue' : c.status;
}

/** Where it stands in words: a closed one with its outcome. */
export function circulationStatus(c: CirculationState, now: string): string {
  const state = circulationState(c, now);
  return state === 'closed' ? `closed: ${c.decision?.outcome ?? '?'}` : state;
}

/**
 * One line of the register of circulations. "N of M answered": of the M members asked with a
 * vote, the N whose answers count (in time, not disputed), as the outcome counts them.
 */
export function circulationRow(c: CirculationState, now: string): string {
  const { presentVoting, votingMembers } = (c.decision ?? decideCirculationIn(c)).quorum;
  return `${c.id}  ${c.body}  ${circulationStatus(c, now)}  ${presentVoting} of ${votingMembers} answered  deadline ${timeInWords(c.deadline)}  "${c.text}"`;
}

/** A circulation in full: who was asked, by what rule, each answer, and the outcome. */
export function circulationLines(state: State, c: CirculationState, now: string): string[] {
  const names = (ids: readonly string[]): string => ids.map((p) => personName(state, p)).join(', ');
  const lines = [
    `Circulation ${c.id} of ${bodyName(state, c.body)} [entry ${c.openedAt}]`,
    c.mode === 'minutes' ? '  Transcribed from the minutes.' : '  Recorded live.',
    `  "${c.text}"`,
    `  Put by ${c.by === null ? 'the organization' : personName(state, c.by)} on ${timeInWords(c.date ?? c.openedTime)}; deadline ${timeBeside(c.deadline, lateTimes(c))}${deadlineWords(c, now)}`,
    `  ${c.to ? 'A consultation of' : 'Put to every voting member'} (${c.asked.length}): ${names(c.asked)}`,
    ...(c.drawnIn
      ? [`  Drawn in from its parent, heard and not counted: ${names(c.drawnIn)}`]
      : []),
    `  Rule: ${circulationRuleWords(c)}`,
    ...(c.power !== undefined ? [`  It is put under the delegated power ${c.power}.`] : []),
    ...linkLines(state, c, '  '),
  ];
  if (c.answers.size > 0) lines.push('  Answers:');
  for (const a of c.answers.values())
    lines.push(...answerLines(state, a, c.deadline, c.mode === 'minutes'));
  const missing = c.asked.filter((m) => !c.answers.has(m));
  if (missing.length > 0)
    lines.push(
      `  ${c.status === 'open' ? 'No answer yet from' : 'No answer from'}: ${names(missing)}`,
    );
  lines.push(...outcomeLines(state, c, now));
  lines.push(...chainLines(state, { circulation: c.id }, '  '));
  return lines;
}

/** The times late answers were given at, which the deadline is read beside. */
function lateTimes(c: CirculationState): string[] {
  return [...c.answers.values()].flatMap((a) => (a.late && a.at !== undefined ? [a.at] : []));
}

function deadlineWords(c: CirculationState, now: string): string {
  if (c.status !== 'open') return '';
  if (c.deadline <= now) return ' (passed)';
  const far = moreThanAYear(Date.parse(c.deadline) - Date.parse(now));
  if (far) return ` (${far} left)`;
  const minutes = Math.ceil((Date.parse(c.deadline) - Date.parse(now)) / 60_000);
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  const left = [d > 0 ? `${d} d` : '', h > 0 ? `${h} h` : '', m > 0 && d === 0 ? `${m} min` : '']
    .filter(Boolean)
    .join(' ');
  return ` (${left || 'under a minute'} left)`;
}

/** An answer and how it came; one transcribed from minutes has no one left to confirm it. */
function answerLines(
  state: State,
  a: AnswerState,
  deadline: string,
  transcribed: boolean,
): string[] {
  const how = [
    a.channel ? channelInWords(a.channel) : '',
    a.recordedBy ? `recorded by ${personName(state, a.recordedBy)}` : '',
    // The time the minutes give is said for every answer they give one, whoever signed it: it is
    // what makes one late. Live, a member's own answer is timed by its entry.
    (a.recordedBy || transcribed) && a.at !== undefined
      ? `answered ${a.late ? timeBeside(a.at, [deadline]) : timeInWords(a.at)}`
      : '',
    a.late ? 'after the deadline, not counted' : '',
    a.replaced ? `replacing ${a.replaced.choice} [entry ${a.replaced.index}]` : '',
    a.confirmedAt !== undefined ? `confirmed [entry ${a.confirmedAt}]` : '',
    a.disputed
      ? `disputed [entry ${a.disputed.index}]${a.disputed.reason ? `: ${a.disputed.reason}` : ''}; not counted`
      : '',
    a.recordedBy && a.confirmedAt === undefined && !a.disputed && !transcribed
      ? 'not yet confirmed by the member'
      : '',
  ].filter(Boolean);
  // The answer's own entry beside its choice: the entries of what replaced, confirmed or disputed
  // it are told each beside its words, so no two stand side by side.
  const lines = [
    `    ${personName(state, a.member)}: ${a.choice} [entry ${a.index}]${how.length > 0 ? `, ${how.join(', ')}` : ''}`,
  ];
  if (a.comment) lines.push(`      "${a.comment}"`);
  return lines;
}

/** The decision once closed; while open, the outcome as it forms and whether it can change. */
function outcomeLines(state: State, c: CirculationState, now: string): string[] {
  if (c.status === 'withdrawn')
    return [
      withStop(
        `  Withdrawn [entry ${c.withdrawn?.index}]${c.withdrawn?.reason ? `: ${c.withdrawn.reason}` : ''}`,
      ),
    ];
  const decision = c.decision ?? decideCirculationIn(c);
  const lines =
    c.status === 'closed'
      ? [`  Decision: ${explanationNamed(state, decision.explanation)} [entry ${c.closedAt}]`]
      : [
          `  Outcome so far: ${explanationNamed(state, decision.explanation)}`,
          `  ${formingWords(state, c, now)}`,
        ];
  lines.push(...bodyDecisionLines(state, decision, '    '));
  if (c.stated !== undefined)
    lines.push(
      `  The minutes state: ${c.stated}${c.stated === decision.outcome ? '' : ' (differs)'}`,
    );
  for (const flag of decision.flags) lines.push(`  ! ${flagNamed(state, flag)}`);
  if (c.ratification) lines.push(`  ${capitalized(ratificationWords(state, c.ratification))}.`);
  return lines;
}

function formingWords(state: State, c: CirculationState, now: string): string {
  if (c.deadline <= now)
    return `The deadline has passed: it closes with this outcome (collegium close-circulation ${c.id}).`;
  return isSettled(c)
    ? `It can no longer change: an officer may close it now (collegium close-circulation ${c.id}).`
    : `It can still change until the deadline: ${stillOpenInWords(state, c)}.`;
}
