/**
 * The outcome of a question put outside a session (a circulation), from the written answers of
 * the members asked: unanimous consent, a majority rule with an optional quorum of answers, or,
 * without a rule (a consultation, or a question to a body that has none), advice that decides
 * nothing.
 */
import { listed, ruleInWords } from './explain.js';
import { MEETS } from './formula.js';
import { requiredPresent } from './quorum.js';
import type { CirculationRule, Decision, Exclusion, QuorumResult } from './types.js';

export type AnswerChoice = 'aye' | 'nay' | 'abstain';
export const ANSWER_CHOICES: readonly AnswerChoice[] = ['aye', 'nay', 'abstain'];

export interface CirculationAnswer {
  readonly member: string;
  readonly choice: AnswerChoice;
  /** Given after the deadline (a transcription records it; it does not count). */
  readonly late?: boolean;
  /** Disputed by the member after an officer recorded it for them: it does not count. */
  readonly disputed?: boolean;
}

export interface CirculationQuestion {
  /** The members asked, each once. */
  readonly asked: readonly string[];
  /** The latest answer of each member, in record order. */
  readonly answers: readonly CirculationAnswer[];
  /** Undefined: no rule decides it (a consultation, or a body without one), its answers advice. */
  readonly rule: CirculationRule | undefined;
  /** Put to named members (a consultation), not to the whole body. */
  readonly consultation?: boolean;
  /**
   * Those asked who have no vote in the body (minutes may record a question put to them): their
   * answers are not counted, and they are not among the members the rule counts.
   */
  readonly notVoting?: readonly string[];
}

/** Why answers without a rule decide nothing: a consultation asks advice; a body may have no rule. */
const ADVICE = {
  consultation: 'a consultation without a rule decides nothing',
  body: 'the body has no rule for questions put between sessions, so the answers decide nothing',
};

/**
 * The members asked whose answers count, in the order asked: all but those without a vote. The
 * members a rule and its quorum are counted of (the decision's `quorum.votingMembers`).
 */
export function askedWithVote(q: Pick<CirculationQuestion, 'asked' | 'notVoting'>): string[] {
  const notVoting = new Set(q.notVoting);
  return q.asked.filter((m) => !notVoting.has(m));
}

/** The outcome if the question closed now: an answer not given counts as not given. */
export function decideCirculation(question: CirculationQuestion): Decision {
  const notVoting = new Set(question.notVoting);
  const q = { ...question, asked: askedWithVote(question) };
  const asked = new Set(q.asked);
  const excluded: Exclusion[] = [];
  const counted = new Map<string, AnswerChoice>();
  for (const a of q.answers) {
    if (notVoting.has(a.member)) excluded.push({ voter: a.member, reason: 'not-a-member' });
    else if (!asked.has(a.member)) excluded.push({ voter: a.member, reason: 'not-asked' });
    else if (a.late) excluded.push({ voter: a.member, reason: 'late' });
    else if (a.disputed) excluded.push({ voter: a.member, reason: 'disputed' });
    else counted.set(a.member, a.choice);
  }
  // Names are listed in the order the members were asked, excluded ones by id: the words, like
  // the outcome, do not depend on the order the answers came in.
  excluded.sort((a, b) => (a.voter < b.voter ? -1 : a.voter > b.voter ? 1 : 0));
  const inOrder = new Map(q.asked.flatMap((m) => (counted.has(m) ? [[m, counted.get(m)!]] : [])));
  const missing = q.asked.filter((m) => !counted.has(m));
  const tally = { aye: 0, nay: 0, abstain: 0, 'no-answer': missing.length };
  for (const choice of counted.values()) tally[choice] += 1;
  const required =
    q.rule?.kind === 'majority' && q.rule.quorum
      ? requiredPresent(q.rule.quorum, q.asked.length)
      : 0;
  const quorum: QuorumResult = {
    required,
    presentVoting: counted.size,
    votingMembers: q.asked.length,
    representedByProxy: 0,
    met: counted.size >= required,
  };
  const base = { quorum, tally, excluded, flags: [] };
  const words = answersInWords(inOrder, missing, q.asked.length);
  if (!q.rule)
    return {
      ...base,
      outcome: 'advisory',
      explanation: `advisory: ${words}; ${q.consultation ? ADVICE.consultation : ADVICE.body}`,
    };
  if (q.rule.kind === 'unanimous') {
    const adopted = tally.aye === q.asked.length && q.asked.length > 0;
    return {
      ...base,
      outcome: adopted ? 'adopted' : 'rejected',
      explanation: adopted
        ? `adopted by unanimous consent: ${words}`
        : `rejected: unanimous consent needs an aye from every member asked; ${words}`,
    };
  }
  if (!quorum.met)
    return {
      ...base,
      outcome: 'not-decided',
      explanation: `not decided: too few answers: ${counted.size} of ${q.asked.length} answered, ${required} required; ${words}`,
    };
  const rule = ruleInWords(q.rule.majority, quorum).replace(
    'members present',
    'members who answered',
  );
  const quorumWords = required > 0 ? `, quorum ${required} answers` : '';
  return MEETS[q.rule.majority](tally.aye, tally.nay, quorum)
    ? { ...base, outcome: 'adopted', explanation: `adopted: ${words}, ${rule}${quorumWords}` }
    : {
        ...base,
        outcome: 'rejected',
        explanation: `rejected: ${words}; ${rule} required${quorumWords}`,
      };
}

/**
 * Whether the outcome can no longer change, whatever the members in `open` (those who have not
 * answered, or whose answer may still be replaced) answer or leave unanswered. Every rule here is
 * monotone in each count, so the four extreme completions bound all the others: the outcome is
 * settled when they agree.
 */
export function circulationSettled(
  q: CirculationQuestion,
  open: readonly string[],
  decide: (q: CirculationQuestion) => Decision = decideCirculation,
): boolean {
  if (open.length === 0) return true;
  const unsettled = new Set(open);
  const firm = q.answers.filter((a) => !unsettled.has(a.member));
  const outcomes = new Set(
    [...ANSWER_CHOICES, undefined].map(
      (choice) =>
        decide({
          ...q,
          answers: choice ? [...firm, ...open.map((member) => ({ member, choice }))] : firm,
        }).outcome,
    ),
  );
  return outcomes.size === 1 && !outcomes.has('advisory');
}

/** "3 ayes, 1 nay (kim), no answer from lee; 4 of 5 answered". */
function answersInWords(
  counted: ReadonlyMap<string, AnswerChoice>,
  missing: readonly string[],
  asked: number,
): string {
  const who = (choice: AnswerChoice) =>
    [...counted].filter(([, c]) => c === choice).map(([m]) => m);
  const part = (choice: AnswerChoice, one: string, many: string): string => {
    const names = who(choice);
    if (names.length === 0) return '';
    return `${names.length} ${names.length === 1 ? one : many} (${listed(names)})`;
  };
  const parts = [
    part('aye', 'aye', 'ayes'),
    part('nay', 'nay', 'nays'),
    part('abstain', 'abstention', 'abstentions'),
    missing.length > 0 ? `no answer from ${listed(missing)}` : '',
  ].filter(Boolean);
  return `${parts.join(', ') || 'no answers'}; ${counted.size} of ${asked} asked answered`;
}
