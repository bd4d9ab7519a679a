/**
 * Ranges and the list of checkpoints: --from and --to are the first and the last, both included,
 * for every command that takes them; `collegium checkpoints` lists the signed tree sizes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, toHex } from '../../src/core/bytes.js';
import { cli } from '../support/cli.js';
import type { CliResult } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';

async function ok(...argv: string[]): Promise<CliResult> {
  const r = await cli(...argv);
  expect(r.code, `collegium ${argv.join(' ')}\n${r.err}`).toBe(0);
  return r;
}

for (const backend of BACKENDS) {
  describe(`ranges and checkpoints on ${backend.name}`, () => {
    let handle: StoreHandle;
    let db: string[];

    beforeAll(async () => {
      handle = await backend.fresh();
      db = ['--db', handle.location];
      // One command, one append, one checkpoint: trees of sizes 1 to 5.
      await ok('init', '--charter', COOPERATIVE.charter, ...db);
      await ok('session', 'open', 's1', '--body', 'board', ...db);
      await ok('arrive', 's1', 'ada', ...db);
      await ok('arrive', 's1', 'ben', ...db);
      await ok('depart', 's1', 'ada', ...db);
    }, 60_000);

    afterAll(async () => {
      await handle.dispose();
    });

    it('log --from I --to J lists entries I to J, both included', async () => {
      const log = JSON.parse((await ok('--json', 'log', '--from', '1', '--to', '3', ...db)).out);
      expect(log.map((e: { index: number }) => e.index)).toEqual([1, 2, 3]);
      const words = (await ok('log', '--from', '4', '--to', '4', ...db)).out;
      expect(words.trim().split('\n')).toHaveLength(1);
      expect(words).toMatch(/^\s+4 /);
      const tail = JSON.parse((await ok('--json', 'log', '--from', '3', '--to', '99', ...db)).out);
      expect(tail.map((e: { index: number }) => e.index)).toEqual([3, 4]);
      // A range past the end says so, where it printed nothing; as JSON, it is none.
      expect((await ok('log', '--from', '7', '--to', '9', ...db)).out).toBe(
        "no entry from 7 to 9: the record's last is entry 4\n",
      );
      expect((await ok('log', '--from', '5', ...db)).out).toBe(
        "no entry from 5: the record's last is entry 4\n",
      );
      expect(JSON.parse((await ok('--json', 'log', '--from', '5', ...db)).out)).toEqual([]);
    });

    it('log --last N lists the last N entries, up to --to if given', async () => {
      const indexes = async (...argv: string[]) =>
        (JSON.parse((await ok('--json', 'log', ...argv, ...db)).out) as { index: number }[]).map(
          (e) => e.index,
        );
      expect(await indexes('--last', '2')).toEqual([3, 4]);
      expect(await indexes('--last', '2', '--to', '2')).toEqual([1, 2]);
      expect(await indexes('--last', '99')).toEqual([0, 1, 2, 3, 4]);
      for (const argv of [
        ['--last', '0'],
        ['--last', 'two'],
        ['--last', '2', '--from', '1'],
      ]) {
        const r = await cli('log', ...argv, ...db);
        expect(r.code, argv.join(' ')).toBe(2);
      }
    });

    it('export bundle --from I --to J exports the same entries', async () => {
      const bundle = JSON.parse(
        (await ok('export', 'bundle', '--from', '1', '--to', '3', ...db)).out,
      );
      expect(bundle.range).toEqual({ first: 1, last: 3 });
      expect(bundle.entries.map((e: { index: number }) => e.index)).toEqual([1, 2, 3]);
    });

    it('refuses --to before --from, as a usage error', async () => {
      for (const argv of [['log'], ['export', 'bundle'], ['checkpoints']]) {
        const r = await cli(...argv, '--from', '3', '--to', '2', ...db);
        expect(r.code).toBe(2);
        expect(r.err).toBe('collegium: --to 2 is before --from 3\n');
      }
    });

    it('collegium checkpoints lists each signed size with its root and the time of its last entry', async () => {
      const listed = JSON.parse((await ok('--json', 'checkpoints', ...db)).out) as {
        size: number;
        root: string;
        time: string;
      }[];
      expect(listed.map((c) => c.size)).toEqual([1, 2, 3, 4, 5]);
      const log = JSON.parse((await ok('--json', 'log', ...db)).out) as { time: string }[];
      for (const item of listed) {
        const note = (await ok('checkpoint', '--size', String(item.size), ...db)).out;
        expect(item.root).toBe(toHex(fromBase64(note.split('\n')[2]!)));
        expect(item.time).toBe(log[item.size - 1]!.time);
      }
      const some = (await ok('checkpoints', '--from', '2', '--to', '3', ...db)).out;
      expect(some).toBe(
        listed
          .slice(1, 3)
          .map((c) => `${String(c.size).padStart(8)}  ${c.root}  ${c.time}\n`)
          .join(''),
      );
      expect(JSON.parse((await ok('--json', 'checkpoints', '--from', '6', ...db)).out)).toEqual([]);
      expect((await ok('checkpoints', '--from', '6', ...db)).out).toBe(
        'no checkpoint of a tree size from 6: the latest is of size 5\n',
      );
    });
  });
}
