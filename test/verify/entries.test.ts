/**
 * The offline verifier proves an entry only in its exact canonical bytes: the same entry spelled
 * otherwise, even in a tree whose checkpoint covers it (a log that wrote it so), is refused.
 */
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../src/core/bytes.js';
import { canonicalBytes } from '../../src/core/canonical.js';
import { generateKeyPair } from '../../src/record/ed25519.js';
import { signEntry } from '../../src/record/entry.js';
import { leafHash } from '../../src/record/merkle.js';
import { proveItem } from '../../src/verify/entries.js';

const pair = generateKeyPair();
const canonical = signEntry(
  {
    v: 1,
    org: 'org',
    index: 0,
    prev: null,
    time: '2026-12-04T12:00:00.000Z',
    type: 'session.open',
    actor: 'ada',
    signer: 'ada',
    key: toBase64(pair.publicKey),
    payload: { session: 's', body: 'board' },
  },
  pair.privateKey,
);

/** The entry's `bytes` as the only leaf of a tree, proven against that tree's checkpoint. */
const proveAlone = (bytes: Uint8Array) =>
  proveItem(
    { index: 0, leaf: toBase64(bytes), proof: [] },
    { origin: 'log', size: 1, rootHash: leafHash(bytes) },
  );

describe('entries proven offline', () => {
  it('are proven in their canonical bytes', async () => {
    const proven = await proveAlone(canonical);
    expect(proven.entry.payload).toEqual({ session: 's', body: 'board' });
  });

  it('are refused in other bytes of the same entry, a byte order mark before it too', async () => {
    const text = Buffer.from(canonical).toString();
    for (const other of [`\ufeff${text}`, ` ${text}`, text.replace('"index":0', '"index":0.0')]) {
      await expect(proveAlone(Buffer.from(other))).rejects.toMatchObject({ item: 'entry 0' });
    }
  });

  it('are refused when not of the shape of an entry, though canonical and signed', async () => {
    const entry = JSON.parse(Buffer.from(canonical).toString()) as Record<string, unknown>;
    for (const other of [
      { ...entry, note: 'a field the format does not have' },
      { ...entry, actor: 7 },
      { ...entry, type: 'session.dissolve' },
      { ...entry, v: 2 },
    ]) {
      await expect(proveAlone(canonicalBytes(other))).rejects.toMatchObject({
        item: 'entry 0',
        message: 'it is not an entry: a field is missing, unknown or of the wrong type',
      });
    }
  });
});
