/** Members' own keys through the command line: enrol, sign, revoke, and the audit after. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COOPERATIVE } from '../support/examples.js';
import { cli, okOn } from '../support/cli.js';
import { otherSpellings } from '../support/base64.js';

describe('enrolment', () => {
  it('lets a member sign with their own key, and not after it is revoked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-enrol-'));
    const db = join(dir, 'board.db');
    const ok = okOn(db);
    await ok('init', '--charter', COOPERATIVE.charter);
    const keyFile = join(dir, 'ada.key');
    const publicKey = (await cli('keygen', '-o', keyFile)).out.split('\n')[0]!;
    expect(publicKey).toMatch(/^ed25519:/);
    expect(JSON.parse(readFileSync(keyFile, 'utf8')).publicKey).toBe(publicKey);
    expect(await ok('enrol', 'ada', publicKey)).toMatch(/^Ada Okafor enrolled \[entry 1\]\n$/);
    await ok('session', 'open', 's', '--body', 'board');
    await ok('arrive', 's', 'ada', 'ben', 'chen', 'dana', '--as', 'hana');
    await ok('motion', 's', 'm', '--text', 'Plant a tree.', '--proposer', 'ben');
    await ok('vote', 'open', 's', 'm');
    const unsigned = await cli('ballot', 's', 'm', 'ada', 'aye', '--db', db);
    expect(unsigned.code).toBe(1);
    expect(unsigned.err).toMatch(/unauthenticated.*ada signs with their own key/);
    // A mistyped id is the mistake told, before any key is asked for.
    for (const [args, told] of [
      [['ballot', 'nosuch', 'm', 'ada', 'aye'], "refused (not-found): no session 'nosuch'"],
      [['ballot', 's', 'm9', 'ada', 'aye'], "refused (not-found): no motion 'm9' in the session"],
      [['answer', 'nosuch', 'aye', '--as', 'ada'], "refused (not-found): no circulation 'nosuch'"],
      [['arrive', 'nosuch', 'ada'], "refused (not-found): no session 'nosuch'"],
    ] as const) {
      const mistyped = await cli(...args, '--db', db);
      expect(mistyped.code, args.join(' ')).toBe(1);
      expect(mistyped.err).toContain(told);
    }
    await ok('ballot', 's', 'm', 'ada', 'aye', '--key', keyFile);
    const log = await ok('log');
    expect(log).toMatch(/ballot\.cast\s+ada: s\/m: ada aye/);
    expect(await ok('revoke', 'ada', '--reason', 'phone lost')).toMatch(
      /^Ada Okafor's key revoked \[entry \d+\]\n$/,
    );
    await ok('motion', 's', 'm2', '--text', 'Plant two trees.');
    await ok('vote', 'open', 's', 'm2');
    const revoked = await cli('ballot', 's', 'm2', 'ada', 'aye', '--key', keyFile, '--db', db);
    expect(revoked.code).toBe(1);
    expect(revoked.err).toMatch(
      /: the public key ed25519:\S+ of Ada Okafor was revoked: it signs nothing any more\n$/,
    );
    await ok('ballot', 's', 'm2', 'ada', 'aye');
    expect(await ok('log')).toMatch(/ballot\.cast\s+ada, recorded by hana: s\/m2: ada aye/);
    const again = await cli('enrol', 'ada', publicKey, '--db', db);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/was revoked/);
    expect(await ok('audit')).toMatch(/^audit passed/);
    // A bundle of the session proves ada's own signature with her enrolment, proven beside it.
    const bundle = join(dir, 'session.json');
    await ok('export', 'bundle', '--session', 's', '-o', bundle);
    const vkey = (await ok('log-key')).trim();
    const verified = await cli('verify', bundle, '--log-key', vkey);
    expect(verified.code, verified.out + verified.err).toBe(0);
    const parsed = JSON.parse(readFileSync(bundle, 'utf8')) as { enrolments: unknown[] };
    expect(parsed.enrolments).toHaveLength(2); // the enrolment, and the revocation within the session
    writeFileSync(bundle, JSON.stringify({ ...parsed, enrolments: [] }));
    const without = await cli('verify', bundle, '--log-key', vkey);
    expect(without.code).toBe(1);
    expect(without.err).toMatch(/signed with a key that is not Ada Okafor's/);
  });

  it('takes keys in canonical base64 only: a key to enrol and a key file spelled otherwise are refused by name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-enrol-'));
    const db = join(dir, 'board.db');
    expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', db)).code).toBe(0);
    const keyFile = join(dir, 'ada.key');
    const publicKey = (await cli('keygen', '-o', keyFile)).out.split('\n')[0]!;
    const [otherKey] = otherSpellings(publicKey);
    const enrol = await cli('enrol', 'ada', otherKey!, '--db', db);
    expect(enrol.code).toBe(2);
    expect(enrol.err).toMatch(
      /is not a public key: give ed25519: and then 32 bytes in canonical base64/,
    );
    // The identity point: a key anyone could sign for without a private key.
    const weak = await cli('enrol', 'ada', `ed25519:AQ${'A'.repeat(41)}=`, '--db', db);
    expect(weak.code).toBe(2);
    expect(weak.err).toMatch(/is not a usable Ed25519 public key/);
    const file = JSON.parse(readFileSync(keyFile, 'utf8')) as { privateKey: string };
    const [otherSeed] = otherSpellings(file.privateKey);
    writeFileSync(keyFile, JSON.stringify({ ...file, privateKey: otherSeed }));
    expect((await cli('enrol', 'ada', publicKey, '--db', db)).code).toBe(0);
    const signed = await cli('arrive', 's', 'ada', '--key', keyFile, '--db', db);
    expect(signed.code).toBe(1);
    expect(signed.err).toMatch(/ada\.key: the private key is not in canonical base64/);
  });

  it('refuses an invitation to an origin that is not one, by name, and records nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-invite-'));
    const db = join(dir, 'board.db');
    expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', db)).code).toBe(0);
    for (const origin of ['javascript:alert(1)', '', 'https://board.example.org/app', 'http://x\n'])
      for (const json of [false, true]) {
        const r = await cli(
          ...(json ? ['--json'] : []),
          'invite',
          'ada',
          '--origin',
          origin,
          '--db',
          db,
        );
        expect(r.code).toBe(2);
        const message = json
          ? (JSON.parse(r.out) as { error: { message: string } }).error.message
          : r.err;
        expect(message).toMatch(/--origin: '.*' is not an origin \(http:\/\/ or https:\/\//s);
      }
    process.env['COLLEGIUM_ORIGIN'] = 'ftp://board.example.org';
    try {
      const r = await cli('invite', 'ada', '--db', db);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(
        /^collegium: COLLEGIUM_ORIGIN: 'ftp:\/\/board\.example\.org' is not an origin/,
      );
    } finally {
      delete process.env['COLLEGIUM_ORIGIN'];
    }
    // Spelled as origins, but no browser reaches port 0, nor sends the scheme's own port.
    for (const [origin, said] of [
      ['http://board.example.org:0', 'names port 0, which no browser reaches'],
      [
        'https://board.example.org:443',
        "is written without its scheme's own port, as browsers send it: https://board.example.org",
      ],
    ] as const) {
      const r = await cli('invite', 'ada', '--origin', origin, '--db', db);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--origin: '${origin}' ${said}`);
    }
    expect((await cli('log', '--db', db)).out.trim().split('\n')).toHaveLength(1);
    const invited = await cli(
      'invite',
      'ada',
      '--origin',
      'https://board.example.org/',
      '--db',
      db,
    );
    expect(invited.out).toMatch(/^https:\/\/board\.example\.org\/enrol#/m);
  });

  it('tells who forgot a key how an officer records for them, and whose key was given instead', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-enrol-'));
    const db = join(dir, 'board.db');
    const run = (...args: string[]) => cli(...args, '--db', db);
    const ok = okOn(db);
    await ok('init', '--charter', COOPERATIVE.charter);
    const adaKey = join(dir, 'ada.key');
    await ok('enrol', 'ada', (await cli('keygen', '-o', adaKey)).out.split('\n')[0]!);
    await ok('enrol', 'ben', (await cli('keygen', '-o', join(dir, 'ben.key'))).out.split('\n')[0]!);
    await ok('session', 'open', 's', '--body', 'board');
    const size = async () => (await ok('log')).trim().split('\n').length;
    const before = await size();
    for (const [args, told] of [
      [
        ['arrive', 's', 'chen', 'ada'],
        'refused (unauthenticated): ada signs with their own key: give it with --key, or record it for them as an officer (--as hana)',
      ],
      [
        ['arrive', 's', 'ben', '--key', adaKey],
        "ben signs with their own key: give it with --key (the key given is Ada Okafor's), or record it for them as an officer (--as hana)",
      ],
      [
        ['motion', 's', 'm', '--text', 'Fix the gate.', '--proposer', 'ben'],
        'ben signs with their own key: give it with --key, or record it for them as an officer (--as hana)',
      ],
      [
        ['session', 'excuse', 's', 'ben', '--as', 'ben'],
        'ben signs with their own key: give it with --key, or record it for them as an officer (--as hana)',
      ],
    ] as const) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err).toContain(told);
    }
    expect(await size()).toBe(before);
    // The officer named records them all, as the hint says.
    await ok('arrive', 's', 'chen', 'ada', 'ben', 'dana', '--as', 'hana');
    await ok('motion', 's', 'm', '--text', 'Fix the gate.', '--proposer', 'ben', '--as', 'hana');
    await ok('vote', 'open', 's', 'm');
    // A ballot is the voter's own: no officer is offered, only whose key was given.
    const ballot = await run('ballot', 's', 'm', 'ben', 'aye', '--key', adaKey);
    expect(ballot.code).toBe(1);
    expect(ballot.err).toContain(
      "refused (unauthenticated): ben signs with their own key: give it with --key (the key given is Ada Okafor's)\n",
    );
    const help = await cli('ballot', '--help');
    expect(help.out).not.toContain('--as');
    expect(help.out).toMatch(
      /--key <file\.\.\.>\s+private key file of the voter, or of the proxy holder/,
    );
    for (const command of ['arrive', 'depart'])
      expect((await cli(command, '--help')).out).toMatch(
        /--as <person>\s+an officer who records it for them \(default: each person\s+named, with their own --key/,
      );
  });
});
