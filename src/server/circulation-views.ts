/**
 * What the reading endpoints show of circulations: a register's summaries, one circulation with
 * each member's answer and the chain it belongs to, and a member's inbox of questions. The outcome
 * is shown as it forms (as if it closed now) until it is closed. Optional fields are left out when
 * absent (docs/api.md marks them with ?).
 */
import { withoutUndefined } from '../core/json.js';
import type { Decision } from '../core/rules/index.js';
import {
  bodyNameIn,
  chainOf,
  circulationRuleWords,
  decideCirculationIn,
  decisionInWords,
  isSettled,
  personNameIn,
} from '../core/state/index.js';
import type { AnswerState, CirculationState, State } from '../core/state/index.js';
import { circulationOf } from '../core/state/index.js';
import { ratificationView } from './decision-views.js';
import { charterOf } from './views.js';

/** The outcome as it stands: the decision once closed, else the one closing now would give. */
export function formingOf(c: CirculationState): Decision & { settled: boolean } {
  if (c.status === 'closed' && c.decision) return { ...c.decision, settled: true };
  return { ...decideCirculationIn(c), settled: c.status === 'open' && isSettled(c) };
}

/** A circulation as a register lists it; `now` (ISO) says whether its deadline is past. */
export function circulationSummary(state: State, c: CirculationState, now: string) {
  const charter = charterOf(state);
  const forming = formingOf(c);
  return {
    id: c.id,
    body: c.body,
    bodyName: bodyNameIn(charter, c.body),
    text: c.text,
    by: c.by,
    byName: personNameIn(charter, c.by),
    deadline: c.deadline,
    status: c.status,
    // Both of the members whose answers count: those drawn in or without a vote are heard only.
    asked: forming.quorum.votingMembers,
    answered: forming.quorum.presentVoting,
    forming: {
      outcome: forming.outcome,
      explanation: forming.explanation,
      settled: forming.settled,
    },
    ...withoutUndefined({
      decision: c.decision,
      ratification: c.ratification && ratificationView(state, c.ratification),
      dispatch: c.dispatch,
    }),
    overdue: c.status === 'open' && c.deadline <= now,
  };
}

/** One circulation: its summary, who was asked and how each answered, its chain of decisions. */
export function circulationView(state: State, id: string, now: string) {
  const c = circulationOf(state, id);
  const charter = charterOf(state);
  const forming = formingOf(c);
  const others = [...c.answers.keys()].filter((m) => !c.asked.includes(m));
  return {
    ...circulationSummary(state, c, now),
    mode: c.mode,
    ...withoutUndefined({ to: c.to }),
    rule: ruleView(c),
    // Those asked, then anyone a transcription records as answering who was not.
    members: [...c.asked, ...others].map((member) => {
      const answer = c.answers.get(member);
      return {
        id: member,
        name: personNameIn(charter, member),
        ...(answer ? { answer: answerView(answer) } : {}),
      };
    }),
    openedAt: c.openedAt,
    openedTime: c.openedTime,
    ...withoutUndefined({ closedAt: c.closedAt, withdrawn: c.withdrawn, stated: c.stated }),
    flags: forming.flags,
    chain: chainOf(state, { circulation: c.id }).map((d) => ({
      ref: d.ref,
      body: d.body,
      bodyName: bodyNameIn(charter, d.body),
      text: d.text,
      named: decisionInWords(state, d.ref),
      ...withoutUndefined({
        outcome: d.decision?.outcome,
        ratification: d.ratification && ratificationView(state, d.ratification),
      }),
    })),
    forming,
  };
}

export function answerView(a: AnswerState) {
  return {
    choice: a.choice,
    ...withoutUndefined({
      comment: a.comment,
      channel: a.channel,
      recordedBy: a.recordedBy,
      at: a.at,
    }),
    index: a.index,
    late: a.late,
    confirmed: a.confirmedAt !== undefined,
    ...(a.disputed ? { disputed: withoutUndefined({ reason: a.disputed.reason }) } : {}),
    ...withoutUndefined({ replaced: a.replaced }),
  };
}

/** The rule that decides it, in words; null for a consultation, whose answers are advice. */
function ruleView(c: CirculationState) {
  return c.rule ? { kind: c.rule.kind, words: circulationRuleWords(c) } : null;
}

/**
 * What `person` is asked: the open circulations that ask them (those they have still to answer,
 * `toAnswer`, first, then by deadline), and those holding an answer an officer recorded for them
 * that they have not yet confirmed or disputed (`toConfirm`).
 */
export function inboxOf(state: State, person: string, now: string) {
  const questions = [...state.circulations.values()].flatMap((c) => {
    // Questions transcribed from minutes are history as written: they ask no one now.
    if (c.mode !== 'live') return [];
    const mine = c.answers.get(person);
    const toConfirm =
      c.status !== 'withdrawn' &&
      mine?.recordedBy !== undefined &&
      mine.confirmedAt === undefined &&
      mine.disputed === undefined;
    if (!toConfirm && !(c.status === 'open' && c.asked.includes(person))) return [];
    const myAnswer = mine && answerView(mine);
    const summary = circulationSummary(state, c, now);
    // A disputed answer no longer counts: the member has that question to answer again, by the
    // deadline (an answer after it is refused).
    const toAnswer =
      c.status === 'open' && !summary.overdue && (!mine || mine.disputed !== undefined);
    return [{ ...summary, ...(myAnswer ? { myAnswer } : {}), toConfirm, toAnswer }];
  });
  questions.sort(
    (a, b) =>
      Number(b.toAnswer) - Number(a.toAnswer) ||
      (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0),
  );
  return { questions };
}
