/**
 * The adopted decisions an instrument may rest on, be revoked or annulled by: those of a body and
 * of the bodies it delegates to (as the record checks), taken in its sessions or in writing, and
 * not annulled since. Read from the register of decisions, each named in words; the record checks
 * the choice again.
 */
import type { DecisionRegister } from '../../api/decisions.js';
import { getJson } from './api.js';
import type { DecisionRef, Organization } from './types.js';

export interface AdoptedDecision {
  readonly ref: DecisionRef;
  readonly body: string;
  readonly text: string;
  /** In words: its motion and session, or the question put between sessions. */
  readonly named: string;
}

export async function adoptedDecisions(
  org: Organization,
  body: string,
): Promise<AdoptedDecision[]> {
  const bodies = new Set([body, ...org.bodies.filter((b) => b.parent === body).map((b) => b.id)]);
  const { decisions } = await getJson<DecisionRegister>('/api/decisions?outcome=adopted');
  return decisions
    .filter((d) => bodies.has(d.body) && d.ratification !== 'annulled')
    .map(({ ref, body, text, named }) => ({ ref, body, text, named }));
}
