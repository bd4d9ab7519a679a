/** The record in words: protocols of sessions and the entry log, as the CLI prints them. */
import {
  bodyAtOpening,
  charterAt,
  explanationNamed,
  flagNamed,
  personName,
} from '../core/state/index.js';
import type { MotionState, SessionState, State } from '../core/state/index.js';
import type { SignedEntry } from '../record/entry.js';
import { betweenMeetingsSummary, motionLinks } from './format-acts.js';
import { approvalLines, noticeLines } from './format-minutes.js';
import { minutesDocument } from '../core/minutes/build.js';
import { memberInSession } from '../core/minutes/attendance.js';
import { dayInWords, memberName } from '../core/minutes/words.js';
import { CHOICE_HEADING, choiceLabel, inChoiceOrder } from '../core/words.js';
import {
  bodyDecisionLines,
  capitalized,
  chainLines,
  linkLines,
  ratificationWords,
} from './format-decisions.js';

export function protocolLines(state: State, session: SessionState): string[] {
  // The session is run by the officers of the charter in force when it opened.
  const body = bodyAtOpening(state, session);
  // Candidates marked as the minutes mark them: a voice and no vote.
  const present = (ids: readonly string[]): string =>
    ids.map((p) => memberName(memberInSession(state, session, body, p))).join(', ');
  const day = session.date === undefined ? undefined : dayInWords(session.date);
  const heading = [body.name, session.title, day, session.place].filter(Boolean).join(', ');
  const lines = [`${heading} [${session.id}]`];
  lines.push(session.mode === 'minutes' ? '  Transcribed from the minutes.' : '  Recorded live.');
  const chair = session.chair ?? body.chair;
  if (chair) lines.push(`  Chair: ${personName(state, chair)}`);
  if (body.secretary) lines.push(`  Secretary: ${personName(state, body.secretary)}`);
  const minutes = minutesDocument(state, session.id);
  lines.push(...noticeLines(minutes));
  const arrivals = session.attendance.filter(
    (a) => a.kind === 'arrive' && a.index < (firstMotionAt(state, session) ?? Infinity),
  );
  // Looked up for each event before each motion: an assembly's session has a thousand of each.
  const arrived = new Set(arrivals);
  lines.push(`  Present (${arrivals.length}): ${present(arrivals.map((a) => a.person))}`);
  lines.push(...grantLines(state, session.id, undefined, '  '));
  let n = 0;
  for (const key of session.motions) {
    const motion = state.motions.get(key);
    if (!motion) continue;
    for (const a of session.attendance) {
      if (
        a.index > (previousMotionAt(state, session, key) ?? -1) &&
        a.index < motion.proposedAt &&
        !arrived.has(a)
      ) {
        lines.push(
          `  ${a.kind === 'arrive' ? 'Arrives' : 'Leaves'}: ${personName(state, a.person)}`,
        );
      }
    }
    lines.push(...motionLines(state, motion, ++n));
  }
  if (session.closedAt !== undefined) lines.push(`  Session closed [entry ${session.closedAt}].`);
  else lines.push('  The session is open.');
  lines.push(...approvalLines(minutes));
  return lines;
}

/** The proxies given for a session (motion undefined) or for one motion of it. */
function grantLines(
  state: State,
  session: string,
  motion: string | undefined,
  indent: string,
): string[] {
  return [...state.grants.values()]
    .filter((g) => g.session === session && g.motion === motion)
    .map(
      (g) =>
        `${indent}Proxy of ${personName(state, g.grantor)} to ${personName(state, g.holder)} for ${motion === undefined ? 'the session' : 'this motion'} [entry ${g.grantedAt}]${g.revokedAt !== undefined ? `, revoked [entry ${g.revokedAt}]` : ''}`,
    );
}

function firstMotionAt(state: State, session: SessionState): number | undefined {
  const first = session.motions[0];
  return first ? state.motions.get(first)?.proposedAt : undefined;
}

function previousMotionAt(state: State, session: SessionState, key: string): number | undefined {
  const i = session.motions.indexOf(key);
  const prev = i > 0 ? session.motions[i - 1] : undefined;
  return prev ? state.motions.get(prev)?.closedAt : undefined;
}

export function motionLines(state: State, motion: MotionState, n: number): string[] {
  const name = (person: string): string => personName(state, person);
  const proposer = motion.proposer ? ` (moved by ${name(motion.proposer)})` : '';
  const lines = [`  ${n}. ${motion.id}: "${motion.text}"${proposer}`];
  if (motion.power !== undefined)
    lines.push(`     It is put under the delegated power ${motion.power}.`);
  if (motion.amends) lines.push('     It carries the whole charter as amended.');
  if (motion.invites) lines.push(`     It re-invites ${name(motion.invites)} to enrol a key.`);
  lines.push(...linkLines(state, motion, '     '));
  if (motion.alternatives)
    lines.push(`     Alternatives (${motion.method}): ${motion.alternatives.join(', ')}`);
  lines.push(...grantLines(state, motion.session, motion.id, '     '));
  const byChoice = new Map<string, string[]>();
  for (const b of motion.ballots.values()) {
    const key = motion.alternatives ? (b.alternative ?? 'abstain') : (b.choice ?? 'not-voting');
    const who = name(b.voter) + (b.castBy ? ` (by proxy: ${name(b.castBy)})` : '');
    byChoice.set(key, [...(byChoice.get(key) ?? []), who]);
  }
  for (const [choice, voters] of inChoiceOrder(byChoice, motion.alternatives))
    lines.push(`     ${CHOICE_HEADING[choice] ?? choice} (${voters.length}): ${voters.join(', ')}`);
  if (motion.counts) {
    lines.push(
      `     Counted: ${inChoiceOrder(Object.entries(motion.counts), motion.alternatives)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  }
  if (motion.casting) lines.push(`     The chair's casting vote: ${choiceLabel(motion.casting)}`);
  if (motion.decision) lines.push(...decisionLines(state, motion));
  else {
    lines.push(
      `     ${motion.status === 'open' ? 'The vote is open.' : 'Not yet put to the vote.'}`,
    );
  }
  return lines;
}

/** A closed motion's decision, what the minutes state, and what it brought about. */
function decisionLines(state: State, motion: MotionState): string[] {
  const decision = motion.decision!;
  const lines = [
    `     Decision: ${explanationNamed(state, decision.explanation)} [entry ${motion.closedAt}]`,
  ];
  lines.push(...bodyDecisionLines(state, decision, '       '));
  const atClose = charterAt(state, motion.closedAt!)?.from;
  if (motion.charterAtOpen !== undefined && atClose !== motion.charterAtOpen)
    lines.push(
      `     Decided by the roster and rules in force when its vote opened (charter of entry ${motion.charterAtOpen}).`,
    );
  if (motion.stated !== undefined) {
    lines.push(
      `     The minutes state: ${motion.stated}${motion.stated === decision.outcome ? '' : ' (differs)'}`,
    );
  }
  for (const flag of [...decision.flags, ...(motion.countFlags ?? [])])
    lines.push(`     ! ${flagNamed(state, flag)}`);
  if (motion.amendedAt !== undefined)
    lines.push(
      `     The charter as amended by this motion is in force from entry ${motion.amendedAt}.`,
    );
  if (motion.invitedAt !== undefined)
    lines.push(`     Invitation to enrol issued on this decision [entry ${motion.invitedAt}].`);
  if (motion.ratification)
    lines.push(`     ${capitalized(ratificationWords(state, motion.ratification))}.`);
  lines.push(...chainLines(state, { session: motion.session, motion: motion.id }, '     '));
  return lines;
}

export function entryLine(entry: SignedEntry): string {
  const p = entry.payload as unknown as Record<string, unknown>;
  const who =
    entry.actor === null
      ? 'the organization'
      : entry.signer === entry.actor
        ? entry.actor
        : `${entry.actor}, recorded by ${entry.signer ?? 'the custodian'}`;
  return `${String(entry.index).padStart(6)}  ${entry.time}  ${entry.type.padEnd(17)} ${who}: ${summary(entry.type, p)}`;
}

function summary(type: string, p: Record<string, unknown>): string {
  const s = (k: string): string => String(p[k] ?? '');
  switch (type) {
    case 'member.invite': {
      const decision = p['decision'] as { session?: string; motion?: string } | undefined;
      const on = decision ? ` on the decision ${decision.session}/${decision.motion}` : '';
      return `${s('person')} invited to enrol a key${on}, until ${s('expires')}`;
    }
    case 'member.enrol':
      return `${s('person')} enrolled with key ${s('key')}${p['replaces'] ? `, replacing ${s('replaces')}` : ''}`;
    case 'member.revoke':
      return `${s('person')}'s key ${s('key')} revoked${p['reason'] ? `: ${s('reason')}` : ''}`;
    case 'charter.adopt':
      return `charter of ${String((p['charter'] as { organization?: { id?: string } })?.organization?.id ?? '?')}`;
    case 'session.open':
      return `${s('session')} of ${s('body')}${p['date'] ? ` on ${s('date')}` : ''} (${s('mode')})`;
    case 'session.close':
      return s('session');
    case 'attendance.arrive':
    case 'attendance.depart':
      return `${s('person')} at ${s('session')}`;
    case 'motion.propose':
      return `${s('session')}/${s('motion')}: "${s('text')}"${p['amends'] ? ' (amends the charter)' : ''}${p['invites'] ? ` (re-invites ${s('invites')})` : ''}${motionLinks(p)}`;
    case 'ballot.cast':
      return `${s('session')}/${s('motion')}: ${s('voter')} ${p['choice'] ?? (p['alternative'] === null ? 'abstain' : s('alternative'))}${p['castBy'] ? ` (by proxy ${s('castBy')})` : ''}`;
    case 'vote.count':
      return `${s('session')}/${s('motion')}: ${JSON.stringify(p['counts'])}`;
    case 'vote.casting':
      return `${s('session')}/${s('motion')}: casting vote ${s('choice')}`;
    case 'vote.close':
      return `${s('session')}/${s('motion')}: ${(p['decision'] as { outcome?: string })?.outcome ?? '?'}`;
    case 'charter.amend':
      return `the charter as amended by ${s('session')}/${s('motion')} in force`;
    case 'proxy.grant':
      return `proxy ${s('grant')} in ${s('body')} to ${s('holder')}, ${p['session'] ? `for ${s('session')}${p['motion'] ? `/${s('motion')}` : ''}` : `until ${s('until')}`}`;
    case 'proxy.revoke':
      return `proxy ${s('grant')} revoked${p['reason'] ? `: ${s('reason')}` : ''}`;
    default:
      return betweenMeetingsSummary(type, p) ?? `${s('session')}/${s('motion')}`;
  }
}
