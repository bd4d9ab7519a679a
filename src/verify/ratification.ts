/**
 * What a bundle proves of the decision an instrument rests on: the entry that put it, and whether
 * it was annulled when its ratification failed, read as the record decides it.
 */
import type { DecisionRef } from '../core/acts.js';
import type { Charter } from '../core/charter/model.js';
import { ratifierOf } from '../core/state/decisions.js';
import type { RecordEntry } from '../record/proof-formats.js';

/** A proven entry, with the charter in force when it was recorded. */
interface ProvenEntry {
  readonly entry: RecordEntry;
  readonly charter: Charter;
}

type Payload = Record<string, unknown>;
const payloadOf = (p: ProvenEntry) => p.entry.payload as Payload;

/** The entry that put the decision: the motion's proposal, or the question's opening. */
export function decisionPut(ref: DecisionRef, entries: readonly ProvenEntry[]) {
  return entries.find((p) => {
    const payload = payloadOf(p);
    return 'circulation' in ref
      ? p.entry.type === 'circulation.open' && payload['circulation'] === ref.circulation
      : p.entry.type === 'motion.propose' &&
          payload['session'] === ref.session &&
          payload['motion'] === ref.motion;
  });
}

/** The body whose session it is, where the bundle holds the session's opening. */
function sessionBody(session: unknown, entries: readonly ProvenEntry[]): unknown {
  const open = entries.find(
    (p) => p.entry.type === 'session.open' && payloadOf(p)['session'] === session,
  );
  return open && payloadOf(open)['body'];
}

/** The body that had to confirm the adopted decision, by the charter in force when it was put. */
function awaitedBody(ref: DecisionRef, entries: readonly ProvenEntry[]): string | undefined {
  const put = decisionPut(ref, entries);
  if (!put) return undefined;
  const circulation = 'circulation' in ref;
  const id = circulation ? payloadOf(put)['body'] : sessionBody(ref.session, entries);
  const body = typeof id === 'string' ? put.charter.bodies.get(id) : undefined;
  return body && ratifierOf(body, circulation ? 'circulation' : 'motion');
}

/**
 * Whether the adopted decision `ref` names was annulled when its ratification failed: it awaited
 * a session of the body its charter names, and the first motion of that body put to ratify it
 * that was decided rejected it. A motion put to ratify a decision that awaited none, of another
 * body, or after another had decided it, changed nothing, whatever its outcome.
 */
export function annulledByRatification(ref: DecisionRef, entries: readonly ProvenEntry[]): boolean {
  const by = awaitedBody(ref, entries);
  if (by === undefined) return false;
  const target = JSON.stringify(ref);
  for (const p of entries) {
    if (p.entry.type !== 'vote.close') continue;
    const { session, motion, decision } = payloadOf(p) as {
      session?: string;
      motion?: string;
      decision?: { outcome?: string };
    };
    const outcome = decision?.outcome;
    if (outcome !== 'adopted' && outcome !== 'rejected') continue;
    const put = decisionPut({ session: session!, motion: motion! }, entries);
    const ratifies = put && JSON.stringify(payloadOf(put)['ratifies']);
    if (ratifies === target && sessionBody(session, entries) === by) return outcome === 'rejected';
  }
  return false;
}
