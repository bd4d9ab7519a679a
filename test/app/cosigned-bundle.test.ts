/**
 * Cosignatures kept in the record travel with its checkpoint: the bundle's note carries them
 * after the log's signature, and both bundle verifiers (Node, and the browser's on WebCrypto)
 * still accept it on the log key alone.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRange } from '../../src/app/export.js';
import { checkpointAt, proveInclusion } from '../../src/app/proofs.js';
import { parseNote } from '../../src/record/note.js';
import { verifyWithKeyCache } from '../../src/record/ed25519.js';
import { cosigner } from '../../src/record/witness.js';
import { openStore } from '../../src/store/index.js';
import type { RecordStore } from '../../src/store/index.js';
import { verifyCosignatures } from '../../src/verify/cosignature.js';
import { verifyBundle } from '../../src/verify/bundle.js';
import { replayExample } from '../support/records.js';
import type { State } from '../../src/core/state/index.js';

const witnesses = [1, 2].map((n) => cosigner(`witness.example/w${n}`, new Uint8Array(32).fill(n)));
let store: RecordStore;
let state: State;

beforeAll(async () => {
  store = await openStore(join(mkdtempSync(join(tmpdir(), 'collegium-cosigned-')), 'r.db'), {
    create: true,
  });
  state = (await replayExample(store)).state;
  const latest = (await store.checkpoint())!;
  const body = parseNote(latest.note).text;
  for (const witness of witnesses)
    await store.addCosignature({
      size: latest.size,
      witness: witness.name,
      line: witness.cosign(body, 1_760_000_000),
    });
});

afterAll(async () => {
  await store.close();
});

describe('a cosigned checkpoint', () => {
  it('is served with the cosignatures after the log’s signature', async () => {
    const checkpoint = await checkpointAt(store);
    expect(checkpoint.cosigned).toEqual(witnesses.map((w) => w.name));
    const { signatures } = parseNote(checkpoint.note);
    expect(signatures.map((s) => s.name)).toEqual([
      state.logKey!.split('+')[0],
      ...witnesses.map((w) => w.name),
    ]);
    const keys = witnesses.map((w) => w.verifierKey);
    expect(
      (await verifyCosignatures(checkpoint.note, keys, verifyWithKeyCache)).valid,
    ).toHaveLength(2);
    expect((await verifyCosignatures(checkpoint.note, keys)).valid).toHaveLength(2);
    expect((await proveInclusion(store, 0)).checkpoint).toBe(checkpoint.note);
  });

  it('travels in bundles, which the verifier accepts on the log key alone', async () => {
    const size = await store.size();
    const bundle = await exportRange(store, state, 0, size - 1);
    const cosigned = await verifyCosignatures(bundle.checkpoint, [witnesses[0]!.verifierKey]);
    expect(cosigned.valid).toHaveLength(1);
    expect(await verifyBundle(bundle, state.logKey!)).toMatchObject({ ok: true });
  });

  it('is not cosigned at a size the witnesses did not cosign', async () => {
    const sizes: number[] = [];
    for await (const { size } of store.checkpoints()) sizes.push(size);
    const earlier = await checkpointAt(store, sizes.at(-2));
    expect(earlier.cosigned).toEqual([]);
    expect(parseNote(earlier.note).signatures).toHaveLength(1);
  });
});
