/**
 * The audit: reads the whole record as a stranger would, trusting nothing the server computed.
 * Every entry must be canonical, correctly placed and linked, signed by a key allowed to sign it,
 * and permitted by the charter in force; every decision must be what the charter gives. Every
 * stored tree node must be the hash of its children, and every checkpoint the log ever signed
 * must be signed by the log key the charter's entry names and state a root of this tree. The
 * entries must be exactly those the latest checkpoint counts, and no checkpoint may be missing.
 * It stops at the first thing that fails and names it. The record is streamed, never loaded whole.
 */
import { availableParallelism } from 'node:os';
import { toHex } from '../core/bytes.js';
import { DomainError } from '../core/errors.js';
import { applyAct, emptyState, motionKey } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import { previousSize, verifyCheckpoint } from '../record/checkpoint.js';
import type { Checkpoint } from '../record/checkpoint.js';
import { toRecordedAct } from '../record/entry.js';
import type { SignedEntry } from '../record/entry.js';
import { leafHash, nodeHash, rootAt } from '../record/merkle.js';
import { noteVerifier } from '../record/note.js';
import type { NoteVerifier } from '../record/note.js';
import type { RecordStore, StoredEntry, StoredNode } from '../store/types.js';
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
    // Entries deleted at the end are named by the checkpoints that cover them; all of them, here.
    if (size === 0)
      throw entryFailure(
        0,
        'entry 0 is missing: the record holds no entries, not even its charter',
      );
    const tree = new TreeCheck(store, size);
    const state = await auditEntries(store, size, verifier, tree, counts, options.onProgress);
    tree.finish(counts, options.onProgress);
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

/** A page of consecutive entries; `missing` when the record has a gap right after it. */
interface Page {
  readonly entries: StoredEntry[];
  readonly missing?: Failed;
}

async function* pagesOf(store: RecordStore, size: number): AsyncGenerator<Page> {
  let entries: StoredEntry[] = [];
  let expected = 0;
  for await (const stored of store.entries(0, size)) {
    if (stored.index !== expected) {
      const reason = `entry ${expected} is missing: the next stored entry is ${stored.index}`;
      yield { entries, missing: entryFailure(expected, reason) };
      return;
    }
    entries.push(stored);
    expected += 1;
    if (entries.length === PAGE) {
      yield { entries };
      entries = [];
    }
  }
  if (expected !== size)
    yield { entries, missing: entryFailure(expected, `entry ${expected} is missing`) };
  else if (entries.length > 0) yield { entries };
}

async function auditEntries(
  store: RecordStore,
  size: number,
  verifier: Verifier,
  tree: TreeCheck,
  counts: { verified: number },
  onProgress?: (p: AuditProgress) => void,
): Promise<State> {
  const state = emptyState();
  let prev: string | null = null;
  const pages = pagesOf(store, size);
  // Signatures are checked on the workers while this thread follows the record in order, one
  // page ahead, so that the workers have the next page while this thread follows the last.
  const read = async (): Promise<
    { page: Page; checked: Promise<(string | null)[]> } | undefined
  > => {
    const next = await pages.next();
    if (next.done) return undefined;
    const checked = verifier.check(next.value.entries.map((e) => e.bytes));
    checked.catch(() => undefined); // awaited below, unless an earlier page failed first
    return { page: next.value, checked };
  };
  let current = await read();
  while (current) {
    const { page, checked } = current;
    const ahead = page.missing ? undefined : read();
    ahead?.catch(() => undefined);
    let firstFailure: Failed | undefined;
    const leaves: Uint8Array[] = [];
    for (const stored of page.entries) {
      const leaf = leafHash(stored.bytes);
      const problem = followEntry(state, stored, prev);
      if (problem) {
        firstFailure = entryFailure(stored.index, problem);
        break;
      }
      prev = hex(leaf);
      leaves.push(leaf);
    }
    const problems = await checked;
    const signatureFailure = problems.findIndex((p) => p !== null);
    const failedAt = (f: Failed | undefined): number => f?.failure.index ?? Infinity;
    const bySignature =
      signatureFailure >= 0
        ? entryFailure(page.entries[signatureFailure]!.index, problems[signatureFailure]!)
        : undefined;
    const first = failedAt(bySignature) <= failedAt(firstFailure) ? bySignature : firstFailure;
    if (first) throw first;
    if (leaves.length > 0) {
      const from = page.entries[0]!.index;
      await checkLeaves(store, from, leaves);
      for (let i = 0; i < leaves.length; i++) await tree.add(from + i, leaves[i]!);
    }
    counts.verified += page.entries.length;
    onProgress?.({ phase: 'entries', done: counts.verified, total: size });
    if (page.missing) throw page.missing;
    current = await ahead;
  }
  return state;
}

const decoder = new TextDecoder();

/** Checks one entry in its place; applies it to `state` when sound. Form and signature are the verifier's. */
function followEntry(state: State, stored: StoredEntry, prev: string | null): string | undefined {
  let entry: SignedEntry;
  try {
    entry = JSON.parse(decoder.decode(stored.bytes)) as SignedEntry;
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
  try {
    applyAct(state, act);
  } catch (error) {
    if (error instanceof DomainError) return `the charter does not allow it: ${error.message}`;
    return `it cannot be applied: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (act.type === 'vote.close') releaseBallots(state, act.payload.session, act.payload.motion);
  return undefined;
}

/**
 * Once a vote is closed (its decision checked against the charter as it closed), nothing later
 * reads its ballots: every act on a closed vote is refused before they are looked at. The audit
 * lets them go, so that it holds only the ballots of open votes however long the record is.
 * (The ledger's state keeps them all.)
 */
function releaseBallots(state: State, session: string, motion: string): void {
  const closed = state.motions.get(motionKey(session, motion));
  if (closed?.status !== 'closed') return;
  closed.ballots.clear();
  closed.presentAtOpen = [];
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
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
    if (!sameBytes(node.hash, leaves[i]!))
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

/**
 * Each interior node must be the hash of its two children. Checked while the entries stream in:
 * every node a leaf completes is computed from the checked nodes below it and compared with the
 * stored one, so each level is read once, in order, and never again as children. A failure
 * waits until every entry has passed; then the lowest level's first is named, as a check level
 * by level would name it.
 */
function levelReader(store: RecordStore, level: number, width: number): AsyncIterator<StoredNode> {
  return store.level(level, 0, width)[Symbol.asyncIterator]();
}

class TreeCheck {
  /** Leaves and interior nodes checked. */
  nodes = 0;
  /** Per level, the last node completed: the left sibling of the next one. */
  private readonly left: Uint8Array[] = [];
  private readonly readers: AsyncIterator<StoredNode>[] = [];
  private failure: { readonly level: number; readonly failed: Failed } | undefined;

  constructor(
    private readonly store: RecordStore,
    private readonly size: number,
  ) {}

  /** Leaf `index`, in order, once its stored hash is known to be the entry's. */
  add(index: number, leaf: Uint8Array): Promise<void> | undefined {
    this.nodes += 1;
    if (index % 2 === 0) {
      this.left[0] = leaf;
      return undefined;
    }
    return this.climb(index, leaf);
  }

  private async climb(index: number, leaf: Uint8Array): Promise<void> {
    let hash = leaf;
    let level = 0;
    let position = index;
    while (position % 2 === 1) {
      hash = nodeHash(this.left[level]!, hash);
      level += 1;
      position = (position - 1) / 2;
      await this.compare(level, position, hash);
    }
    this.left[level] = hash;
  }

  private async compare(level: number, position: number, hash: Uint8Array): Promise<void> {
    if (this.failure && this.failure.level <= level) return;
    const width = Math.floor(this.size / 2 ** level);
    const reader = (this.readers[level] ??= levelReader(this.store, level, width));
    const next = await reader.next();
    const item = `node ${level}/${position}`;
    if (next.done || next.value.index !== position)
      this.fail(level, { item, reason: 'the node is missing from the tree' });
    else if (!sameBytes(next.value.hash, hash))
      this.fail(level, { item, reason: 'it is not the hash of its two children' });
    else this.nodes += 1;
  }

  private fail(level: number, failure: AuditFailure): void {
    this.failure = { level, failed: new Failed(failure) };
  }

  finish(counts: { nodes: number }, onProgress?: (p: AuditProgress) => void): void {
    counts.nodes = this.nodes;
    if (this.failure) throw this.failure.failed;
    onProgress?.({ phase: 'tree', done: this.nodes, total: 2 * this.size });
  }
}

/** What checking a checkpoint against the record needs. */
interface CheckpointContext {
  readonly store: RecordStore;
  /** The number of entries the record holds (all verified). */
  readonly size: number;
  readonly verifier: NoteVerifier;
  readonly origin: string | undefined;
  readonly counts: { checkpoints: number };
}

/**
 * Every checkpoint ever signed must be the log's signature over a root of this very tree; so must
 * the checkpoints the auditor brings from outside (kept by members, witnesses, earlier audits),
 * which catch even a history rewritten with every stored checkpoint re-signed, and a record cut
 * back to an earlier checkpoint with everything after it.
 */
async function auditCheckpoints(
  store: RecordStore,
  size: number,
  state: State,
  known: readonly string[],
  counts: { checkpoints: number },
  onProgress?: (p: AuditProgress) => void,
): Promise<void> {
  const context: CheckpointContext = {
    store,
    size,
    verifier: noteVerifier(state.logKey ?? ''),
    origin: state.charter?.organization.log,
    counts,
  };
  await auditStoredCheckpoints(context, onProgress);
  for (const [i, note] of known.entries()) {
    const item = (n: number): string => `given checkpoint ${i + 1}${n >= 0 ? ` (size ${n})` : ''}`;
    await checkCheckpoint(context, note, item, `given checkpoint ${i + 1}`);
  }
}

/**
 * The stored checkpoints, oldest first. Each names the size of the one signed before it (records
 * made before checkpoints did so carry no such line, and are chained from where the lines begin):
 * a checkpoint deleted from the record is named by its size. The latest must cover every entry.
 */
async function auditStoredCheckpoints(
  context: CheckpointContext,
  onProgress?: (p: AuditProgress) => void,
): Promise<void> {
  let latest = 0;
  let chained = false;
  for await (const stored of context.store.checkpoints()) {
    const item = `checkpoint of size ${stored.size}`;
    const checkpoint = await checkCheckpoint(
      context,
      stored.note,
      () => item,
      `the ${item}`,
      stored.size,
    );
    const previous = previousSize(checkpoint);
    if (previous === undefined && chained)
      throw new Failed({ item, reason: 'it does not name the checkpoint signed before it' });
    if (previous !== undefined && previous !== latest) {
      throw new Failed(
        previous > latest && previous < stored.size
          ? {
              item: `checkpoint of size ${previous}`,
              reason: `it is missing: the ${item} names it as the one signed before`,
            }
          : {
              item,
              reason: `it names the checkpoint of size ${previous} as the one signed before it, but that was the one of size ${latest}`,
            },
      );
    }
    chained ||= previous !== undefined;
    latest = stored.size;
    const { checkpoints } = context.counts;
    if (checkpoints % 1000 === 0)
      onProgress?.({ phase: 'checkpoints', done: checkpoints, total: checkpoints });
  }
  if (latest !== context.size) {
    throw new Failed({
      item: `entry ${latest}`,
      index: latest,
      reason: `no checkpoint covers entries ${latest} to ${context.size - 1}: they were appended outside the log, or the checkpoint of size ${context.size} was deleted`,
    });
  }
}

/**
 * One checkpoint: signed by the log key the charter's entry names, of `expectedSize` if given,
 * within the record (else the first entry it commits to that is not there is named), and stating
 * the root of this tree at its size.
 */
async function checkCheckpoint(
  context: CheckpointContext,
  note: string,
  item: (size: number) => string,
  name: string,
  expectedSize?: number,
): Promise<Checkpoint> {
  let checkpoint: Checkpoint;
  try {
    checkpoint = verifyCheckpoint(note, context.verifier, context.origin);
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
  if (checkpoint.size > context.size)
    throw entryFailure(
      context.size,
      `entry ${context.size} is missing: ${name} commits to ${checkpoint.size} entries, but the record has ${context.size}`,
    );
  const root = await withStoredNodes(context.store, (source) => rootAt(checkpoint.size, source));
  if (toHex(root) !== toHex(checkpoint.rootHash)) {
    throw new Failed({
      item: at,
      reason:
        'its root is not the root of this tree at that size: the history it signed was rewritten',
    });
  }
  context.counts.checkpoints += 1;
  return checkpoint;
}
