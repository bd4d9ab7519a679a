/** A circulation's outcome under its rule, as it forms and when it closes, with its flags. */
import { askedWithVote, circulationSettled, decideCirculation } from '../rules/index.js';
import type { CirculationQuestion, Decision } from '../rules/index.js';
import { circulationRuleInWords, ofMembersAsked } from '../charter/describe.js';
import { listed } from '../rules/explain.js';
import { hasKey } from './authority.js';
import { outsidePowers } from './body.js';
import { byEachBodyOf, exclusionFlags } from './decide.js';
import type { CirculationState, State } from './model.js';
import { personName } from './names.js';

export function questionOf(c: CirculationState): CirculationQuestion {
  const notVoting = uncountedOf(c);
  return {
    asked: c.asked,
    rule: c.rule,
    consultation: c.to !== undefined,
    ...(notVoting.length > 0 ? { notVoting } : {}),
    answers: [...c.answers.values()].map((a) => ({
      member: a.member,
      choice: a.choice,
      late: a.late,
      disputed: a.disputed !== undefined,
    })),
  };
}

/**
 * The members asked whose answers are not counted: those without a vote, and those drawn in from
 * the parent, who are heard as they are.
 */
export function uncountedOf(c: CirculationState): string[] {
  return [...(c.notVoting ?? []), ...(c.drawnIn ?? [])];
}

/**
 * The outcome if it closed now, with what a transcription records against a rule. One asked who
 * has no vote is flagged once: by their answer, not counted, if they gave one. `flaggedTwice` is
 * the reading of records written before, which flagged them as asked whether they answered or not.
 */
export function decideCirculationIn(c: CirculationState, flaggedTwice = false): Decision {
  const decision = decideQuestion(c, questionOf(c));
  const body = c.bodyAtOpen;
  const askedWithoutVote = (c.notVoting ?? [])
    .filter((m) => flaggedTwice || !c.answers.has(m))
    .map((m) => `${m} is not a voting member of ${body.id}`);
  const flags = [...c.flags, ...askedWithoutVote, ...exclusionFlags(decision.excluded, 'answer')];
  if (outsidePowers(body, c.power))
    flags.push(`${body.id} decided outside its delegated powers (${body.powers.join(', ')})`);
  const missing = drawInMissing(c);
  if (missing.length > 0)
    flags.push(`${body.id} did not draw in ${missing.join(', ')} of its parent, who were at hand`);
  return { ...decision, flags };
}

/** The parent's members at hand whom a delegated body was obliged to ask, but did not. */
export function drawInMissing(c: {
  bodyAtOpen: CirculationState['bodyAtOpen'];
  atHand?: readonly string[];
  asked: readonly string[];
}): string[] {
  if (!c.bodyAtOpen.obligations.some((o) => o.kind === 'draw-in-present-members-of')) return [];
  return (c.atHand ?? []).filter((p) => !c.asked.includes(p));
}

/**
 * Members whose answer may still change the outcome: those who have not answered, those whose
 * answer an officer recorded and they may still dispute, and everyone where a second answer
 * replaces the first.
 */
export function openMembers(c: CirculationState): string[] {
  if (c.bodyAtOpen.secondBallot === 'replace') return [...c.asked];
  return c.asked.filter((m) => {
    const a = c.answers.get(m);
    return (
      !a ||
      a.late ||
      a.disputed !== undefined ||
      (a.recordedBy !== undefined && a.confirmedAt === undefined)
    );
  });
}

/**
 * Why the outcome may still change before the deadline, in words: who has not answered, whose
 * answer an officer recorded and they have not confirmed (and may still dispute), who disputed
 * theirs. An officer who would close the question early is told what it waits for. Members
 * whose answers are not counted are not named: the outcome waits for none of them.
 */
export function stillOpenInWords(state: State, c: CirculationState): string {
  if (c.bodyAtOpen.secondBallot === 'replace')
    return 'a later answer of any member asked replaces their first';
  const names = (members: string[]) => listed(members.map((m) => personName(state, m)));
  // Those asked whose answers are not counted (drawn in from the parent, without a vote) are
  // heard as they are: whatever they answer, nothing waits for them.
  const uncounted = uncountedOf(c);
  const open = openMembers(c).filter((m) => !uncounted.includes(m));
  const answer = (m: string) => c.answers.get(m);
  const unanswered = open.filter((m) => !answer(m) || answer(m)!.late);
  const disputed = open.filter((m) => answer(m)?.disputed !== undefined && !answer(m)!.late);
  const unconfirmed = open.filter(
    (m) => !unanswered.includes(m) && !disputed.includes(m) && answer(m)?.recordedBy !== undefined,
  );
  return [
    unanswered.length > 0 ? `no answer yet from ${names(unanswered)}` : '',
    unconfirmed.length > 0
      ? `the ${unconfirmed.length === 1 ? 'answer' : 'answers'} an officer recorded for ${names(unconfirmed)} ${unconfirmed.length === 1 ? 'is' : 'are'} not confirmed yet${keylessWords(state, unconfirmed)}`
      : '',
    disputed.length > 0
      ? `${names(disputed)} disputed the answer recorded and may answer again`
      : '',
  ]
    .filter((part) => part !== '')
    .join('; ');
}

/** Of members whose recorded answers wait for them, those who have no key to confirm with yet. */
function keylessWords(state: State, unconfirmed: readonly string[]): string {
  const keyless = unconfirmed.filter((m) => !hasKey(state, m));
  if (keyless.length === 0) return '';
  if (keyless.length === unconfirmed.length)
    return ' (a member without a key of their own confirms once they enrol one)';
  const who = listed(keyless.map((m) => personName(state, m)));
  return ` (${who}, without a key of their own, ${keyless.length === 1 ? 'confirms' : 'confirm'} once they enrol one)`;
}

/**
 * Whether the outcome can no longer change before the deadline, whatever `open` (by default the
 * members who may still answer live) answer or leave unanswered.
 */
export function isSettled(c: CirculationState, open: readonly string[] = openMembers(c)): boolean {
  return circulationSettled(questionOf(c), open, (q) => decideQuestion(c, q));
}

/**
 * A question's outcome; of a joint body that votes by each body, also each body's own over the
 * answers of its members asked, adopted only when each adopts it, as its motions are.
 */
function decideQuestion(c: CirculationState, q: CirculationQuestion): Decision {
  const whole = decideCirculation(q);
  if (!c.parts || whole.outcome === 'advisory' || !whole.quorum.met) return whole;
  const parts = c.parts.map(({ body, votingMembers }) => {
    const members = new Set(votingMembers);
    const decision = decideCirculation({
      ...q,
      asked: q.asked.filter((m) => members.has(m)),
      answers: q.answers.filter((a) => members.has(a.member)),
    });
    return { body, decision };
  });
  return byEachBodyOf(whole, parts);
}

/** Open circulations whose deadline has come by `now` (an ISO time), oldest deadline first. */
export function overdueCirculations(state: State, now: string): CirculationState[] {
  return [...state.circulations.values()]
    .filter((c) => c.status === 'open' && c.deadline <= now)
    .sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
}

/**
 * How many of those asked have a vote: all but those drawn in or without one (uncountedOf), as
 * the rule counts them (the decision's `quorum.votingMembers`).
 */
export function withVoteOf(c: CirculationState): number {
  return askedWithVote(questionOf(c)).length;
}

/**
 * How a circulation is decided, in words: its quorum is of the members asked whose answers count,
 * those drawn in from the parent or without a vote heard beside them. Worded as the charter's
 * rule is (circulationRuleInWords), of the members asked.
 */
export function circulationRuleWords(c: CirculationState): string {
  if (!c.rule) return 'none: the answers are advice (advisory)';
  const counted = withVoteOf(c);
  const asked = counted < c.asked.length ? 'asked with a vote' : 'asked';
  return circulationRuleInWords(c.rule, counted, ofMembersAsked(asked));
}

/**
 * When the last answer counted came (an ISO time), of those the minutes or the record time: the
 * question was not decided before it. Undefined where no answer counted has a time. What counts
 * is what the rule's count excludes none of (late, disputed, not asked, without a vote).
 */
export function lastCountedAnswer(c: CirculationState): string | undefined {
  const excluded = new Set(decideCirculation(questionOf(c)).excluded.map((e) => e.voter));
  const times = [...c.answers.values()].flatMap((a) =>
    a.at !== undefined && !excluded.has(a.member) ? [a.at] : [],
  );
  return times.sort().at(-1);
}
