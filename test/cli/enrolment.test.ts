/** Members' own keys through the command line: enrol, sign, revoke, and the audit after. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COOPERATIVE } from '../support/examples.js';
import { cli } from '../support/cli.js';

describe('enrolment', () => {
  it('lets a member sign with their own key, and not after it is revoked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-enrol-'));
    const db = join(dir, 'board.db');
    const ok = async (...args: string[]): Promise<string> => {
      const r = await cli(...args, '--db', db);
      expect(r.code, r.err).toBe(0);
      return r.out;
    };
    await ok('init', '--charter', COOPERATIVE.charter);
    const keyFile = join(dir, 'ada.key');
    const publicKey = (await cli('keygen', '-o', keyFile)).out.split('\n')[0]!;
    expect(publicKey).toMatch(/^ed25519:/);
    expect(JSON.parse(readFileSync(keyFile, 'utf8')).publicKey).toBe(publicKey);
    await ok('enrol', 'ada', publicKey);
    await ok('session', 'open', 's', '--body', 'board');
    await ok('arrive', 's', 'ada', 'ben', 'chen', 'dana', '--as', 'hana');
    await ok('motion', 's', 'm', '--text', 'Plant a tree.', '--proposer', 'ben');
    await ok('vote', 'open', 's', 'm');
    const unsigned = await cli('ballot', 's', 'm', 'ada', 'aye', '--db', db);
    expect(unsigned.code).toBe(1);
    expect(unsigned.err).toMatch(/unauthenticated.*ada signs with their own key/);
    await ok('ballot', 's', 'm', 'ada', 'aye', '--key', keyFile);
    const log = await ok('log');
    expect(log).toMatch(/ballot\.cast\s+ada: s\/m: ada aye/);
    await ok('revoke', 'ada', '--reason', 'phone lost');
    await ok('motion', 's', 'm2', '--text', 'Plant two trees.');
    await ok('vote', 'open', 's', 'm2');
    const revoked = await cli('ballot', 's', 'm2', 'ada', 'aye', '--key', keyFile, '--db', db);
    expect(revoked.code).toBe(1);
    expect(revoked.err).toMatch(/no person of the record has the public key/);
    await ok('ballot', 's', 'm2', 'ada', 'aye');
    expect(await ok('log')).toMatch(/ballot\.cast\s+ada, recorded by hana: s\/m2: ada aye/);
    const again = await cli('enrol', 'ada', publicKey, '--db', db);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/was revoked/);
    expect(await ok('audit')).toMatch(/^audit passed/);
  });
});
