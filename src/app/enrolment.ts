/**
 * Members' own keys: an officer enrols the key a member proved they hold, and revokes it when it
 * is lost. From then on the member signs their own acts with it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Acts } from '../core/acts.js';
import type { Charter } from '../core/charter/model.js';
import { fail } from '../core/errors.js';
import { personKey } from '../core/state/index.js';
import type { DraftSource } from './ledger.js';

/** Who enrols when no one is named: the first secretary of the charter, else the first chair. */
export function registrar(charter: Charter): string | null {
  const bodies = [...charter.bodies.values()];
  return bodies.find((b) => b.secretary)?.secretary ?? bodies.find((b) => b.chair)?.chair ?? null;
}

/** Enrols `key` (base64) as `person`'s own, replacing (and revoking) the key they had. */
export function enrolMember(person: string, key: string, actor?: string): DraftSource {
  return (state) => {
    const charter = state.charter ?? fail('conflict', 'the record has no charter');
    const current = personKey(state, person);
    const payload: Acts['member.enrol'] = {
      person,
      key,
      ...(current ? { replaces: current } : {}),
    };
    return { act: { type: 'member.enrol', payload }, actor: actor ?? registrar(charter) };
  };
}

export function revokeKey(person: string, reason?: string, actor?: string): DraftSource {
  return (state) => {
    const charter = state.charter ?? fail('conflict', 'the record has no charter');
    const key = personKey(state, person) ?? fail('not-found', `${person} has no key to revoke`);
    const payload: Acts['member.revoke'] = { person, key, ...(reason ? { reason } : {}) };
    return { act: { type: 'member.revoke', payload }, actor: actor ?? registrar(charter) };
  };
}

/** An invitation for `person` to enrol a key of their own; `tokenHash` is the hex SHA-256 of the
 * secret token sent to them. */
export function invite(
  person: string,
  tokenHash: string,
  expires: string,
  actor?: string,
): DraftSource {
  return (state) => {
    const charter = state.charter ?? fail('conflict', 'the record has no charter');
    return {
      act: { type: 'member.invite', payload: { person, token: tokenHash, expires } },
      actor: actor ?? registrar(charter),
    };
  };
}

/** The hex SHA-256 of an invitation's token: what the record keeps of it. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new invitation token, for the link (`/enrol#TOKEN`): 32 random bytes, base64url. */
export function newInvitationToken(): string {
  return randomBytes(32).toString('base64url');
}
