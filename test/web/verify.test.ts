/**
 * The verifier of bundles (src/verify/bundle.ts), run here on Node's WebCrypto, which is the same
 * API: it accepts what the record exports and refuses what was tampered with.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRange } from '../../src/app/export.js';
import { proveInclusion } from '../../src/app/proofs.js';
import { fromBase64, toBase64 } from '../../src/core/bytes.js';
import type { Bundle } from '../../src/record/proof-formats.js';
import { openStore } from '../../src/store/index.js';
import type { RecordStore } from '../../src/store/index.js';
import { verifyBundle, verifyProof } from '../../src/verify/bundle.js';
import { replayExample } from '../support/records.js';
import type { State } from '../../src/core/state/index.js';

let store: RecordStore;
let logKey: string;
let state: State;
let size: number;

beforeAll(async () => {
  store = await openStore(join(mkdtempSync(join(tmpdir(), 'collegium-web-')), 'r.db'), {
    create: true,
  });
  state = (await replayExample(store)).state;
  logKey = state.logKey!;
  size = await store.size();
});

afterAll(async () => {
  await store.close();
});

const copy = (bundle: Bundle): Bundle => JSON.parse(JSON.stringify(bundle)) as Bundle;

describe('verification in the browser', () => {
  it('proves a whole exported range, and says what it proved', async () => {
    const bundle = await exportRange(store, state, 1, size - 1);
    const report = await verifyBundle(bundle, logKey);
    expect(report.failure).toBeUndefined();
    expect(report.ok).toBe(true);
    expect(report.proven.join('\n')).toMatch(/checkpoint is signed/);
    expect(report.proven.join('\n')).toMatch(new RegExp(`every entry from 1 to ${size - 1}`));
  });

  it('proves every entry of the record by its inclusion proof', async () => {
    for (let index = 0; index < size; index++) {
      const proof = await proveInclusion(store, index);
      const bundle = await exportRange(store, state, index, index);
      const report = await verifyProof(bundle.entries[0]!.leaf, proof, logKey);
      expect(report.failure, `entry ${index}`).toBeUndefined();
    }
  });

  it('refuses a changed byte, a wrong proof, a missing entry, another log key', async () => {
    const bundle = await exportRange(store, state, 3, 12);
    const changed = copy(bundle);
    const bytes = fromBase64(changed.entries[4]!.leaf);
    bytes[bytes.length - 5]! ^= 1;
    (changed.entries[4] as { leaf: string }).leaf = toBase64(bytes);
    expect((await verifyBundle(changed, logKey)).failure?.item).toBe('entry 7');

    const wrongProof = copy(bundle);
    const proof = wrongProof.entries[2]!.proof as string[];
    proof[0] = proof[0]!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const failure = (await verifyBundle(wrongProof, logKey)).failure;
    expect(failure).toEqual({ item: 'entry 5', reason: 'the proof does not lead to the root' });

    const gap = copy(bundle);
    (gap.entries as unknown[]).splice(5, 1);
    expect((await verifyBundle(gap, logKey)).failure).toEqual({
      item: 'range',
      reason: 'the entries do not cover 3 to 12 without a gap: entry 8 is left out',
    });
    // The last one left out is told too.
    const short = copy(bundle);
    (short.entries as unknown[]).pop();
    expect((await verifyBundle(short, logKey)).failure?.reason).toBe(
      'the entries do not cover 3 to 12 without a gap: entry 12 is left out',
    );

    const other = logKey.replace(/\+[0-9a-f]{8}\+/, '+00000000+');
    expect((await verifyBundle(bundle, other)).ok).toBe(false);

    const forged = copy(bundle);
    (forged as { checkpoint: string }).checkpoint = bundle.checkpoint.replace(/\n\d+\n/, '\n1\n');
    expect((await verifyBundle(forged, logKey)).failure?.item).toBe('checkpoint');
  });
});
