/**
 * Decisions in words, whichever way they were taken (a motion, a circulation): where a
 * provisional one stands, what one continues, ratifies or approves, a joint decision body by body, and
 * the chain it belongs to. Shared by the protocol, the registers and `question`.
 */
import type { DecisionRef, MinutesRef } from '../core/acts.js';
import type { Decision } from '../core/rules/types.js';
import {
  bodyName,
  chainOf,
  decisionInWords,
  dispatchInWords,
  explanationNamed,
  isCirculationRef,
  ratifyingSentence,
  sessionInWords,
} from '../core/state/index.js';
import type { DecisionView, Ratification, State } from '../core/state/index.js';

/** A reference as the command line takes it: `SESSION/MOTION`, or a circulation's id. */
export function refText(ref: DecisionRef): string {
  return isCirculationRef(ref) ? ref.circulation : `${ref.session}/${ref.motion}`;
}

/** "provisional: awaits ratification by the Board", 'ratified by motion 1 ("…") of the session of … [entry 9]'. */
export function ratificationWords(state: State, r: Ratification): string {
  if (r.status === 'provisional')
    return `provisional: awaits ratification by a session of ${bodyName(state, r.by)}`;
  const by = r.decidedBy ? ` by ${decisionInWords(state, r.decidedBy)}` : '';
  return `${r.status}${by}${r.decidedAt !== undefined ? ` [entry ${r.decidedAt}]` : ''}`;
}

/** Its outcome; before there is one, an open or withdrawn circulation, or a motion not decided. */
export function outcomeWords(state: State, d: DecisionView): string {
  if (d.decision) return d.decision.outcome;
  return isCirculationRef(d.ref)
    ? (state.circulations.get(d.ref.circulation)?.status ?? 'open')
    : 'not yet decided';
}

/** One line of a register: the decision, its outcome and where it stands. */
export function decisionRow(state: State, d: DecisionView): string {
  const outcome = outcomeWords(state, d);
  const standing = d.ratification ? `; ${ratificationWords(state, d.ratification)}` : '';
  const kind = isCirculationRef(d.ref) ? 'circulation' : 'motion';
  return `${refText(d.ref)} (${kind} of ${d.body}) [entry ${d.index}]: "${d.text}": ${outcome}${standing}`;
}

/** What a decision ratifies, continues, answers and approves (minutes), one line each. */
export function linkLines(
  state: State,
  d: {
    readonly session?: string;
    readonly id?: string;
    readonly ratifies?: DecisionRef;
    readonly follows?: DecisionRef;
    readonly dispatch?: string;
    readonly approves?: MinutesRef;
  },
  indent: string,
): string[] {
  const lines: string[] = [];
  if (d.ratifies && d.session !== undefined && d.id !== undefined)
    lines.push(
      `${indent}${ratifyingSentence(state, { session: d.session, id: d.id, ratifies: d.ratifies })}`,
    );
  if (d.follows) lines.push(`${indent}It follows ${decisionInWords(state, d.follows)}.`);
  if (d.dispatch !== undefined)
    lines.push(`${indent}It answers ${dispatchInWords(state, d.dispatch)} [${d.dispatch}].`);
  if (d.approves) {
    const { session } = d.approves;
    lines.push(
      `${indent}It approves the minutes of ${sessionInWords(state, session)} [${session}].`,
    );
  }
  return lines;
}

/** A decision of a joint session counted body by body: each body's own. */
export function bodyDecisionLines(state: State, decision: Decision, indent: string): string[] {
  return (decision.bodies ?? []).map(
    (b) =>
      `${indent}${bodyName(state, b.body)}: ${explanationNamed(state, b.decision.explanation)}`,
  );
}

/** The chain a decision belongs to, when it is more than itself: first to last. */
export function chainLines(state: State, ref: DecisionRef, indent: string): string[] {
  const chain = chainOf(state, ref);
  if (chain.length < 2) return [];
  const step = (d: DecisionView): string =>
    `${refText(d.ref)} (${outcomeWords(state, d)}${d.ratification ? `, ${d.ratification.status}` : ''})`;
  return [`${indent}Chain: ${chain.map(step).join(' → ')}`];
}

export { capitalized } from '../core/words.js';
