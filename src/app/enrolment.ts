/**
 * Members' own keys: an officer enrols a key a member proved they hold, and revokes it when it is
 * lost; a member may hold several (a phone, a laptop). From then on the member signs their own
 * acts with them. Where no officer can act, an adopted motion authorizes a re-invitation.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Acts } from '../core/acts.js';
import type { Charter } from '../core/charter/model.js';
import { fail } from '../core/errors.js';
import { personKeys } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import type { DraftSource } from './ledger.js';

/** Who enrols when no one is named: the first secretary of the charter, else the first chair. */
export function registrar(charter: Charter): string | null {
  const bodies = [...charter.bodies.values()];
  return bodies.find((b) => b.secretary)?.secretary ?? bodies.find((b) => b.chair)?.chair ?? null;
}

/** Enrols `key` (base64) as one of `person`'s own; with `replaces`, revoking that one. */
export function enrolMember(
  person: string,
  key: string,
  options: { actor?: string; replaces?: string } = {},
): DraftSource {
  return (state) => {
    const charter = state.charter ?? fail('conflict', 'the record has no charter');
    const payload: Acts['member.enrol'] = {
      person,
      key,
      ...(options.replaces ? { replaces: options.replaces } : {}),
    };
    return { act: { type: 'member.enrol', payload }, actor: options.actor ?? registrar(charter) };
  };
}

/** The key of `person`'s to revoke: `key`, or the only one they hold. */
export function keyToRevoke(state: State, person: string, key?: string): string {
  const keys = personKeys(state, person);
  if (keys.length === 0) fail('not-found', `${person} has no key to revoke`);
  if (key === undefined && keys.length > 1)
    fail(
      'invalid-input',
      `${person} holds ${keys.length} keys (${keys.join(', ')}): name the one to revoke`,
    );
  // As the record refuses it (member.revoke), whatever the entry point.
  if (key !== undefined && !keys.includes(key))
    fail('conflict', `${key} is not a key of ${person}'s`);
  return key ?? keys[0]!;
}

/** Revokes one of `person`'s keys: `key`, or the only one they hold. */
export function revokeKey(
  person: string,
  options: { key?: string; reason?: string; actor?: string } = {},
): DraftSource {
  return (state) => {
    const charter = state.charter ?? fail('conflict', 'the record has no charter');
    const payload: Acts['member.revoke'] = {
      person,
      key: keyToRevoke(state, person, options.key),
      ...(options.reason ? { reason: options.reason } : {}),
    };
    return { act: { type: 'member.revoke', payload }, actor: options.actor ?? registrar(charter) };
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

/**
 * An invitation on the authority of an adopted motion that re-invites `person`: the
 * organization's act, signed with the custodial key, for when no officer holds a key to invite.
 */
export function inviteOnDecision(
  person: string,
  tokenHash: string,
  expires: string,
  decision: { session: string; motion: string },
): DraftSource {
  return {
    act: { type: 'member.invite', payload: { person, token: tokenHash, expires, decision } },
    actor: null,
    signer: null,
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
