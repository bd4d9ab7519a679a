/**
 * The check a record must pass before it is served. It is cheap (a few reads and one signature,
 * whatever the record's size), so it runs at every start; it is no audit (`collegium audit`
 * checks everything), but it refuses a record emptied or cut short behind the application's
 * back, which would otherwise be served, and appended to, as if it were whole.
 */
import type { Acts } from '../core/acts.js';
import { equalBytes } from '../core/bytes.js';
import { charterFromJson } from '../core/charter/index.js';
import { verifyCheckpoint } from '../record/checkpoint.js';
import { decodeEntry } from '../record/entry.js';
import { leafHash, rootAt } from '../record/merkle.js';
import { noteVerifier } from '../record/note.js';
import type { RecordStore } from '../store/types.js';
import { entryBytesAt, withStoredNodes } from './proofs.js';

/**
 * What is wrong with the record, or undefined if it passes: entry 0 is there and adopts a
 * charter; the latest checkpoint is signed by the log key entry 0 names, counts exactly the
 * entries stored, and states the root of the stored tree; the first and last entries are the
 * tree's first and last leaves; and it is no unfinished copy (see app/migrate.ts).
 */
export async function openingProblem(store: RecordStore): Promise<string | undefined> {
  // A copy cut short holds a record's beginning, which passes every check below.
  const copying = await store.copying?.();
  if (copying !== undefined)
    return `it is an unfinished copy of a record (begun ${copying}): run collegium migrate again with the same --from and --to to finish it`;
  const first = await entryBytesAt(store, 0);
  if (!first)
    return (await store.size()) === 0
      ? 'entry 0 is missing: the record holds no entries, not even its charter'
      : 'entry 0 is missing';
  let adopt: Acts['charter.adopt'];
  let origin: string;
  try {
    const entry = decodeEntry(first);
    if (entry.index !== 0 || entry.type !== 'charter.adopt') return 'entry 0 is not the charter';
    adopt = entry.payload as Acts['charter.adopt'];
    origin = charterFromJson(adopt.charter).organization.log;
  } catch (error) {
    return `entry 0 is malformed: ${error instanceof Error ? error.message : String(error)}`;
  }
  const latest = await store.checkpoint();
  if (!latest) return 'the record has no signed checkpoint';
  let checkpoint;
  try {
    checkpoint = verifyCheckpoint(latest.note, noteVerifier(adopt.log), origin);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `the checkpoint of size ${latest.size} is not signed by the log key entry 0 names: ${reason}`;
  }
  // The row's key is what readers look checkpoints up by: it must be the size the note signs.
  if (checkpoint.size !== latest.size)
    return `the latest checkpoint is stored as the one of size ${latest.size}, but it states size ${checkpoint.size}`;
  // Read after the checkpoint: other writers (instances, a command) may append meanwhile, each
  // entry with its checkpoint in one transaction, so the log is at least as long as it says.
  const size = await store.size();
  if (checkpoint.size > size)
    return `entry ${size} is missing: the latest checkpoint commits to ${checkpoint.size} entries`;
  if (checkpoint.size < size && ((await store.checkpoint())?.size ?? 0) < size)
    return `entries ${checkpoint.size} to ${size - 1} are covered by no signed checkpoint`;
  return treeProblem(store, checkpoint.size, first, checkpoint.rootHash);
}

/** Whether the stored tree has the signed root, and the first and last entries as its leaves. */
async function treeProblem(
  store: RecordStore,
  size: number,
  first: Uint8Array,
  signedRoot: Uint8Array,
): Promise<string | undefined> {
  let root: Uint8Array;
  try {
    root = await withStoredNodes(store, (source) => rootAt(size, source));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (!equalBytes(root, signedRoot))
    return `the stored tree's root is not the one the latest checkpoint (size ${size}) signed`;
  const last = size === 1 ? first : await entryBytesAt(store, size - 1);
  if (!last) return `entry ${size - 1} is missing`;
  for (const [index, bytes] of [
    [0, first],
    [size - 1, last],
  ] as const) {
    const stored = await store.node(0, index);
    if (!stored || !equalBytes(stored, leafHash(bytes)))
      return `entry ${index} is not the leaf the tree holds at ${index}`;
  }
  return undefined;
}
