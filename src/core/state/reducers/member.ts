/**
 * Members' keys: invitations, enrolments (by an officer, or by the person redeeming an
 * invitation) and revocations. Only the organization's registrars act for others here.
 */
import type { Charter } from '../../charter/model.js';
import { fromBase64 } from '../../bytes.js';
import { fail } from '../../errors.js';
import { checkSigner, personKey, requireRegistrar } from '../authority.js';
import { applyKeyChange } from '../keys.js';
import type { State } from '../model.js';
import { requirePerson } from '../roster.js';
import type { CharterReducer, RecordedActOf } from './reducer.js';

export const memberInvite: CharterReducer<'member.invite'> = (state, act, charter) => {
  const p = act.payload;
  requirePerson(charter, p.person);
  requireRegistrarSigned(state, charter, act);
  if (!/^[0-9a-f]{64}$/.test(p.token))
    fail('invalid-input', 'an invitation token is given as its hex SHA-256');
  if (state.invitations.has(p.token)) fail('conflict', 'that invitation exists already');
  if (!(p.expires > act.time)) fail('invalid-input', 'an invitation expires after it is issued');
  state.invitations.set(p.token, { person: p.person, expires: p.expires });
};

export const memberEnrol: CharterReducer<'member.enrol'> = (state, act, charter) => {
  const p = act.payload;
  requirePerson(charter, p.person);
  if (p.invitation !== undefined) redeemInvitation(state, act, p.invitation);
  else requireRegistrarSigned(state, charter, act);
  const current = personKey(state, p.person);
  if (!isPublicKey(p.key))
    fail('invalid-input', 'a key is 32 bytes of Ed25519 public key, in base64');
  if (state.revoked.get(p.person)?.has(p.key))
    fail('conflict', `that key of ${p.person} was revoked: it cannot be enrolled again`);
  if (current !== p.replaces) {
    fail(
      'conflict',
      current
        ? `${p.person} has a key already: enrolling a new one replaces ${current}`
        : `${p.person} has no key to replace`,
    );
  }
  applyKeyChange(state, act.type, p);
  // Used up only now, with every check passed: a refused enrolment leaves it open.
  if (p.invitation !== undefined) state.invitations.delete(p.invitation);
  state.keyChanges.push(act.index);
};

export const memberRevoke: CharterReducer<'member.revoke'> = (state, act, charter) => {
  const p = act.payload;
  requirePerson(charter, p.person);
  requireRegistrarSigned(state, charter, act);
  if (personKey(state, p.person) !== p.key) fail('conflict', `${p.person}'s key is not ${p.key}`);
  applyKeyChange(state, act.type, p);
  state.keyChanges.push(act.index);
};

/** An act of a registrar, who signs it themself: with no body named, nobody signs for another. */
function requireRegistrarSigned(
  state: State,
  charter: Charter,
  act: RecordedActOf<'member.invite' | 'member.enrol' | 'member.revoke'>,
): void {
  checkSigner(state, act, undefined, undefined);
  requireRegistrar(state, charter, act.actor);
}

/** Checks a self-enrolment: signed with the new key itself, on an open invitation for the person. */
function redeemInvitation(state: State, act: RecordedActOf<'member.enrol'>, token: string): void {
  const payload = act.payload;
  const open = state.invitations.get(token);
  if (!open || open.person !== payload.person)
    fail('forbidden', `no open invitation for ${payload.person} with that token`);
  if (act.time > open.expires) fail('forbidden', `the invitation expired at ${open.expires}`);
  if (act.actor !== payload.person || act.signer !== payload.person || act.key !== payload.key) {
    fail('forbidden', 'an invitation is redeemed by the person, signing with the key they enrol');
  }
}

function isPublicKey(text: string): boolean {
  try {
    return fromBase64(text).length === 32;
  } catch {
    return false;
  }
}
