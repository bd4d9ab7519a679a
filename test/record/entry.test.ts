import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../src/core/bytes.js';
import { generateKeyPair, signBytes } from '../../src/record/ed25519.js';
import {
  decodeEntry,
  entryBytes,
  readEntry,
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
  fc.constantFrom('session', 'motion', 'prev', 'sig', 'v', 'index', 'key', 'signer', 'ä', '"'),
  fc.oneof(
    fc.string(),
    fc.integer(),
    fc.constant(null),
    fc.dictionary(fc.constantFrom('prev', 'sig'), fc.string()),
  ),
);

describe('entries', () => {
  it('are read back with the message their signer signed, cut from the stored bytes', () => {
    // Names that look like the members the message is cut around, escaped in the stored bytes.
    const tricky = fc.constantFrom(
      ',"index":1,',
      '","key":"k',
      ',"prev":null',
      ',"signer":"x"',
      'é"\\',
    );
    const names = fc.option(fc.oneof(tricky, fc.string({ unit: 'binary' })), { nil: null });
    fc.assert(
      fc.property(payloads, fc.nat(1e9), names, fc.string(), (payload, index, actor, org) => {
        const bytes = signEntry(
          { ...envelope(payload, index), actor, signer: actor, org },
          pair.privateKey,
        );
        const read = readEntry(bytes);
        expect(read.entry).toEqual(decodeEntry(bytes));
        expect(Buffer.concat(read.message)).toEqual(Buffer.from(signingMessage(read.entry)));
        expect(read.signature).toEqual(new Uint8Array(Buffer.from(read.entry.sig, 'base64')));
        expect(verifyEntrySignature(read.entry)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('are read back only from their canonical bytes: other spellings of the same entry are refused', () => {
    const bytes = signEntry(envelope({ session: 's', motion: 'm' }), pair.privateKey);
    const text = Buffer.from(bytes).toString();
    expect(decodeEntry(bytes).payload).toEqual({ session: 's', motion: 'm' });
    const otherwise = [
      `\ufeff${text}`, // a byte order mark, which a decoder would drop
      ` ${text}`,
      text.replace('"index":3', '"index":3.0'),
      text.replace('"motion":"m"', '"motion":"\\u006d"'),
      text.replace('{"motion":"m","session":"s"}', '{"session":"s","motion":"m"}'),
    ];
    for (const spelled of otherwise) {
      expect(spelled).not.toBe(text);
      expect(() => decodeEntry(Buffer.from(spelled))).toThrow(/canonical form|not UTF-8 JSON/);
    }
  });

  it('are read back with no signature bytes when the signature is not 64 bytes in canonical base64', () => {
    const bytes = signEntry(envelope({ session: 's' }), pair.privateKey);
    const entry = decodeEntry(bytes);
    // The character before the padding carries 4 bits that base64 decoders ignore: one set.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const respelled = `${entry.sig.slice(0, 85)}${alphabet[alphabet.indexOf(entry.sig[85]!) ^ 1]}==`;
    for (const sig of [respelled, entry.sig.slice(0, 84), toBase64(new Uint8Array(65))]) {
      const changed = readEntry(entryBytes({ ...entry }, sig));
      expect(changed.entry.sig).toBe(sig);
      expect(changed.signature).toBeUndefined();
    }
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
      expect(verifyEntrySignature(decodeEntry(bytes))).toBe(true);
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
