/**
 * The check a record passes before it is served, on SQLite and PostgreSQL: a record emptied or
 * cut short behind the application's back is refused, with what is wrong, and `collegium serve`
 * does not start on it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openingProblem } from '../../src/app/opening-check.js';
import { cli } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';
import { runSql } from '../support/raw-sql.js';
import { replayExample } from '../support/records.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';

describe.each(BACKENDS)('the opening check, on $name', (backend) => {
  let handle: StoreHandle;
  let size = 0;

  beforeEach(async () => {
    handle = await backend.fresh();
    const store = await handle.open();
    await replayExample(store);
    size = await store.size();
    await store.close();
  });

  afterEach(async () => {
    await handle.dispose();
  });

  const problemAfter = async (statements: readonly string[]): Promise<string | undefined> => {
    await runSql(handle, statements);
    return openingProblem(await handle.open({ create: false }));
  };

  it('passes the record as written', async () => {
    expect(await problemAfter([])).toBeUndefined();
  });

  const damages: [string, (size: number) => string[], RegExp][] = [
    ['every entry deleted', () => ['delete from entries'], /^entry 0 is missing/],
    ['entry 0 deleted', () => ['delete from entries where idx = 0'], /^entry 0 is missing$/],
    [
      'entries at the end deleted',
      (n) => [`delete from entries where idx >= ${n - 3}`],
      /^entry 104 is missing: the latest checkpoint commits to 107 entries$/,
    ],
    [
      'the latest checkpoint deleted',
      (n) => [`delete from checkpoints where size = ${n}`],
      /^entries 68 to 106 are covered by no signed checkpoint$/,
    ],
    ['every checkpoint deleted', () => ['delete from checkpoints'], /no signed checkpoint/],
    [
      'a node of the tree changed',
      () => [
        'update nodes set hash = (select hash from nodes where level = 0 and idx = 1) where level = 6 and idx = 0',
      ],
      /root is not the one the latest checkpoint \(size 107\) signed/,
    ],
    [
      'the last entry replaced by another',
      (n) => [
        `update entries set bytes = (select bytes from entries where idx = 1) where idx = ${n - 1}`,
      ],
      /^entry 106 is not the leaf the tree holds at 106$/,
    ],
    [
      'the latest checkpoint stored as of another size',
      (n) => [`update checkpoints set size = ${n + 50} where size = ${n}`],
      /^the latest checkpoint is stored as the one of size 157, but it states size 107$/,
    ],
  ];
  for (const [what, statements, expected] of damages) {
    it(`refuses a record with ${what}`, async () => {
      expect(size).toBe(107);
      expect(await problemAfter(statements(size))).toMatch(expected);
    });
  }

  it('keeps collegium serve from starting on a damaged record, saying why', async () => {
    await runSql(handle, ['delete from entries']);
    const data = mkdtempSync(join(tmpdir(), 'collegium-serve-'));
    const run = await cli('serve', '--db', handle.location, '--data', data, '--port', '0');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/entry 0 is missing/);
    expect(run.err).toMatch(/collegium audit/);
    expect(run.out).toBe('');
  }, 15_000);

  it('keeps commands that write from appending to a record cut short, saying why', async () => {
    await runSql(handle, [`delete from entries where idx >= ${size - 3}`]);
    const before = await handle.dump();
    const run = await cli('session', 'open', 'later', '--body', 'board', '--db', handle.location);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/damaged, not writing to it: entry 104 is missing/);
    expect(run.err).toMatch(/collegium audit/);
    expect(await handle.dump()).toEqual(before);
    const json = await cli(
      '--json',
      'replay',
      COOPERATIVE.proceedings[0]!,
      '--db',
      handle.location,
    );
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out).error).toMatchObject({
      code: 'record-damaged',
      message: expect.stringMatching(/damaged, not writing to it: entry 104 is missing/),
    });
    expect(await handle.dump()).toEqual(before);
  });
});
