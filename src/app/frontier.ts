/**
 * The right edge of the Merkle tree: the roots of the perfect subtrees that a new leaf may
 * complete. Appending needs only these, so the ledger keeps them in memory and never reads
 * the tree back while it writes.
 */
import type { NodeSource } from '../record/merkle.js';
import type { StoredNode } from '../store/types.js';

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

  clone(): Frontier {
    const copy = new Frontier();
    copy.size = this.size;
    copy.edge.push(...this.edge);
    return copy;
  }
}
