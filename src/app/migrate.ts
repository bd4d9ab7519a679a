/**
 * Moving a record to another store (SQLite to PostgreSQL, or back): the same bytes, the same
 * tree, the same signed checkpoints, copied as they are and never signed again, then checked.
 */
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { equalBytes } from '../core/bytes.js';
import { rootAt } from '../record/merkle.js';
import { snapshotPartHashes, StoreConflict } from '../store/index.js';
import type {
  AcceptedAct,
  AppendBatch,
  CopyTarget,
  RecordStore,
  StoredAttachment,
  StoredCheckpoint,
  StoredEntry,
} from '../store/index.js';
import { audit } from './audit.js';
import type { AuditReport } from './audit.js';
import { checkSource, completedNodes } from './source-check.js';
import { withStoredNodes } from './proofs.js';

/** Entries a write carries at most: a long stretch between two checkpoints is cut into pieces. */
const ENTRIES_A_WRITE = 10_000;

export interface CopyProgress {
  readonly phase: 'copy' | 'compare' | 'audit';
  readonly done: number;
  readonly total: number;
}

export interface CopyReport {
  readonly entries: number;
  readonly checkpoints: number;
  readonly cosignatures: number;
  readonly attachments: number;
  /** The snapshots of the state copied with it (see copySnapshots). */
  readonly snapshots: number;
  /** Hex SHA-256 over every entry's bytes in order: the same on both sides. */
  readonly digest: string;
  /** The target's audit, from entry 0. */
  readonly audit: AuditReport;
  /** Where an unfinished copy was found: `resumed` at its size, or `restarted` (another record's). */
  readonly unfinished?: { readonly found: 'resumed' | 'restarted'; readonly size: number };
}

/**
 * Copies the record in `from` into `to`, which must hold no record yet, checkpoint by checkpoint
 * (each write ends where the source's checkpoint does, so every checkpoint is stored with exactly
 * the tree it signs). Each write is read back and compared with the entries it carried, then the
 * checkpoints are compared and the copy audited. The source is checked first
 * (app/source-check.ts), unless `sourceChecked` says the caller did. The copy is marked
 * unfinished from its first write until it audits (no opening but a copy's takes it meanwhile):
 * a copy cut short is taken up where it stopped (what it holds compared with the source), or
 * begun again where it is not the beginning of this record.
 *
 * @example
 * ```ts
 * const from = await openStore('collegium.db', { create: false, readOnly: true });
 * const to = await openCopyTarget('postgres://db.example.org/board');
 * const report = await copyRecord(from, to, (p) => console.error(p.phase, p.done, p.total));
 * if (!report.audit.ok) throw new Error('the copy does not audit');
 * ```
 */
export async function copyRecord(
  from: RecordStore,
  to: CopyTarget,
  onProgress: (progress: CopyProgress) => void = () => {},
  options: { entriesAWrite?: number; sourceChecked?: boolean } = {},
): Promise<CopyReport> {
  if (!options.sourceChecked) await checkSource(from);
  const unfinished = await startingPoint(from, to);
  const size = await from.size();
  const extras = await extrasFor(from, to, unfinished?.found === 'resumed');
  let written = unfinished?.found === 'resumed' ? unfinished.size : 0;
  let checkpoints = 0;
  // Each write is read back and compared with what was read for it: the source is read once.
  const digest = createHash('sha256');
  await sameEntries(from, to, written, digest, onProgress);
  const pieces = batches(from, written, size, extras, options.entriesAWrite ?? ENTRIES_A_WRITE);
  for await (const batch of pieces) {
    if (written === 0)
      await to.create(await from.secrets(), batch, { copying: new Date().toISOString() });
    else await to.append(written, batch);
    await sameAsWritten(to, written, batch.entries, digest);
    written += batch.entries.length;
    if (batch.checkpoint) checkpoints++;
    onProgress({ phase: 'copy', done: written, total: size });
  }
  const cosignatures = await copyCosignatures(from, to);
  const snapshots = await copySnapshots(from, to);
  await sameCheckpoints(from, to, size, onProgress);
  const report = await audit(to, {
    onProgress: (p) => onProgress({ phase: 'audit', done: p.done, total: p.total }),
  });
  // Only now is the copy a record: compared with its source, and audited.
  if (report.ok) await to.finishCopy();
  return {
    entries: size,
    checkpoints,
    cosignatures,
    attachments: extras.attachments.length,
    snapshots,
    digest: digest.digest('hex'),
    audit: report,
    ...(unfinished ? { unfinished } : {}),
  };
}

/**
 * Where the copy begins: at entry 0 in an empty target; where an unfinished copy of this record
 * stopped (its tree's root at its size is the source's, and so are its secrets); or at entry 0
 * again, once an unfinished copy of something else is removed. A record is never written over.
 */
async function startingPoint(from: RecordStore, to: CopyTarget): Promise<CopyReport['unfinished']> {
  const size = await to.size();
  if ((await to.copying()) === undefined) {
    if (size > 0) throw new StoreConflict(await heldAlready(from, to, size));
    return undefined;
  }
  if (await sameBeginning(from, to, size)) return { found: 'resumed', size };
  await to.discardCopy();
  return { found: 'restarted', size };
}

/** Why a target that holds a record is not copied into, saying whether it is this one. */
async function heldAlready(from: RecordStore, to: RecordStore, size: number): Promise<string> {
  const whole = await from.size();
  if (!(await sameBeginning(from, to, size)))
    return 'the target already holds another record: a record is never written over';
  return size === whole
    ? `the target already holds this record, copied whole (${size} entries): nothing to copy`
    : `the target already holds this record as it was at ${size} entries (it has ${whole} now): a record is never written over, so copy it to a new place`;
}

async function sameBeginning(from: RecordStore, to: RecordStore, size: number): Promise<boolean> {
  if (size === 0 || size > (await from.size())) return false;
  const root = (store: RecordStore) => withStoredNodes(store, (source) => rootAt(size, source));
  try {
    if (!equalBytes(await root(from), await root(to))) return false;
  } catch {
    return false; // a node is missing on one side
  }
  const [a, b] = [await from.secrets(), await to.secrets()];
  const names = Object.keys(a);
  return (
    names.length === Object.keys(b).length &&
    names.every((name) => b[name] !== undefined && equalBytes(a[name]!, b[name]))
  );
}

/**
 * The accepted acts and files, which the last write carries; taking up a copy, the acts it has
 * already (a source that grew since has them all again) are left out, as the files are anyway.
 */
async function extrasFor(
  from: RecordStore,
  to: RecordStore,
  resumed: boolean,
): Promise<{ accepted: AcceptedAct[]; attachments: StoredAttachment[] }> {
  let accepted = await collect(from.accepted());
  if (resumed && accepted.length > 0) {
    const held = new Set((await to.acceptedAmong(accepted)).map((act) => acceptedKey(act)));
    accepted = accepted.filter((act) => !held.has(acceptedKey(act)));
  }
  return { accepted, attachments: await collect(from.attachments()) };
}

function acceptedKey(act: AcceptedAct): string {
  return `${act.at} ${Buffer.from(act.sig).toString('hex')}`;
}

/**
 * The writes that rebuild the record from entry `start`: the entries up to each checkpoint with the
 * tree nodes they complete and that checkpoint, cut into pieces of at most `entriesAWrite` entries; the last also
 * carries the accepted acts and the files.
 */
async function* batches(
  from: RecordStore,
  start: number,
  size: number,
  extras: { accepted: AcceptedAct[]; attachments: StoredAttachment[] },
  entriesAWrite: number,
): AsyncIterable<AppendBatch> {
  const stops: { end: number; checkpoint?: StoredCheckpoint }[] = [];
  for await (const checkpoint of from.checkpoints(start + 1, size))
    stops.push({ end: checkpoint.size, checkpoint });
  // Entries after the last checkpoint (a record cut off between its append and its checkpoint).
  if ((stops.at(-1)?.end ?? start) < size) stops.push({ end: size });
  let begin = start;
  for (const [i, stop] of stops.entries()) {
    while (begin < stop.end) {
      const end = Math.min(begin + entriesAWrite, stop.end);
      const final = end === stop.end;
      yield {
        entries: await collect(from.entries(begin, end)),
        nodes: await completedNodes(from, begin, end),
        ...(final && stop.checkpoint ? { checkpoint: stop.checkpoint } : {}),
        ...(final && i === stops.length - 1 ? extras : {}),
      };
      begin = end;
    }
  }
}

async function copyCosignatures(from: RecordStore, to: RecordStore): Promise<number> {
  let copied = 0;
  for await (const checkpoint of from.checkpoints()) {
    for (const cosignature of await from.cosignatures(checkpoint.size)) {
      await to.addCosignature(cosignature);
      copied++;
    }
  }
  return copied;
}

/**
 * The snapshots of the state, as they are, with their parts: the copy then opens without folding
 * from entry 0. They are checked against the copy's log when used, as every snapshot is; one the
 * source holds only in part is left out (it would never be used).
 */
async function copySnapshots(from: RecordStore, to: RecordStore): Promise<number> {
  const sizes = await from.snapshotSizes();
  let copied = 0;
  for (const size of sizes) {
    const snapshot = await from.snapshot(size);
    if (!snapshot) continue;
    const held = await from.snapshotParts(snapshotPartHashes(snapshot.parts));
    const parts = [...held].map(([hash, bytes]) => ({ hash: Buffer.from(hash, 'hex'), bytes }));
    try {
      await to.putSnapshot(snapshot, parts, sizes.length);
      copied++;
    } catch (error) {
      if (!(error instanceof StoreConflict)) throw error;
    }
  }
  return copied;
}

/**
 * Reads both sides entry by entry up to `size` (what a copy taken up holds already); a difference
 * is a failure of the copy.
 */
async function sameEntries(
  from: RecordStore,
  to: RecordStore,
  size: number,
  digest: Hash,
  onProgress: (progress: CopyProgress) => void,
): Promise<void> {
  const copied = to.entries(0, size)[Symbol.asyncIterator]();
  for await (const entry of from.entries(0, size)) {
    const other = await copied.next();
    if (other.done || !equalBytes(entry.bytes, other.value.bytes))
      throw new Error(`entry ${entry.index} differs in the copy`);
    digest.update(entry.bytes);
    if (entry.index % ENTRIES_A_WRITE === 0)
      onProgress({ phase: 'compare', done: entry.index, total: size });
  }
}

/** Reads back the entries just written from `start` on; a difference is a failure of the copy. */
async function sameAsWritten(
  to: RecordStore,
  start: number,
  entries: readonly StoredEntry[],
  digest: Hash,
): Promise<void> {
  let i = 0;
  for await (const other of to.entries(start, start + entries.length)) {
    const entry = entries[i++]!;
    if (!equalBytes(entry.bytes, other.bytes))
      throw new Error(`entry ${entry.index} differs in the copy`);
    digest.update(entry.bytes);
  }
  if (i !== entries.length) throw new Error(`entry ${start + i} differs in the copy`);
}

/** The copy holds as many entries as the source, and the same checkpoints. */
async function sameCheckpoints(
  from: RecordStore,
  to: RecordStore,
  size: number,
  onProgress: (progress: CopyProgress) => void,
): Promise<void> {
  if ((await to.size()) !== size)
    throw new Error(`the copy holds ${await to.size()} entries, the source ${size}`);
  onProgress({ phase: 'compare', done: size, total: size });
  for await (const checkpoint of from.checkpoints()) {
    if ((await to.checkpoint(checkpoint.size))?.note !== checkpoint.note)
      throw new Error(`the checkpoint of size ${checkpoint.size} differs in the copy`);
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
