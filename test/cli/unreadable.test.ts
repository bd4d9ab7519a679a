/**
 * A record whose entries this version's rules refuse (made by an earlier version whose rules
 * differed, or altered by someone holding the database and its keys) does not open: every command
 * that folds it says which entry and why, with its own code, and records nothing; the log still
 * reads it as stored, and the audit names the entry.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
