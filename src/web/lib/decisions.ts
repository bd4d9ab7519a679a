/**
 * The adopted decisions an instrument may rest on, be revoked or annulled by: those of a body and
 * of the bodies it delegates to (as the record checks), taken in its sessions or in writing. Read
 * from the registers of circulations and of sessions; the record checks the choice again.
 */
import { getJson, seg } from './api.js';
import type {
  CirculationSummary,
  DecisionRef,
  Organization,
  Ratification,
  Session,
  SessionSummary,
} from './types.js';

export interface AdoptedDecision {
  readonly ref: DecisionRef;
  readonly body: string;
  readonly text: string;
}

function standing(outcome: string | undefined, ratification: Ratification | null | undefined) {
  return outcome === 'adopted' && ratification?.status !== 'annulled';
}

export async function adoptedDecisions(
  org: Organization,
  body: string,
): Promise<AdoptedDecision[]> {
  const bodies = new Set([body, ...org.bodies.filter((b) => b.parent === body).map((b) => b.id)]);
  const [circulations, sessions] = await Promise.all([
    getJson<CirculationSummary[]>('/api/circulations?state=closed'),
    getJson<SessionSummary[]>('/api/sessions'),
  ]);
  const written = circulations
    .filter((c) => bodies.has(c.body) && standing(c.decision?.outcome, c.ratification))
    .map((c) => ({ ref: { circulation: c.id }, body: c.body, text: c.text }));
  const held = await Promise.all(
    sessions
      // A session convened and not opened yet has taken no decision (and no view of its own).
      .filter((s) => bodies.has(s.body) && !s.convened)
      .map((s) => getJson<Session>(`/api/sessions/${seg(s.id)}`)),
  );
  const moved = held.flatMap((s) =>
    s.motions
      .filter((m) => standing(m.decision?.outcome, m.ratification))
      .map((m) => ({ ref: { session: s.id, motion: m.id }, body: s.body, text: m.text })),
  );
  return [...moved, ...written];
}
