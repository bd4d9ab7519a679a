/**
 * Snapshots of the state, on both storage backends: the state from a snapshot and the entries
 * after it is the state folded from entry 0, whatever the snapshot's size; a snapshot that does
 * not match the log (its bytes, its root, its version, its size) is never used, and the state is
 * folded from entry 0 and a snapshot written anew; a long-running ledger writes them as it goes;
 * the audit never reads them; and what a state holds survives the serializer snapshots use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { sameValue } from '../../src/app/audit-snapshots.js';
import { Ledger } from '../../src/app/ledger.js';
import { copyRecord } from '../../src/app/migrate.js';
import {
  attendance,
  castBallot,
  closeSession,
  closeVote,
  openSession,
  record,
} from '../../src/app/proceedings.js';
import { decodeState } from '../../src/app/snapshot-state.js';
import { capture, openFolded } from '../../src/app/snapshots.js';
import type { SnapshotEvent } from '../../src/app/snapshots.js';
import { applyAct, motionKey } from '../../src/core/state/index.js';
import { openCopyTarget, openStore, snapshotPartHashes } from '../../src/store/index.js';
import type { RecordStore } from '../../src/store/index.js';
import { COOPERATIVE, EXAMPLE_LIST } from '../support/examples.js';
import { BACKENDS, sqliteBackend } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import {
  altered,
  buildRecord,
  copyOf,
  dropSnapshots,
  foldTo,
  logSecret,
  snapshotAt,
  stateText,
} from './snapshot-support.js';

const S = 'board-live';
let folder: string;
/** The records built once, as SQLite files: the cooperative's (with a live session) and 1918's. */
const records = new Map<string, string>();

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'collegium-snapshots-'));
  for (const example of EXAMPLE_LIST) {
    const file = join(folder, `${example.name}.db`);
    await buildRecord(file, example, example === COOPERATIVE);
    records.set(example.name, file);
  }
}, 60_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/**
 * Every value in the state is one v8's serializer keeps as it is: no functions, symbols or
 * instances of classes (whose prototype it would lose). Answers the paths of any other.
 */
function unserializable(value: unknown, path = 'state', seen = new Set<unknown>()): string[] {
  if (value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value))
    return [];
  if (typeof value !== 'object') return [`${path}: a ${typeof value}`];
  if (seen.has(value)) return [];
  seen.add(value);
  if (value instanceof Uint8Array) return [];
  const walk = (entries: Iterable<[string, unknown]>) =>
    [...entries].flatMap(([key, v]) => unserializable(v, `${path}.${key}`, seen));
  if (value instanceof Map)
    return [...value].flatMap(([k, v], i) => [
      ...unserializable(k, `${path}<key ${i}>`, seen),
      ...unserializable(v, `${path}[${String(k)}]`, seen),
    ]);
  if (value instanceof Set) return walk([...value].map((v, i) => [`<${i}>`, v]));
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null)
    return [
      `${path}: an instance of ${(proto as { constructor?: { name?: string } }).constructor?.name}`,
    ];
  return walk(Object.entries(value));
}

describe('the audit’s comparison of states', () => {
  it('takes a key whose value is undefined for no key, and the order of keys for nothing', () => {
    const state = { a: 1, m: new Map([['x', { b: [1, 2], c: undefined }]]), s: new Set(['p']) };
    expect(sameValue(state, { s: new Set(['p']), m: new Map([['x', { b: [1, 2] }]]), a: 1 })).toBe(
      true,
    );
    expect(sameValue(state, { ...state, a: 2 })).toBe(false);
    expect(sameValue(state, { ...state, m: new Map([['x', { b: [1, 3] }]]) })).toBe(false);
    expect(sameValue(state, { ...state, s: new Set(['q']) })).toBe(false);
    expect(sameValue(state, { ...state, d: null })).toBe(false);
    expect(sameValue(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(sameValue(Uint8Array.of(1, 2), [1, 2])).toBe(false);
  });
});

describe('the state', () => {
  it('holds only what v8 serializes as it is, and comes back from it the same', async () => {
    for (const example of EXAMPLE_LIST) {
      const store = await openStore(records.get(example.name)!, { create: false, readOnly: true });
      try {
        const { state } = await foldTo(store, await store.size());
        expect(unserializable(state)).toEqual([]);
        expect(state.motions.size).toBeGreaterThan(0);
        const back = deserialize(serialize(state)) as typeof state;
        expect(back).toStrictEqual(state);
        expect(stateText(back)).toBe(stateText(state));
      } finally {
        await store.close();
      }
    }
  });

  it('a snapshot writes anew only the rolls that may have changed since the one it was read from', async () => {
    const file = records.get(COOPERATIVE.name)!;
    const store = await openStore(file, { create: false, readOnly: true });
    try {
      const size = await store.size();
      const first = await snapshotAt(store, size);
      const motions = snapshotPartHashes(first.snapshot.parts).length;
      expect(first.parts).toHaveLength(motions);
      const parts = new Map(first.parts.map((p) => [Buffer.from(p.hash).toString('hex'), p.bytes]));
      const read = decodeState(
        first.snapshot.state,
        snapshotPartHashes(first.snapshot.parts),
        (h) => parts.get(Buffer.from(h).toString('hex')),
      );
      const folded = { ...(await foldTo(store, size)), state: read };
      const key = await logSecret(store);
      // Nothing read: every part is the one it was read from.
      expect(capture(folded, key).parts).toEqual([]);
      // A closed vote's roll, read, holds for good; the open vote's, read, may have changed.
      expect(read.motions.get(motionKey(S, 'paint'))!.ballots.size).toBe(7);
      expect(capture(folded, key).parts).toEqual([]);
      expect(read.motions.get(motionKey(S, 'open-one'))!.ballots.size).toBe(2);
      const again = capture(folded, key);
      expect(again.parts).toHaveLength(1);
      const hex = (parts: Uint8Array) =>
        snapshotPartHashes(parts).map((h) => Buffer.from(h).toString('hex'));
      const changed = hex(again.snapshot.parts).filter(
        (h, i) => h !== hex(first.snapshot.parts)[i],
      );
      expect(changed).toEqual([Buffer.from(again.parts[0]!.hash).toString('hex')]);
    } finally {
      await store.close();
    }
  });
});

for (const backend of BACKENDS) {
  describe(`snapshots on ${backend.name}`, () => {
    const handles: StoreHandle[] = [];
    const copy = async (example = COOPERATIVE) => {
      const handle = await copyOf(backend, records.get(example.name)!);
      handles.push(handle);
      return handle;
    };
    afterEach(async () => {
      for (const handle of handles.splice(0)) await handle.dispose();
    });

    /** Opens the record, hearing what it says of its snapshots. */
    async function open(handle: StoreHandle, options: { readOnly?: boolean; every?: number } = {}) {
      const events: SnapshotEvent[] = [];
      const store = await handle.open({ create: false, readOnly: options.readOnly ?? false });
      const ledger = await Ledger.open(store, {
        snapshotEvery: options.every ?? 1,
        onSnapshot: (e) => events.push(e),
      });
      return { ledger, store, events, report: ledger.opening! };
    }

    it('property: the state from a snapshot and the entries after it is the state folded from entry 0', async () => {
      for (const example of EXAMPLE_LIST) {
        const handle = await copy(example);
        const store = await handle.open({ create: false });
        const size = await store.size();
        const whole = stateText((await foldTo(store, size)).state);
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 1, max: size }), async (n) => {
            await dropSnapshots(store);
            const { snapshot, parts } = await snapshotAt(store, n);
            await store.putSnapshot(snapshot, parts, 2);
            const { ledger, report } = await open(handle, { every: 0 });
            expect(report).toMatchObject({ size, snapshot: n, folded: size - n });
            expect(report.rejected).toBeUndefined();
            expect(stateText(ledger.state)).toBe(whole);
            // The copy kept apart (the ledger's committed state) is the same, and no other object.
            const twice = await openFolded(store, {
              logSecret: await logSecret(store),
              fold: (state, act) => applyAct(state, act, 'replay'),
              twice: true,
              every: 0,
            });
            expect(twice.report.snapshot).toBe(n);
            expect(twice.copy).not.toBe(twice.state);
            expect(stateText(twice.state)).toBe(whole);
            expect(stateText(twice.copy!)).toBe(whole);
            await ledger.store.close();
          }),
          { numRuns: 12 },
        );
      }
    }, 120_000);

    it('writes a snapshot when opening folded many entries, and the next opening starts from it', async () => {
      const handle = await copy();
      const first = await open(handle, { every: 10 });
      const size = first.ledger.size;
      expect(first.report).toMatchObject({ size, folded: size, written: size });
      expect(first.report.snapshot).toBeUndefined();
      expect(await first.store.snapshotSizes()).toEqual([size]);
      const whole = stateText(first.ledger.state);

      const second = await open(handle, { readOnly: true, every: 10 });
      expect(second.report).toMatchObject({ size, snapshot: size, folded: 0 });
      expect(second.report.written).toBeUndefined();
      expect(second.events).toEqual([{ kind: 'opened', report: second.report }]);
      // The rolls of closed votes are read when first used, and are then as folded.
      const paint = second.ledger.state.motions.get(motionKey(S, 'paint'))!;
      expect(Object.getOwnPropertyDescriptor(paint, 'ballots')?.get).toBeTypeOf('function');
      expect([...paint.ballots.keys()]).toEqual([
        'ada',
        'ben',
        'chen',
        'dana',
        'eli',
        'fay',
        'gus',
      ]);
      expect(Object.getOwnPropertyDescriptor(paint, 'ballots')?.value).toBe(paint.ballots);
      expect(stateText(second.ledger.state)).toBe(whole);

      // An opening that folded fewer entries than the threshold leaves the snapshots as they are.
      await record(first.ledger, closeVote(S, 'open-one'));
      const third = await open(handle, { every: 10 });
      expect(third.report).toMatchObject({ size: size + 1, snapshot: size, folded: 1 });
      expect(third.report.written).toBeUndefined();
      expect(await third.store.snapshotSizes()).toEqual([size]);
      expect(stateText(third.ledger.state)).toBe(stateText(first.ledger.state));
    });

    it('a read-only opening reads snapshots and never writes one', async () => {
      const handle = await copy();
      const { ledger, store, report } = await open(handle, { readOnly: true, every: 1 });
      expect(report.written).toBeUndefined();
      expect(await store.snapshotSizes()).toEqual([]);
      const reference = await foldTo(store, ledger.size);
      expect(stateText(ledger.state)).toBe(stateText(reference.state));
    });

    /** Each way a snapshot may not match the log, and the reason it is refused for. */
    const mismatches: {
      name: string;
      reason: RegExp;
      make: (store: RecordStore) => Promise<{ snapshot: Awaited<ReturnType<typeof snapshotAt>> }>;
    }[] = [
      {
        name: 'one changed byte of its state',
        reason: /^its bytes do not match its digest$/,
        make: async (store) => {
          const taken = await snapshotAt(store, await store.size());
          const state = Uint8Array.from(taken.snapshot.state);
          state[Math.floor(state.length / 2)]! ^= 1;
          return {
            snapshot: {
              ...taken,
              snapshot: await altered(store, taken.snapshot, { state }, false),
            },
          };
        },
      },
      {
        name: 'a digest that is a plain hash, as anyone could make',
        reason: /^its bytes do not match its digest$/,
        make: async (store) => {
          const taken = await snapshotAt(store, await store.size());
          const { createHash } = await import('node:crypto');
          const digest = createHash('sha256').update(taken.snapshot.state).digest();
          return { snapshot: { ...taken, snapshot: { ...taken.snapshot, digest } } };
        },
      },
      {
        name: 'a root its tree edge does not give',
        reason: /^its tree edge does not give its root$/,
        make: async (store) => {
          const taken = await snapshotAt(store, await store.size());
          const root = new Uint8Array(32).fill(7);
          return {
            snapshot: { ...taken, snapshot: await altered(store, taken.snapshot, { root }) },
          };
        },
      },
      {
        name: 'a tree that is not the log’s (its edge and root agree, the checkpoint does not)',
        reason: /^its root is not the one the log signed at size \d+$/,
        make: async (store) => {
          const size = await store.size();
          const taken = await snapshotAt(store, size);
          const { Frontier } = await import('../../src/app/frontier.js');
          const { rootAt } = await import('../../src/record/merkle.js');
          const frontier = Uint8Array.from(taken.snapshot.frontier);
          frontier[0]! ^= 1;
          const root = rootAt(size, Frontier.fromBytes(size, frontier)!);
          const snapshot = await altered(store, taken.snapshot, { frontier, root });
          return { snapshot: { ...taken, snapshot } };
        },
      },
      {
        name: 'another version',
        reason:
          /^it was made by another version \(collegium 0\.0\.1; snapshot format 1; code 0{16}; this is collegium /,
        make: async (store) => {
          const taken = await snapshotAt(store, await store.size());
          const version = 'collegium 0.0.1; snapshot format 1; code 0000000000000000';
          return {
            snapshot: { ...taken, snapshot: await altered(store, taken.snapshot, { version }) },
          };
        },
      },
      {
        name: 'more entries than the log holds',
        reason: /^it is of \d+ entries, and the log holds \d+$/,
        make: async (store) => {
          const size = await store.size();
          const taken = await snapshotAt(store, size);
          const snapshot = await altered(store, taken.snapshot, { size: size + 3 });
          return { snapshot: { ...taken, snapshot } };
        },
      },
      {
        name: 'a part whose bytes are not its hash’s',
        reason: /^its part [0-9a-f]{64} does not match its hash$/,
        make: async (store) => {
          const taken = await snapshotAt(store, await store.size());
          const parts = taken.parts.map((p, i) =>
            i === 0 ? { ...p, bytes: Uint8Array.from([...p.bytes, 0]) } : p,
          );
          return { snapshot: { ...taken, parts } };
        },
      },
    ];

    for (const { name, reason, make } of mismatches) {
      it(`refuses a snapshot with ${name}, folds from entry 0 and writes one anew`, async () => {
        const handle = await copy();
        const store = await handle.open({ create: false });
        const size = await store.size();
        const whole = stateText((await foldTo(store, size)).state);
        const { snapshot: bad } = await make(store);
        await store.putSnapshot(bad.snapshot, bad.parts, 2);
        const badSize = bad.snapshot.size;

        // Read only: refused, folded from entry 0, nothing written.
        const reading = await open(handle, { readOnly: true });
        expect(reading.report).toMatchObject({ size, folded: size, rejected: { size: badSize } });
        expect(reading.report.rejected?.reason).toMatch(reason);
        expect(reading.report.snapshot).toBeUndefined();
        expect(stateText(reading.ledger.state)).toBe(whole);
        expect(await store.snapshotSizes()).toEqual([badSize]);

        // To write: refused and dropped, folded from entry 0, a snapshot written that is used next.
        const writing = await open(handle, { every: 1 });
        expect(writing.report).toMatchObject({ size, folded: size, written: size });
        expect(writing.report.rejected?.reason).toMatch(reason);
        expect(writing.events[0]).toEqual({ kind: 'opened', report: writing.report });
        expect(stateText(writing.ledger.state)).toBe(whole);
        expect(await store.snapshotSizes()).toEqual([size]);
        const next = await open(handle, { readOnly: true });
        expect(next.report).toMatchObject({ size, snapshot: size, folded: 0 });
        expect(stateText(next.ledger.state)).toBe(whole);
      });
    }

    it('a long-running ledger writes snapshots as it records, and goes on recording meanwhile', async () => {
      const handle = await copy();
      const events: SnapshotEvent[] = [];
      const store = await handle.open({ create: false });
      const ledger = await Ledger.open(store, {
        snapshotEvery: 3,
        onSnapshot: (e) => events.push(e),
      });
      const start = ledger.size;
      expect(ledger.opening).toMatchObject({ written: start });
      await record(ledger, closeVote(S, 'open-one'));
      await record(ledger, closeSession(S));
      await record(ledger, openSession({ session: 'later', body: 'board', title: 'Later' }));
      for (const person of ['ada', 'ben', 'chen', 'dana', 'eli', 'fay', 'gus'])
        await record(ledger, attendance('arrive', 'later', person));
      await ledger.snapshotsSettled();
      const written = events.filter((e) => e.kind === 'written');
      expect(written.length).toBeGreaterThanOrEqual(1);
      expect(events.filter((e) => e.kind === 'failed')).toEqual([]);
      const sizes = await store.snapshotSizes();
      expect(sizes.length).toBeLessThanOrEqual(2);
      expect(sizes.at(-1)).toBeGreaterThanOrEqual(start + 3);
      const reopened = await open(handle, { readOnly: true });
      expect(reopened.report.snapshot).toBe(sizes.at(-1));
      expect(reopened.report.size).toBe(ledger.size);
      expect(stateText(reopened.ledger.state)).toBe(stateText(ledger.state));
      expect((await audit(store)).ok).toBe(true);
    });

    it('a ledger opened from a snapshot appends where the log ends, and the record audits', async () => {
      const handle = await copy();
      await open(handle, { every: 1 });
      const { ledger, report } = await open(handle, { every: 0 });
      expect(report.snapshot).toBe(ledger.size);
      const before = ledger.size;
      // The motion's roll, read from the snapshot, takes the vote's next ballot and its close.
      await record(
        ledger,
        castBallot({ session: S, motion: 'open-one', voter: 'chen', choice: 'aye' }),
      );
      await record(ledger, closeVote(S, 'open-one'));
      await record(ledger, closeSession(S));
      expect(ledger.size).toBe(before + 3);
      const m = ledger.state.motions.get(motionKey(S, 'open-one'))!;
      expect([...m.ballots.keys()]).toEqual(['ada', 'ben', 'chen']);
      expect(m.decision?.outcome).toBeDefined();
      expect(await audit(ledger.store)).toMatchObject({ ok: true, size: before + 3 });
      const reference = await foldTo(ledger.store, ledger.size);
      expect(stateText(ledger.state)).toBe(stateText(reference.state));
    });

    it('the audit finds the snapshots the ledger wrote to be the state it folds at their sizes', async () => {
      const handle = await copy();
      const first = await open(handle, { every: 1 });
      await record(
        first.ledger,
        castBallot({ session: S, motion: 'open-one', voter: 'chen', choice: 'aye' }),
      );
      await record(first.ledger, closeVote(S, 'open-one'));
      const { ledger } = await open(handle, { every: 1 });
      expect(await ledger.store.snapshotSizes()).toEqual([ledger.size - 2, ledger.size]);
      expect(await audit(ledger.store)).toMatchObject({ ok: true, size: ledger.size });
    });

    it('the audit names a snapshot forged with the record’s key, or one opening would not use', async () => {
      const handle = await copy();
      const store = await handle.open({ create: false });
      const size = await store.size();
      // A closed vote's ballot changed: a state the log never folded to, digested with its key.
      const folded = await foldTo(store, size);
      const closed = [...folded.state.motions.values()].find(
        (m) => m.status === 'closed' && m.ballots.size > 0,
      )!;
      const [voter, ballot] = [...closed.ballots][0]!;
      closed.ballots.set(voter, { ...ballot, choice: ballot.choice === 'aye' ? 'nay' : 'aye' });
      const forged = capture(folded, await logSecret(store), true);
      await store.putSnapshot(forged.snapshot, forged.parts, 2);
      // Opening takes it: the audit is what finds it.
      const { report } = await open(handle, { every: 0 });
      expect(report.snapshot).toBe(size);
      expect(await audit(store)).toMatchObject({
        ok: false,
        size,
        failure: {
          item: `snapshot of size ${size}`,
          reason: expect.stringMatching(/^its state is not the one the log folds to at that size/),
        },
      });

      const taken = await snapshotAt(store, size);
      await store.putSnapshot(
        await altered(store, taken.snapshot, { root: new Uint8Array(32) }),
        taken.parts,
        2,
      );
      expect((await audit(store)).failure).toEqual({
        item: `snapshot of size ${size}`,
        reason: 'opening would not use it: its tree edge does not give its root',
      });
      // One of another version is never used, and not compared.
      await store.putSnapshot(
        await altered(store, taken.snapshot, { version: 'collegium 0.0.1' }),
        taken.parts,
        2,
      );
      expect(await audit(store)).toMatchObject({ ok: true, size });
    });

    it('migrate copies the snapshots as they are, and the copy opens from them', async () => {
      const handle = await copy();
      const source = await open(handle, { every: 1 });
      const size = source.ledger.size;
      const target = await (backend.name === 'sqlite' ? BACKENDS[1]! : sqliteBackend).fresh();
      handles.push(target);
      const into = await openCopyTarget(target.location);
      const report = await copyRecord(source.store, into);
      await into.close();
      expect(report.audit.ok).toBe(true);
      expect(report.snapshots).toBe(1);
      const copied = await target.open({ create: false });
      expect(await copied.snapshotSizes()).toEqual([size]);
      const snapshot = await source.store.snapshot(size);
      expect(await copied.snapshot(size)).toEqual(snapshot);
      const hashes = snapshotPartHashes(snapshot!.parts);
      expect(hashes.length).toBeGreaterThan(0);
      expect(await copied.snapshotParts(hashes)).toEqual(await source.store.snapshotParts(hashes));
      const opened = await open(target, { readOnly: true });
      expect(opened.report).toMatchObject({ size, snapshot: size, folded: 0 });
      expect(stateText(opened.ledger.state)).toBe(stateText(source.ledger.state));
    });
  });
}
