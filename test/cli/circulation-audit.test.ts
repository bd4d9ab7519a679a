/**
 * `collegium audit` over circulations, on both stores: it passes on a record as written, and
 * fails, naming the entry, once a stored answer's bytes are altered in the database.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';
import { runSql } from '../support/raw-sql.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';

/** Replaces `from` by `to` in the stored bytes of entry `index`, as someone with the database could. */
function alterEntry(handle: StoreHandle, index: number, from: string, to: string): string {
  return handle.location.startsWith('postgres')
    ? `UPDATE entries SET bytes = convert_to(replace(convert_from(bytes, 'UTF8'), '${from}', '${to}'), 'UTF8') WHERE idx = ${index}`
    : `UPDATE entries SET bytes = CAST(replace(CAST(bytes AS TEXT), '${from}', '${to}') AS BLOB) WHERE idx = ${index}`;
}

for (const backend of BACKENDS) {
  describe(`the audit of circulations on ${backend.name}`, () => {
    it('passes on the record as written and names the entry of an answer altered in the database', async () => {
      const handle = await backend.fresh();
      const run = (...args: string[]) => cli(...args, '--db', handle.location);
      try {
        expect((await run('init', '--charter', COOPERATIVE.charter)).code).toBe(0);
        const put = await run(
          'circulate',
          'board',
          'Paint the hall.',
          '--deadline',
          '1d',
          '--to',
          'ada,ben',
          '--rule',
          'unanimous',
          '--id',
          'paint',
        );
        expect(put.code, put.err).toBe(0);
        const answered = await run(
          '--json',
          'answer',
          'paint',
          'aye',
          '--for',
          'ada',
          '--channel',
          'telephone',
        );
        expect(answered.code, answered.err).toBe(0);
        const { entry } = JSON.parse(answered.out) as { entry: number };
        expect(
          (await run('answer', 'paint', 'nay', '--for', 'ben', '--channel', 'letter')).code,
        ).toBe(0);
        const passed = await run('audit');
        expect(passed.code, passed.err).toBe(0);
        expect(passed.out).toMatch(/^audit passed: 4 entries verified/);

        await runSql(handle, [alterEntry(handle, entry, '"choice":"aye"', '"choice":"nay"')]);
        const failed = await run('audit');
        expect(failed.code).toBe(1);
        expect(failed.err).toContain(`audit failed at entry ${entry}:`);
        const json = JSON.parse((await run('--json', 'audit')).out) as {
          ok: boolean;
          failure: { item: string };
        };
        expect(json).toMatchObject({ ok: false, failure: { item: `entry ${entry}` } });
      } finally {
        await handle.dispose();
      }
    });
  });
}
