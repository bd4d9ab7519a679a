/**
 * Historical cases kept as fixtures (test/fixtures/FOLDER/: a charter.yaml and the files replayed
 * on it), for tests that replay them as a user would, through the command line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { cli, ok } from './cli.js';

export { ok };

/** The lines of `out`, the last (empty after the final newline) left out. */
export const linesIn = (out: string): string[] => out.replace(/\r?\n$/, '').split(/\r?\n/);

/**
 * The path of each fixture of `folder`, a fresh record of its charter, and the verdict a relying
 * party gives on an instrument of a record: under the fixture `policy-in-force.yaml`, whose log
 * key (LOGKEY) is the record's.
 *
 * @example
 * const { fixture, record } = historyFixtures('central-committee-1918-later');
 * const { db } = await record();
 * await ok('replay', fixture('1920-10-05.yaml'), '--db', db);
 * const { outs } = await replayed('1920-10-05.yaml'); // the same, in one call
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
  const verdicts = async (db: string, dir: string) => {
    const key = (await ok('log-key', '--db', db)).trim();
    const policy = join(dir, 'bank.yaml');
    writeFileSync(
      policy,
      readFileSync(fixture('policy-in-force.yaml'), 'utf8').replace('LOGKEY', key),
    );
    return async (id: string) => {
      const bundle = join(dir, `${id}.json`);
      await ok('export', 'instrument', id, '--db', db, '-o', bundle);
      return cli('verify', bundle, '--trust', policy);
    };
  };
  /** A fresh record with `files` replayed on it in turn: its paths and each replay's output. */
  const replayed = async (...files: string[]) => {
    const { db, dir } = await record();
    const outs: string[] = [];
    for (const file of files) outs.push(await ok('replay', fixture(file), '--db', db));
    return { db, dir, outs };
  };
  return { fixture, record, replayed, verdicts };
}

/**
 * A key of their own for each of `people`, written in `dir` and enrolled in the record `db`, as
 * a member given a key does: the path of each key file, by person.
 */
export async function enrolledKeys(
  db: string,
  dir: string,
  ...people: string[]
): Promise<Record<string, string>> {
  const keys: Record<string, string> = {};
  for (const person of people) {
    const file = join(dir, `${person}.key`);
    // keygen says on standard error where it wrote the private key.
    const made = await cli('keygen', '-o', file);
    expect(made.code).toBe(0);
    const publicKey = made.out.split('\n')[0]!;
    await ok('enrol', person, publicKey, '--db', db);
    keys[person] = file;
  }
  return keys;
}

/** The last line of a replay: what it recorded (`2 motions`, ...) and how many items it flagged. */
export const recorded = (what: string, flagged: number): RegExp =>
  new RegExp(`^${what} recorded in .+; ${flagged} flagged$`);

/**
 * Drafting and signing instruments of `body` in the record `db`, as `clerk` does: a draft of
 * `kind` with `text`, resting on the decision `restsOn`, and a signature for a signer received by
 * telegram (its result, refused or not).
 *
 * @example
 * const { draft, sign } = instrumentsOf(db, { clerk: 'lenin', body: 'politburo', text: 'Hold.', restsOn: 'pb-1/m' });
 * await draft('border');
 * expect((await sign('border', 'stalin')).code).toBe(0);
 */
export function instrumentsOf(
  db: string,
  o: { clerk: string; body: string; text: string; restsOn: string; kind?: string },
) {
  const as = ['--as', o.clerk, '--db', db];
  const draft = (id: string) =>
    ok(
      ...['instrument', 'draft', '--body', o.body, '--kind', o.kind ?? 'directive', '--id', id],
      ...['--text', o.text, '--rests-on', o.restsOn, ...as],
    );
  const sign = (id: string, signer: string) =>
    cli('instrument', 'sign', id, '--for', signer, '--channel', 'telegram', ...as);
  return { draft, sign };
}

/**
 * A motion `motion` in the open session `session` of the record `db` amending the charter to the
 * file `charter`, put to the vote and carried by the ayes of `voters`: what the vote's close prints.
 */
export async function amendedLive(
  db: string,
  session: string,
  motion: string,
  o: { text: string; charter: string; voters: readonly string[] },
): Promise<string> {
  const on = (...args: string[]) => ok(...args, '--db', db);
  await on('motion', session, motion, '--text', o.text, '--amends', o.charter);
  await on('vote', 'open', session, motion);
  for (const voter of o.voters) await on('ballot', session, motion, voter, 'aye');
  return on('vote', 'close', session, motion);
}

/**
 * The lines each replay of `files` printed, on a fresh record of `folder`'s charter, and the
 * record: the shape of most historical cases (replay, then read the lines, then expect them).
 */
export async function replayedLines(folder: string, ...files: string[]) {
  const { db, dir, outs } = await historyFixtures(folder).replayed(...files);
  return { db, dir, lines: outs.map(linesIn) };
}
