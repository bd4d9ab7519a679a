/** Who is who: the charter's people, and lists of members looked up for every ballot. */
import type { Charter } from '../charter/model.js';
import { fail } from '../errors.js';

/** Refuses an act that names someone the charter does not know. */
export function requirePerson(charter: Charter, person: string): void {
  if (!charter.people.has(person)) fail('not-found', `no person '${person}' in the charter`);
}

/**
 * Whether `id` is in `list`, by a set made once per list: an assembly's members, and who was
 * present when its vote opened, are looked up for every ballot. The lists are never changed once
 * made (the charter's; a motion's presentAtOpen is replaced, not changed), so a set stays true.
 */
const sets = new WeakMap<readonly string[], ReadonlySet<string>>();
export function listed(list: readonly string[], id: string): boolean {
  if (list.length < 16) return list.includes(id);
  let set = sets.get(list);
  if (!set) sets.set(list, (set = new Set(list)));
  return set.has(id);
}
