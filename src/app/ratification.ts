/**
 * Ratifying a provisional decision: a motion put in a session of the ratifying body that names
 * it (`ratifies`); adopted, the decision is final; rejected, it is annulled.
 */
import type { DecisionRef } from '../core/acts.js';
import { fail } from '../core/errors.js';
import { ID_MAX_LENGTH } from '../core/id-rule.js';
import { decisionOf, isCirculationRef, motionKey, refInWords } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import type { DraftSource } from './ledger.js';
import { proposeMotion } from './proceedings.js';

export interface RatificationRequest {
  readonly ratifies: DecisionRef;
  readonly session: string;
  /** The motion's id; by default `ratify-` and the decision's id, numbered when taken. */
  readonly motion?: string;
  /** The motion's wording; by default "Ratify", the decision's name and its text. */
  readonly text?: string;
  readonly proposer?: string;
}

/** The longest quotation of the decision's text in the motion's default wording. */
const QUOTED = 500;

export function putRatification(request: RatificationRequest, actor?: string): DraftSource {
  return (state) => {
    const target = decisionOf(state, request.ratifies);
    if (!state.sessions.has(request.session)) fail('not-found', `no session '${request.session}'`);
    const quoted =
      target.text.length > QUOTED ? `${target.text.slice(0, QUOTED - 1)}…` : target.text;
    const draft = proposeMotion(
      {
        session: request.session,
        motion: request.motion ?? ratificationId(state, request.session, request.ratifies),
        text: request.text ?? `Ratify ${refInWords(request.ratifies)}: ${quoted}`,
        ratifies: request.ratifies,
        ...(request.proposer !== undefined ? { proposer: request.proposer } : {}),
      },
      actor,
    );
    return typeof draft === 'function' ? draft(state) : draft;
  };
}

/** `ratify-ID` for the decision ID, numbered when the session has one already. */
function ratificationId(state: State, session: string, ref: DecisionRef): string {
  const of = isCirculationRef(ref) ? ref.circulation : ref.motion;
  const base = `ratify-${of}`.slice(0, ID_MAX_LENGTH - 4);
  let id = base;
  for (let n = 2; state.motions.has(motionKey(session, id)); n++) id = `${base}-${n}`;
  return id;
}
