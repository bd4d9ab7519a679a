/**
 * What a bundle proves of the decision an instrument rests on: the entry that put it, and whether
 * it was annulled when its ratification failed, read as the record decides it.
 */
import type { DecisionRef } from '../core/acts.js';
import type { Body, Charter } from '../core/charter/model.js';
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

/**
 * What of the decision `ref` the bundle leaves out of the entries every exported bundle holds, in
 * words, or undefined: the entry that put it and, for a motion, its session's opening. Without
 * them the body that decided is unknown, so a failed ratification could not be read: a bundle
 * could hide one by leaving them out, as they come before the issue.
 */
export function decisionLeftOut(
  ref: DecisionRef,
  entries: readonly ProvenEntry[],
): string | undefined {
  if ('circulation' in ref)
    return decisionPut(ref, entries) ? undefined : 'the entry that put the question';
  const opened = entries.some(
    (p) => p.entry.type === 'session.open' && payloadOf(p)['session'] === ref.session,
  );
  const left = [
    ...(decisionPut(ref, entries) ? [] : ['the proposal of the motion']),
    ...(opened ? [] : [`the opening of session ${ref.session}`]),
  ];
  return left.length === 0 ? undefined : left.join(' and ');
}

/**
 * Why the bundle cannot tell whether the decision `ref` was ratified, or undefined when it can:
 * it awaited a body, and a vote decided in the bundle comes without the proposal or the session
 * opening that say what it decided. Every exported bundle holds them, as that vote could be the
 * ratification that failed, and a bundle could hide the failure by leaving them out.
 */
export function ratificationUnread(
  ref: DecisionRef,
  entries: readonly ProvenEntry[],
): string | undefined {
  const index = indexed(entries);
  if (awaitedBody(ref, entries, index) === undefined) return undefined;
  for (const { entry, session, motion } of decidedVotes(entries))
    if (index.put(session, motion) === undefined || index.body(session) === undefined)
      return `it leaves out what the vote closed at entry ${entry.index} decided (its motion's proposal or its session's opening), which could have been its ratification`;
  return undefined;
}

/** The bundle's closed votes that decided their motion, adopted or rejected, in record order. */
function* decidedVotes(entries: readonly ProvenEntry[]) {
  for (const p of entries) {
    if (p.entry.type !== 'vote.close') continue;
    const { session, motion, decision } = payloadOf(p) as {
      session?: string;
      motion?: string;
      decision?: { outcome?: string };
    };
    const outcome = decision?.outcome;
    if (outcome === 'adopted' || outcome === 'rejected')
      yield { entry: p.entry, session, motion, outcome };
  }
}

/** The body that had to confirm the adopted decision, by the charter in force when it was put. */
function awaitedBody(
  ref: DecisionRef,
  entries: readonly ProvenEntry[],
  index: Indexed,
): string | undefined {
  const body = bodyDeciding(ref, entries, index);
  return body && ratifierOf(body, 'circulation' in ref ? 'circulation' : 'motion');
}

/**
 * The body that took the decision `ref`, as the charter in force when it was put gives it: the
 * question's, or the session's where the bundle holds its opening; undefined where it cannot tell.
 */
export function bodyDeciding(
  ref: DecisionRef,
  entries: readonly ProvenEntry[],
  index: Indexed = indexed(entries),
): Body | undefined {
  const put = decisionPut(ref, entries);
  if (!put) return undefined;
  const id = 'circulation' in ref ? payloadOf(put)['body'] : index.body(ref.session);
  return typeof id === 'string' ? put.charter.bodies.get(id) : undefined;
}

/**
 * The bundle's motion proposals by session and motion, and its session openings by session: the
 * first of each, as decisionPut finds them, read once rather than once per vote.
 */
function indexed(entries: readonly ProvenEntry[]) {
  const proposals = new Map<unknown, Map<unknown, ProvenEntry>>();
  const openings = new Map<unknown, ProvenEntry>();
  for (const p of entries) {
    const payload = payloadOf(p);
    const session = payload['session'];
    if (p.entry.type === 'session.open' && !openings.has(session)) openings.set(session, p);
    if (p.entry.type !== 'motion.propose') continue;
    const motions = proposals.get(session) ?? new Map<unknown, ProvenEntry>();
    proposals.set(session, motions);
    if (!motions.has(payload['motion'])) motions.set(payload['motion'], p);
  }
  return {
    put: (session: unknown, motion: unknown) => proposals.get(session)?.get(motion),
    /** The body whose session it is, where the bundle holds the session's opening. */
    body: (session: unknown) => {
      const open = openings.get(session);
      return open && payloadOf(open)['body'];
    },
  };
}

type Indexed = ReturnType<typeof indexed>;

/**
 * Whether the adopted decision `ref` names was annulled when its ratification failed: it awaited
 * a session of the body its charter names, and the first motion of that body put to ratify it
 * that was decided rejected it. A motion put to ratify a decision that awaited none, of another
 * body, or after another had decided it, changed nothing, whatever its outcome.
 */
export function annulledByRatification(ref: DecisionRef, entries: readonly ProvenEntry[]): boolean {
  const index = indexed(entries);
  const by = awaitedBody(ref, entries, index);
  if (by === undefined) return false;
  const target = JSON.stringify(ref);
  for (const { session, motion, outcome } of decidedVotes(entries)) {
    const put = index.put(session, motion);
    const ratifies = put && JSON.stringify(payloadOf(put)['ratifies']);
    if (ratifies === target && index.body(session) === by) return outcome === 'rejected';
  }
  return false;
}
