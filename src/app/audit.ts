/**
 * The audit: reads the whole record as a stranger would, trusting nothing the server computed.
 * Every entry must be canonical, correctly placed and linked, signed by a key allowed to sign it,
 * and permitted by the charter in force; every decision must be what the charter gives. Every
 * stored tree node must be the hash of its children, and every checkpoint the log ever signed
 * must be signed by the log key the charter's entry names and state a root of this tree. The
 * entries must be exactly those the latest checkpoint counts, and no checkpoint may be missing.
 * Every file the record names must be kept beside it as it was recorded (its SHA-256 the hash named).
 * Every stored snapshot of the state must be the state folded at its size. It stops at the first thing that fails and names it. The record is streamed, never loaded whole.
 */
import { availableParallelism } from 'node:os';
import { toHex } from '../core/bytes.js';
import type { State } from '../core/state/index.js';
import { previousSize, verifyCheckpoint } from '../record/checkpoint.js';
import type { Checkpoint } from '../record/checkpoint.js';
import { rootAt } from '../record/merkle.js';
import { noteVerifier } from '../record/note.js';
import type { NoteVerifier } from '../record/note.js';
import type { RecordStore } from '../store/types.js';
import { auditAttachments } from './audit-attachments.js';
import { auditEntries } from './audit-entries.js';
import { snapshotCheck } from './audit-snapshots.js';
import { entryFailure, Failed } from './audit-failure.js';
import type { AuditFailure, AuditProgress } from './audit-failure.js';
import { TreeCheck } from './audit-tree.js';
import { withStoredNodes } from './proofs.js';
import { inlineVerifier, workerVerifier } from './verify-pool.js';

export type { AuditFailure, AuditProgress } from './audit-failure.js';

export interface AuditReport {
  readonly ok: boolean;
  readonly size: number;
  /** Entries that passed every check. */
  readonly verified: number;
  readonly nodes: number;
  readonly checkpoints: number;
  readonly failure?: AuditFailure;
}

export interface AuditOptions {
  readonly onProgress?: (progress: AuditProgress) => void;
  /** Checkpoints obtained outside the record (signed notes) that it must also be consistent with. */
  readonly checkpoints?: readonly string[];
  /** Worker threads for signature checks; 0 checks on this thread. Default: one per core for
   * records of some size, none for small ones. */
  readonly threads?: number;
}

/** Below this, starting worker threads costs more than it saves. */
const WORKERS_FROM = 20_000;

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
    const snapshots = await snapshotCheck(store, size);
    const tree = new TreeCheck(store, size);
    const { onProgress } = options;
    const state = await auditEntries(store, size, verifier, tree, counts, onProgress, snapshots);
    tree.finish(counts, options.onProgress);
    await auditCheckpoints(
      store,
      size,
      state,
      options.checkpoints ?? [],
      counts,
      options.onProgress,
    );
    await auditAttachments(store, state);
    // Named once the log is found whole: a snapshot is checked against it.
    if (snapshots.failures[0]) throw snapshots.failures[0];
    return { ok: true, size, ...counts };
  } catch (error) {
    if (error instanceof Failed) return { ok: false, size, ...counts, failure: error.failure };
    throw error;
  } finally {
    await verifier.close();
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
