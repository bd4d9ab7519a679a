/** Builds export bundles (record/proof-formats.ts; verify/bundle.ts verifies them) from a stored record. */
import { toBase64, toHex } from '../core/bytes.js';
import { fail } from '../core/errors.js';
import { BUNDLE_FORMAT } from '../record/proof-formats.js';
import type { Bundle, BundleEntry } from '../record/proof-formats.js';
import { inclusionProof } from '../record/merkle.js';
import type { State } from '../core/state/index.js';
import type { RecordStore } from '../store/types.js';
import { checkpointAt, withStoredNodes } from './proofs.js';

const CHUNK = 1000;

/** The entries a session spans: from its opening to its close (while it is open, to the entry
 * before `size`). */
export function sessionRange(
  state: State,
  session: string,
  size: number,
): { first: number; last: number } {
  const s =
    state.sessions.get(session) ?? fail('not-found', `no session '${session}' in the record`);
  return { first: s.openedAt, last: s.closedAt ?? size - 1 };
}

/** A bundle of the entries first..last (inclusive), proven against the checkpoint of `size` (default the latest). */
export async function exportRange(
  store: RecordStore,
  /** The record's state, for its enrolments (the state folded from this store). */
  state: State,
  first: number,
  last: number,
  size?: number,
  /** Called as entries are proven: how many of how many. */
  onProgress?: (done: number, total: number) => void,
): Promise<Bundle> {
  const checkpoint = await checkpointAt(store, size);
  // A start past the end is said as such, whatever end was asked or taken by default.
  if (Number.isSafeInteger(first) && first >= checkpoint.size)
    fail(
      'not-found',
      `entry ${first} is not in the tree of size ${checkpoint.size} (entries 0 to ${checkpoint.size - 1})`,
    );
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || first < 0 || last < first)
    fail('invalid-input', `${first} to ${last} is not a range of entries`);
  if (last >= checkpoint.size)
    fail('not-found', `entry ${last} is not in the tree of size ${checkpoint.size}`);
  const entries: BundleEntry[] = [];
  for (let start = first; start <= last; start += CHUNK) {
    const end = Math.min(last + 1, start + CHUNK);
    const proofs = await withStoredNodes(store, (source) => {
      const list = [];
      for (let i = start; i < end; i++) list.push(inclusionProof(i, checkpoint.size, source));
      return list;
    });
    for await (const stored of store.entries(start, end)) {
      entries.push({
        index: stored.index,
        leaf: toBase64(stored.bytes),
        proof: (proofs[stored.index - start] ?? []).map(toHex),
      });
      onProgress?.(entries.length, last - first + 1);
    }
  }
  if (entries.length !== last - first + 1)
    fail('conflict', 'entries are missing from the record: run collegium audit');
  const genesis =
    first === 0 && entries[0] ? entries[0] : await provenEntry(store, 0, checkpoint.size);
  const enrolments = await keyChanges(store, state, last, checkpoint.size);
  return {
    format: BUNDLE_FORMAT,
    checkpoint: checkpoint.note,
    range: { first, last },
    entries,
    genesis,
    enrolments,
  };
}

/** The enrolments and revocations before entry `last`, proven: who held which key when. */
async function keyChanges(
  store: RecordStore,
  state: State,
  last: number,
  size: number,
): Promise<BundleEntry[]> {
  const wanted = state.keyChanges.filter((index) => index < last);
  const proven = await provenEntries(store, wanted, size);
  return wanted.map((index) => proven.get(index)!);
}

async function provenEntry(store: RecordStore, index: number, size: number): Promise<BundleEntry> {
  return (await provenEntries(store, [index], size)).get(index)!;
}

/** The entries at `indexes`, each with its inclusion proof in the tree of `size`, by index. */
export async function provenEntries(
  store: RecordStore,
  indexes: readonly number[],
  size: number,
): Promise<Map<number, BundleEntry>> {
  const wanted = [...new Set(indexes)].sort((a, b) => a - b);
  const proofs = await withStoredNodes(store, (source) =>
    wanted.map((index) => inclusionProof(index, size, source)),
  );
  const out = new Map<number, BundleEntry>();
  for (const [i, index] of wanted.entries()) {
    for await (const stored of store.entries(index, index + 1))
      out.set(index, { index, leaf: toBase64(stored.bytes), proof: (proofs[i] ?? []).map(toHex) });
    if (!out.has(index)) fail('not-found', `entry ${index} is missing`);
  }
  return out;
}
