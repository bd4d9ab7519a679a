/**
 * Proxies as grants, invitations on a decision and people's keys, through the command line: a
 * ballot by proxy counts only under a grant in force, within the charter's limit.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COOPERATIVE } from '../support/examples.js';
import { cli, okOn } from '../support/cli.js';

/** A fresh record of the cooperative board, and a way to run commands on it. */
async function board() {
  const dir = mkdtempSync(join(tmpdir(), 'collegium-proxy-'));
  const db = join(dir, 'board.db');
  const run = (...args: string[]) => cli(...args, '--db', db);
  const ok = okOn(db);
  const refused = async (code: string, ...args: string[]): Promise<string> => {
    const r = await run(...args);
    expect(r.code, `${args.join(' ')}: ${r.out}`).not.toBe(0);
    expect(r.err).toContain(code);
    return r.err;
  };
  await ok('init', '--charter', COOPERATIVE.charter);
  return { dir, db, run, ok, refused };
}

describe('collegium proxy', () => {
  it('grants, counts a ballot under the grant, refuses one over the limit, and revokes', async () => {
    const { ok, refused } = await board();
    await ok('session', 'open', 's', '--body', 'board');
    await ok('arrive', 's', 'ada', 'ben', 'chen', 'dana');
    expect(await ok('proxy', 'grant', 'eli', 'ada', '--body', 'board', '--session', 's')).toMatch(
      /^proxy s-eli-proxy of Eli Novak to Ada Okafor for the session of Board of Directors on \d+ \w+ \d{4} \[entry \d+\]\n$/,
    );
    // Ada holds one proxy already, the most the board allows.
    await refused(
      'refused (charter-rule): Ada Okafor holds 1 proxy already, the most Board of Directors allows (max-per-holder: 1)',
      'proxy',
      'grant',
      'fay',
      'ada',
      '--body',
      'board',
      '--session',
      's',
    );
    await refused(
      'not-member',
      'proxy',
      'grant',
      'fay',
      'hana',
      '--body',
      'board',
      '--session',
      's',
    );
    await ok('motion', 's', 'm1', '--text', 'Paint the hall.');
    await ok('vote', 'open', 's', 'm1');
    await ok('ballot', 's', 'm1', 'ada', 'aye');
    await ok('ballot', 's', 'm1', 'eli', 'aye', '--by', 'ada');
    await refused('refused (no-proxy)', 'ballot', 's', 'm1', 'fay', 'aye', '--by', 'ben');
    expect(await ok('vote', 'close', 's', 'm1')).toContain(
      'adopted: 2 ayes against 0 nays, majority of votes cast; 5 of 7 voting members present (1 by proxy), quorum 4',
    );
    expect(await ok('proxy', 'revoke', 's-eli-proxy', '--reason', 'back in town')).toMatch(
      /^proxy s-eli-proxy of Eli Novak to Ada Okafor revoked \[entry \d+\]\n$/,
    );
    await ok('motion', 's', 'm2', '--text', 'Paint it again.');
    await ok('vote', 'open', 's', 'm2');
    await refused('refused (no-proxy)', 'ballot', 's', 'm2', 'eli', 'aye', '--by', 'ada');
    const protocol = await ok('protocol', 's');
    expect(protocol).toMatch(
      /Proxy of Eli Novak to Ada Okafor for the session \[entry \d+\], revoked \[entry \d+\]/,
    );
    const log = await ok('log');
    expect(log).toMatch(
      /proxy\.grant\s+eli, recorded by hana: proxy s-eli-proxy in board to ada, for s\n/,
    );
    expect(log).toMatch(/proxy\.revoke\s+eli: proxy s-eli-proxy revoked: back in town\n/);
    expect(await ok('audit')).toMatch(/^audit passed/);
  });

  it('grants until a time, for one motion, recorded by the officer named', async () => {
    const { ok, run } = await board();
    expect(
      await ok(
        'proxy',
        'grant',
        'gus',
        'ben',
        '--body',
        'board',
        '--until',
        '2099-01-01T00:00:00Z',
      ),
    ).toMatch(
      /^proxy board-gus-proxy of Gus Tanaka to Ben Lindqvist until 1 January 2099, 00:00 UTC \[entry \d+\]\n$/,
    );
    await ok('session', 'open', 's', '--body', 'board');
    await ok('motion', 's', 'm', '--text', 'T');
    const out = await ok(
      'proxy',
      'grant',
      'fay',
      'chen',
      '--body',
      'board',
      '--session',
      's',
      '--motion',
      'm',
      '--as',
      'ada',
      '--json',
    );
    expect(JSON.parse(out)).toMatchObject({ grant: 's-m-fay-proxy' });
    expect(await ok('log')).toMatch(
      /proxy\.grant\s+fay, recorded by ada: proxy s-m-fay-proxy in board to chen, for s\/m\n/,
    );
    for (const [args, message, code] of [
      [['--session', 's', '--until', '2099-01-01'], /give one/, 2],
      [[], /give one/, 2],
      [['--motion', 'm', '--until', '2099-01-01'], /--motion needs --session/, 2],
      // A value the option cannot read is a mistyped option, as any other: exit 2.
      [['--until', 'someday'], /--until "someday": give a date-time/, 2],
      [
        ['--until', '2099-02-30'],
        /--until "2099-02-30": 2099-02-30 is not a day of the calendar/,
        2,
      ],
    ] as const) {
      const r = await run('proxy', 'grant', 'eli', 'dana', '--body', 'board', ...args);
      expect(r.code).toBe(code);
      expect(r.err).toMatch(message);
    }
  });

  it('reads --until as --deadline does: a day alone is through that day, and a span from now', async () => {
    const { ok } = await board();
    // A grant "until 20 December" covers that day's votes: it ends as the day does, not as it begins.
    expect(
      await ok('proxy', 'grant', 'eli', 'dana', '--body', 'board', '--until', '2099-12-20'),
    ).toMatch(/ to Dana \w+ until 20 December 2099, 23:59 UTC \[entry \d+\]\n$/);
    const inThreeDays = Date.now() + 3 * 86_400_000;
    const out = await ok('proxy', 'grant', 'ada', 'eli', '--body', 'board', '--until', '3d');
    const until = /until (.+) \[entry/.exec(out)![1]!;
    expect(Math.abs(Date.parse(until.replace(',', '')) - inThreeDays)).toBeLessThan(5 * 60_000);
    // A time without a zone is UTC, as for --deadline.
    expect(
      await ok('proxy', 'grant', 'gus', 'ben', '--body', 'board', '--until', '2099-12-20T18:00'),
    ).toMatch(/until 20 December 2099, 18:00 UTC \[entry \d+\]\n$/);
  });
});

describe('collegium invite --decision', () => {
  it("records the organization's invitation on an adopted re-invitation, once", async () => {
    const { ok, refused, run } = await board();
    await ok('session', 'open', 's', '--body', 'board');
    await ok('arrive', 's', 'ada', 'ben', 'chen', 'dana');
    await ok('motion', 's', 'back', '--text', 'Invite Ben to enrol a new key.', '--invites', 'ben');
    await ok('vote', 'open', 's', 'back');
    for (const p of ['ada', 'chen', 'dana']) await ok('ballot', 's', 'back', p, 'aye');
    await ok('vote', 'close', 's', 'back');
    const out = await ok(
      'invite',
      'ben',
      '--decision',
      's/back',
      '--origin',
      'https://coop.example',
    );
    expect(out).toMatch(
      /^Ben Lindqvist invited to enrol a key until \d+ \w+ \d{4}, \d\d:\d\d UTC \[entry (\d+)\]: send them this link\nhttps:\/\/coop\.example\/enrol#[A-Za-z0-9_-]{43}\n$/,
    );
    expect(await ok('log')).toMatch(
      /member\.invite\s+the organization: ben invited to enrol a key on the decision s\/back, until /,
    );
    expect(await ok('protocol', 's')).toMatch(
      /It re-invites Ben Lindqvist to enrol a key\.[^]*Invitation to enrol issued on this decision \[entry \d+\]\./,
    );
    // The motion named by its place, text and session, as the protocol names it.
    const back =
      'motion 1 ("Invite Ben to enrol a new key") of the session of Board of Directors on';
    expect(
      await refused(`refused (conflict): ${back}`, 'invite', 'ben', '--decision', 's/back'),
    ).toMatch(/ authorized an invitation already \(entry \d+\)/);
    expect(
      await refused(`refused (charter-rule): ${back}`, 'invite', 'chen', '--decision', 's/back'),
    ).toMatch(/ does not re-invite Chen Wei\n/);
    const bad = await run('invite', 'ben', '--decision', 'back');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/'back' is not SESSION\/MOTION/);
    const as = await run('invite', 'ben', '--decision', 's/back', '--as', 'hana');
    expect(as.code).toBe(2);
  });
});

describe('collegium people', () => {
  it('lists each person with where they sit and every key they hold', async () => {
    const { dir, ok } = await board();
    const keys: string[] = [];
    for (const device of ['phone', 'laptop']) {
      const file = join(dir, `${device}.key`);
      keys.push((await cli('keygen', '-o', file)).out.split('\n')[0]!);
    }
    for (const key of keys) await ok('enrol', 'ben', key);
    const people = await ok('people');
    // Newest first.
    expect(people).toContain(
      `ben: Ben Lindqvist (board: member)\n  key ${keys[1]}\n  key ${keys[0]}\n`,
    );
    expect(people).toContain('ada: Ada Okafor (board: chair, member)\n  no key of their own');
    expect(people).toContain('hana: Hana Kowalski (board: secretary)\n');
    const listed = JSON.parse(await ok('people', '--json')) as { id: string; keys: string[] }[];
    expect(listed.find((p) => p.id === 'ben')?.keys).toEqual([keys[1], keys[0]]);
    await ok('revoke', 'ben', '--public-key', keys[0]!);
    expect(
      (JSON.parse(await ok('people', '--json')) as { id: string; keys: string[] }[]).find(
        (p) => p.id === 'ben',
      )?.keys,
    ).toEqual([keys[1]]);
  });

  it("replays the minutes' proxies beside a voter called 'constructor', who voted in person", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-proxy-'));
    const file = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const charter = file(
      'charter.yaml',
      `collegium: 1
organization: {id: org, name: Org}
people:
  ann: {name: Ann}
  bob: {name: Bob}
  constructor: {name: Con Structor}
bodies:
  board:
    name: Board
    members: [ann, bob, constructor]
    quorum: majority
    majority: votes-cast
    proxies: {max-per-holder: 1}
`,
    );
    const minutes = file(
      'minutes.yaml',
      `body: board
sessions:
  - id: s1
    date: 2026-03-01
    present: [ann, constructor]
    motions:
      - id: m1
        text: Mend the fence.
        proxies: {bob: ann}
        vote: {aye: [ann, bob, constructor]}
        stated: adopted
`,
    );
    const db = join(dir, 'r.db');
    expect((await cli('init', '--charter', charter, '--db', db)).code).toBe(0);
    const r = await cli('replay', minutes, '--db', db);
    expect(r.err).toBe('');
    expect(r.out).toContain('s1/m1: adopted: 3 ayes against 0 nays');
    const log = await cli('--json', 'log', '--db', db);
    const ballots = (JSON.parse(log.out) as { type: string; payload: object }[])
      .filter((e) => e.type === 'ballot.cast')
      .map((e) => e.payload);
    expect(ballots).toEqual([
      expect.objectContaining({ voter: 'ann', choice: 'aye' }),
      expect.objectContaining({ voter: 'bob', choice: 'aye', castBy: 'ann' }),
      expect.not.objectContaining({ castBy: expect.anything() }),
    ]);
  });
});
