/**
 * The right edge of the Merkle tree: the roots of the perfect subtrees that a new leaf may
 * complete. Appending needs only these, so the ledger keeps them in memory and never reads
 * the tree back while it writes.
 */
import type { NodeSource } from '../record/merkle.js';
import type { StoredNode } from '../store/types.js';

const HASH_SIZE = 32;

type NodesOnAppend = (index: number, leafHash: Uint8Array, source: NodeSource) => StoredNode[];

export class Frontier implements NodeSource {
  private size = 0;
  /**
   * By level, the root of the perfect subtree on the right edge at that level: node
   * (level, size / 2^level - 1) when the size has that bit set, else nothing.
   */
  private readonly edge: (Uint8Array | undefined)[] = [];

  node(level: number, index: number): Uint8Array {
    const hash = this.edge[level];
    if (!hash || index !== Math.floor(this.size / 2 ** level) - 1)
      throw new Error(`node ${level}/${index} is not on the tree's right edge`);
    return hash;
  }

  /** Appends leaf `index` and returns the nodes it completes, to be stored with it. */
  append(index: number, leafHash: Uint8Array, nodesOnAppend: NodesOnAppend): StoredNode[] {
    const completed = nodesOnAppend(index, leafHash, this);
    // The highest node completed joins the edge; the ones below it are now inside the tree.
    const top = completed[completed.length - 1]!;
    for (let level = 0; level < top.level; level++) this.edge[level] = undefined;
    this.edge[top.level] = top.hash;
    this.size = index + 1;
    return completed;
  }

  /** The number of leaves appended. */
  get leaves(): number {
    return this.size;
  }

  /**
   * The edge as bytes, as a snapshot keeps it: the hash of each perfect subtree on it, 32 bytes
   * each, lowest level first (one for each bit set in the size, which says their levels).
   */
  toBytes(): Uint8Array {
    const hashes = this.edge.filter((hash): hash is Uint8Array => hash !== undefined);
    return Buffer.concat(hashes);
  }

  /** The frontier of a tree of `size` leaves from its edge as bytes; undefined if they are not one. */
  static fromBytes(size: number, bytes: Uint8Array): Frontier | undefined {
    if (!Number.isSafeInteger(size) || size < 0) return undefined;
    const frontier = new Frontier();
    let at = 0;
    for (let level = 0; 2 ** level <= size; level++) {
      if (Math.floor(size / 2 ** level) % 2 === 0) continue;
      if (at + HASH_SIZE > bytes.length) return undefined;
      frontier.edge[level] = new Uint8Array(bytes.subarray(at, at + HASH_SIZE));
      at += HASH_SIZE;
    }
    if (at !== bytes.length) return undefined;
    frontier.size = size;
    return frontier;
  }

  clone(): Frontier {
    const copy = new Frontier();
    copy.size = this.size;
    copy.edge.push(...this.edge);
    return copy;
  }
}
