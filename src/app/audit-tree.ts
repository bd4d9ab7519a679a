/**
 * The audit of the stored tree: every stored leaf must be the hash of its entry, and every
 * interior node the hash of its two children. Checked while the entries stream in, a page of
 * leaves at a time: every node the page's leaves complete is computed from checked nodes below it
 * and compared with the stored one, so each level is read once, in order, and never again as
 * children.
 */
import { nodeHash } from '../record/merkle.js';
import type { RecordStore, StoredNode } from '../store/types.js';
import { Failed } from './audit-failure.js';
import type { AuditFailure, AuditProgress } from './audit-failure.js';

/** The stored nodes of one level that a page completes: positions from `first`, in order. */
interface LevelPage {
  readonly first: number;
  readonly nodes: readonly StoredNode[];
}

/** What is wrong with a stored node (level 0: a leaf), before it is put in words. */
export interface TreeFault {
  readonly fault: 'missing' | 'differs';
  readonly level: number;
  readonly index: number;
}

/** How the audit says a fault of the tree. */
export function auditWords({ fault, level, index }: TreeFault): AuditFailure {
  const item = `node ${level}/${index}`;
  if (level === 0)
    return fault === 'missing'
      ? { item, reason: `the leaf hash of entry ${index} is missing from the tree` }
      : { item, reason: `the stored leaf hash is not the hash of entry ${index}` };
  return fault === 'missing'
    ? { item, reason: 'the node is missing from the tree' }
    : { item, reason: 'it is not the hash of its two children' };
}

/**
 * A failure of a stored leaf is named at once; one of an interior node waits until every entry
 * has passed, and then the lowest level's first is named, as a check level by level would name it.
 */
export class TreeCheck {
  /** Leaves and interior nodes checked. */
  nodes = 0;
  /** Per level, the last node completed: the left sibling of the next one. */
  private readonly left: Uint8Array[] = [];
  private failure: { readonly level: number; readonly failed: Failed } | undefined;

  constructor(
    private readonly store: RecordStore,
    private readonly size: number,
    /** How a fault is said: the audit's words unless another check says it its own way. */
    private readonly words: (fault: TreeFault) => AuditFailure = auditWords,
  ) {}

  /** Leaves from index `from` on (their hashes end to end), in order, once each is known to be
   * its entry's hash. */
  async addPage(from: number, leaves: Uint8Array): Promise<void> {
    const count = leaves.length / 32;
    const to = from + count;
    checkLeaves(from, leaves, await collect(this.store.levelPages(0, from, to)), this.words);
    const levels = await this.completedBy(from, to);
    for (let i = 0; i < count; i++)
      this.add(from + i, leaves.subarray(32 * i, 32 * i + 32), levels);
  }

  /**
   * Per level, the stored nodes that leaves [from, to) complete: node (L, p) is completed by leaf
   * (p + 1)·2^L − 1, so they are positions ⌊from/2^L⌋ to ⌊to/2^L⌋ − 1. A level with none has
   * none above it either.
   */
  private async completedBy(from: number, to: number): Promise<LevelPage[]> {
    const levels: LevelPage[] = [];
    for (let level = 1, width = 2; ; level++, width *= 2) {
      const first = Math.floor(from / width);
      const end = Math.floor(to / width);
      if (end <= first) return levels;
      levels[level] = { first, nodes: await collect(this.store.levelPages(level, first, end)) };
    }
  }

  private add(index: number, leaf: Uint8Array, levels: readonly LevelPage[]): void {
    this.nodes += 1;
    let hash = leaf;
    let level = 0;
    let position = index;
    while (position % 2 === 1) {
      hash = nodeHash(this.left[level]!, hash);
      level += 1;
      position = (position - 1) / 2;
      this.compare(level, position, hash, levels[level]!);
    }
    this.left[level] = hash;
  }

  private compare(level: number, position: number, hash: Uint8Array, stored: LevelPage): void {
    if (this.failure && this.failure.level <= level) return;
    // The level's nodes are read in order: the first one missing shifts the rest.
    const node = stored.nodes[position - stored.first];
    if (node?.index !== position) this.fail({ fault: 'missing', level, index: position });
    else if (!sameBytes(node.hash, hash)) this.fail({ fault: 'differs', level, index: position });
    else this.nodes += 1;
  }

  private fail(fault: TreeFault): void {
    this.failure = { level: fault.level, failed: new Failed(this.words(fault)) };
  }

  finish(counts: { nodes: number }, onProgress?: (p: AuditProgress) => void): void {
    counts.nodes = this.nodes;
    if (this.failure) throw this.failure.failed;
    onProgress?.({ phase: 'tree', done: this.nodes, total: 2 * this.size });
  }
}

/** The stored leaves (level 0 of the tree) must be the hashes of the entries. */
function checkLeaves(
  from: number,
  leaves: Uint8Array,
  stored: readonly StoredNode[],
  words: (fault: TreeFault) => AuditFailure,
): void {
  const count = leaves.length / 32;
  let i = 0;
  for (const node of stored) {
    if (node.index !== from + i) break;
    if (!sameBytes(node.hash, leaves.subarray(32 * i, 32 * i + 32)))
      throw new Failed(words({ fault: 'differs', level: 0, index: node.index }));
    i += 1;
  }
  if (i !== count) throw new Failed(words({ fault: 'missing', level: 0, index: from + i }));
}

async function collect(pages: AsyncIterable<readonly StoredNode[]>): Promise<StoredNode[]> {
  const all: StoredNode[] = [];
  for await (const page of pages) for (const node of page) all.push(node);
  return all;
}

/** Byte equality done natively: the audit compares every node of the tree. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
