/**
 * Historical cases kept as fixtures (test/fixtures/FOLDER/: a charter.yaml and the files replayed
 * on it), for tests that replay them as a user would, through the command line.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { cli } from './cli.js';

/** A command that must succeed without a word on standard error: its standard output. */
export async function ok(...args: string[]): Promise<string> {
  const r = await cli(...args);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out;
}

/**
 * The path of each fixture of `folder`, and a fresh record of its charter.
 *
 * @example
 * const { fixture, record } = historyFixtures('central-committee-1918-later');
 * const { db } = await record();
 * await ok('replay', fixture('1920-10-05.yaml'), '--db', db);
 */
export function historyFixtures(folder: string) {
  const root = fileURLToPath(new URL(`../fixtures/${folder}/`, import.meta.url));
  const fixture = (name: string) => join(root, name);
  const record = async (): Promise<{ db: string; dir: string }> => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-history-'));
    const db = join(dir, 'cc.db');
    await ok('init', '--charter', fixture('charter.yaml'), '--db', db);
    return { db, dir };
  };
  return { fixture, record };
}
