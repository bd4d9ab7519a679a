import { describe, expect, it } from 'vitest';
import { ProofError, verifyInclusion } from '../../src/record/merkle-proofs.js';
import type { ProofErrorCode } from '../../src/record/merkle-proofs.js';
import { proofFailure } from './probes.js';
import { fromHex, loadVectors } from './vectors.js';

interface InclusionProbe {
  file: string;
  desc: string;
  want_error: boolean;
  leaf_index: number;
  tree_size: number;
  root_hex: string;
  leaf_hash_hex: string;
  proof_hex: string[];
}

const { count, probes } = loadVectors<{ count: number; probes: InclusionProbe[] }>(
  'merkle_inclusion_probes.json',
);

/** The failure a probe's name describes; undefined where it names none (changed index or size
 * can fail several ways). */
function namedFailure(file: string): ProofErrorCode | undefined {
  const path = file.replace('testdata/inclusion/', '').replace(/\.json$/, '');
  const mutation = /^\d\/(.*)$/.exec(path)?.[1];
  if (mutation === undefined) return SPECIAL_CASES[path];
  if (/^(inserted|removed)-component$|^(preceding|trailing)-/.test(mutation))
    return 'wrong-proof-size';
  if (/^modified-proof|^(random|empty)-root$/.test(mutation)) return 'root-mismatch';
  if (mutation === 'wrong-leaf') return 'bad-hash-length';
  return undefined;
}

const SPECIAL_CASES: Record<string, ProofErrorCode | undefined> = {
  'additional/0/empty-root-and-random-leaf': 'index-out-of-range',
  'additional/0/empty-root': 'index-out-of-range',
  'additional/0/random-leaf': 'index-out-of-range',
  'additional/1/empty-root-and-random-leaf': 'root-mismatch',
  'additional/1/empty-root': 'bad-hash-length',
  'additional/1/random-leaf': 'root-mismatch',
  'additional/2/empty-root-and-random-leaf': 'index-out-of-range',
  'additional/2/empty-root': 'index-out-of-range',
  'additional/2/random-leaf': 'index-out-of-range',
  'additional/3/empty-root-and-random-leaf': 'index-out-of-range',
  'additional/3/empty-root': 'index-out-of-range',
  'additional/3/random-leaf': 'index-out-of-range',
  'single-entry/empty-leaf': 'bad-hash-length',
  'single-entry/empty-root-and-leaf': 'bad-hash-length',
  'single-entry/empty-root': 'root-mismatch',
};

describe('inclusion probes (merkle_inclusion_probes.json)', () => {
  it('has every probe', () => expect(probes).toHaveLength(count));

  it.each(probes.map((probe) => [probe.file.replace('testdata/inclusion/', ''), probe] as const))(
    '%s',
    (_, { want_error, leaf_index, tree_size, leaf_hash_hex, proof_hex, root_hex, file }) => {
      const failure = proofFailure(() =>
        verifyInclusion(
          leaf_index,
          tree_size,
          fromHex(leaf_hash_hex),
          proof_hex.map(fromHex),
          fromHex(root_hex),
        ),
      );
      if (!want_error) {
        expect(failure, `${file} should verify`).toBeUndefined();
        return;
      }
      expect(failure, `${file} should be rejected`).toBeInstanceOf(ProofError);
      const expected = namedFailure(file);
      if (expected !== undefined) expect(failure?.code, failure?.message).toBe(expected);
    },
  );
});
