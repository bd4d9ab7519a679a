/**
 * The command line takes the same ids as the charter, the proceedings files and the HTTP API: an
 * id with a "/" (or anything else the one rule refuses) is refused with the act, the field and
 * the rule, and the record is left byte for byte as it was. On both storage backends.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, STACK_LINE } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';
import { BACKENDS, sqliteBackend } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'collegium-ids-'));
const S = 'board-2026-12-03';
const ID_RULE = 'an id is lowercase Latin letters (a-z), digits, ".", "_" or "-"';

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A record of the cooperative board with session S open, ada and ben present, motion m1 put. */
async function board(handle: StoreHandle): Promise<void> {
  const db = handle.location;
  for (const argv of [
    ['init', '--charter', COOPERATIVE.charter],
    ['session', 'open', S, '--body', 'board'],
    ['arrive', S, 'ada', 'ben', 'chen', 'dana'],
    ['motion', S, 'm1', '--text', 'Paint the hall.'],
  ]) {
    const r = await cli(...argv, '--db', db);
    expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(0);
  }
}

/** Runs a command that must be refused as invalid-input, and checks the record did not change. */
async function refused(handle: StoreHandle, argv: string[], message: string): Promise<void> {
  const before = await handle.dump();
  const r = await cli(...argv, '--db', handle.location);
  expect(r.code, r.err).toBe(1);
  expect(r.err).toBe(`collegium: refused (invalid-input): ${message}\n`);
  expect(r.err).not.toMatch(STACK_LINE);
  expect(await handle.dump()).toEqual(before);
}

for (const backend of BACKENDS) {
  describe(`ids on the command line, on ${backend.name}`, () => {
    it('refuses an id with a "/" in every place one is given, the record unchanged', async () => {
      const handle = await backend.fresh();
      try {
        await board(handle);
        await refused(
          handle,
          ['session', 'open', 'a/b', '--body', 'board'],
          `session.open: session "a/b": ${ID_RULE}`,
        );
        await refused(
          handle,
          ['motion', S, 'b/c', '--text', 'Fix the roof.'],
          `motion.propose: motion "b/c": ${ID_RULE}`,
        );
        await refused(
          handle,
          ['motion', S, 'm2', '--text', 'Pick a colour.', '--alternatives', 'red,blue/green'],
          `motion.propose: alternatives.1 "blue/green": ${ID_RULE}`,
        );
        await refused(
          handle,
          ['session', 'open', 's2', '--body', 'board', '--title', 'x'.repeat(501)],
          'session.open: title: at most 500 characters (501 given)',
        );
        // The same acts with good ids are recorded.
        const r = await cli('session', 'open', 'a-b', '--body', 'board', '--db', handle.location);
        expect(r.code, r.err).toBe(0);
      } finally {
        await handle.dispose();
      }
    });
  });
}

describe('the collegium command', () => {
  it('refuses session open a/b with a clear message (node bin/collegium.js, after npm run build)', async () => {
    expect(
      existsSync(join(ROOT, 'dist', 'cli', 'main.js')),
      'dist/ is missing: run npm run build first',
    ).toBe(true);
    const handle = await sqliteBackend.fresh();
    try {
      await board(handle);
      const before = await handle.dump();
      let error: { status: number; stderr: string } | undefined;
      try {
        execFileSync(
          process.execPath,
          [join(ROOT, 'bin', 'collegium.js'), 'session', 'open', 'a/b', '--body', 'board'],
          { cwd: dir, encoding: 'utf8', env: { ...process.env, COLLEGIUM_DB: handle.location } },
        );
      } catch (e) {
        error = e as { status: number; stderr: string };
      }
      expect(error?.status).toBe(1);
      expect(error?.stderr).toBe(
        `collegium: refused (invalid-input): session.open: session "a/b": ${ID_RULE}\n`,
      );
      expect(await handle.dump()).toEqual(before);
    } finally {
      await handle.dispose();
    }
  });

  it('replay refuses what the acts refuse at its line and column: an id, a title too long', async () => {
    const handle = await sqliteBackend.fresh();
    try {
      expect(
        (await cli('init', '--charter', COOPERATIVE.charter, '--db', handle.location)).code,
      ).toBe(0);
      const file = (name: string, session: string): string => {
        const path = join(dir, name);
        writeFileSync(
          path,
          ['body: board', 'sessions:', ...session.split('\n').map((l) => `  ${l}`), ''].join('\n'),
        );
        return path;
      };
      const slash = file('slash.yaml', '- id: s/1\n  present: [ada]');
      const long = file('long.yaml', `- id: s1\n  title: ${'x'.repeat(501)}\n  present: [ada]`);
      const before = await handle.dump();
      const r1 = await cli('replay', slash, '--db', handle.location);
      expect(r1.code).toBe(1);
      expect(r1.err).toContain(`${slash}:3:9: "s/1" is not an id: ${ID_RULE}`);
      const r2 = await cli('replay', long, '--db', handle.location);
      expect(r2.code).toBe(1);
      expect(r2.err).toContain(
        `${long}:3:9: session.open: title: at most 500 characters (501 given)`,
      );
      expect(await handle.dump()).toEqual(before);
    } finally {
      await handle.dispose();
    }
  });
});
