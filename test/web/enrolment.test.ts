/**
 * Enrolling from an invitation (src/web/lib/enrolment.ts): the key made is kept before the
 * enrolment is sent; when the answer is lost, enrolling again signs afresh with that same key,
 * never making a new one that would overwrite the key the record may hold.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fromBase64 } from '../../src/core/bytes.js';
import { publicKeyObject, verifyBytes } from '../../src/record/ed25519.js';
import { signingMessage } from '../../src/record/signing.js';
import type { SignedAct } from '../../src/record/signing.js';
import { ApiError, Unreachable } from '../../src/web/lib/api.js';
import { enrol, enrolAgain } from '../../src/web/lib/enrolment.js';
import type { KeyShelf } from '../../src/web/lib/enrolment.js';
import { createKey } from '../../src/web/lib/keys.js';
import type { DeviceKey } from '../../src/web/lib/keys.js';

/** The browser's keys, in memory: one per organization and person, as IndexedDB keeps them. */
function shelf(): KeyShelf & { held: Map<string, DeviceKey> } {
  const held = new Map<string, DeviceKey>();
  return {
    held,
    load: async (org, person) => held.get(`${org}/${person}`),
    create: createKey,
    save: async (key) => void held.set(`${key.org}/${key.person}`, key),
    list: async (org) => [...held.values()].filter((key) => key.org === org),
  };
}

interface SentEnrolment {
  token: string;
  act: { type: string; payload: { person: string; key: string }; time: string; sig: string };
}

/** A server whose answers to POST /api/enrol are `answers`, in turn; what was sent, in order. */
function server(answers: (() => Response)[]) {
  const sent: SentEnrolment[] = [];
  const fetch = vi.fn(async (_path: string, init: RequestInit) => {
    sent.push(JSON.parse(String(init.body)) as SentEnrolment);
    return answers.shift()!();
  });
  return { sent, fetch };
}

const json = (status: number, body: unknown) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const lost = () => {
  throw new TypeError('Failed to fetch');
};
const receipt = { entry: 7, leafHash: 'ab'.repeat(32), type: 'member.enrol', csrf: 'c' };

/** Whether `sent` is signed by the key it enrols, as the server checks it. */
function signedByItsKey({ act }: SentEnrolment): boolean {
  const { person, key } = act.payload;
  const message = signingMessage({
    ...{ v: 1, org: 'org', time: act.time, type: act.type, actor: person, signer: person },
    ...{ key, payload: act.payload },
  } as SignedAct);
  return verifyBytes(publicKeyObject(fromBase64(key)), message, fromBase64(act.sig));
}

describe('enrolling again after an answer that was lost', () => {
  const who = { org: 'org', person: 'cy', name: 'Cy Member' };
  let keys: ReturnType<typeof shelf>;
  beforeEach(() => {
    keys = shelf();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('signs afresh with the key kept, which is never replaced', async () => {
    const s = server([
      json(503, { error: { code: 'database-unavailable', message: 'away' } }),
      lost,
      json(200, receipt),
    ]);
    vi.stubGlobal('fetch', s.fetch);
    await expect(enrol(who, 'token-1', keys)).rejects.toMatchObject({ status: 503 });
    const kept = keys.held.get('org/cy')!;
    await expect(enrol(who, 'token-1', keys)).rejects.toBeInstanceOf(Unreachable);
    expect(await enrol(who, 'token-1', keys)).toEqual(receipt);

    expect(s.sent.map((e) => e.act.payload.key)).toEqual(Array(3).fill(kept.publicKey));
    expect(keys.held.get('org/cy')).toBe(kept);
    // Each signed afresh, by the key it enrols: the signature the record may hold is not sent.
    expect(new Set(s.sent.map((e) => e.act.sig)).size).toBe(3);
    expect(s.sent.every(signedByItsKey)).toBe(true);
  });

  it('makes a new key for another invitation, and keeps it before sending', async () => {
    const s = server([json(201, receipt), json(201, receipt)]);
    vi.stubGlobal('fetch', s.fetch);
    await enrol(who, 'token-1', keys);
    const first = keys.held.get('org/cy')!;
    await enrol(who, 'token-2', keys);
    const second = keys.held.get('org/cy')!;
    expect(second.publicKey).not.toBe(first.publicKey);
    expect(s.sent.map((e) => e.act.payload.key)).toEqual([first.publicKey, second.publicKey]);
  });
});

describe('an invitation opened again once the record says it is used', () => {
  const who = { org: 'org', person: 'cy', name: 'Cy Member' };
  const used = new ApiError(
    404,
    'not-found',
    'the invitation was used on 5 May: it enrols one key',
  );
  let keys: ReturnType<typeof shelf>;
  beforeEach(() => {
    keys = shelf();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('enrols again, signed afresh, with the key this browser kept for it', async () => {
    const s = server([lost, json(200, receipt)]);
    vi.stubGlobal('fetch', s.fetch);
    await expect(enrol(who, 'token-1', keys)).rejects.toBeInstanceOf(Unreachable);
    const kept = keys.held.get('org/cy')!;
    // Later, as a page opened again is: its act bears another time, so another signature.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await enrolAgain('org', 'token-1', used, keys)).toEqual({ receipt, name: 'Cy Member' });
    expect(s.sent.map((e) => e.act.payload.key)).toEqual([kept.publicKey, kept.publicKey]);
    expect(s.sent[1]!.act.sig).not.toBe(s.sent[0]!.act.sig);
    expect(s.sent.every(signedByItsKey)).toBe(true);
    expect(keys.held.get('org/cy')).toBe(kept);
  });

  it('leaves the refusal standing with no key kept for it, or when enrolling again is refused', async () => {
    const s = server([
      json(201, receipt),
      json(409, { error: { code: 'conflict', message: 'x' } }),
    ]);
    vi.stubGlobal('fetch', s.fetch);
    await expect(enrolAgain('org', 'token-1', used, keys)).rejects.toBe(used);
    expect(s.sent).toEqual([]);
    await enrol(who, 'token-1', keys);
    // A key kept for another invitation is not this one's.
    await expect(enrolAgain('org', 'token-2', used, keys)).rejects.toBe(used);
    expect(s.sent).toHaveLength(1);
    await expect(enrolAgain('org', 'token-1', used, keys)).rejects.toBe(used);
    expect(s.sent).toHaveLength(2);
  });

  it('sends nothing when the lookup found no server', async () => {
    const s = server([json(200, receipt)]);
    vi.stubGlobal('fetch', s.fetch);
    const away = new Unreachable('Could not reach the server', true);
    await expect(enrolAgain('org', 'token-1', away, keys)).rejects.toBe(away);
    expect(s.sent).toEqual([]);
  });
});
