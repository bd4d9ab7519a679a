/**
 * Who may do and who may sign what. An act is signed by its actor, or by the secretary or chair
 * of the body recording it for them (always in a transcription of minutes; in a live session only
 * for people who have no key of their own). Keys: the key a person enrolled, else the charter's,
 * else the record's custodial key.
 */
import { fail } from '../errors.js';
import type { Body, Charter } from '../charter/model.js';
import type { RecordedAct } from '../acts.js';
import type { SessionState, State } from './model.js';

/** The officers who run a session: its chair, the body's chair and secretary. */
export function officers(body: Body, session?: SessionState): Set<string> {
  const set = new Set<string>();
  if (session?.chair) set.add(session.chair);
  if (body.chair) set.add(body.chair);
  if (body.secretary) set.add(body.secretary);
  return set;
}

/** Officers may run the session; a body with none is run by any of its voting members. */
export function requireOfficer(actor: string | null, body: Body, session?: SessionState): void {
  const o = officers(body, session);
  const allowed = o.size > 0 ? o : new Set(body.votingMembers);
  if (actor === null || !allowed.has(actor)) {
    fail(
      'forbidden',
      `${actor ?? 'nobody'} may not do this: only ${[...allowed].join(' or ')} of ${body.id} may`,
    );
  }
}

/** A person's own key (base64): the one they enrolled, else the charter's, unless revoked. */
export function personKey(state: State, person: string): string | undefined {
  const enrolled = state.enrolled.get(person);
  if (enrolled) return enrolled;
  const key = state.charter?.people.get(person)?.keyBase64;
  return key && !state.revoked.get(person)?.has(key) ? key : undefined;
}

/** The base64 key that `signer` must sign with: their own, else the custodial key. */
export function expectedKey(state: State, signer: string | null): string | undefined {
  if (signer === null) return state.custodian;
  return personKey(state, signer) ?? state.custodian;
}

/** Who may enrol people and revoke their keys: the organization's secretaries, or its chairs
 * where no body has a secretary. */
export function requireRegistrar(state: State, charter: Charter, actor: string | null): void {
  const bodies = [...charter.bodies.values()];
  const secretaries = new Set(bodies.flatMap((b) => (b.secretary ? [b.secretary] : [])));
  const registrars =
    secretaries.size > 0 ? secretaries : new Set(bodies.flatMap((b) => (b.chair ? [b.chair] : [])));
  if (registrars.size === 0 && actor === null) return;
  if (actor === null || !registrars.has(actor)) {
    fail(
      'forbidden',
      `only ${[...registrars].join(' or ') || 'the custodian'} may enrol members and revoke keys`,
    );
  }
}

/** Checks the entry's signer and key against the actor and the charter in force. */
export function checkSigner(
  state: State,
  act: RecordedAct,
  body: Body | undefined,
  session: SessionState | undefined,
): void {
  const charter = state.charter;
  if (act.signer !== null && charter && !charter.people.has(act.signer))
    fail('forbidden', `no person '${act.signer}' in the charter`);
  const key = expectedKey(state, act.signer);
  if (key !== undefined && act.key !== key) {
    fail('forbidden', `signed with a key that is not ${act.signer ?? 'the custodial key'}'s`);
  }
  if (act.signer === act.actor) return;
  if (act.actor === null || !body)
    fail('forbidden', `${act.signer ?? 'the custodian'} may not sign for the organization`);
  const recorders = officers(body, session);
  if (act.signer === null || !recorders.has(act.signer)) {
    fail(
      'forbidden',
      `${act.signer ?? 'the custodian'} may not sign for ${act.actor}: only the chair or secretary of ${body.id} records for others`,
    );
  }
  if (session?.mode !== 'minutes' && personKey(state, act.actor)) {
    fail('forbidden', `${act.actor} has a key of their own and signs their own acts`);
  }
}
