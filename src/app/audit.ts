/**
 * The audit: reads the whole record as a stranger would, trusting nothing the server computed.
 * Every entry must be canonical, correctly placed and linked, signed by a key allowed to sign it,
 * permitted by the charter in force, and every decision must be what the charter gives. Every
 * stored tree node must be the hash of its children, and every checkpoint the log ever signed
 * must be signed by the log key the charter's entry names and state a root of this tree.
 * It stops at the first thing that fails and names it. The record is streamed, never loaded whole.
 */
import { availableParallelism } from 'node:os';
import { toHex } from '../core/bytes.js';
import { DomainError } from '../core/errors.js';
import { applyAct, decideMotion, emptyState, motionKey } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import { canonicalJson } from '../record/canonical.js';
import { verifyCheckpoint } from '../record/checkpoint.js';
import { toRecordedAct } from '../record/entry.js';
import type { SignedEntry } from '../record/entry.js';
import { leafHash, nodeHash, rootAt } from '../record/merkle.js';
import { noteVerifier } from '../record/note.js';
import type { RecordStore, StoredEntry } from '../store/types.js';
import { withStoredNodes } from './proofs.js';
import { inlineVerifier, workerVerifier } from './verify-pool.js';
import type { Verifier } from './verify-pool.js';

export interface AuditFailure {
  /** What failed: `entry 17`, `node 2/5`, `checkpoint of size 40`. */
  readonly item: string;
  /** The entry's index, when an entry failed. */
  readonly index?: number;
  readonly reason: string;
}

export interface AuditReport {
  readonly ok: boolean;
  readonly size: number;
  /** Entries that passed every check. */
  readonly verified: number;
  readonly nodes: number;
  readonly checkpoints: number;
  readonly failure?: AuditFailure;
}

export interface AuditProgress {
  readonly phase: 'entries' | 'tree' | 'checkpoints';
  readonly done: number;
  readonly total: number;
}

export interface AuditOptions {
  readonly onProgress?: (progress: AuditProgress) => void;
  /** Checkpoints obtained outside the record (signed notes) that it must also be consistent with. */
  readonly checkpoints?: readonly string[];
  /** Worker threads for signature checks; 0 checks on this thread. Default: one per core for
   * records of some size, none for small ones. */
  readonly threads?: number;
}

const PAGE = 4000;
/** Below this, starting worker threads costs more than it saves. */
const WORKERS_FROM = 20_000;

class Failed extends Error {
  constructor(readonly failure: AuditFailure) {
    super(failure.reason);
  }
}

export async function audit(store: RecordStore, options: AuditOptions = {}): Promise<AuditReport> {
  const size = await store.size();
  const counts = { verified: 0, nodes: 0, checkpoints: 0 };
  const threads = options.threads ?? (size >= WORKERS_FROM ? availableParallelism() : 0);
  const verifier = threads > 0 ? workerVerifier(threads) : inlineVerifier();
  try {
    const state = await auditEntries(store, size, verifier, counts, options.onProgress);
    await auditTree(store, size, counts, options.onProgress);
    await auditCheckpoints(
      store,
      size,
      state,
      options.checkpoints ?? [],
      counts,
      options.onProgress,
    );
    return { ok: true, size, ...counts };
  } catch (error) {
    if (error instanceof Failed) return { ok: false, size, ...counts, failure: error.failure };
    throw error;
  } finally {
    await verifier.close();
  }
}

function entryFailure(index: number, reason: string): Failed {
  return new Failed({ item: `entry ${index}`, index, reason });
}

async function auditEntries(
  store: RecordStore,
  size: number,
  verifier: Verifier,
  counts: { verified: number },
  onProgress?: (p: AuditProgress) => void,
): Promise<State> {
  const state = emptyState();
  let prev: string | null = null;
  let page: StoredEntry[] = [];
  const flush = async (): Promise<void> => {
    // Signatures are checked on the workers while this thread follows the record in order.
    const checked = verifier.check(page.map((e) => e.bytes));
    let firstFailure: Failed | undefined;
    const leaves: Uint8Array[] = [];
    for (const stored of page) {
      const leaf = leafHash(stored.bytes);
      const problem = followEntry(state, stored, prev);
      if (problem) {
        firstFailure = entryFailure(stored.index, problem);
        break;
      }
      prev = toHex(leaf);
      leaves.push(leaf);
    }
    const problems = await checked;
    const signatureFailure = problems.findIndex((p) => p !== null);
    const failedAt = (f: Failed | undefined): number => f?.failure.index ?? Infinity;
    const bySignature =
      signatureFailure >= 0
        ? entryFailure(page[signatureFailure]!.index, problems[signatureFailure]!)
        : undefined;
    const first = failedAt(bySignature) <= failedAt(firstFailure) ? bySignature : firstFailure;
    if (first) throw first;
    await checkLeaves(store, page[0]!.index, leaves);
    counts.verified += page.length;
    onProgress?.({ phase: 'entries', done: counts.verified, total: size });
    page = [];
  };
  let expected = 0;
  for await (const stored of store.entries(0, size)) {
    if (stored.index !== expected)
      throw entryFailure(
        expected,
        `entry ${expected} is missing: the next stored entry is ${stored.index}`,
      );
    page.push(stored);
    expected += 1;
    if (page.length === PAGE) await flush();
  }
  if (page.length > 0) await flush();
  if (expected !== size) throw entryFailure(expected, `entry ${expected} is missing`);
  return state;
}

/** Checks one entry in its place; applies it to `state` when sound. Form and signature are the verifier's. */
function followEntry(state: State, stored: StoredEntry, prev: string | null): string | undefined {
  let entry: SignedEntry;
  try {
    entry = JSON.parse(new TextDecoder().decode(stored.bytes)) as SignedEntry;
  } catch {
    return 'malformed: not UTF-8 JSON';
  }
  if (typeof entry !== 'object' || entry === null) return 'malformed: not an entry';
  if (entry.index !== stored.index) return `it says it is entry ${String(entry.index)}`;
  if (entry.prev !== prev)
    return `its link to the entry before is broken (prev ${String(entry.prev)}, expected ${prev ?? 'null'})`;
  const org = state.charter?.organization.id;
  if (org !== undefined && entry.org !== org)
    return `it belongs to organization '${String(entry.org)}', not '${org}'`;
  const act = toRecordedAct(entry);
  let recomputed: string | undefined;
  try {
    if (act.type === 'vote.close') {
      const motion = state.motions.get(motionKey(act.payload.session, act.payload.motion));
      if (motion?.status === 'open' && state.charter)
        recomputed = canonicalJson(decideMotion(state, state.charter, motion));
    }
    applyAct(state, act);
  } catch (error) {
    if (error instanceof DomainError) return `the charter does not allow it: ${error.message}`;
    return `it cannot be applied: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (act.type === 'vote.close' && recomputed !== canonicalJson(act.payload.decision)) {
    const outcome = recomputed ? (JSON.parse(recomputed) as { outcome: string }).outcome : 'none';
    return `its decision on ${act.payload.motion} is not what the charter gives: recorded ${act.payload.decision?.outcome}, recomputed ${outcome}`;
  }
  return undefined;
}

/** The stored leaves (level 0 of the tree) must be the hashes of the entries. */
async function checkLeaves(
  store: RecordStore,
  from: number,
  leaves: readonly Uint8Array[],
): Promise<void> {
  let i = 0;
  for await (const node of store.level(0, from, from + leaves.length)) {
    if (node.index !== from + i) break;
    if (toHex(node.hash) !== toHex(leaves[i]!))
      throw new Failed({
        item: `node 0/${node.index}`,
        reason: `the stored leaf hash is not the hash of entry ${node.index}`,
      });
    i += 1;
  }
  if (i !== leaves.length)
    throw new Failed({
      item: `node 0/${from + i}`,
      reason: `the leaf hash of entry ${from + i} is missing from the tree`,
    });
}

/** Each interior node must be the hash of its two children, level by level, streamed. */
async function auditTree(
  store: RecordStore,
  size: number,
  counts: { nodes: number },
  onProgress?: (p: AuditProgress) => void,
): Promise<void> {
  counts.nodes = size;
  for (let level = 1; Math.floor(size / 2 ** level) > 0; level++) {
    const width = Math.floor(size / 2 ** level);
    const children = store.level(level - 1, 0, width * 2)[Symbol.asyncIterator]();
    let expected = 0;
    for await (const node of store.level(level, 0, width)) {
      if (node.index !== expected) break;
      const left = (await children.next()).value;
      const right = (await children.next()).value;
      if (!left || !right)
        throw new Failed({
          item: `node ${level - 1}/${expected * 2}`,
          reason: 'a child node is missing from the tree',
        });
      if (toHex(nodeHash(left.hash, right.hash)) !== toHex(node.hash)) {
        throw new Failed({
          item: `node ${level}/${node.index}`,
          reason: 'it is not the hash of its two children',
        });
      }
      expected += 1;
      counts.nodes += 1;
    }
    if (expected !== width)
      throw new Failed({
        item: `node ${level}/${expected}`,
        reason: 'the node is missing from the tree',
      });
    onProgress?.({ phase: 'tree', done: counts.nodes, total: 2 * size });
  }
}

/**
 * Every checkpoint ever signed must be the log's signature over a root of this very tree; so must
 * the checkpoints the auditor brings from outside (kept by members, witnesses, earlier audits),
 * which catch even a history rewritten with every stored checkpoint re-signed.
 */
async function auditCheckpoints(
  store: RecordStore,
  size: number,
  state: State,
  known: readonly string[],
  counts: { checkpoints: number },
  onProgress?: (p: AuditProgress) => void,
): Promise<void> {
  if (size === 0) return;
  const verifier = noteVerifier(state.logKey ?? '');
  const check = async (
    note: string,
    item: (size: number) => string,
    expectedSize?: number,
  ): Promise<number> => {
    let checkpoint;
    try {
      checkpoint = verifyCheckpoint(note, verifier, state.charter?.organization.log);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Failed({
        item: item(expectedSize ?? -1),
        reason: `it is not signed by the log key the charter's entry names: ${reason}`,
      });
    }
    const at = item(checkpoint.size);
    if (expectedSize !== undefined && checkpoint.size !== expectedSize)
      throw new Failed({ item: at, reason: `it states size ${checkpoint.size}` });
    if (checkpoint.size > size)
      throw new Failed({
        item: at,
        reason: `it commits to ${checkpoint.size} entries, but the record has ${size}: entries were removed`,
      });
    const root = await withStoredNodes(store, (source) => rootAt(checkpoint.size, source));
    if (toHex(root) !== toHex(checkpoint.rootHash)) {
      throw new Failed({
        item: at,
        reason:
          'its root is not the root of this tree at that size: the history it signed was rewritten',
      });
    }
    counts.checkpoints += 1;
    return checkpoint.size;
  };
  let latest = 0;
  for await (const stored of store.checkpoints()) {
    latest = await check(stored.note, () => `checkpoint of size ${stored.size}`, stored.size);
    if (counts.checkpoints % 1000 === 0)
      onProgress?.({ phase: 'checkpoints', done: counts.checkpoints, total: counts.checkpoints });
  }
  if (latest !== size) {
    throw new Failed({
      item: `entry ${latest}`,
      index: latest,
      reason: `no checkpoint covers entries ${latest} to ${size - 1}: they were appended outside the log`,
    });
  }
  for (const [i, note] of known.entries()) {
    await check(note, (n) => `given checkpoint ${i + 1}${n >= 0 ? ` (size ${n})` : ''}`);
  }
}
