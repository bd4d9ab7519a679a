/**
 * What the reading endpoints show of decisions across the record, whether taken in a session or
 * between sessions: names beside ids, a ratification and who gives it, and a decision as the
 * registers list it (provisional ones, everything on one question, a session's agenda of
 * ratifications). Optional fields are left out when absent (docs/api.md marks them with ?).
 */
import type { RegisteredDecision } from '../api/decisions.js';
import { decidedAt } from '../app/registers.js';
import type { Charter } from '../core/charter/model.js';
import { fail } from '../core/errors.js';
import { withoutUndefined } from '../core/json.js';
import { decisionDate } from '../core/minutes/dates.js';
import { bodyName, bodyNameIn, decisionInWords, isCirculationRef } from '../core/state/index.js';
import type { DecisionView, Ratification, State } from '../core/state/index.js';

/** A ratification, its body and the decision that settled it named in words beside their ids. */
export function ratificationView(state: State, r: Ratification) {
  return {
    ...r,
    byName: bodyName(state, r.by),
    ...(r.decidedBy ? { decidedByNamed: decisionInWords(state, r.decidedBy) } : {}),
  };
}

/**
 * A decision as a register lists it: what put it, its decision, its ratification and links, and
 * `named`, the decision in words (its motion and session, or the question put between sessions),
 * so that a page never shows the ids the record keys it by.
 */
export function decisionItem(state: State, d: DecisionView) {
  return {
    ref: d.ref,
    body: d.body,
    bodyName: bodyName(state, d.body),
    text: d.text,
    named: decisionInWords(state, d.ref),
    index: d.index,
    ...withoutUndefined({
      decision: d.decision,
      ratification: d.ratification && ratificationView(state, d.ratification),
      follows: d.follows,
      ratifies: d.ratifies,
      dispatch: d.dispatch,
    }),
  };
}

/** A decision taken, as GET /api/decisions lists it (src/api/decisions.ts): its day, outcome and
 * entries, names beside ids. */
export function registeredDecision(
  state: State,
  charter: Charter,
  d: DecisionView,
): RegisteredDecision {
  const decision = d.decision ?? fail('conflict', 'the register lists only decisions taken');
  const session = isCirculationRef(d.ref) ? undefined : state.sessions.get(d.ref.session);
  return {
    ref: d.ref,
    body: d.body,
    bodyName: bodyNameIn(charter, d.body),
    ...(session?.title !== undefined ? { sessionTitle: session.title } : {}),
    date: decisionDate(state, d.ref) ?? '',
    text: d.text,
    outcome: decision.outcome,
    explanation: decision.explanation,
    tally: decision.tally,
    ...(d.ratification ? { ratification: d.ratification.status } : {}),
    index: d.index,
    entry: decidedAt(state, d.ref) ?? d.index,
  };
}
