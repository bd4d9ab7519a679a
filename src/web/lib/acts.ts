/**
 * Acts, signed in this browser with the member's own key and sent to POST /api/acts. The signed
 * message is exactly the record's (src/record/signing.ts). In demo mode the server holds the demo
 * people's keys and signs for the visitor, so acts go unsigned.
 */
import { toBase64, toHex } from '../../core/bytes.js';
import type { SignedAct } from '../../record/signing.js';
import { signingMessage } from '../../record/signing.js';
import { ApiError, getJson, postJson, seg, Unreachable, UNREACHABLE } from './api.js';
import { sha256, utf8 } from '../../verify/web-crypto.js';
import type { DeviceKey } from './keys.js';
import { loadKey, signEd25519 } from './keys.js';
import type { ClosingDecision, Me, Receipt } from './types.js';

type Payload = Record<string, unknown>;

/** The act as the signer signs it, and the base64 signature; `actor` when it is for another. */
export async function signAct(
  key: DeviceKey,
  type: string,
  payload: Payload,
  time: string = new Date().toISOString(),
  actor: string = key.person,
): Promise<{ act: SignedAct; sig: string }> {
  const act = {
    v: 1,
    org: key.org,
    time,
    type,
    actor,
    signer: key.person,
    key: key.publicKey,
    payload,
  } as SignedAct;
  return { act, sig: toBase64(await signEd25519(key.privateKey, signingMessage(act))) };
}

export class NoKeyError extends Error {
  override readonly name = 'NoKeyError';
}

/** The signed-in person's act (for `actor` when they record it for another), signed with the
 * key this browser holds for them. */
async function signAsMe(
  me: Me,
  type: string,
  payload: Payload,
  actor?: string,
): Promise<{ time: string; sig: string }> {
  if (!me.person) throw new NoKeyError('Sign in first.');
  const key = await loadKey(me.organization.id, me.person);
  if (!key)
    throw new NoKeyError('This browser holds no key of yours: enrol it with an invitation.');
  const { act, sig } = await signAct(key, type, payload, undefined, actor);
  return { time: act.time, sig };
}

/** Records an act by the signed-in person; answers the receipt. `beside` goes along unsigned
 * (a dispatch's files, which the act names by their hashes). */
export async function sendAct(
  me: Me,
  type: string,
  payload: Payload,
  beside: Payload = {},
): Promise<Receipt> {
  const signed = me.demo ? {} : await signAsMe(me, type, payload);
  return postAct(type, { type, payload, ...beside, ...signed });
}

/** Records an act an officer signs for `actor` (a member without a key of their own, or an
 * answer that came by telephone or letter); in demo mode the server signs it. */
export async function sendActFor(
  me: Me,
  actor: string,
  type: string,
  payload: Payload,
): Promise<Receipt> {
  const signed = me.demo ? {} : await signAsMe(me, type, payload, actor);
  return postAct(type, { type, payload, actor, ...signed });
}

/** What a member would look for on the page after doing an act of each type, in words. */
const ACT_WORDS: Readonly<Record<string, string>> = {
  'ballot.cast': 'your ballot',
  'circulation.answer': 'your answer',
  'attendance.arrive': 'your check-in',
  'motion.propose': 'the motion',
  'vote.open': 'the opening of the vote',
  'vote.close': 'the close of the vote',
};

/** POST /api/acts; the server out of reach is said of the act (`your ballot may not have been recorded`). */
async function postAct(type: string, body: Payload): Promise<Receipt> {
  try {
    return await postJson<Receipt>('/api/acts', body);
  } catch (error) {
    if (error instanceof Unreachable && ACT_WORDS[type])
      throw new Unreachable(UNREACHABLE.act(ACT_WORDS[type]));
    throw error;
  }
}

export interface InvitationLink {
  readonly url: string;
  readonly token: string;
  readonly expires: string;
}

const INVITATION_DAYS = 7;

/** Invites a person to enrol. An officer who signs here makes the one-time token and signs the
 * member.invite act, which records only the token's hash; in demo mode the server does both. */
export async function invite(me: Me, person: string): Promise<InvitationLink> {
  if (me.demo) return postJson<InvitationLink>('/api/invitations', { person });
  const token = toBase64(crypto.getRandomValues(new Uint8Array(32)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  const expires = new Date(Date.now() + INVITATION_DAYS * 86_400_000).toISOString();
  const payload = { person, token: await tokenHash(token), expires };
  const signed = await signAsMe(me, 'member.invite', payload);
  return postJson<InvitationLink>('/api/invitations', { person, token, expires, ...signed });
}

/** Revokes one of `person`'s keys (an officer, or the person from another device). */
export async function revokeKey(me: Me, person: string, key: string): Promise<Receipt> {
  const path = `/api/people/${seg(person)}/revoke`;
  if (me.demo) return postJson<Receipt>(path, { key });
  return postJson<Receipt>(path, {
    key,
    ...(await signAsMe(me, 'member.revoke', { person, key })),
  });
}

/** The invitation an adopted motion authorizes, recorded by the organization: its link. */
export function issueInvitation(
  session: string,
  motion: string,
): Promise<InvitationLink & { person: string }> {
  return postJson('/api/invitations/decision', { session, motion });
}

/** Hex SHA-256 of an invitation token, as the record keeps it. */
export async function tokenHash(token: string): Promise<string> {
  return toHex(await sha256(utf8(token)));
}

/** The vote.close payload with the decision the server would record now. */
function closingPayload(session: string, motion: string): Promise<{ payload: Payload }> {
  return getJson<{ payload: Payload }>(
    `/api/sessions/${seg(session)}/motions/${seg(motion)}/closing`,
  );
}

/** The decision closing the vote now would record: what the chair is asked to confirm. */
export async function closingDecision(session: string, motion: string): Promise<ClosingDecision> {
  const { payload } = await closingPayload(session, motion);
  return payload.decision as ClosingDecision;
}

/** Closes a vote: the officer signs the payload with the decision the server would record now
 * (in demo mode too, where the server signs it), and asks again if it changed meanwhile. */
export async function closeVote(me: Me, session: string, motion: string): Promise<Receipt> {
  for (let attempt = 1; ; attempt++) {
    const { payload } = await closingPayload(session, motion);
    try {
      return await sendAct(me, 'vote.close', payload);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'conflict') || attempt >= 3) throw error;
    }
  }
}
