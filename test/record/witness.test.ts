/**
 * The witness (src/record/witness.ts): the add-checkpoint request, the decision on it, the
 * cosignature it produces, and the check of cosignatures in Node and with WebCrypto.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cosignatureVerifier, signCheckpoint } from '../../src/record/checkpoint.js';
import {
  consistencyProof,
  emptyRoot,
  leafHash,
  MemoryNodes,
  rootAt,
} from '../../src/record/merkle.js';
import {
  formatSignerKey,
  formatVerifierKey,
  keyIdOf,
  noteSigner,
  noteVerifier,
  openNote,
  parseVerifierKey,
  utf8,
} from '../../src/record/note.js';
import {
  cosigner,
  decideAddCheckpoint,
  formatAddCheckpoint,
  parseAddCheckpoint,
  parseCosignerKey,
  WitnessRequestError,
} from '../../src/record/witness.js';
import type { WitnessedCheckpoint, WitnessedLog } from '../../src/record/witness.js';
import { verifyWithKeyCache } from '../../src/record/ed25519.js';
import { verifyCosignatures } from '../../src/verify/cosignature.js';

/** The one check of cosignatures, with node:crypto's Ed25519 (the server's and the CLI's). */
const verifyInNode = (note: string, keys: readonly string[]) =>
  verifyCosignatures(note, keys, verifyWithKeyCache);
import { loadVectors } from './vectors.js';

const logKey = noteSigner('collegium.example/log', new Uint8Array(32).fill(7));
const log: WitnessedLog = {
  origin: logKey.name,
  verifier: noteVerifier(formatVerifierKey(logKey.name, logKey.publicKey)),
};
const witness = cosigner('witness.example/w1', new Uint8Array(32).fill(9));
const NOW = 1_760_000_000;

/** A log of `n` leaves, and another that differs from it from leaf `fork` on. */
function tree(n: number, fork = n): MemoryNodes {
  const nodes = new MemoryNodes();
  for (let i = 0; i < n; i++) nodes.append(leafHash(utf8(i < fork ? `entry ${i}` : `other ${i}`)));
  return nodes;
}

function checkpointOf(nodes: MemoryNodes, size: number): string {
  const rootHash = size === 0 ? emptyRoot() : rootAt(size, nodes);
  return signCheckpoint({ origin: logKey.name, size, rootHash, extensions: [] }, logKey);
}

function offer(nodes: MemoryNodes, oldSize: number, size: number) {
  const proof = oldSize === 0 || oldSize === size ? [] : consistencyProof(oldSize, size, nodes);
  return { oldSize, proof, checkpoint: checkpointOf(nodes, size) };
}

function cosigned(nodes: MemoryNodes, size: number): WitnessedCheckpoint {
  const decision = decideAddCheckpoint(offer(nodes, 0, size), log, undefined, witness, NOW);
  if (decision.status !== 200) throw new Error(decision.reason);
  return decision.latest;
}

describe('the add-checkpoint request', () => {
  it('round-trips through its text form, as the spec writes it', () => {
    const request = offer(tree(10), 4, 10);
    const body = formatAddCheckpoint(request);
    expect(body).toMatch(/^old 4\n([A-Za-z0-9+/]{43}=\n)+\n[^\n]+\n10\n/);
    expect(parseAddCheckpoint(body)).toEqual(request);
  });

  it.each([
    ['no old line', 'old\n\nx\n'],
    ['a size with a leading zero', 'old 01\n\nx\n'],
    ['no empty line', 'old 1\nx\n'],
    ['a proof line that is not a hash', 'old 1\nAAAA\n\nx\n'],
    ['64 proof lines', `old 1\n${`${Buffer.alloc(32).toString('base64')}\n`.repeat(64)}\nx\n`],
  ])('refuses a body with %s', (_, body) => {
    expect(() => parseAddCheckpoint(body)).toThrow(WitnessRequestError);
  });
});

describe('the witness decision', () => {
  const nodes = tree(20);

  it('cosigns a first checkpoint, with a cosignature the log’s clients verify', async () => {
    const decision = decideAddCheckpoint(offer(nodes, 0, 5), log, undefined, witness, NOW);
    expect(decision.status).toBe(200);
    if (decision.status !== 200) return;
    expect(decision.latest.size).toBe(5);
    expect(decision.cosignature).toMatch(/^\u2014 witness\.example\/w1 \S+\n$/);
    const opened = openNote(decision.latest.note, [cosignatureVerifier(witness.verifierKey)]);
    expect(opened.verified.map((s) => s.name)).toEqual([witness.name]);
    expect((await verifyInNode(decision.latest.note, [witness.verifierKey])).valid).toEqual([
      {
        name: witness.name,
        verifierKey: witness.verifierKey,
        timestamp: NOW,
        line: decision.cosignature,
      },
    ]);
  });

  it('cosigns an extension with a valid consistency proof', () => {
    const last = cosigned(nodes, 5);
    const decision = decideAddCheckpoint(offer(nodes, 5, 13), log, last, witness, NOW + 1);
    expect(decision).toMatchObject({ status: 200, latest: { size: 13 } });
    const again = decideAddCheckpoint(offer(nodes, 5, 5), log, last, witness, NOW + 1);
    expect(again).toMatchObject({ status: 200, latest: { size: 5 } });
  });

  it('refuses a checkpoint that does not extend the last one (a fork), saying so', () => {
    const last = cosigned(nodes, 5);
    const forked = tree(20, 3);
    const decision = decideAddCheckpoint(offer(forked, 5, 13), log, last, witness, NOW);
    expect(decision.status).toBe(422);
    expect(decision).toMatchObject({
      reason: expect.stringMatching(
        /^log collegium\.example\/log: checkpoint of size 13 does not extend the last checkpoint this witness cosigned \(size 5\)/,
      ),
    });
    const sameSize = decideAddCheckpoint(offer(forked, 5, 5), log, last, witness, NOW);
    expect(sameSize.status).toBe(422);
  });

  it('answers 409 with its size to a request from a stale old size', () => {
    const last = cosigned(nodes, 5);
    expect(decideAddCheckpoint(offer(nodes, 0, 13), log, last, witness, NOW)).toMatchObject({
      status: 409,
      size: 5,
    });
    expect(decideAddCheckpoint(offer(nodes, 3, 13), log, last, witness, NOW)).toMatchObject({
      status: 409,
      size: 5,
    });
  });

  it('refuses a checkpoint not signed by the configured log key', () => {
    const impostor = noteSigner(logKey.name, new Uint8Array(32).fill(8));
    const checkpoint = signCheckpoint(
      { origin: logKey.name, size: 5, rootHash: rootAt(5, nodes), extensions: [] },
      impostor,
    );
    const decision = decideAddCheckpoint(
      { oldSize: 0, proof: [], checkpoint },
      log,
      undefined,
      witness,
      NOW,
    );
    expect(decision).toMatchObject({
      status: 403,
      reason: expect.stringMatching(/not signed by its key/),
    });
  });

  it('refuses an old size beyond the checkpoint, a proof from nothing, a false empty tree', () => {
    const last = cosigned(nodes, 5);
    expect(decideAddCheckpoint(offer(nodes, 5, 5), log, last, witness, NOW).status).toBe(200);
    const shrunk = { ...offer(nodes, 0, 3), oldSize: 5 };
    expect(decideAddCheckpoint(shrunk, log, last, witness, NOW).status).toBe(400);
    const withProof = { ...offer(nodes, 0, 5), proof: [emptyRoot()] };
    expect(decideAddCheckpoint(withProof, log, undefined, witness, NOW).status).toBe(422);
    const empty = signCheckpoint(
      { origin: logKey.name, size: 0, rootHash: rootAt(1, nodes), extensions: [] },
      logKey,
    );
    const decision = decideAddCheckpoint(
      { oldSize: 0, proof: [], checkpoint: empty },
      log,
      undefined,
      witness,
      NOW,
    );
    expect(decision.status).toBe(422);
  });

  it('cosigns exactly the checkpoints that extend the last one (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        (old, size, fork) => {
          fc.pre(old <= size);
          const last = cosigned(nodes, old);
          const other = tree(20, fork);
          const decision = decideAddCheckpoint(offer(other, old, size), log, last, witness, NOW);
          // The other log extends the first up to size `old` exactly when it forks at or after it.
          expect(decision.status).toBe(fork >= old ? 200 : 422);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('witness keys and cosignatures', () => {
  it('writes and reads a signer key whose key ID follows the cosignature rule (type 0x04)', () => {
    const seed = new Uint8Array(32).fill(9);
    const skey = formatSignerKey(witness.name, seed, 0x04);
    const parsed = parseCosignerKey(skey);
    expect(parsed.verifierKey).toBe(witness.verifierKey);
    const vkey = parseVerifierKey(witness.verifierKey);
    expect(vkey.type).toBe(0x04);
    expect(vkey.keyId).toBe(keyIdOf(witness.name, 0x04, vkey.publicKey));
    expect(skey).toContain(`+${vkey.keyId.toString(16).padStart(8, '0')}+`);
    expect(() => parseCosignerKey(formatSignerKey(witness.name, seed))).toThrow(/cosigner/);
  });

  it('checks cosignatures alike with node:crypto and with WebCrypto, ignoring the log’s own line', async () => {
    const { latest } = decideAddCheckpoint(offer(tree(3), 0, 3), log, undefined, witness, NOW) as {
      latest: WitnessedCheckpoint;
    };
    const other = cosigner('witness.example/w2', new Uint8Array(32).fill(10));
    const keys = [witness.verifierKey, other.verifierKey];
    const expected = { name: witness.name, verifierKey: witness.verifierKey, timestamp: NOW };
    expect(await verifyInNode(latest.note, keys)).toMatchObject({ valid: [expected], invalid: [] });
    expect(await verifyCosignatures(latest.note, keys)).toMatchObject({
      valid: [expected],
      invalid: [],
    });
    // Another time in the signature: the witness's line is there but does not verify.
    const forged = latest.note.replace(
      /(\u2014 witness\.example\/w1 )(\S+)/,
      (_, head, b64: string) => {
        const bytes = Buffer.from(b64, 'base64');
        bytes[11] = (bytes[11] ?? 0) ^ 1;
        return `${head}${bytes.toString('base64')}`;
      },
    );
    expect(await verifyInNode(forged, keys)).toEqual({ valid: [], invalid: [witness.name] });
    expect(await verifyCosignatures(forged, keys)).toEqual({ valid: [], invalid: [witness.name] });
  });

  const { vectors } = loadVectors<{
    vectors: { id: string; checkpoint?: string; cosigner_vkey?: string; timestamp?: number }[];
  }>('checkpoint_and_cosignature.json');
  const published = vectors.filter((v) => v.cosigner_vkey !== undefined);

  it.each(published.map((v) => [v.id, v] as const))(
    'finds the published cosignature of %s, in Node and with WebCrypto',
    async (_, v) => {
      const note = v.checkpoint ?? '';
      const key = v.cosigner_vkey ?? '';
      const name = parseVerifierKey(key).name;
      const expected = { name, verifierKey: key, timestamp: v.timestamp };
      expect((await verifyInNode(note, [key])).valid).toMatchObject([expected]);
      expect(await verifyCosignatures(note, [key])).toMatchObject({
        valid: [expected],
        invalid: [],
      });
      const changed = note.replace('\n300\n', '\n301\n');
      expect(await verifyCosignatures(changed, [key])).toEqual({ valid: [], invalid: [name] });
    },
  );
});
