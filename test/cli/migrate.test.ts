/**
 * Moving a record between stores: SQLite to PostgreSQL and back gives the same database, row for
 * row (entries, tree nodes, checkpoints, cosignatures, files, accepted acts, secrets); a target
 * that holds a record already is refused and left as it was; the copy is compared and audited.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyRecord } from '../../src/app/migrate.js';
import { cli, STACK_LINE } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';
import { postgresBackend, sqliteBackend } from '../support/stores.js';
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
    expect(there.out).toMatch(
      /^copied \d+ entries, \d+ checkpoints, 1 cosignatures and 1 files to /,
    );
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
    expect(r.err).toContain('the target already holds a record');
    expect(r.err).not.toMatch(STACK_LINE);
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
    const b = await to.open({ create: true });
    const phases = new Set<string>();
    const report = await copyRecord(a, b, (p) => phases.add(p.phase), { entriesAWrite: 3 });
    expect(report.audit.ok).toBe(true);
    expect(report.entries).toBe(await a.size());
    expect([...phases]).toEqual(['copy', 'compare', 'audit']);
    for await (const c of a.checkpoints()) expect((await b.checkpoint(c.size))?.note).toBe(c.note);
  });
});
