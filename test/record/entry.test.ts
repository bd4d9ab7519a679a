import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../src/core/bytes.js';
import { generateKeyPair, signBytes } from '../../src/record/ed25519.js';
import {
  decodeEntry,
  entryBytes,
  signEntry,
  signingMessage,
  verifyEntrySignature,
} from '../../src/record/entry.js';
import type { Envelope } from '../../src/record/entry.js';

const pair = generateKeyPair();
const envelope = (
  payload: unknown,
  index = 3,
  prev: string | null = 'ab'.repeat(32),
): Envelope => ({
  v: 1,
  org: 'org',
  index,
  prev,
  time: '2026-11-26T12:00:00.000Z',
  type: 'ballot.cast',
  actor: 'ada',
  signer: 'ada',
  key: toBase64(pair.publicKey),
  payload: payload as Envelope['payload'],
});

const payloads = fc.dictionary(
  fc.constantFrom('session', 'motion', 'prev', 'sig', 'v', 'index', 'ä', '"'),
  fc.oneof(
    fc.string(),
    fc.integer(),
    fc.constant(null),
    fc.dictionary(fc.constantFrom('prev', 'sig'), fc.string()),
  ),
);

describe('entries', () => {
  it('verify whether the message is cut from the stored bytes or serialized again', () => {
    fc.assert(
      fc.property(payloads, fc.nat(1e9), (payload, index) => {
        const bytes = signEntry(envelope(payload, index), pair.privateKey);
        const entry = decodeEntry(bytes);
        expect(verifyEntrySignature(entry, bytes)).toBe(true);
        expect(verifyEntrySignature(entry)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('are signed over the act, not its place: a signature made before the place is known holds', () => {
    const act = envelope({ session: 's', motion: 'm', voter: 'ada', choice: 'aye' });
    // Signed on the member's device, placed later at whatever index and link the log gives.
    const sig = toBase64(signBytes(pair.privateKey, signingMessage({ ...act })));
    for (const [index, prev] of [
      [0, null],
      [41, 'cd'.repeat(32)],
    ] as const) {
      const bytes = entryBytes({ ...act, index, prev }, sig);
      expect(verifyEntrySignature(decodeEntry(bytes), bytes)).toBe(true);
    }
  });

  it('fail to verify when anything signed changes', () => {
    const bytes = signEntry(envelope({ session: 's', choice: 'aye' }), pair.privateKey);
    const entry = decodeEntry(bytes);
    for (const changed of [
      { ...entry, payload: { session: 's', choice: 'nay' } },
      { ...entry, time: '2026-11-26T12:00:01.000Z' },
      { ...entry, actor: 'ben' },
      { ...entry, org: 'other' },
    ]) {
      expect(verifyEntrySignature(changed as typeof entry)).toBe(false);
    }
  });
});
