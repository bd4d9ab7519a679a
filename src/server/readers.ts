/**
 * Who may read the record through the server, and what of it: the charter's `record.read` says
 * who (anyone, the people who sit on a body, or its officers), and while a vote is open in a body
 * whose charter hides the running tally, how each member voted is withheld from everyone but the
 * voter until the vote closes. Who has voted, and how many, stays readable.
 */
import type { ActType } from '../core/acts.js';
import type { Charter, ReadPolicy } from '../core/charter/model.js';
import { isSealed, motionKey } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import { refuse } from './errors.js';
import { BALLOT_ACTS } from './event-derivation.js';
import { charterOf } from './views.js';

const READERS_IN_WORDS: Record<Exclude<ReadPolicy, 'public'>, string> = {
  members: 'the people who sit on one of its bodies',
  officers: 'the officers of its bodies (chairs, secretaries and the others the charter names)',
};

const readersOf = new WeakMap<Charter, ReadonlySet<string>>();

/** The people the charter lets read the record (for every policy but `public`). */
function readers(charter: Charter): ReadonlySet<string> {
  let set = readersOf.get(charter);
  if (set) return set;
  const officersOnly = charter.record.read === 'officers';
  const people = new Set<string>();
  for (const body of charter.bodies.values()) {
    if (body.chair) people.add(body.chair);
    if (body.secretary) people.add(body.secretary);
    for (const p of body.officers) people.add(p);
    if (!officersOnly) for (const p of [...body.votingMembers, ...body.candidates]) people.add(p);
  }
  set = people;
  readersOf.set(charter, set);
  return set;
}

/** Whether the charter in force lets `person` (null: not signed in) read the record. */
export function mayRead(state: State, person: string | null): boolean {
  const charter = charterOf(state);
  return charter.record.read === 'public' || (person !== null && readers(charter).has(person));
}

/** Refuses `person` (null: not signed in) unless the charter in force lets them read the record. */
export function checkReader(state: State, person: string | null): void {
  if (mayRead(state, person)) return;
  const policy = charterOf(state).record.read as Exclude<ReadPolicy, 'public'>;
  if (person === null)
    refuse(
      'unauthenticated',
      `sign in to read this record: it is open to ${READERS_IN_WORDS[policy]}`,
    );
  refuse(
    'forbidden',
    `${person} may not read this record: it is open to ${READERS_IN_WORDS[policy]}`,
  );
}

/** What replaces an entry that is withheld. */
export const WITHHELD = 'a ballot of an open vote: withheld until the vote closes';

/** The keys of the motions whose ballots are withheld now: open votes of bodies that hide the
 * running tally. */
export function sealedMotions(state: State): ReadonlySet<string> {
  const sealed = new Set<string>();
  if (!state.charter) return sealed;
  for (const m of state.motions.values()) if (isSealed(state, m)) sealed.add(m.key);
  return sealed;
}

/** An act as the record has it: enough to tell whether it is withheld. */
export interface ReadAct {
  readonly type: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Whether `act` is withheld from `reader`: a ballot on a sealed motion that is not their own. */
export function isWithheld(
  sealed: ReadonlySet<string>,
  act: ReadAct,
  reader: string | null,
): boolean {
  if (sealed.size === 0 || !BALLOT_ACTS.has(act.type as ActType)) return false;
  const { session, motion, voter, castBy } = act.payload;
  if (!sealed.has(motionKey(String(session), String(motion)))) return false;
  return reader === null || (voter !== reader && castBy !== reader);
}
