import { describe, expect, it } from 'vitest';
import { parseCheckpoint } from '../../src/record/checkpoint.js';
import { MemoryNodes, rootAt, rootOf } from '../../src/record/merkle.js';
import type { NodeSource } from '../../src/record/merkle.js';
import { parseNote } from '../../src/record/note.js';
import { fromHex, loadVectors, toHex } from './vectors.js';

const tiles = loadVectors<{
  tree_size: number;
  expected_root_hash_hex: string;
  tiles: Record<string, { width: number; hashes_hex: string[] }>;
}>('tlog_tiles.json');

const { vectors } = loadVectors<{ vectors: { id: string; checkpoint?: string }[] }>(
  'checkpoint_and_cosignature.json',
);
const mirrorCheckpoint = vectors.find(
  ({ id }) => id === 'sunlight-mirror-cosignature-ed25519',
)?.checkpoint;

const TILE_HEIGHT = 8; // c2sp.org/tlog-tiles: a tile holds 2^8 hashes of one tree level

function tileHashes(path: string): Uint8Array[] {
  const tile = tiles.tiles[path];
  if (tile === undefined) throw new Error(`no ${path} in the vectors`);
  expect(tile.hashes_hex).toHaveLength(tile.width);
  return tile.hashes_hex.map(fromHex);
}

/** The hashes of tree level 8·t, for t = 0 and 1, concatenated across the tiles. */
const tileLevels = [
  [...tileHashes('tile/0/000'), ...tileHashes('tile/0/001.p/44')],
  tileHashes('tile/1/000.p/1'),
];

/** Serves node (L, i) from the tile level below it: the root of its 2^(L mod 8) hashes there. */
const fromTiles: NodeSource = {
  node(level, index) {
    const hashes = tileLevels[Math.floor(level / TILE_HEIGHT)];
    const width = 2 ** (level % TILE_HEIGHT);
    const covered = hashes?.slice(index * width, (index + 1) * width) ?? [];
    if (covered.length !== width) throw new RangeError(`no node (${level}, ${index}) in the tiles`);
    return rootOf(covered);
  },
};

describe('tlog tiles of a 300-leaf tree (tlog_tiles.json)', () => {
  it('has the checkpoint root, computed from tile/1 and the partial level-0 tile', () => {
    expect(toHex(rootAt(tiles.tree_size, fromTiles))).toBe(tiles.expected_root_hash_hex);
  });

  it('has the checkpoint root, computed from the 300 level-0 hashes', () => {
    const nodes = new MemoryNodes();
    tileLevels[0]?.forEach((hash) => nodes.append(hash));
    expect(nodes.size).toBe(tiles.tree_size);
    expect(toHex(rootAt(tiles.tree_size, nodes))).toBe(tiles.expected_root_hash_hex);
    expect(toHex(nodes.node(8, 0))).toBe(tiles.tiles['tile/1/000.p/1']?.hashes_hex[0]);
  });

  it('matches the mirror checkpoint for the same tree', () => {
    expect(mirrorCheckpoint).toBeDefined();
    const checkpoint = parseCheckpoint(parseNote(mirrorCheckpoint ?? '').text);
    expect(checkpoint.size).toBe(tiles.tree_size);
    expect(toHex(rootAt(checkpoint.size, fromTiles))).toBe(toHex(checkpoint.rootHash));
  });
});
