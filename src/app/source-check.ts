/**
 * The check of a record before it is copied (app/migrate.ts): the opening check, then every
 * entry read once, in order: none missing, and each stored node of the tree the hash its entries
 * make, the leaves and every node they complete (the audit's tree check, app/audit-tree.ts). A source damaged in its middle is refused before
 * anything is written, naming the entry or the node, rather than copied and found out only by the
 * copy's audit, or taken for a record that grew meanwhile.
 */
import { leafHash } from '../record/merkle.js';
import { RecordDamaged } from '../store/index.js';
import type { RecordStore, StoredNode } from '../store/index.js';
import { Failed } from './audit-failure.js';
import type { AuditFailure } from './audit-failure.js';
import { TreeCheck } from './audit-tree.js';
import type { TreeFault } from './audit-tree.js';
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
 * opening check compared with the stored one), or undefined: the audit's tree check, in this
 * check's words. Where several things are wrong, it names the one the audit would name.
 */
async function treeProblem(from: RecordStore): Promise<string | undefined> {
  const size = (await from.checkpoint())?.size ?? 0;
  const tree = new TreeCheck(from, size, sourceWords);
  try {
    const missing = await checkEntries(from, size, tree);
    // What is wrong with the entries before a missing one is named first.
    tree.finish({ nodes: 0 });
    return missing;
  } catch (error) {
    if (error instanceof Failed) return error.failure.reason;
    throw error;
  }
}

/**
 * Hands the leaf hashes of entries [0, size) to `tree` a page at a time, as they are read; says
 * the first entry missing, once the leaves before it are handed on.
 */
async function checkEntries(
  from: RecordStore,
  size: number,
  tree: TreeCheck,
): Promise<string | undefined> {
  // A page's leaves are its own: the tree check keeps the last of them as a left sibling.
  let leaves = Buffer.allocUnsafeSlow(32 * PAGE);
  let begin = 0;
  let expected = 0;
  const handOn = async () => {
    if (expected > begin) await tree.addPage(begin, leaves.subarray(0, 32 * (expected - begin)));
    leaves = Buffer.allocUnsafeSlow(32 * PAGE);
    begin = expected;
  };
  read: for await (const page of from.entryPages(0, size)) {
    for (const { index, bytes } of page) {
      if (index !== expected) break read;
      leaves.set(leafHash(bytes), 32 * (expected - begin));
      expected++;
      if (expected - begin === PAGE) await handOn();
    }
  }
  await handOn();
  return expected < size ? `entry ${expected} is missing` : undefined;
}

/** The check's words for a fault of the stored tree: `item` is the node, `reason` says it all. */
function sourceWords({ fault, level, index }: TreeFault): AuditFailure {
  const item = `node ${level}/${index}`;
  const node = `${item} of the stored tree`;
  if (fault === 'missing') return { item, reason: `${node} is missing` };
  return {
    item,
    reason:
      level === 0
        ? `entry ${index} is not the leaf the tree holds at ${index}`
        : `${node} is not the hash of its two children`,
  };
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
