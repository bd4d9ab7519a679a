/**
 * The right edge of the Merkle tree: the roots of the perfect subtrees that a new leaf may
 * complete. Appending needs only these, so the ledger keeps them in memory and never reads
 * the tree back while it writes.
 */
import type { NodeSource } from '../record/merkle.js';
import type { StoredNode } from '../store/types.js';

type NodesOnAppend = (index: number, leafHash: Uint8Array, source: NodeSource) => StoredNode[];

export class Frontier implements NodeSource {
  private readonly nodes = new Map<string, Uint8Array>();

  node(level: number, index: number): Uint8Array {
    const hash = this.nodes.get(`${level}/${index}`);
    if (!hash) throw new Error(`node ${level}/${index} is not on the tree's right edge`);
    return hash;
  }

  /** Appends leaf `index` and returns the nodes it completes, to be stored with it. */
  append(index: number, leafHash: Uint8Array, nodesOnAppend: NodesOnAppend): StoredNode[] {
    const completed = nodesOnAppend(index, leafHash, this);
    for (const n of completed) this.nodes.set(`${n.level}/${n.index}`, n.hash);
    const size = index + 1;
    const edge = new Set<string>();
    for (let level = 0; size >> level > 0; level++) {
      if ((size >> level) & 1) edge.add(`${level}/${(size >> level) - 1}`);
    }
    for (const key of this.nodes.keys()) if (!edge.has(key)) this.nodes.delete(key);
    return completed;
  }

  clone(): Frontier {
    const copy = new Frontier();
    for (const [k, v] of this.nodes) copy.nodes.set(k, v);
    return copy;
  }
}
