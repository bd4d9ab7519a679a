import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  MemoryNodes,
  rootAt,
} from '../../src/record/merkle.js';
import { ProofError, verifyConsistency, verifyInclusion } from '../../src/record/merkle-proofs.js';
import { proofFailure } from './probes.js';
import { fromHex, loadVectors, toHex } from './vectors.js';

interface InclusionVector {
  leaf_index: number;
  tree_size: number;
  leaf_input_hex: string;
  leaf_hash_hex: string;
  root_hex: string;
  proof_hex: string[];
}

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1_hex: string;
  root2_hex: string;
  proof_hex: string[];
}

const proofs = loadVectors<{ inclusion: InclusionVector[]; consistency: ConsistencyVector[] }>(
  'rfc9162_proofs_8_leaves.json',
);
const { leaf_inputs_hex } = loadVectors<{ leaf_inputs_hex: string[] }>('merkle_tree_8_leaves.json');

const nodes = new MemoryNodes();
leaf_inputs_hex.forEach((input) => nodes.append(leafHash(fromHex(input))));

describe('RFC 9162 proofs over the 8-leaf tree (rfc9162_proofs_8_leaves.json)', () => {
  it.each(proofs.inclusion)(
    'inclusion of leaf $leaf_index in a tree of $tree_size',
    ({ leaf_index, tree_size, leaf_input_hex, leaf_hash_hex, root_hex, proof_hex }) => {
      expect(toHex(leafHash(fromHex(leaf_input_hex)))).toBe(leaf_hash_hex);
      expect(toHex(rootAt(tree_size, nodes))).toBe(root_hex);
      expect(inclusionProof(leaf_index, tree_size, nodes).map(toHex)).toEqual(proof_hex);
      expect(() =>
        verifyInclusion(
          leaf_index,
          tree_size,
          fromHex(leaf_hash_hex),
          proof_hex.map(fromHex),
          fromHex(root_hex),
        ),
      ).not.toThrow();
    },
  );

  it.each(proofs.consistency)(
    'consistency of size $size1 with size $size2',
    ({ size1, size2, root1_hex, root2_hex, proof_hex }) => {
      expect(toHex(rootAt(size1, nodes))).toBe(root1_hex);
      expect(toHex(rootAt(size2, nodes))).toBe(root2_hex);
      expect(consistencyProof(size1, size2, nodes).map(toHex)).toEqual(proof_hex);
      expect(() =>
        verifyConsistency(
          size1,
          size2,
          proof_hex.map(fromHex),
          fromHex(root1_hex),
          fromHex(root2_hex),
        ),
      ).not.toThrow();
    },
  );
});

describe('proof arguments over the 8-leaf tree', () => {
  const inclusion = proofs.inclusion[1]!; // leaf 0 of 8
  const consistency = proofs.consistency[2]!; // 6 to 8, old root not a power of two

  function rejectInclusion(change: { index?: number; size?: number; proof?: Uint8Array[] }) {
    return proofFailure(() =>
      verifyInclusion(
        change.index ?? inclusion.leaf_index,
        change.size ?? inclusion.tree_size,
        fromHex(inclusion.leaf_hash_hex),
        change.proof ?? inclusion.proof_hex.map(fromHex),
        fromHex(inclusion.root_hex),
      ),
    )?.code;
  }

  it('rejects sizes and indexes that are not counts', () => {
    for (const bad of [-1, 1.5, Number.NaN, Infinity, 2 ** 53]) {
      expect(rejectInclusion({ index: bad }), String(bad)).toBe('invalid-size');
      expect(rejectInclusion({ size: bad }), String(bad)).toBe('invalid-size');
      expect(proofFailure(() => inclusionProof(0, bad, nodes))?.code).toBe('invalid-size');
      expect(proofFailure(() => consistencyProof(1, bad, nodes))?.code).toBe('invalid-size');
    }
  });

  it('rejects a proof hash that is not 32 bytes', () => {
    const proof = inclusion.proof_hex.map(fromHex);
    proof[1] = proof[1]!.subarray(1);
    expect(rejectInclusion({ proof })).toBe('bad-hash-length');
    const { size1, size2, proof_hex, root1_hex, root2_hex } = consistency;
    const shortened = proof_hex.map((hash, i) => fromHex(i === 0 ? hash + '00' : hash));
    expect(
      proofFailure(() =>
        verifyConsistency(size1, size2, shortened, fromHex(root1_hex), fromHex(root2_hex)),
      )?.code,
    ).toBe('bad-hash-length');
  });

  it('makes no proof for a leaf beyond the tree or from the empty or a larger tree', () => {
    expect(proofFailure(() => inclusionProof(8, 8, nodes))).toBeInstanceOf(ProofError);
    expect(proofFailure(() => inclusionProof(8, 8, nodes))?.code).toBe('index-out-of-range');
    expect(proofFailure(() => consistencyProof(0, 8, nodes))?.code).toBe('empty-tree');
    expect(proofFailure(() => consistencyProof(5, 3, nodes))?.code).toBe('sizes-out-of-order');
  });

  it('refuses, in words, a proof from an old root or to a new root the tree did not have', () => {
    const { size1, size2, proof_hex, root1_hex, root2_hex } = consistency;
    const forged = (hex: string) => fromHex('ff' + hex.slice(2));
    const check = (root1: Uint8Array, root2: Uint8Array) =>
      proofFailure(() => verifyConsistency(size1, size2, proof_hex.map(fromHex), root1, root2));
    expect(check(forged(root1_hex), fromHex(root2_hex))).toMatchObject({
      code: 'root-mismatch',
      message: 'the proof does not lead to the old root',
    });
    expect(check(fromHex(root1_hex), forged(root2_hex))).toMatchObject({
      code: 'root-mismatch',
      message: 'the proof does not lead to the new root',
    });
  });

  it('proves a tree consistent with itself by an empty proof', () => {
    expect(consistencyProof(5, 5, nodes)).toEqual([]);
    expect(() => verifyConsistency(5, 5, [], rootAt(5, nodes), rootAt(5, nodes))).not.toThrow();
  });
});
