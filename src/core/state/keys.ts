/** Changes to who holds which key, shared by the fold of the record and by offline verifiers. */
import type { Acts } from '../acts.js';
import { dayInWords } from '../minutes/words.js';
import type { State } from './model.js';

/** Why an invitation enrols no more key: said alike by the fold and by the server's lookup. */
export function invitationUsed(used: { readonly time: string }): string {
  return `the invitation was used on ${dayInWords(used.time.slice(0, 10))}: it enrols one key`;
}

export function revokeKey(state: State, person: string, key: string): void {
  const set = state.revoked.get(person) ?? new Set<string>();
  set.add(key);
  state.revoked.set(person, set);
  const enrolled = state.enrolled.get(person)?.filter((k) => k !== key) ?? [];
  if (enrolled.length > 0) state.enrolled.set(person, enrolled);
  else state.enrolled.delete(person);
}

/** Applies an enrolment or a revocation, already checked, to the keys of `state`. */
export function applyKeyChange(
  state: State,
  type: 'member.enrol' | 'member.revoke',
  payload: Acts['member.enrol'] | Acts['member.revoke'],
): void {
  if (type === 'member.revoke') return revokeKey(state, payload.person, payload.key);
  const enrol = payload as Acts['member.enrol'];
  if (enrol.replaces) revokeKey(state, enrol.person, enrol.replaces);
  state.enrolled.set(enrol.person, [...(state.enrolled.get(enrol.person) ?? []), enrol.key]);
}
