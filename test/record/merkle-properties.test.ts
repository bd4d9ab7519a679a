import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  MemoryNodes,
  nodeHash,
  nodesToStoreOnAppend,
  rootAt,
  rootOf,
} from '../../src/record/merkle.js';
import { ProofError, verifyConsistency, verifyInclusion } from '../../src/record/merkle-proofs.js';
import type { NodeSource } from '../../src/record/merkle.js';
import { proofFailure } from './probes.js';

const MAX_LEAVES = 300;

/**
 * A stored tree of a uniformly drawn size, with distinct leaves (each entry starts with its
 * index), and its roots at every size computed independently by MTH.
 */
const trees = fc
  .integer({ min: 1, max: MAX_LEAVES })
  .chain((size) => fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: size, maxLength: size }))
  .map((entries) => {
    const leaves = entries.map((entry, i) => leafHash(Uint8Array.of(i >> 8, i & 0xff, ...entry)));
    const nodes = new MemoryNodes();
    leaves.forEach((leaf) => nodes.append(leaf));
    const roots = new Map<number, Uint8Array>();
    const root = (size: number): Uint8Array => {
      const known = roots.get(size) ?? rootOf(leaves.slice(0, size));
      roots.set(size, known);
      return known;
    };
    return { leaves, nodes, size: leaves.length, root };
  });

function flipBit(proof: Uint8Array[], element: number, bit: number): Uint8Array[] {
  return proof.map((hash, i) => {
    if (i !== element) return hash;
    const flipped = new Uint8Array(hash);
    flipped[bit >> 3]! ^= 1 << (bit & 7);
    return flipped;
  });
}

describe('stored Merkle tree, every tree up to 64 leaves', () => {
  const leaves = Array.from({ length: 64 }, (_, i) => leafHash(Uint8Array.of(i)));
  const nodes = new MemoryNodes();
  leaves.forEach((leaf) => nodes.append(leaf));
  const roots = [0, ...leaves.keys()].map((_, size) => rootOf(leaves.slice(0, size)));
  const root = (size: number) => roots[size]!;

  it('proves every leaf and every earlier size at every size', () => {
    for (let size = 1; size <= leaves.length; size++) {
      expect(rootAt(size, nodes)).toEqual(root(size));
      for (let index = 0; index < size; index++) {
        verifyInclusion(
          index,
          size,
          leaves[index]!,
          inclusionProof(index, size, nodes),
          root(size),
        );
      }
      for (let old = 1; old <= size; old++) {
        verifyConsistency(old, size, consistencyProof(old, size, nodes), root(old), root(size));
      }
    }
  });
});

describe('stored Merkle tree, random trees up to 300 leaves', () => {
  it('has roots from rootAt equal to MTH at every size', () => {
    fc.assert(
      fc.property(trees, ({ nodes, size, root }) => {
        for (let n = 1; n <= size; n++) expect(rootAt(n, nodes)).toEqual(root(n));
      }),
      { numRuns: 25 },
    );
  });

  it('proves every leaf of the whole tree', () => {
    fc.assert(
      fc.property(trees, ({ leaves, nodes, size, root }) => {
        leaves.forEach((leaf, index) =>
          verifyInclusion(index, size, leaf, inclusionProof(index, size, nodes), root(size)),
        );
      }),
      { numRuns: 25 },
    );
  });

  it('proves every earlier size consistent with the whole tree', () => {
    fc.assert(
      fc.property(trees, ({ nodes, size, root }) => {
        for (let old = 1; old <= size; old++) {
          verifyConsistency(old, size, consistencyProof(old, size, nodes), root(old), root(size));
        }
      }),
      { numRuns: 25 },
    );
  });

  const treeWithLeafAndSize = trees.chain((tree) =>
    fc.record({
      tree: fc.constant(tree),
      size: fc.integer({ min: 1, max: tree.size }),
      other: fc.nat(),
    }),
  );

  it('proves any leaf in any prefix of the stored tree', () => {
    fc.assert(
      fc.property(treeWithLeafAndSize, ({ tree: { leaves, nodes, root }, size, other }) => {
        const index = other % size;
        verifyInclusion(
          index,
          size,
          leaves[index]!,
          inclusionProof(index, size, nodes),
          root(size),
        );
      }),
    );
  });

  it('proves any two prefixes of the stored tree consistent', () => {
    fc.assert(
      fc.property(treeWithLeafAndSize, ({ tree: { nodes, root }, size, other }) => {
        const old = (other % size) + 1;
        verifyConsistency(old, size, consistencyProof(old, size, nodes), root(old), root(size));
      }),
    );
  });

  it('rejects an inclusion proof with any bit flipped', () => {
    fc.assert(
      fc.property(treeWithLeafAndSize, fc.nat(), fc.nat(255), (case_, element, bit) => {
        const { tree, size, other } = case_;
        const index = other % size;
        const proof = inclusionProof(index, size, tree.nodes);
        fc.pre(proof.length > 0);
        const flipped = flipBit(proof, element % proof.length, bit);
        const failure = proofFailure(() =>
          verifyInclusion(index, size, tree.leaves[index]!, flipped, tree.root(size)),
        );
        expect(failure).toBeInstanceOf(ProofError);
        expect(failure?.code).toBe('root-mismatch');
      }),
    );
  });

  it('rejects a consistency proof with any bit flipped', () => {
    fc.assert(
      fc.property(treeWithLeafAndSize, fc.nat(), fc.nat(255), (case_, element, bit) => {
        const { tree, size, other } = case_;
        const old = (other % size) + 1;
        const proof = consistencyProof(old, size, tree.nodes);
        fc.pre(proof.length > 0);
        const flipped = flipBit(proof, element % proof.length, bit);
        const failure = proofFailure(() =>
          verifyConsistency(old, size, flipped, tree.root(old), tree.root(size)),
        );
        expect(failure).toBeInstanceOf(ProofError);
        expect(failure?.code).toBe('root-mismatch');
      }),
    );
  });

  it('rejects a consistency proof for a wrong old or new root', () => {
    fc.assert(
      fc.property(treeWithLeafAndSize, ({ tree: { nodes, root, size: full }, size, other }) => {
        fc.pre(size < full);
        const old = (other % size) + 1;
        const proof = consistencyProof(old, size, nodes);
        const wrongOld = old === 1 ? root(2) : root(old - 1);
        expect(
          proofFailure(() => verifyConsistency(old, size, proof, wrongOld, root(size)))?.code,
        ).toBe('root-mismatch');
        expect(
          proofFailure(() => verifyConsistency(old, size, proof, root(old), root(size + 1)))?.code,
        ).toBe('root-mismatch');
      }),
    );
  });

  it('rejects a proof for the wrong leaf, index or root', () => {
    fc.assert(
      fc.property(treeWithLeafAndSize, ({ tree: { leaves, nodes, root }, size, other }) => {
        fc.pre(size > 1);
        const index = other % size;
        const proof = inclusionProof(index, size, nodes);
        const wrongIndex = (index + 1) % size;
        expect(
          proofFailure(() => verifyInclusion(index, size, leaves[wrongIndex]!, proof, root(size))),
        ).toBeInstanceOf(ProofError);
        expect(
          proofFailure(() => verifyInclusion(wrongIndex, size, leaves[index]!, proof, root(size))),
        ).toBeInstanceOf(ProofError);
        expect(
          proofFailure(() => verifyInclusion(index, size, leaves[index]!, proof, root(size - 1))),
        ).toBeInstanceOf(ProofError);
      }),
    );
  });
});

/**
 * A virtual tree of any size whose leaves are all equal, so that every node of a level has the
 * same hash: it checks the size arithmetic far beyond 2^32 and counts the nodes read.
 */
class UniformTree implements NodeSource {
  reads = 0;
  readonly #levels = [leafHash(new Uint8Array())];

  node(level: number): Uint8Array {
    this.reads += 1;
    while (this.#levels.length <= level) {
      const below = this.#levels[this.#levels.length - 1]!;
      this.#levels.push(nodeHash(below, below));
    }
    return this.#levels[level]!;
  }
}

describe('stored Merkle tree, sizes up to 2^53 - 1', () => {
  const bigSizes = fc.record({
    size: fc.integer({ min: 2 ** 32, max: Number.MAX_SAFE_INTEGER }),
    fraction: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  });
  const MAX_READS = 2 * 53;

  it('proves a leaf with O(log n) reads', () => {
    fc.assert(
      fc.property(bigSizes, ({ size, fraction }) => {
        const tree = new UniformTree();
        const index = Math.floor(fraction * size);
        const root = rootAt(size, tree);
        tree.reads = 0;
        const proof = inclusionProof(index, size, tree);
        expect(tree.reads).toBeLessThanOrEqual(MAX_READS);
        verifyInclusion(index, size, tree.node(0), proof, root);
      }),
    );
  });

  it('proves consistency with O(log n) reads', () => {
    fc.assert(
      fc.property(bigSizes, ({ size, fraction }) => {
        const tree = new UniformTree();
        const old = Math.floor(fraction * size) + 1;
        const roots = [rootAt(old, tree), rootAt(size, tree)] as const;
        tree.reads = 0;
        const proof = consistencyProof(old, size, tree);
        expect(tree.reads).toBeLessThanOrEqual(MAX_READS);
        verifyConsistency(old, size, proof, ...roots);
      }),
    );
  });

  it('stores an append with one read per completed subtree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - 1 }), (index) => {
        const tree = new UniformTree();
        const stored = nodesToStoreOnAppend(index, tree.node(0), tree);
        expect(tree.reads - 1).toBe(stored.length - 1);
        stored.forEach(({ level, index: position, hash }) => {
          expect(position).toBe(Math.floor(index / 2 ** level));
          expect(hash).toEqual(tree.node(level));
        });
      }),
    );
  });
});
