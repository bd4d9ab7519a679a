/**
 * The audit against a record cut short or thinned out behind the application's back, on SQLite
 * and PostgreSQL: every entry up to the latest signed checkpoint, and every checkpoint the log
 * signed, must be there; a checkpoint kept from earlier must fit the record. Each failure names
 * the first thing missing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import type { AuditReport } from '../../src/app/audit.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import { replayExample } from '../support/records.js';
import { parseCheckpoint, signCheckpoint } from '../../src/record/checkpoint.js';
import { noteSigner } from '../../src/record/note.js';
import { querySql, runSql } from '../support/raw-sql.js';
import { cli } from '../support/cli.js';

describe.each(BACKENDS)('the audit of a record with parts deleted, on $name', (backend) => {
  let handle: StoreHandle;
  /** The signed checkpoints of the record as written, by size. */
  const notes = new Map<number, string>();
  let size = 0;

  beforeEach(async () => {
    handle = await backend.fresh();
    const store = await handle.open();
    await replayExample(store);
    size = await store.size();
    notes.clear();
    for await (const c of store.checkpoints()) notes.set(c.size, c.note);
    await store.close();
    // The record these tests cut into: three appends, three checkpoints.
    expect([...notes.keys()]).toEqual([1, 68, size]);
  });

  afterEach(async () => {
    await handle.dispose();
  });

  const auditAfter = async (
    statements: readonly string[],
    checkpoints: readonly number[] = [],
  ): Promise<AuditReport> => {
    await runSql(handle, statements);
    const store = await handle.open({ create: false });
    try {
      return await audit(store, { checkpoints: checkpoints.map((s) => notes.get(s)!) });
    } finally {
      await store.close();
    }
  };

  it('passes on the record as written, with every checkpoint given', async () => {
    const report = await auditAfter([], [...notes.keys()]);
    expect(report.failure).toBeUndefined();
    expect(report.checkpoints).toBe(6);
  });

  it('fails at entry 0 when every entry is deleted and the checkpoints are left', async () => {
    for (const given of [[], [68]]) {
      const report = await auditAfter(['delete from entries'], given);
      expect(report.ok).toBe(false);
      expect(report.failure).toMatchObject({ item: 'entry 0', index: 0 });
      expect(report.failure?.reason).toMatch(/entry 0 is missing/);
    }
  });

  it('fails at entry 0 when every entry, node and checkpoint is deleted', async () => {
    const report = await auditAfter([
      'delete from entries',
      'delete from nodes',
      'delete from checkpoints',
    ]);
    expect(report.failure).toMatchObject({ item: 'entry 0', index: 0 });
  });

  it('names the first missing entry when entries at the end are deleted', async () => {
    const report = await auditAfter([`delete from entries where idx >= ${size - 5}`]);
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({ item: `entry ${size - 5}`, index: size - 5 });
    expect(report.failure?.reason).toMatch(
      new RegExp(`entry ${size - 5} is missing.*checkpoint of size ${size}`),
    );
  });

  it('names a deleted checkpoint by its size, the first one or one in the middle', async () => {
    for (const deleted of [68, 1]) {
      const report = await auditAfter([`delete from checkpoints where size = ${deleted}`]);
      expect(report.ok).toBe(false);
      expect(report.failure?.item).toBe(`checkpoint of size ${deleted}`);
      expect(report.failure?.reason).toMatch(/missing/);
      await runSql(handle, [
        `insert into checkpoints (size, note) values (${deleted}, '${notes.get(deleted)!}')`,
      ]);
    }
  });

  it('fails, naming the first missing entry, on a record shorter than a checkpoint given', async () => {
    // Cut back to the checkpoint of size 68 with everything after it: alone, it looks whole.
    const cut = ['delete from entries where idx >= 68', 'delete from checkpoints where size > 68'];
    expect((await auditAfter(cut)).ok).toBe(true);
    const report = await auditAfter([], [68, size]);
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({ item: 'entry 68', index: 68 });
    expect(report.failure?.reason).toMatch(
      new RegExp(`entry 68 is missing: given checkpoint 2 commits to ${size} entries`),
    );
  });

  /** The stored checkpoint of `size` signed again by the log key, with `extensions` instead. */
  const resigned = async (size: number, extensions: string[]): Promise<string> => {
    const [row] = await querySql<{ value: Uint8Array }>(
      handle,
      "select value from secrets where name = 'log'",
    );
    const note = notes.get(size)!;
    const body = parseCheckpoint(note.slice(0, note.indexOf('\n\n') + 1));
    expect(body.extensions).toEqual([`previous ${size === 1 ? 0 : size === 68 ? 1 : 68}`]);
    const signer = noteSigner(body.origin, new Uint8Array(row!.value));
    const changed = signCheckpoint({ ...body, extensions }, signer);
    return `update checkpoints set note = '${changed}' where size = ${size}`;
  };

  it('fails on a checkpoint that does not name the one signed before it, or names another', async () => {
    const unnamed = await auditAfter([await resigned(size, [])]);
    expect(unnamed.failure).toMatchObject({
      item: `checkpoint of size ${size}`,
      reason: 'it does not name the checkpoint signed before it',
    });
    const other = await auditAfter([await resigned(size, ['previous 1'])]);
    expect(other.failure?.item).toBe(`checkpoint of size ${size}`);
    expect(other.failure?.reason).toMatch(/names the checkpoint of size 1 .* the one of size 68/);
  });

  it('passes on checkpoints that name none before them (as records made earlier signed them)', async () => {
    const report = await auditAfter([
      await resigned(1, []),
      await resigned(68, []),
      await resigned(size, []),
    ]);
    expect(report.failure).toBeUndefined();
  });

  it('says on the command line which tree node failed', async () => {
    await runSql(handle, ['delete from nodes where level = 2 and idx = 3']);
    const run = await cli('audit', '--db', handle.location);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^collegium: audit failed at node 2\/3: the node is missing/m);
  });

  it('says on the command line which checkpoint is missing', async () => {
    await runSql(handle, ['delete from checkpoints where size = 68']);
    const run = await cli('audit', '--db', handle.location);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^collegium: audit failed at checkpoint of size 68: it is missing/m);
  });
});
