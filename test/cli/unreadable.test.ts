/**
 * A record whose entries this version's rules refuse (made by an earlier version whose rules
 * differed, or altered by someone holding the database and its keys) does not open: every command
 * that folds it says which entry and why, with its own code, and records nothing; the log still
 * reads it as stored, and the audit names the entry.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { appendForged } from '../app/support.js';
import { cli, STACK_LINE } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';

describe('a record this version cannot fold', () => {
  it('is refused by reading and writing commands alike, naming the entry', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'collegium-unreadable-')), 'c.db');
    expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', db)).code).toBe(0);
    const store = await openStore(db, { create: false });
    // Properly signed and placed, but no session of that name was ever opened.
    const forged = await appendForged(
      store,
      [
        {
          act: { type: 'session.close', payload: { session: 'nowhere' } },
          actor: 'hana',
          signer: null,
        },
      ],
      '2026-12-02T10:00:00.000Z',
    );
    await store.close();
    const before = readFileSync(db);
    for (const argv of [['protocol'], ['session', 'open', 'board-x', '--body', 'board']]) {
      const json = await cli('--json', ...argv, '--db', db);
      expect(json.code, json.out).toBe(1);
      const { error } = JSON.parse(json.out) as { error: { code: string; message: string } };
      expect(error.code).toBe('record-unreadable');
      expect(error.message).toContain(`entry ${forged} is refused by the rules of this version`);
      expect(error.message).toContain("no session 'nowhere'");
      const words = await cli(...argv, '--db', db);
      expect(words.err).not.toMatch(STACK_LINE);
    }
    expect(readFileSync(db).equals(before)).toBe(true);
    // The log is read as it is stored, without folding: what is there can still be read.
    const log = await cli('log', '--db', db);
    expect(log.code).toBe(0);
    expect(log.out).toContain('session.close');
    const audit = await cli('audit', '--db', db);
    expect(audit.code).toBe(1);
    expect(audit.err).toContain(`audit failed at entry ${forged}`);
  });

  it('names the entry whose bytes are not an entry, to every command that folds the record', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'collegium-unreadable-')), 'c.db');
    expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', db)).code).toBe(0);
    const [first] = COOPERATIVE.proceedings;
    expect((await cli('replay', first!, '--db', db)).code).toBe(0);
    const raw = new Database(db);
    raw
      .prepare(`update entries set bytes = cast('{"not":"an entry"}' as blob) where idx = 3`)
      .run();
    raw.close();
    for (const argv of [
      ['protocol'],
      ['decisions'],
      ['log'],
      ['log', '--from', '3', '--to', '3'],
    ]) {
      const run = await cli(...argv, '--db', db);
      expect(run.code, run.err).toBe(1);
      expect(run.err).toContain('entry 3 cannot be read: not an entry');
      expect(run.err).not.toMatch(STACK_LINE);
    }
  });

  it('refuses as damaged a log whose last index is no whole number, not as an empty log', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'collegium-unreadable-')), 'c.db');
    expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', db)).code).toBe(0);
    const raw = new Database(db);
    raw.prepare(`update entries set idx = 'x' where idx = 0`).run();
    raw.close();
    for (const argv of [['log'], ['protocol'], ['audit']]) {
      const json = await cli('--json', ...argv, '--db', db);
      expect(json.code, json.out).toBe(1);
      expect(JSON.parse(json.out).error).toMatchObject({
        code: 'record-damaged',
        message:
          'the record is damaged: its last entry is stored at index "x", which is not a whole number',
      });
    }
  });
});
