/** Who is who: the charter's people, and lists of members looked up for every ballot. */
import type { Body, Charter } from '../charter/model.js';
import { fail } from '../errors.js';
import type { State } from './model.js';
import { bodyNameIn, personNameIn } from './names.js';

/** Refuses an act that names someone the charter does not know. */
export function requirePerson(charter: Charter, person: string): void {
  if (!charter.people.has(person)) fail('not-found', `no person '${person}' in the charter`);
}

/**
 * Those said to be at hand (live) are people of the charter and, where the body must draw in the
 * members of a parent at hand, members of that parent: a name it cannot draw in is refused as
 * such, not taken for a member it failed to ask.
 */
export function checkAtHand(charter: Charter, body: Body, atHand: readonly string[] = []): void {
  const parents = body.obligations.flatMap((o) =>
    o.kind === 'draw-in-present-members-of' ? [o.body] : [],
  );
  for (const person of atHand) {
    requirePerson(charter, person);
    const member = (parent: string) =>
      listed(charter.bodies.get(parent)?.votingMembers ?? [], person);
    if (parents.length > 0 && !parents.some(member))
      fail(
        'not-member',
        `${personNameIn(charter, person)}, said to be at hand, is not a voting member of ${parents.map((b) => bodyNameIn(charter, b)).join(' or ')}, whose members ${body.name} draws in`,
      );
  }
}

/** A person's seat on a body: voting, or a candidate's (a voice and no vote), or none. */
export type Seat = 'voting member' | 'candidate' | '';

/** The seat `person` holds on `body`: one listed both ways is a candidate, as the rules count them. */
export function seatOn(body: Body, person: string): Seat {
  if (listed(body.candidates, person)) return 'candidate';
  return listed(body.votingMembers, person) ? 'voting member' : '';
}

/**
 * Whether `id` is in `list`, by a set made once per list: an assembly's members, and who was
 * present when its vote opened, are looked up for every ballot. The lists are never changed once
 * made (the charter's; a motion's presentAtOpen is replaced, not changed), so a set stays true.
 */
const sets = new WeakMap<readonly string[], ReadonlySet<string>>();
export function listed(list: readonly string[], id: string): boolean {
  if (list.length < SET_FROM) return list.includes(id);
  return setOf(list).has(id);
}

/** Below this length a list is searched: a set costs more than it saves. */
const SET_FROM = 16;

/** Whether the set of `list` is made (for tests: making it ahead is what this module is for). */
export function lookupMade(list: readonly string[]): boolean {
  return sets.has(list);
}

function setOf(list: readonly string[]): ReadonlySet<string> {
  let set = sets.get(list);
  if (!set) sets.set(list, (set = new Set(list)));
  return set;
}

/**
 * Makes ahead the sets that the ballots and answers of every vote and circulation open in
 * `state` are looked up in. Made on the first ballot instead, they cost that ballot's batch a
 * few milliseconds a list of 10,000, at the worst moment: the burst that follows a vote's
 * opening, or a server's start. Called when a vote opens and when a state is loaded.
 */
export function prepareLookups(state: State): void {
  for (const motion of state.motions.values())
    if (motion.status === 'open') prepareVoteLookups(motion.presentAtOpen, motion.bodyAtOpen);
  for (const circulation of state.circulations.values())
    if (circulation.status === 'open')
      prepareVoteLookups(circulation.asked, circulation.bodyAtOpen);
}

/** The sets of a vote's roll: who may vote (its body's, as it opened) and who was asked. */
export function prepareVoteLookups(roll: readonly string[], body: Body | undefined): void {
  for (const list of [roll, body?.votingMembers ?? [], body?.candidates ?? []])
    if (list.length >= SET_FROM) setOf(list);
}
