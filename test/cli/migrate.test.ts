/**
 * Moving a record between stores: SQLite to PostgreSQL and back gives the same database, row for
 * row (entries, tree nodes, checkpoints, cosignatures, files, accepted acts, secrets); a target
 * that holds a record already is refused and left as it was; the copy is compared and audited.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyRecord } from '../../src/app/migrate.js';
import type { CopyProgress, CopyReport } from '../../src/app/migrate.js';
import { openingProblem } from '../../src/app/opening-check.js';
import { openCopyTarget, openStore } from '../../src/store/index.js';
import type { RecordStore } from '../../src/store/index.js';
import { runSql } from '../support/raw-sql.js';
import { cli, STACK_LINE } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';
import { postgresBackend, sqliteBackend, withPassword } from '../support/stores.js';
import type { StoreHandle, TableDump } from '../support/stores.js';

/** The record's own tables: the migrations' bookkeeping (with its times) is the store's. */
const recordTables = (dump: TableDump): TableDump =>
  Object.fromEntries(Object.entries(dump).filter(([name]) => !name.startsWith('kysely_')));

describe('collegium migrate', () => {
  let folder: string;
  const handles: StoreHandle[] = [];
  const fresh = async (backend: typeof sqliteBackend) => {
    const handle = await backend.fresh();
    handles.push(handle);
    return handle;
  };
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'collegium-migrate-'));
  });
  afterEach(async () => {
    for (const handle of handles.splice(0)) await handle.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Hex SHA-256 over every entry's bytes in order, as a copy's report gives it. */
  async function digestOf(store: RecordStore): Promise<string> {
    const digest = createHash('sha256');
    for await (const entry of store.entries(0, await store.size())) digest.update(entry.bytes);
    return digest.digest('hex');
  }

  /** The cooperative's record with a file, a cosignature, and several checkpoints. */
  async function source(): Promise<StoreHandle> {
    const handle = await fresh(sqliteBackend);
    const db = handle.location;
    const scan = join(folder, 'letter.pdf');
    writeFileSync(scan, 'a scan of a letter, not really a PDF');
    const [first, ...rest] = COOPERATIVE.proceedings;
    const steps = [
      ['replay', first!, '--charter', COOPERATIVE.charter],
      ...rest.map((file) => ['replay', file]),
      [
        'dispatch',
        'register',
        'board',
        '--from',
        'City of Maple',
        '--channel',
        'letter',
        '--text',
        'Boiler.',
        '--received',
        '2026-11-28',
        '--attach',
        scan,
      ],
    ];
    for (const args of steps) {
      const r = await cli(...args, '--db', db);
      expect(r.code, r.err).toBe(0);
    }
    const store = await handle.open({ create: false });
    const checkpoint = await store.checkpoint();
    await store.addCosignature({
      size: checkpoint!.size,
      witness: 'witness.example.org/w1',
      line: '— witness.example.org/w1 AAAA\n',
    });
    await store.close();
    return handle;
  }

  it('copies SQLite to PostgreSQL and back to the same rows, and the copy audits', async () => {
    const from = await source();
    const middle = await fresh(postgresBackend);
    const back = await fresh(sqliteBackend);
    const there = await cli('migrate', '--from', from.location, '--to', middle.location);
    expect(there.code, there.err).toBe(0);
    expect(there.out).toMatch(/^copied \d+ entries, \d+ checkpoints, 1 cosignature and 1 file to /);
    expect(there.out).toContain('the copy audits');
    const again = await cli('migrate', '--from', middle.location, '--to', back.location, '--json');
    expect(again.code, again.err).toBe(0);
    const report = JSON.parse(again.out) as {
      entries: number;
      digest: string;
      audit: { ok: boolean };
    };
    expect(report.audit.ok).toBe(true);
    expect(report.digest).toMatch(/^[0-9a-f]{64}$/);

    const original = recordTables(await from.dump());
    expect(original['attachments']).toHaveLength(1);
    expect(original['checkpoints']!.length).toBeGreaterThan(1);
    expect(recordTables(await back.dump())).toEqual(original);
    // The same checkpoints, byte for byte, in the PostgreSQL copy.
    const a = await from.open({ create: false });
    const b = await middle.open({ create: false });
    for await (const c of a.checkpoints()) expect((await b.checkpoint(c.size))?.note).toBe(c.note);
    expect(await b.size()).toBe(report.entries);
  });

  it('refuses a target that holds a record, and leaves it as it was', async () => {
    const from = await source();
    const to = await fresh(sqliteBackend);
    expect((await cli('migrate', '--from', from.location, '--to', to.location)).code).toBe(0);
    const before = await to.dump();
    const r = await cli('migrate', '--from', from.location, '--to', to.location);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /the target already holds this record, copied whole \(\d+ entries\): nothing to copy/,
    );
    expect(r.err).not.toMatch(STACK_LINE);
    expect(await to.dump()).toEqual(before);
    // The source grown since: the copy is its beginning, and it is not written over either.
    expect(
      (await cli('session', 'open', 'later', '--body', 'board', '--db', from.location)).code,
    ).toBe(0);
    expect((await cli('migrate', '--from', from.location, '--to', to.location)).err).toMatch(
      /holds this record as it was at (\d+) entries \(it has \d+ now\): a record is never written over/,
    );
    // Another record altogether.
    const other = await fresh(sqliteBackend);
    expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', other.location)).code).toBe(
      0,
    );
    expect((await cli('migrate', '--from', other.location, '--to', to.location)).err).toMatch(
      /the target already holds another record: a record is never written over/,
    );
    expect(await to.dump()).toEqual(before);
  });

  it('answers a missing source, the same store twice and a missing option clearly', async () => {
    const to = await fresh(sqliteBackend);
    const missing = await cli('migrate', '--from', join(folder, 'none.db'), '--to', to.location);
    expect(missing.code).toBe(1);
    expect(missing.err).not.toMatch(STACK_LINE);
    expect(missing.err).toMatch(/no record|none\.db/);
    const same = await cli('migrate', '--from', to.location, '--to', to.location);
    expect(same.code).toBe(2);
    expect(same.err).toContain('the same store');
    const half = await cli('migrate', '--from', to.location);
    expect(half.code).toBe(2);
    expect(half.err).toContain('--to');
  });

  it('copies a record whose stretches between checkpoints are cut into several writes', async () => {
    const from = await source();
    const to = await fresh(postgresBackend);
    const a = await from.open({ create: false, readOnly: true });
    const b = await openCopyTarget(to.location);
    const phases = new Set<string>();
    const report = await copyRecord(a, b, (p) => phases.add(p.phase), { entriesAWrite: 3 });
    expect(report.audit.ok).toBe(true);
    expect(report.entries).toBe(await a.size());
    expect([...phases]).toEqual(['copy', 'compare', 'audit']);
    expect(report.digest).toBe(await digestOf(a));
    for await (const c of a.checkpoints()) expect((await b.checkpoint(c.size))?.note).toBe(c.note);
    await b.close();
  });

  it('refuses a copy that does not hold the bytes written to it, naming the entry, and leaves it unfinished', async () => {
    const from = await source();
    const to = await fresh(sqliteBackend);
    const a = await from.open({ create: false, readOnly: true });
    const b = await openCopyTarget(to.location);
    // The target gives entry 4 back otherwise than it was written.
    const entries = b.entries.bind(b);
    b.entries = async function* (begin: number, end: number) {
      for await (const entry of entries(begin, end))
        yield entry.index === 4 ? { ...entry, bytes: new TextEncoder().encode('{}') } : entry;
    };
    await expect(copyRecord(a, b, () => {}, { entriesAWrite: 3 })).rejects.toThrow(
      'entry 4 differs in the copy',
    );
    expect(await b.copying()).toBeDefined();
    await a.close();
    await b.close();
  });

  /** Copies `from` into `to` until `phase` begins (the copy is stopped there), with small writes. */
  async function cutShort(from: StoreHandle, to: StoreHandle, phase: string): Promise<void> {
    const a = await from.open({ create: false, readOnly: true });
    const b = await openCopyTarget(to.location);
    const stop = (p: CopyProgress) => {
      if (p.phase === phase) throw new Error('stopped');
    };
    await expect(copyRecord(a, b, stop, { entriesAWrite: 5 })).rejects.toThrow('stopped');
    await a.close();
    await b.close();
  }

  /** The record's tables as a copy of `from` that nothing stopped has them. */
  async function cleanCopy(from: StoreHandle, backend: typeof sqliteBackend): Promise<TableDump> {
    const to = await fresh(backend);
    expect((await cli('migrate', '--from', from.location, '--to', to.location)).code).toBe(0);
    return recordTables(await to.dump());
  }

  for (const backend of [sqliteBackend, postgresBackend]) {
    it(`marks a copy into ${backend.name} unfinished until it audits: nothing opens it, migrate again finishes it`, async () => {
      const from = await source();
      const to = await fresh(backend);
      await cutShort(from, to, 'copy');
      const store = await openCopyTarget(to.location);
      const copied = await store.size();
      expect(copied).toBeGreaterThan(0);
      expect(await openingProblem(store)).toMatch(/^it is an unfinished copy of a record/);
      await store.close();
      const before = await to.dump();
      const session = ['session', 'open', 'later', '--body', 'board'];
      const serve = ['serve', '--data', join(folder, 'data'), '--port', '0'];
      for (const args of [['log'], ['audit'], session, serve]) {
        const run = await cli('--json', ...args, '--db', to.location);
        expect(run.code, run.out).toBe(1);
        expect(JSON.parse(run.out).error).toMatchObject({
          code: 'unfinished-copy',
          message: expect.stringMatching(
            /holds an unfinished copy of a record .*Run collegium migrate again with the same --from and --to/,
          ),
        });
      }
      expect(await to.dump()).toEqual(before);

      // Told in words on one backend, in JSON on the other.
      const words = backend === sqliteBackend;
      const migrate = ['migrate', '--from', from.location, '--to', to.location];
      const again = await cli(...(words ? migrate : ['--json', ...migrate]));
      expect(again.code, again.err).toBe(0);
      if (words) {
        const source = await openStore(from.location, { create: false, readOnly: true });
        const entries = await source.size();
        await source.close();
        expect(again.out.split('\n').slice(0, 2)).toEqual([
          `an unfinished copy of this record was there, with ${copied} of its ${entries} entries: the copy went on from there`,
          expect.stringMatching(new RegExp(`^copied ${entries - copied} entries, `)),
        ]);
      } else {
        const report = JSON.parse(again.out) as CopyReport;
        expect(report.unfinished).toEqual({ found: 'resumed', size: copied });
        expect(report).toMatchObject({ from: from.location, to: to.location });
        expect(report.audit.ok).toBe(true);
        // Over every entry, those compared as found and those written now.
        const source = await openStore(from.location, { create: false, readOnly: true });
        expect(report.digest).toBe(await digestOf(source));
        await source.close();
      }
      expect(recordTables(await to.dump())).toEqual(await cleanCopy(from, backend));
      expect((await cli('log', '--db', to.location)).code).toBe(0);
    });
  }

  it('begins again a copy of another record cut short, once it was compared', async () => {
    const from = await source();
    const other = await fresh(sqliteBackend);
    expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', other.location)).code).toBe(
      0,
    );
    const to = await fresh(postgresBackend);
    await cutShort(other, to, 'compare');
    // With a password in the URL (this server asks for none), which is never printed.
    const target = withPassword(to.location, 'hunter2');
    const run = await cli('migrate', '--from', from.location, '--to', target);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(
      /^an unfinished copy of another record was there \(1 entry\): begun again\n/,
    );
    expect(run.out).toContain(`file to ${withPassword(to.location, '***')}`);
    expect(run.out + run.err).not.toContain('hunter2');
    expect(recordTables(await to.dump())).toEqual(await cleanCopy(from, postgresBackend));
  });

  it('refuses a source damaged in its middle before it writes anything, naming the entry or node', async () => {
    const damages: [string, RegExp][] = [
      [
        "update entries set bytes = x'7b7d' where idx = 5",
        /entry 5 is not the leaf the tree holds at 5/,
      ],
      ['delete from entries where idx = 5', /entry 5 is missing/],
      [
        'update nodes set hash = zeroblob(32) where level = 1 and idx = 2',
        /node 1\/2 of the stored tree is not the hash of its two children/,
      ],
      ['delete from nodes where level = 2 and idx = 1', /node 2\/1 of the stored tree is missing/],
    ];
    for (const [damage, said] of damages) {
      const from = await source();
      await runSql(from, [damage]);
      const target = join(folder, 'copy.db');
      const run = await cli('migrate', '--from', from.location, '--to', target);
      expect(run.code, damage).toBe(1);
      expect(run.err, damage).toMatch(said);
      expect(run.err).toMatch(/^collegium: the record to copy is damaged, not copying it: /);
      expect(run.err).not.toMatch(STACK_LINE);
      expect(existsSync(target), damage).toBe(false);
    }
  });

  it('names, in a source damaged in several places, what the audit names: the lowest level first', async () => {
    const from = await source();
    // Node 2/0 is completed by entry 3, before node 1/2 by entry 5: the audit names 1/2.
    await runSql(from, [
      'update nodes set hash = zeroblob(32) where level = 2 and idx = 0',
      'update nodes set hash = zeroblob(32) where level = 1 and idx = 2',
    ]);
    const target = join(folder, 'copy.db');
    const run = await cli('migrate', '--from', from.location, '--to', target);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /damaged, not copying it: node 1\/2 of the stored tree is not the hash of its two children/,
    );
    expect(existsSync(target)).toBe(false);
    const audited = await cli('--json', 'audit', '--db', from.location);
    expect(JSON.parse(audited.out)).toMatchObject({ ok: false, failure: { item: 'node 1/2' } });
  });

  it('checks the source before it writes anything, and copies (as init makes) only into an empty database', async () => {
    const from = await source();
    await runSql(from, ['delete from entries where idx = (select max(idx) from entries)']);
    const target = join(folder, 'copy.db');
    const damaged = await cli('migrate', '--from', from.location, '--to', target);
    expect(damaged.code).toBe(1);
    expect(damaged.err).toMatch(
      /the record to copy is damaged, not copying it: entry \d+ is missing/,
    );
    expect(existsSync(target)).toBe(false);

    const good = await source();
    for (const backend of [sqliteBackend, postgresBackend]) {
      const to = await fresh(backend);
      if (backend === sqliteBackend) new Database(to.location).close();
      await runSql(to, ['create table other (x integer)']);
      const before = await to.dump();
      const run = await cli('migrate', '--from', good.location, '--to', to.location);
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/holds other tables, not a Collegium record/);
      expect(await to.dump()).toEqual(before);
      // Nor is a new record made there: init and migrate agree, on both engines.
      const init = await cli('init', '--charter', COOPERATIVE.charter, '--db', to.location);
      expect(init.code).toBe(1);
      expect(init.err).toMatch(
        backend === postgresBackend
          ? /holds other tables, not a Collegium record: .* or a schema of its own/
          : /exists already: a record is never overwritten/,
      );
      expect(await to.dump()).toEqual(before);
    }
  });
});
