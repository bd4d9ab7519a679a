/**
 * Enrolling this browser's key from an invitation. The key is kept before the enrolment is sent,
 * marked with the invitation it was made for: when the answer is lost (the server or the network
 * went away, a 503), the enrolment may be recorded all the same, and the key with it. Enrolling
 * again signs the same act afresh with that same key, which the server answers with the recorded
 * receipt and a session, instead of making a new key that would overwrite the one the record holds.
 * So does opening the invitation again, once the record says it is used (enrolAgain).
 */
import { ApiError, postSignIn } from './api.js';
import { signAct, tokenHash } from './acts.js';
import { createKey, listKeys, loadKey, saveKey } from './keys.js';
import type { DeviceKey } from './keys.js';
import type { Receipt } from './types.js';

/** Where the browser keeps its keys (IndexedDB; another in tests). */
export interface KeyShelf {
  load(org: string, person: string): Promise<DeviceKey | undefined>;
  create(org: string, person: string, name?: string): Promise<DeviceKey>;
  save(key: DeviceKey): Promise<void>;
  /** The keys held for the organization. */
  list(org: string): Promise<DeviceKey[]>;
}

const BROWSER_SHELF: KeyShelf = { load: loadKey, create: createKey, save: saveKey, list: listKeys };

/**
 * The key to enrol on the invitation whose token hashes to `invitation`: the one made for it on
 * an earlier try, whose outcome may be unknown, else a new one, kept before anything is sent.
 */
export async function enrolmentKey(
  who: { org: string; person: string; name?: string },
  invitation: string,
  shelf: KeyShelf = BROWSER_SHELF,
): Promise<DeviceKey> {
  const held = await shelf.load(who.org, who.person);
  if (held?.invitation === invitation) return held;
  // Added, never replacing: a lost key is revoked by an officer (or from another device).
  const key = { ...(await shelf.create(who.org, who.person, who.name)), invitation };
  await shelf.save(key);
  return key;
}

/** Enrols this browser's key for `who` on the invitation `token`: answers the receipt. */
export async function enrol(
  who: { org: string; person: string; name?: string },
  token: string,
  shelf: KeyShelf = BROWSER_SHELF,
): Promise<Receipt> {
  const invitation = await tokenHash(token);
  const key = await enrolmentKey(who, invitation, shelf);
  const payload = { person: who.person, key: key.publicKey, invitation };
  const { act, sig } = await signAct(key, 'member.enrol', payload);
  const signed = { type: act.type, payload, time: act.time, sig };
  return postSignIn<Receipt>(
    '/api/enrol',
    { token, act: signed },
    { person: who.person, what: 'your enrolment' },
  );
}

/**
 * The invitation `token` refused as unusable (`refusal`, its lookup's): when this browser keeps
 * a key made for it, the enrolment it sent may be the one that used it, its answer lost. Enrols
 * again with that key, which answers the recorded receipt and signs in; else, or when that is
 * refused too, the lookup's refusal stands.
 */
export async function enrolAgain(
  org: string,
  token: string,
  refusal: unknown,
  shelf: KeyShelf = BROWSER_SHELF,
): Promise<{ receipt: Receipt; name: string }> {
  // Only an invitation the server says it cannot take: out of reach, nothing is known.
  if (!(refusal instanceof ApiError)) throw refusal;
  const invitation = await tokenHash(token);
  const kept = (await shelf.list(org)).find((key) => key.invitation === invitation);
  if (!kept) throw refusal;
  const who = { org, person: kept.person, ...(kept.name !== undefined ? { name: kept.name } : {}) };
  try {
    return { receipt: await enrol(who, token, shelf), name: kept.name ?? kept.person };
  } catch (error) {
    // Refused again (another key used the invitation, or this one was revoked): the lookup's
    // words say why it cannot be used. Out of reach, that is what is known.
    throw error instanceof ApiError ? refusal : error;
  }
}
