/** Looking up bodies and their obligations, for checking acts and deciding motions alike. */
import type { Body, Charter } from '../charter/model.js';
import { fail } from '../errors.js';
import type { MotionState, SessionState, State } from './model.js';

export function bodyOf(charter: Charter, id: string): Body {
  return charter.bodies.get(id) ?? fail('not-found', `no body '${id}' in the charter`);
}

/**
 * Whether how members voted on `m` is hidden now: its vote is open, and its body hid the tally
 * when the vote opened (an amendment in force since does not unseal a secret vote). Every reader
 * of ballots (the API's views, the minutes in every format) asks this before showing them.
 */
export function isSealed(state: State, m: MotionState): boolean {
  if (m.status !== 'open') return false;
  const body = m.bodyAtOpen ?? (state.charter && bodyOf(state.charter, m.body));
  return body !== undefined && !body.runningTally;
}

/** The parent's members at hand whom a delegated body was obliged to draw in, but who are not present. */
export function drawInMissing(body: Body, session: SessionState): string[] {
  if (!body.obligations.some((o) => o.kind === 'draw-in-present-members-of')) return [];
  return (session.atHand ?? []).filter((p) => !session.present.has(p));
}

/** Whether a delegated body, which decides only under its powers, decides outside them. */
export function outsidePowers(body: Body, power: string | undefined): boolean {
  if (body.parent === undefined || body.powers.length === 0) return false;
  return power === undefined || !body.powers.includes(power);
}
