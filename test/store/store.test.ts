/**
 * The RecordStore contract, one body run on both adapters: SQLite (a temporary file) and
 * PostgreSQL (a fresh schema of the test database).
 */
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import type { Tables } from '../../src/store/schema.js';
import {
  RecordDamaged,
  snapshotPartHashes,
  StoreConflict,
  StoreUnavailable,
} from '../../src/store/index.js';
import type {
  AcceptedAct,
  AppendBatch,
  RecordStore,
  SnapshotPart,
  StoredEntry,
  StoredNode,
  StoredSnapshot,
} from '../../src/store/index.js';
import { runSql } from '../support/raw-sql.js';
import { BACKENDS, readRecord, sqliteBackend } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';

/** Distinct, recognizable bytes for entry `index`: its number, then a run of varied bytes. */
function entryBytes(index: number, length = 40): Uint8Array {
  const bytes = new Uint8Array(length);
  new DataView(bytes.buffer).setUint32(0, index);
  for (let i = 4; i < length; i++) bytes[i] = (index * 31 + i * 7) & 0xff;
  return bytes;
}

function hash(level: number, index: number): Uint8Array {
  const bytes = new Uint8Array(32);
  bytes[0] = level;
  new DataView(bytes.buffer).setUint32(1, index);
  bytes[31] = 0xff;
  return bytes;
}

function batch(from: number, count: number, nodes: StoredNode[] = []): AppendBatch {
  const entries: StoredEntry[] = Array.from({ length: count }, (_, i) => ({
    index: from + i,
    bytes: entryBytes(from + i),
  }));
  return { entries, nodes };
}

async function collect(store: RecordStore, from: number, to: number): Promise<StoredEntry[]> {
  const out: StoredEntry[] = [];
  for await (const e of store.entries(from, to)) out.push(e);
  return out;
}

/** Every byte value, in several positions: NULs first and last, high bytes, invalid UTF-8. */
const AWKWARD: readonly Uint8Array[] = [
  Uint8Array.from({ length: 256 }, (_, i) => i),
  Uint8Array.from({ length: 256 }, (_, i) => 255 - i),
  Uint8Array.of(0),
  Uint8Array.of(0, 0, 0, 0xff),
  Uint8Array.of(0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc),
  // A byte order mark, an encoded surrogate, an overlong NUL, and U+FFFD itself.
  Uint8Array.of(0xef, 0xbb, 0xbf, 0x7b, 0x7d),
  Uint8Array.of(0x22, 0xed, 0xa0, 0x80, 0x22, 0xc0, 0x80),
  Uint8Array.of(0x22, 0xef, 0xbf, 0xbd, 0x22),
  new TextEncoder().encode('{"a":"é ✓ 𝄞","b":"\\u0000"}'),
  Uint8Array.from({ length: 100_000 }, (_, i) => (i * 131 + (i >> 8)) & 0xff),
];

for (const backend of BACKENDS) {
  describe(`RecordStore on ${backend.name}`, () => {
    let handle: StoreHandle;
    let store: RecordStore;

    beforeEach(async () => {
      handle = await backend.fresh();
      store = await handle.open({ create: true });
    });

    afterEach(async () => {
      await handle?.dispose();
    });

    it('is empty when new: size 0, no entries, nodes or secrets', async () => {
      expect(store.kind).toBe(backend.name);
      expect(await store.size()).toBe(0);
      expect(await collect(store, 0, 10)).toEqual([]);
      expect(await store.node(0, 0)).toBeUndefined();
      expect(await store.secret('custodian')).toBeUndefined();
    });

    it('holds no record where its tables were made but its first entry never written', async () => {
      await store.close();
      // Opened to read or write, there is none, on either engine; opened to create (again), it
      // is made there.
      for (const readOnly of [true, false])
        await expect(handle.open({ create: false, readOnly })).rejects.toThrow(
          /no Collegium record/,
        );
      const again = await handle.open({ create: true });
      await again.create({}, batch(0, 1));
      expect(await again.size()).toBe(1);
    });

    it('create() stores the secrets and the first batch together', async () => {
      const custodian = Uint8Array.from({ length: 32 }, (_, i) => (i * 9 + 1) & 0xff);
      const log = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
      await store.create(
        { custodian, log },
        batch(0, 3, [
          { level: 0, index: 0, hash: hash(0, 0) },
          { level: 0, index: 1, hash: hash(0, 1) },
          { level: 1, index: 0, hash: hash(1, 0) },
          { level: 0, index: 2, hash: hash(0, 2) },
        ]),
      );
      expect(await store.size()).toBe(3);
      expect(await store.secret('custodian')).toEqual(custodian);
      expect(await store.secret('log')).toEqual(log);
      expect(await store.secret('nobody')).toBeUndefined();
      expect(await store.node(1, 0)).toEqual(hash(1, 0));
      expect(await store.node(0, 2)).toEqual(hash(0, 2));
      const entries = await collect(store, 0, 3);
      expect(entries.map((e) => e.index)).toEqual([0, 1, 2]);
      entries.forEach((e) => expect(e.bytes).toEqual(entryBytes(e.index)));

      // The same, read through a new connection.
      const again = await handle.open({ create: false });
      expect(await readRecord(again)).toEqual(await readRecord(store));
      expect(await again.secret('custodian')).toEqual(custodian);
    });

    it('create() on an existing record throws StoreConflict and changes nothing', async () => {
      await store.create({ custodian: new Uint8Array(32).fill(1) }, batch(0, 2));
      const before = await handle.dump();
      await expect(
        store.create({ custodian: new Uint8Array(32).fill(2) }, batch(0, 1)),
      ).rejects.toBeInstanceOf(StoreConflict);
      expect(await handle.dump()).toEqual(before);
      expect(await store.secret('custodian')).toEqual(new Uint8Array(32).fill(1));
    });

    it('create() by two writers at once: one record, the other told it exists, on any connection', async () => {
      const other = await handle.open({ create: true });
      try {
        const made = await Promise.allSettled([
          store.create({ custodian: new Uint8Array(32).fill(1) }, batch(0, 2)),
          other.create({ custodian: new Uint8Array(32).fill(2) }, batch(0, 3)),
        ]);
        expect(made.map((m) => m.status).sort()).toEqual(['fulfilled', 'rejected']);
        const refused = made.find((m) => m.status === 'rejected') as PromiseRejectedResult;
        expect(refused.reason).toBeInstanceOf(StoreConflict);
        expect(refused.reason.message).toMatch(/^the record exists already/);
        const winner = made[0]!.status === 'fulfilled' ? 0 : 1;
        expect(await store.size()).toBe([2, 3][winner]);
        expect(await store.secret('custodian')).toEqual(new Uint8Array(32).fill(winner + 1));
      } finally {
        await other.close();
      }
    });

    it("create() where a record's entries were removed, the rest left: damaged, not a race", async () => {
      await store.create({ custodian: new Uint8Array(32).fill(1) }, batch(0, 2));
      await runSql(handle, ['DELETE FROM entries', 'DELETE FROM checkpoints']);
      const before = await handle.dump();
      const refused = store.create({}, batch(0, 1));
      await expect(refused).rejects.toBeInstanceOf(RecordDamaged);
      await expect(refused).rejects.toThrow(/what is left of a record .* none of its entries/);
      expect(await handle.dump()).toEqual(before);
    });

    it('append() with the right expected size adds the batch after what is there', async () => {
      await store.create({}, batch(0, 1, [{ level: 0, index: 0, hash: hash(0, 0) }]));
      await store.append(
        1,
        batch(1, 1, [
          { level: 0, index: 1, hash: hash(0, 1) },
          { level: 1, index: 0, hash: hash(1, 0) },
        ]),
      );
      await store.append(2, batch(2, 5));
      expect(await store.size()).toBe(7);
      const entries = await collect(store, 0, 7);
      expect(entries.map((e) => e.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      entries.forEach((e) => expect(e.bytes).toEqual(entryBytes(e.index)));
      expect(await store.node(0, 1)).toEqual(hash(0, 1));
      expect(await store.node(1, 0)).toEqual(hash(1, 0));
      expect(await store.node(1, 1)).toBeUndefined();
      expect(await store.node(2, 0)).toBeUndefined();
    });

    it('append() with a stale expected size throws StoreConflict, one never reached RecordDamaged, and writes nothing', async () => {
      await store.create({ custodian: new Uint8Array(32).fill(7) }, batch(0, 3));
      await store.append(3, batch(3, 2));
      const before = await handle.dump();
      const recordBefore = await readRecord(store);

      for (const stale of [0, 3, 4, 6, 100]) {
        const attempt = store.append(
          stale,
          batch(5, 2, [{ level: 0, index: 5, hash: hash(0, 5) }]),
        );
        // Another writer came first; or the log is shorter than the writer knew it.
        await expect(attempt).rejects.toBeInstanceOf(stale < 5 ? StoreConflict : RecordDamaged);
      }
      expect(await store.size()).toBe(5);
      expect(await store.node(0, 5)).toBeUndefined();
      expect(await readRecord(store)).toEqual(recordBefore);
      expect(await handle.dump()).toEqual(before);

      // The store still takes the right append afterwards.
      await store.append(5, batch(5, 1));
      expect(await store.size()).toBe(6);
    });

    it('appendAfter() hands the builder what was appended since the size it knew, under the lock', async () => {
      await store.create({}, batch(0, 3));
      await store.append(3, batch(3, 4));
      for (const known of [0, 1, 3, 7]) {
        let seen: { size: number; moved: number[] } | undefined;
        await store.appendAfter(known, async (log) => {
          seen = { size: log.size, moved: log.moved.map((e) => e.index) };
          expect(log.moved.map((e) => e.bytes)).toEqual(log.moved.map((e) => entryBytes(e.index)));
          return undefined; // nothing to write
        });
        expect(seen).toEqual({
          size: 7,
          moved: Array.from({ length: 7 - known }, (_, i) => known + i),
        });
      }
      expect(await store.size()).toBe(7);
      await store.appendAfter(4, async (log) => batch(log.size, 2));
      expect(await store.size()).toBe(9);
      // A size the log never had: not another writer's doing, so no conflict to retry.
      await expect(store.appendAfter(10, async () => undefined)).rejects.toBeInstanceOf(
        RecordDamaged,
      );
    });

    it('append() of an index that is already taken throws StoreConflict and writes nothing', async () => {
      await store.create({}, batch(0, 3));
      const before = await handle.dump();
      // The expected size is right, but the batch claims an index that is taken: the store
      // refuses rather than overwrite.
      await expect(store.append(3, batch(2, 2))).rejects.toBeInstanceOf(StoreConflict);
      expect(await handle.dump()).toEqual(before);
    });

    it('a read while a batch is written sees none of it, and nothing of one rolled back', async () => {
      await store.create({}, batch(0, 3));
      const seen: number[] = [];
      let writing = true;
      const reading = (async () => {
        while (writing) seen.push(await store.size(), (await collect(store, 0, 10)).length);
      })();
      // Its entries go in first; then a node given twice fails the batch, which is rolled back.
      const node = { level: 0, index: 3, hash: hash(0, 3) };
      await expect(store.append(3, batch(3, 3, [node, node]))).rejects.toBeInstanceOf(
        StoreConflict,
      );
      writing = false;
      await reading;
      expect(seen.length).toBeGreaterThanOrEqual(2);
      expect(new Set(seen)).toEqual(new Set([3]));
    });

    it('append() writes a batch too large for one statement whole, as it writes a small one in one', async () => {
      await store.create({}, batch(0, 1));
      // Past what one statement carries (PostgreSQL writes a batch in one up to 30,000 values).
      const count = 12_000;
      const nodes = Array.from({ length: 4_000 }, (_, i) => ({
        level: 1,
        index: i,
        hash: hash(1, i),
      }));
      await store.append(1, {
        ...batch(1, count, nodes),
        checkpoint: { size: count + 1, note: 'big\n' },
      });
      await store.append(count + 1, {
        ...batch(count + 1, 2),
        checkpoint: { size: count + 3, note: 'small\n' },
      });
      expect(await store.size()).toBe(count + 3);
      const all = await collect(store, 0, count + 3);
      expect(all.map((e) => e.index)).toEqual(Array.from({ length: count + 3 }, (_, i) => i));
      expect(all[count]!.bytes).toEqual(entryBytes(count));
      const level: StoredNode[] = [];
      for await (const node of store.level(1, 0, 4_000)) level.push(node);
      expect(level).toEqual(nodes);
      expect((await store.checkpoint(count + 1))?.note).toBe('big\n');
      expect((await store.checkpoint())?.note).toBe('small\n');
    });

    it('entries(from, to) reads more than 2000 entries in pages, in order, within the bounds', async () => {
      const total = 4_503;
      await store.create({}, batch(0, 1));
      for (let from = 1; from < total; from += 1_500) {
        await store.append(from, batch(from, Math.min(1_500, total - from)));
      }
      expect(await store.size()).toBe(total);

      const all = await collect(store, 0, total);
      expect(all.length).toBe(total);
      all.forEach((e, i) => {
        expect(e.index).toBe(i);
        expect(e.bytes).toEqual(entryBytes(i));
      });

      const ranges: [number, number, number][] = [
        [1_999, 2_001, 2],
        [2_000, 4_000, 2_000],
        [100, 4_100, 4_000],
        [4_400, 10_000, 103],
        [0, 1, 1],
        [10, 10, 0],
        [20, 10, 0],
        [total, total + 5, 0],
      ];
      for (const [from, to, count] of ranges) {
        const got = await collect(store, from, to);
        expect(got.length, `entries(${from}, ${to})`).toBe(count);
        got.forEach((e, i) => expect(e.index).toBe(from + i));
        // A page at a time: the same entries, in pages of 1 to 2000.
        const pages: (readonly StoredEntry[])[] = [];
        for await (const page of store.entryPages(from, to)) pages.push(page);
        expect(pages.flat()).toEqual(got);
        for (const page of pages) expect(page.length).toBeGreaterThan(0);
        for (const page of pages) expect(page.length).toBeLessThanOrEqual(2_000);
      }
    });

    it('level(L, from, to) and levelPages read the nodes of one level in order, within the bounds', async () => {
      const nodes = Array.from({ length: 4_100 }, (_, index) => ({
        level: index % 2 === 0 ? 3 : 4,
        index: Math.floor(index / 2),
        hash: entryBytes(index).subarray(0, 32),
      }));
      await store.create({}, batch(0, 1, nodes));
      for (const [level, from, to, count] of [
        [3, 0, 2_050, 2_050],
        [4, 10, 2_040, 2_030],
        [3, 2_049, 3_000, 1],
        [5, 0, 10, 0],
      ] as const) {
        const one: StoredNode[] = [];
        for await (const node of store.level(level, from, to)) one.push(node);
        const pages: StoredNode[] = [];
        for await (const page of store.levelPages(level, from, to)) pages.push(...page);
        expect(one.length, `level(${level}, ${from}, ${to})`).toBe(count);
        expect(pages).toEqual(one);
        one.forEach((node, i) => {
          expect(node).toMatchObject({ level, index: from + i });
          expect(node.hash).toEqual(nodes[2 * (from + i) + (level === 3 ? 0 : 1)]!.hash);
        });
      }
    });

    it('keeps every stored byte exactly: entries, nodes and secrets', async () => {
      const secrets: Record<string, Uint8Array> = {};
      AWKWARD.forEach((bytes, i) => (secrets[`s${i}`] = bytes));
      const entries = AWKWARD.map((bytes, index) => ({ index, bytes }));
      const nodes = AWKWARD.filter((b) => b.length <= 256).map((bytes, index) => ({
        level: 3,
        index,
        hash: bytes,
      }));
      await store.create(secrets, { entries, nodes });

      const check = async (s: RecordStore): Promise<void> => {
        const got = await collect(s, 0, AWKWARD.length);
        expect(got.length).toBe(AWKWARD.length);
        got.forEach((e, i) => {
          expect(e.bytes).toBeInstanceOf(Uint8Array);
          expect(Buffer.from(e.bytes).equals(Buffer.from(AWKWARD[i]!))).toBe(true);
        });
        for (const [name, value] of Object.entries(secrets)) {
          expect(Buffer.from((await s.secret(name))!).equals(Buffer.from(value))).toBe(true);
        }
        for (const n of nodes) {
          expect(Buffer.from((await s.node(n.level, n.index))!).equals(Buffer.from(n.hash))).toBe(
            true,
          );
        }
      };
      await check(store);
      await store.close();
      await check(await handle.open({ create: false }));
    });

    it('remembers accepted acts with the append that records them, each once, and forgets them when told', async () => {
      await store.create({}, batch(0, 1));
      const sig = (n: number) => {
        const bytes = Uint8Array.from({ length: 64 }, (_, i) => (i * 37) & 0xff);
        new DataView(bytes.buffer).setUint32(60, n);
        return bytes;
      };
      // Acts signed at times out of order, some at the same time: each is named by both.
      const accepted = Array.from({ length: 2_100 }, (_, n) => ({
        at: 1_700_000_000_000 + ((n * 7) % 300),
        sig: sig(n),
        until: n % 2 === 0 ? 1_000 + n : null,
      }));
      await store.append(1, { ...batch(1, 1), accepted });
      const read = async (s: RecordStore) => {
        const rows = [];
        for await (const a of s.accepted()) rows.push(line(a));
        return rows;
      };
      const line = (a: AcceptedAct) => `${a.at} ${Buffer.from(a.sig).toString('hex')} ${a.until}`;
      // In pages, in the order of their keys: time, then signature.
      const expected = accepted.map(line).sort();
      expect(await read(store)).toEqual(expected);
      // Looked up by time and signature: the same signature at another time is another act.
      const asked = [accepted[3]!, { ...accepted[4]!, at: accepted[4]!.at + 1 }, accepted[2_099]!];
      expect((await store.acceptedAmong(asked)).map(line).sort()).toEqual(
        [accepted[3]!, accepted[2_099]!].map(line).sort(),
      );
      const many = await store.acceptedAmong(accepted.slice(0, 1_200));
      expect(many.map(line).sort()).toEqual(accepted.slice(0, 1_200).map(line).sort());

      // An act accepted already makes the whole append fail: nothing of it is written.
      const before = await handle.dump();
      await expect(
        store.append(2, {
          ...batch(2, 1),
          accepted: [{ at: 1, sig: sig(9_999), until: null }, accepted[5]!],
        }),
      ).rejects.toBeInstanceOf(StoreConflict);
      expect(await handle.dump()).toEqual(before);

      await store.forgetAccepted(1_000 + 1_000);
      const kept = accepted.filter((a) => a.until === null || a.until >= 2_000);
      expect(await read(await handle.open({ create: false }))).toEqual(kept.map(line).sort());
    });

    it('keeps witnesses’ cosignatures by checkpoint size and witness, the latest of each', async () => {
      await store.create({}, { ...batch(0, 2), checkpoint: { size: 2, note: 'n2' } });
      await store.append(2, { ...batch(2, 1), checkpoint: { size: 3, note: 'n3' } });
      const line = (witness: string, n: number) => `\u2014 ${witness} ${'A'.repeat(n)}=\n`;
      await store.addCosignature({ size: 2, witness: 'w.example/b', line: line('w.example/b', 1) });
      await store.addCosignature({ size: 2, witness: 'w.example/a', line: line('w.example/a', 2) });
      await store.addCosignature({ size: 3, witness: 'w.example/a', line: line('w.example/a', 3) });
      // The same witness and size again: the later line is kept.
      await store.addCosignature({ size: 2, witness: 'w.example/a', line: line('w.example/a', 4) });
      const reopened = await handle.open({ create: false });
      expect(await reopened.cosignatures(2)).toEqual([
        { size: 2, witness: 'w.example/a', line: line('w.example/a', 4) },
        { size: 2, witness: 'w.example/b', line: line('w.example/b', 1) },
      ]);
      expect(await reopened.cosignatures(3)).toEqual([
        { size: 3, witness: 'w.example/a', line: line('w.example/a', 3) },
      ]);
      expect(await reopened.cosignatures(4)).toEqual([]);
      expect(await reopened.cosignedSizes()).toEqual(
        new Map([
          ['w.example/a', 3],
          ['w.example/b', 2],
        ]),
      );
    });

    it('opens a record made before the accepted acts were kept, and brings its tables up to date', async () => {
      await store.create({ log: new Uint8Array(32).fill(3) }, batch(0, 2));
      await store.close();
      // The record as the first schema left it: no migrations, no accepted acts, schema 1.
      await runSql(handle, [
        'DROP TABLE accepted',
        'DROP TABLE attachments',
        'DROP TABLE cosignatures',
        'DROP TABLE web_sessions',
        'DROP TABLE login_challenges',
        'DROP TABLE rate_limits',
        'DROP TABLE snapshots',
        'DROP TABLE snapshot_parts',
        'DROP TABLE kysely_migration',
        'DROP TABLE IF EXISTS kysely_migration_lock',
        "UPDATE meta SET value = '1' WHERE key = 'schema'",
      ]);
      const old = await handle.dump();
      expect(Object.keys(old).sort()).toEqual([
        'checkpoints',
        'entries',
        'meta',
        'nodes',
        'secrets',
      ]);

      // Only read, it cannot be brought up to date: it is refused, untouched, saying why.
      await expect(handle.open({ create: false, readOnly: true })).rejects.toMatchObject({
        code: 'outdated-record',
      });
      expect(await handle.dump()).toEqual(old);

      const opened = await handle.open({ create: false });
      expect(await opened.size()).toBe(2);
      await opened.append(2, {
        ...batch(2, 1),
        accepted: [{ at: 0, sig: new Uint8Array(64), until: null }],
        attachments: [{ hash: 'ab'.repeat(32), bytes: new Uint8Array([1, 2, 3]) }],
      });
      const dump = await handle.dump();
      expect(dump['meta']).toEqual([`key=string:schema value=string:${SCHEMA_VERSION}`]);
      expect(await opened.cosignatures(2)).toEqual([]);
      expect(dump['accepted']).toHaveLength(1);
      expect(await opened.attachment('ab'.repeat(32))).toEqual(new Uint8Array([1, 2, 3]));
      expect(await opened.attachment('cd'.repeat(32))).toBeUndefined();
      expect(dump['kysely_migration']).toHaveLength(Number(SCHEMA_VERSION));
      expect(dump['web_sessions']).toEqual([]);
      expect(dump['entries']).toEqual([...old['entries']!, ...dump['entries']!.slice(2)]);
      await opened.close();

      // A record of a later schema than this code knows is not opened.
      const later = String(Number(SCHEMA_VERSION) + 1);
      await runSql(handle, [`UPDATE meta SET value = '${later}' WHERE key = 'schema'`]);
      await expect(handle.open({ create: false })).rejects.toMatchObject({
        code: 'not-a-record',
        message: expect.stringContaining(
          `schema version ${later}; this version of collegium reads version ${SCHEMA_VERSION}`,
        ),
      });
    });

    it('writes nothing more once a newer version has upgraded the record', async () => {
      await store.create({}, batch(0, 2));
      const later = String(Number(SCHEMA_VERSION) + 1);
      await runSql(handle, [`UPDATE meta SET value = '${later}' WHERE key = 'schema'`]);
      await expect(store.append(2, batch(2, 1))).rejects.toMatchObject({
        name: 'StoreUpgraded',
        code: 'record-upgraded',
        schema: later,
        message: expect.stringContaining(`upgraded to schema version ${later}`),
      });
      expect(await store.size()).toBe(2);
      // Its own schema again (as no newer version would leave it): it writes.
      await runSql(handle, [`UPDATE meta SET value = '${SCHEMA_VERSION}' WHERE key = 'schema'`]);
      await store.append(2, batch(2, 1));
      expect(await store.size()).toBe(3);
    });

    /** A snapshot of `size` naming `parts` (its bytes are the store's to keep, not to read). */
    function snapshot(size: number, parts: readonly SnapshotPart[]): StoredSnapshot {
      return {
        size,
        version: 'v',
        root: hash(9, size),
        frontier: hash(8, size),
        state: entryBytes(size, 300),
        parts: new Uint8Array(Buffer.concat(parts.map((p) => p.hash))),
        digest: hash(7, size),
      };
    }
    const part = (n: number): SnapshotPart => ({ hash: hash(6, n), bytes: entryBytes(n, 90) });

    it('keeps the latest snapshots, with the parts they name and no others', async () => {
      await store.create({}, batch(0, 1));
      expect(await store.snapshot()).toBeUndefined();
      expect(await store.snapshotSizes()).toEqual([]);
      await store.putSnapshot(snapshot(10, [part(1), part(2)]), [part(1), part(2)], 2);
      // Part 2 is held already: a later snapshot names it without giving it again.
      await store.putSnapshot(snapshot(20, [part(2), part(3)]), [part(3)], 2);
      expect(await store.snapshotSizes()).toEqual([10, 20]);
      expect(await store.snapshot()).toEqual(snapshot(20, [part(2), part(3)]));
      expect(await store.snapshot(10)).toEqual(snapshot(10, [part(1), part(2)]));
      expect(await store.snapshot(15)).toBeUndefined();
      const all = [1, 2, 3, 4].map((n) => part(n).hash);
      const hex = (h: Uint8Array) => Buffer.from(h).toString('hex');
      expect([...(await store.snapshotParts(all)).keys()]).toEqual(
        expect.arrayContaining([1, 2, 3].map((n) => hex(part(n).hash))),
      );
      expect((await store.snapshotParts(all)).get(hex(part(3).hash))).toEqual(part(3).bytes);

      // A third: the first goes, and part 1, which only it named, with it.
      await store.putSnapshot(snapshot(30, [part(3), part(4)]), [part(4)], 2);
      expect(await store.snapshotSizes()).toEqual([20, 30]);
      expect([...(await store.snapshotParts(all)).keys()].sort()).toEqual(
        [2, 3, 4].map((n) => hex(part(n).hash)).sort(),
      );
      // One of the same size takes the place of the one there.
      await store.putSnapshot({ ...snapshot(30, [part(3)]), version: 'w' }, [], 2);
      expect((await store.snapshot(30))?.version).toBe('w');
      expect([...(await store.snapshotParts(all)).keys()].sort()).toEqual(
        [2, 3].map((n) => hex(part(n).hash)).sort(),
      );
      await store.dropSnapshot(30);
      expect(await store.snapshotSizes()).toEqual([20]);
      expect(snapshotPartHashes((await store.snapshot())!.parts)).toEqual([
        part(2).hash,
        part(3).hash,
      ]);
    });

    it('refuses a snapshot naming a part it neither holds nor is given, and writes nothing', async () => {
      await store.create({}, batch(0, 1));
      await store.putSnapshot(snapshot(10, [part(1)]), [part(1)], 2);
      const before = await handle.dump();
      await expect(
        store.putSnapshot(snapshot(20, [part(1), part(2)]), [], 2),
      ).rejects.toBeInstanceOf(StoreConflict);
      expect(await handle.dump()).toEqual(before);
    });

    it('reads the web sessions asked for, many in one query, and no others', async () => {
      const shared = store.webSessions();
      const ids = ['a', 'b', 'c'].map((c) => c.repeat(43));
      for (const [i, id] of ids.entries())
        await shared.putSession({ id, person: `p${i}`, key: i ? null : 'k', lastSeen: 1e12 + i });
      const found = await shared.sessions([ids[2]!, 'x'.repeat(43), ids[0]!, "'; --"]);
      expect(found.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
        { id: ids[0], person: 'p0', key: 'k', lastSeen: 1e12 },
        { id: ids[2], person: 'p2', key: null, lastSeen: 1e12 + 2 },
      ]);
      expect(await shared.sessions([])).toEqual([]);
      await shared.endSession(ids[0]!);
      expect((await shared.sessions(ids)).map((s) => s.person).sort()).toEqual(['p1', 'p2']);
    });

    it('tells, on SQLite, when another connection has written (PostgreSQL tells each end)', async () => {
      await store.create({}, batch(0, 1));
      const shared = store.webSessions();
      if (backend.name === 'postgres') {
        expect(shared.writtenElsewhere).toBeUndefined();
        expect(shared.watchEnded).toBeDefined();
        return;
      }
      const id = 'a'.repeat(43);
      expect(shared.writtenElsewhere!()).toBe(false);
      await shared.putSession({ id, person: 'ada', key: null, lastSeen: 1e12 });
      expect(shared.writtenElsewhere!()).toBe(false); // its own connection
      const other = await handle.open({ create: false });
      await other.webSessions().endSession(id);
      await other.close();
      expect(shared.writtenElsewhere!()).toBe(true);
      expect(shared.writtenElsewhere!()).toBe(false); // told once
    });

    it('a store opened only to read says so, and refuses to write a snapshot', async () => {
      await store.create({}, batch(0, 1));
      expect(store.readOnly).toBe(false);
      const reading = await handle.open({ create: false, readOnly: true });
      expect(reading.readOnly).toBe(true);
      await expect(reading.putSnapshot(snapshot(1, []), [], 2)).rejects.toThrow();
      expect(await store.snapshotSizes()).toEqual([]);
    });
  });
}

describe('RecordStore on sqlite, created while another process creates the record', () => {
  it('a creation that waits past the lock another holds is a conflict, not a record damaged', async () => {
    const handle = await sqliteBackend.fresh();
    try {
      const store = await handle.open({ create: true });
      // Another process's creation, under way: it holds the write lock, nothing committed.
      const other = new Database(handle.location);
      other.exec("BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('schema', '1')");
      try {
        await expect(store.create({}, batch(0, 1))).rejects.toBeInstanceOf(StoreConflict);
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
      await store.create({}, batch(0, 1));
      expect(await store.size()).toBe(1);
    } finally {
      await handle.dispose();
    }
  }, 30_000);
});

describe('RecordStore on sqlite, on a full disk', () => {
  it('an append that fills the disk finds the database unavailable, saying why, and leaves the record as it was', async () => {
    const handle = await sqliteBackend.fresh();
    try {
      const store = await handle.open({ create: true });
      await store.create({}, batch(0, 1));
      // The disk full at the next pages: SQLite ends the transaction itself (SQLITE_FULL).
      const db = (store as unknown as { db: Kysely<Tables> }).db;
      const pages = (await sql<{ page_count: number }>`PRAGMA page_count`.execute(db)).rows[0]!;
      await sql.raw(`PRAGMA max_page_count = ${pages.page_count + 1}`).execute(db);
      const large = { entries: [{ index: 1, bytes: new Uint8Array(64 * 1024) }], nodes: [] };
      const refused = store.append(1, large);
      await expect(refused).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(refused).rejects.toThrow(
        'the database is unavailable: database or disk is full',
      );
      expect(await store.size()).toBe(1);
      await sql.raw('PRAGMA max_page_count = 1073741823').execute(db);
      await store.append(1, large);
      expect(await store.size()).toBe(2);
    } finally {
      await handle.dispose();
    }
  }, 30_000);
});
