/**
 * What the snapshot tests share: records built act by act (a checkpoint after each, so that a
 * snapshot may be taken at any size), the state folded plainly from entry 0 as the reference,
 * and snapshots made at any size, as they are or altered.
 */
import { createHash } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { Frontier } from '../../src/app/frontier.js';
import { LOG_SECRET, Ledger } from '../../src/app/ledger.js';
import { copyRecord } from '../../src/app/migrate.js';
import {
  attendance,
  castBallot,
  closeVote,
  openSession,
  openVote,
  proposeMotion,
} from '../../src/app/proceedings.js';
import { replayDrafts } from '../../src/app/replay.js';
import { capture, snapshotDigest } from '../../src/app/snapshots.js';
import type { Captured } from '../../src/app/snapshots.js';
import type { Choice } from '../../src/core/rules/types.js';
import { applyAct, emptyState } from '../../src/core/state/index.js';
import type { State } from '../../src/core/state/index.js';
import { decodeEntry, toRecordedAct } from '../../src/record/entry.js';
import { leafHash, nodesToStoreOnAppend } from '../../src/record/merkle.js';
import { openCopyTarget, openStore } from '../../src/store/index.js';
import type { RecordStore, StoredSnapshot } from '../../src/store/index.js';
import { charterFile, fixedClock, proceedingsFile } from '../support/examples.js';
import type { Example } from '../support/examples.js';
import type { Backend, StoreHandle } from '../support/stores.js';

const S = 'board-live';
const BOARD = ['ada', 'ben', 'chen', 'dana', 'eli', 'fay', 'gus'];

/**
 * Builds at `file` the example's record one act an append, then (for the cooperative, whose
 * board it is) a live session of two votes by ballot: a record of every kind of act the examples
 * hold, and of rolls of votes.
 */
export async function buildRecord(file: string, example: Example, live: boolean): Promise<void> {
  const store = await openStore(file, { create: true });
  try {
    const ledger = await Ledger.create(store, charterFile(example.charter).json, {
      clock: fixedClock(),
      snapshotEvery: 0,
    });
    for (const p of example.proceedings)
      for (const draft of replayDrafts(ledger.state, proceedingsFile(p, ledger.state.charter!)))
        await ledger.append([draft]);
    if (live) for (const draft of liveSession()) await ledger.append([draft]);
  } finally {
    await store.close();
  }
}

function liveSession() {
  const motion = (id: string, choices: string[]) => [
    proposeMotion({ session: S, motion: id, text: `Motion ${id}.`, proposer: 'ben' }),
    openVote(S, id),
    ...BOARD.map((voter, i) =>
      castBallot({ session: S, motion: id, voter, choice: choices[i % choices.length] as Choice }),
    ),
    closeVote(S, id),
  ];
  return [
    openSession({ session: S, body: 'board', title: 'Live meeting' }),
    ...BOARD.map((person) => attendance('arrive', S, person)),
    ...motion('paint', ['aye', 'nay', 'aye']),
    ...motion('bench', ['nay', 'abstain']),
    proposeMotion({ session: S, motion: 'open-one', text: 'Still open.', proposer: 'ada' }),
    openVote(S, 'open-one'),
    castBallot({ session: S, motion: 'open-one', voter: 'ada', choice: 'aye' }),
    castBallot({ session: S, motion: 'open-one', voter: 'ben', choice: 'nay' }),
  ];
}

/** A new store of `backend` holding a copy of the record in the SQLite file `file`. */
export async function copyOf(backend: Backend, file: string): Promise<StoreHandle> {
  const handle = await backend.fresh();
  if (backend.name === 'sqlite') {
    copyFileSync(file, handle.location);
    return handle;
  }
  const from = await openStore(file, { create: false, readOnly: true });
  const to = await openCopyTarget(handle.location);
  try {
    const report = await copyRecord(from, to);
    if (!report.audit.ok) throw new Error('the copy of the record does not audit');
  } finally {
    await from.close();
    await to.close();
  }
  return handle;
}

/** The state and tree folded plainly from entry 0 to `size`: what a snapshot must give. */
export async function foldTo(store: RecordStore, size: number) {
  const state = emptyState();
  const frontier = new Frontier();
  let lastLeaf: Uint8Array | undefined;
  for await (const e of store.entries(0, size)) {
    applyAct(state, toRecordedAct(decodeEntry(e.bytes)), 'replay');
    lastLeaf = leafHash(e.bytes);
    frontier.append(e.index, lastLeaf, nodesToStoreOnAppend);
  }
  return { state, frontier, lastLeaf };
}

/**
 * The SHA-256 of the state written out in full, as text: every value, undefined ones too, bytes,
 * and the classes of collections, with the entries of Maps, Sets and arrays in their order (the
 * order of an object's keys is left out: a ledger's own acts hold their payloads' keys as built,
 * the same acts read back from the log in canonical order). v8's own bytes will not do: they say
 * how arrays are stored (packed or holey), which reading them back changes. Equal texts, equal
 * states; writing it out reads every part of a state restored from a snapshot.
 */
export function stateText(state: State): string {
  const text = JSON.stringify(state, (_key: string, value: unknown) => {
    if (value === undefined) return { $undefined: true };
    if (value instanceof Map) return { $map: [...value] };
    if (value instanceof Set) return { $set: [...value] };
    if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('hex') };
    if (value && typeof value === 'object' && !Array.isArray(value))
      return Object.fromEntries(
        Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    return value;
  });
  return createHash('sha256').update(text).digest('hex');
}

/** A snapshot of the record at `size`, with every part. */
export async function snapshotAt(store: RecordStore, size: number): Promise<Captured> {
  return capture(await foldTo(store, size), await logSecret(store), true);
}

export async function logSecret(store: RecordStore): Promise<Uint8Array> {
  return (await store.secret(LOG_SECRET))!;
}

/** The snapshot with `change` made, and digested anew with the record's key (or not). */
export async function altered(
  store: RecordStore,
  snapshot: StoredSnapshot,
  change: Partial<StoredSnapshot>,
  digestAnew = true,
): Promise<StoredSnapshot> {
  const next = { ...snapshot, ...change };
  return digestAnew ? { ...next, digest: snapshotDigest(await logSecret(store), next) } : next;
}

/** Removes every snapshot (and so every part) from the store. */
export async function dropSnapshots(store: RecordStore): Promise<void> {
  for (const size of await store.snapshotSizes()) await store.dropSnapshot(size);
}
