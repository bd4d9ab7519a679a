import { describe, expect, it } from 'vitest';
import { ProofError, verifyConsistency } from '../../src/record/merkle-proofs.js';
import type { ProofErrorCode } from '../../src/record/merkle-proofs.js';
import { proofFailure } from './probes.js';
import { fromHex, loadVectors } from './vectors.js';

interface ConsistencyProbe {
  file: string;
  desc: string;
  want_error: boolean;
  size1: number;
  size2: number;
  root1_hex: string;
  root2_hex: string;
  proof_hex: string[];
}

const { count, probes } = loadVectors<{ count: number; probes: ConsistencyProbe[] }>(
  'merkle_consistency_probes.json',
);

/** The failure a probe's name describes; undefined where it names none (changed sizes can fail
 * several ways). */
function namedFailure(file: string): ProofErrorCode | undefined {
  const path = file.replace('testdata/consistency/', '').replace(/\.json$/, '');
  const mutation = /^\d\/(.*)$/.exec(path)?.[1];
  if (mutation === undefined) return SPECIAL_CASES[path];
  if (/^(empty|truncated)-proof$|^(preceding|trailing)-/.test(mutation)) return 'wrong-proof-size';
  if (/^modified-proof|^swapped-roots$|^wrong-root/.test(mutation)) return 'root-mismatch';
  return undefined;
}

const SPECIAL_CASES: Record<string, ProofErrorCode | undefined> = {
  'additional/consistency-check-on-empty-tree-size1-is-zero-is-useless': 'empty-tree',
  'additional/roots-do-not-match-and-sizes-are-zero': 'empty-tree',
  'additional/roots-do-not-not-match-and-sizes-are-one': 'root-mismatch',
  'additional/size1-is-greater-than-size2-again': 'sizes-out-of-order',
  'additional/size1-is-greater-than-size2': 'sizes-out-of-order',
  'additional/size1-is-zero-and-does-not-equal-size2': 'empty-tree',
  'additional/size1-is-zero-and-size2-is-not-zero': 'empty-tree',
  'additional/sizes-are-equal-one-but-roots-are-not': 'root-mismatch',
  'additional/sizes-are-equal-zero-and-proof-is-empty': 'empty-tree',
  'additional/sizes-are-equal-zero-but-roots-are-not': 'empty-tree',
  'additional/sizes-do-not-watch-and-proof-is-empty': 'wrong-proof-size',
  'additional/sizes-match-but-proof-is-not-empty-and-sizes-are-one': 'wrong-proof-size',
  'additional/sizes-match-but-proof-is-not-empty-and-sizes-are-zero': 'empty-tree',
};

describe('consistency probes (merkle_consistency_probes.json)', () => {
  it('has every probe', () => expect(probes).toHaveLength(count));

  it.each(probes.map((probe) => [probe.file.replace('testdata/consistency/', ''), probe] as const))(
    '%s',
    (_, { want_error, size1, size2, proof_hex, root1_hex, root2_hex, file }) => {
      const failure = proofFailure(() =>
        verifyConsistency(
          size1,
          size2,
          proof_hex.map(fromHex),
          fromHex(root1_hex),
          fromHex(root2_hex),
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
