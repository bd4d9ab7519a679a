/**
 * The check of a record before it is copied (app/migrate.ts): the opening check, then every
 * entry read once, in order: none missing, and each stored node of the tree the hash its entries
 * make, the leaves and every node they complete. A source damaged in its middle is refused before
 * anything is written, naming the entry or the node, rather than copied and found out only by the
 * copy's audit, or taken for a record that grew meanwhile.
 */
import { equalBytes } from '../core/bytes.js';
import { leafHash, nodesToStoreOnAppend } from '../record/merkle.js';
import { RecordDamaged } from '../store/index.js';
import type { RecordStore, StoredNode } from '../store/index.js';
import { Frontier } from './frontier.js';
import { openingProblem } from './opening-check.js';

/** Entries read and checked a page at a time. */
const PAGE = 10_000;

/** Refuses a source that fails the opening check or whose entries are not its tree's. */
export async function checkSource(from: RecordStore): Promise<void> {
  const problem = (await openingProblem(from)) ?? (await treeProblem(from));
  if (problem !== undefined)
    throw new RecordDamaged(
      `the record to copy is damaged, not copying it: ${problem} (collegium audit checks it all)`,
    );
}

/**
 * What is wrong with the entries and the stored tree up to the latest checkpoint (whose root the
 * opening check compared with the stored one), or undefined.
 */
async function treeProblem(from: RecordStore): Promise<string | undefined> {
  const size = (await from.checkpoint())?.size ?? 0;
  const frontier = new Frontier();
  for (let begin = 0; begin < size; begin += PAGE) {
    const end = Math.min(begin + PAGE, size);
    const stored = new Map<string, Uint8Array>();
    for (const node of await completedNodes(from, begin, end))
      stored.set(`${node.level}/${node.index}`, node.hash);
    let expected = begin;
    for await (const { index, bytes } of from.entries(begin, end)) {
      if (index !== expected) return `entry ${expected} is missing`;
      for (const node of frontier.append(index, leafHash(bytes), nodesToStoreOnAppend)) {
        const problem = nodeProblem(node, stored.get(`${node.level}/${node.index}`));
        if (problem !== undefined) return problem;
      }
      expected++;
    }
    if (expected < end) return `entry ${expected} is missing`;
  }
  return undefined;
}

/** What is wrong with the stored node `hash` where `made` is what the entries make, if anything. */
function nodeProblem(made: StoredNode, hash: Uint8Array | undefined): string | undefined {
  const node = `node ${made.level}/${made.index} of the stored tree`;
  if (hash === undefined) return `${node} is missing`;
  if (equalBytes(hash, made.hash)) return undefined;
  return made.level === 0
    ? `entry ${made.index} is not the leaf the tree holds at ${made.index}`
    : `${node} is not the hash of its two children`;
}

/** The stored nodes whose subtree ends among leaves [begin, end): those appending them made. */
export async function completedNodes(
  from: RecordStore,
  begin: number,
  end: number,
): Promise<StoredNode[]> {
  const nodes: StoredNode[] = [];
  for (let level = 0; 2 ** level <= end; level++) {
    const width = 2 ** level;
    // Node i of this level spans leaves [i·width, (i+1)·width): completed here if that end is in (begin, end].
    for await (const node of from.level(level, Math.floor(begin / width), Math.floor(end / width)))
      nodes.push(node);
  }
  return nodes;
}
