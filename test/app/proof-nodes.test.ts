import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeptNodes, withStoredNodes } from '../../src/app/proofs.js';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeHash,
  rootAt,
} from '../../src/record/merkle.js';
import type { NodeSource } from '../../src/record/merkle.js';
import type { NodeAddress, RecordStore } from '../../src/store/index.js';

/** A tree's stored nodes as the ledger stores them: every perfect subtree of the leaves so far. */
class GrowingTree {
  readonly levels: Uint8Array[][] = [[]];
  /** The addresses every `nodes` call asked for. */
  readonly asked: NodeAddress[][] = [];

  grow(to: number): void {
    for (let i = this.levels[0]!.length; i < to; i++) {
      let hash = leafHash(Uint8Array.of(i & 255, i >> 8));
      this.levels[0]!.push(hash);
      for (let level = 0, position = i; position % 2 === 1; level++, position >>= 1) {
        hash = nodeHash(this.levels[level]![position - 1]!, hash);
        (this.levels[level + 1] ??= []).push(hash);
      }
    }
  }

  get source(): NodeSource {
    return { node: (level, index) => this.levels[level]![index]! };
  }

  /** Only what withStoredNodes uses of a store. */
  get store(): RecordStore {
    const nodes = (addresses: readonly NodeAddress[]): Promise<Map<string, Uint8Array>> => {
      this.asked.push([...addresses]);
      const found = new Map<string, Uint8Array>();
      for (const { level, index } of addresses) {
        const hash = this.levels[level]?.[index];
        if (hash) found.set(`${level}/${index}`, hash);
      }
      return Promise.resolve(found);
    };
    return { nodes } as unknown as RecordStore;
  }
}

describe('proofs with the upper levels kept', () => {
  it('are the proofs from the whole tree, as it grows, and read each kept node once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (growths, picks) => {
          const tree = new GrowingTree();
          const kept = new KeptNodes();
          const store = tree.store;
          let size = 0;
          for (const growth of growths) {
            const older = size;
            tree.grow((size += growth));
            for (const pick of picks) {
              const index = Math.floor(pick * size);
              const proved = (source: NodeSource) => ({
                inclusion: inclusionProof(index, size, source),
                consistency: older > 0 ? consistencyProof(older, size, source) : [],
                root: rootAt(size, source),
              });
              const expected = proved(tree.source);
              expect(await withStoredNodes(store, proved, kept)).toEqual(expected);
              // Asked again, nothing kept is read again.
              tree.asked.length = 0;
              expect(await withStoredNodes(store, proved, kept)).toEqual(expected);
              for (const { level, index: i } of tree.asked.flat())
                expect(kept.has(`${level}/${i}`)).toBe(false);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keep only the levels near the top, and a bounded number of nodes', async () => {
    const tree = new GrowingTree();
    tree.grow(12345);
    const kept = new KeptNodes();
    const size = tree.levels[0]!.length;
    for (let index = size - 1; index >= 0; index -= 3)
      await withStoredNodes(tree.store, (source) => inclusionProof(index, size, source), kept);
    // The highest level a proof reads is 13; levels 2 and up (within 12 of it) are kept.
    expect(kept.has('1/0')).toBe(false);
    expect(kept.has('2/0')).toBe(true);
    expect(kept.has('13/0')).toBe(true);
    expect(kept.size).toBeLessThanOrEqual(1 << 13);
    // Proved again, only the two lowest levels are read.
    tree.asked.length = 0;
    await withStoredNodes(tree.store, (source) => inclusionProof(6, size, source), kept);
    const levels = tree.asked.flat().map(({ level }) => level);
    expect(levels.length).toBeGreaterThan(0);
    expect(levels.every((level) => level < 2)).toBe(true);
  });

  it('name a node the store does not have', async () => {
    const tree = new GrowingTree();
    tree.grow(5);
    await expect(
      withStoredNodes(tree.store, (source) => inclusionProof(0, 8, source), new KeptNodes()),
    ).rejects.toThrow(/the tree has no node 2\/1: is the record damaged\?/);
  });
});
