import { describe, expect, it } from 'vitest';
import {
  leafHash,
  MemoryNodes,
  nodesToStoreOnAppend,
  rootAt,
  rootOf,
} from '../../src/record/merkle.js';
import { fromHex, loadVectors, toHex } from './vectors.js';

const tree = loadVectors<{
  leaf_inputs_hex: string[];
  node_hashes: string[][];
  root_hashes_by_size: string[];
}>('merkle_tree_8_leaves.json');

const leafHashes = tree.leaf_inputs_hex.map((input) => leafHash(fromHex(input)));

function storedTree(size: number): MemoryNodes {
  const nodes = new MemoryNodes();
  leafHashes.slice(0, size).forEach((hash) => nodes.append(hash));
  return nodes;
}

describe('8-leaf tree (merkle_tree_8_leaves.json)', () => {
  it('hashes the leaf inputs to the level-0 nodes', () => {
    expect(leafHashes.map(toHex)).toEqual(tree.node_hashes[0]);
  });

  it('stores every perfect-subtree hash under (level, index)', () => {
    const nodes = storedTree(8);
    tree.node_hashes.forEach((level, l) =>
      level.forEach((hash, i) => expect(toHex(nodes.node(l, i)), `node (${l}, ${i})`).toBe(hash)),
    );
  });

  it('stores on each append the leaf and the perfect subtrees it completes', () => {
    const nodes = new MemoryNodes();
    const stored = leafHashes.map((hash, index) => {
      const completed = nodesToStoreOnAppend(index, hash, nodes);
      nodes.append(hash);
      return completed.map(({ level, index }) => `${level}/${index}`);
    });
    expect(stored).toEqual([
      ['0/0'],
      ['0/1', '1/0'],
      ['0/2'],
      ['0/3', '1/1', '2/0'],
      ['0/4'],
      ['0/5', '1/2'],
      ['0/6'],
      ['0/7', '1/3', '2/1', '3/0'],
    ]);
  });

  it.each(tree.root_hashes_by_size.map((root, size) => ({ root, size })))(
    'has the published root at size $size',
    ({ root, size }) => {
      expect(toHex(rootOf(leafHashes.slice(0, size)))).toBe(root);
      expect(toHex(rootAt(size, storedTree(size)))).toBe(root);
      expect(toHex(rootAt(size, storedTree(8)))).toBe(root);
    },
  );
});
