/**
 * The command line, driven in-process through main(argv, streams): what a user types and what
 * they read back, exit statuses, and the record left byte for byte unchanged by every refusal.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEntry } from '../../src/record/entry.js';
import { cli, STACK_LINE } from '../support/cli.js';
import type { CliResult } from '../support/cli.js';
import {
  CENTRAL_COMMITTEE,
  COOPERATIVE,
  EXAMPLE_LIST,
  statedOutcomes,
} from '../support/examples.js';
import { dumpSqlite } from '../support/stores.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COMMANDS = [
  'charter',
  'keygen',
  'init',
  'replay',
  'log',
  'protocol',
  'audit',
  'demo',
  'session',
  'arrive',
  'depart',
  'motion',
  'vote',
  'ballot',
  'instrument',
  'instruments',
];

let dir: string;
let files = 0;

/** A new path in the test's temporary folder. */
function path(name: string): string {
  return join(dir, `${files++}-${name}`);
}

function write(name: string, text: string): string {
  const file = path(name);
  writeFileSync(file, text);
  return file;
}

/** A refusal: non-zero exit, a message on stderr, never a stack trace. */
function expectClearFailure(r: CliResult, message: RegExp, code = 1): void {
  expect(r.code, r.err).toBe(code);
  expect(r.err).toMatch(message);
  expect(r.err).toMatch(/^collegium: /m);
  expect(r.err).not.toMatch(STACK_LINE);
  expect(r.err).not.toMatch(/internal error/);
}

/** Runs a command that must be refused and checks that the record did not change at all. */
async function refused(db: string, argv: string[], message: RegExp, code = 1): Promise<CliResult> {
  const before = dumpSqlite(db);
  const r = await cli(...argv, '--db', db);
  expectClearFailure(r, message, code);
  expect(dumpSqlite(db)).toEqual(before);
  return r;
}

async function ok(...argv: string[]): Promise<CliResult> {
  const r = await cli(...argv);
  expect(r.code, `collegium ${argv.join(' ')}\n${r.err}`).toBe(0);
  expect(r.err).toBe('');
  return r;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'collegium-cli-'));
  delete process.env['COLLEGIUM_DB'];
  delete process.env['COLLEGIUM_KEY'];
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('collegium --help', () => {
  it('lists every command, and each group its subcommands', async () => {
    const r = await ok('--help');
    for (const command of COMMANDS) expect(r.out).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect((await ok('charter', '--help')).out).toMatch(/^ {2}check <file>/m);
    const session = (await ok('session', '--help')).out;
    for (const sub of ['open', 'close']) expect(session).toMatch(new RegExp(`^  ${sub}\\b`, 'm'));
    const vote = (await ok('vote', '--help')).out;
    for (const sub of ['open', 'close', 'count', 'casting'])
      expect(vote).toMatch(new RegExp(`^  ${sub}\\b`, 'm'));
  });

  it('says what every option of every command is for', async () => {
    /** The commands a help text lists under "Commands:", help itself left out. */
    const listed = (help: string) =>
      [...(help.split('Commands:')[1] ?? '').matchAll(/^ {2}([a-z-]+)/gm)]
        .map((m) => m[1]!)
        .filter((name) => name !== 'help');
    const bare: string[] = [];
    const walk = async (words: string[]): Promise<void> => {
      const help = (await ok(...words, '--help')).out;
      const subcommands = listed(help);
      for (const sub of subcommands) await walk([...words, sub]);
      // An option alone on its line, the next one not its description: said nowhere.
      const lines = help.split('\n');
      lines.forEach((line, i) => {
        if (/^ {2}(-\w, )?--[a-z-]+( <[^>]+>| \[[^\]]+\])?$/.test(line.trimEnd()))
          if (!/^ {10,}\S/.test(lines[i + 1] ?? '')) bare.push(`${words.join(' ')} ${line.trim()}`);
      });
      // Every --key that COLLEGIUM_KEY stands in for says so (a witness's --key <file> is another).
      const key = /^ {2}--key <file\.\.\.>([\s\S]*?)^ {2}-/m.exec(help);
      if (key && !key[1]!.includes('COLLEGIUM_KEY')) bare.push(`${words.join(' ')} --key: no env`);
      // Every argument of the usage line is listed under "Arguments:" with what it is.
      const usageLine = lines.find((line) => line.startsWith('Usage:')) ?? '';
      const said = help.split('Arguments:')[1]?.split('\n\n')[0] ?? '';
      for (const [, name] of usageLine.matchAll(/[<[]([a-z-]+)(?:\.\.\.)?[>\]]/g))
        if (
          name !== 'options' &&
          name !== 'command' &&
          !new RegExp(`^ {2}${name} +\\S`, 'm').test(said)
        )
          bare.push(`${words.join(' ')} <${name}>`);
    };
    await walk([]);
    expect(bare).toEqual([]);
  });

  it('answers an unknown command with a usage error', async () => {
    const r = await cli('no-such-command');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command 'no-such-command'/);
  });

  it('names a mistyped option before telling of a required one missing', async () => {
    const r = await cli('migrate', '--form', 'a.db', '--to', 'b.db');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown option '--form'\n\(Did you mean --from\?\)/);
    // The help that answers the mistake is the command's own, not the list of every command.
    expect(r.err).toContain('(collegium migrate --help lists its options and arguments)');
    const log = await cli('log', '--key', 'a.key');
    expect(log.err).toBe(
      "error: unknown option '--key'\n(collegium log --help lists its options and arguments)\n",
    );
    const nested = await cli('vote', 'open', 's1');
    expect(nested.err).toContain('(collegium vote open --help lists its options and arguments)');
    const group = await cli('session', 'opne', 's1');
    expect(group.code).toBe(2);
    expect(group.err).toContain('(collegium session --help lists its commands)');
    expect((await cli('no-such-command')).err).toContain('(collegium --help lists every command)');
    const missing = await cli('migrate', '--to', 'b.db');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/required option '--from <db>' not specified/);
  });

  it('says an option left without its value, where the next word is another option', async () => {
    // Commander took the option after as the value: a body named "--db", and one argument too many.
    const body = await cli('session', 'open', 's1', '--body', '--db', path('none.db'));
    expect(body.code).toBe(2);
    expect(body.err).toBe(
      "error: option '--body <body>' argument missing ('--db' is an option, not its value)\n" +
        '(collegium session open --help lists its options and arguments)\n',
    );
    const charter = await cli('init', '--charter', '--db', path('none.db'));
    expect(charter.err).toMatch(/^error: option '--charter <file>' argument missing \('--db' is/);
    // A value commander would read first (an index) and a list say so alike, JSON too.
    expect((await cli('log', '--from', '--to', '3')).err).toMatch(
      /option '--from <index>' argument missing \('--to' is an option/,
    );
    expect((await cli('arrive', 's1', 'ada', '--key', '--db=x.db')).err).toMatch(
      /option '--key <file\.\.\.>' argument missing \('--db=x\.db' is an option/,
    );
    const json = await cli('--json', 'minutes', 's1', '-o', '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out).error.code).toBe('usage');
    // A value that only begins with a dash is a value.
    const text = await cli('log', '--from', '-1');
    expect(text.err).not.toMatch(/argument missing/);
  });

  it('refuses an option of one value given two, before touching any record; a list may repeat', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-twice-'));
    const a = join(dir, 'a.db');
    const b = join(dir, 'b.db');
    const twice = await cli('init', '--charter', COOPERATIVE.charter, '--db', a, '--db', b);
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(
      /option '--db' given twice \('.*a\.db', then '.*b\.db'\): give it once/,
    );
    expect(existsSync(a) || existsSync(b)).toBe(false);
    const json = await cli('--json', 'log', '--from', '1', '--from', '2', '--db', a);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out).error).toEqual({
      code: 'usage',
      message: "option '--from' given twice ('1', then '2'): give it once",
      problems: [],
    });
    // The same value twice says one thing, and a list takes each.
    expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', a, '--db', a)).code).toBe(
      0,
    );
    const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const listed = await cli(
      'session',
      'convene',
      's',
      '--body',
      'board',
      '--date',
      inAMonth,
      '--item',
      'a: One',
      '--item',
      'b: Two',
      '--db',
      a,
    );
    expect(listed.code, listed.err).toBe(0);
  });

  it('answers a usage error as JSON under --json, wherever --json is given', async () => {
    for (const args of [
      ['--json', 'no-such-command'],
      ['log', '--json', '--lst', '3'],
      ['--json', 'migrate', '--to', 'b.db'],
    ]) {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(r.err).toBe('');
      expect(JSON.parse(r.out)).toEqual({
        error: {
          code: 'usage',
          message: expect.stringMatching(/^(unknown|required)/),
          problems: [],
        },
      });
    }
  });

  it('works as the package bin: node bin/collegium.js --help (after npm run build)', () => {
    expect(
      existsSync(join(ROOT, 'dist', 'cli', 'main.js')),
      'dist/ is missing: run npm run build first',
    ).toBe(true);
    const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'collegium.js'), '--help'], {
      cwd: dir,
      encoding: 'utf8',
    });
    for (const command of COMMANDS) expect(out).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it('runs from the sources as the command itself: tsx src/cli/main.ts --help', () => {
    const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const out = execFileSync(
      process.execPath,
      [tsx, join(ROOT, 'src', 'cli', 'main.ts'), '--help'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    for (const command of COMMANDS) expect(out).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  }, 30_000);

  it('the bin ends its process 2 s after the command, whatever was left open by mistake', async () => {
    // A timer that would keep the process for ever, as a pool left open after an error would.
    const leak = 'data:text/javascript,setInterval(() => {}, 1000)';
    const started = Date.now();
    const child = spawn(
      process.execPath,
      ['--import', leak, join(ROOT, 'bin', 'collegium.js'), '--version'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.on('exit', (exitCode) => {
        clearTimeout(kill);
        resolve(exitCode);
      });
    });
    expect(code).toBe(0);
    expect(out).toMatch(/^\d+\.\d+\.\d+/);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 20_000);
});

describe('collegium charter check', () => {
  it('accepts both examples and summarizes their bodies and rules', async () => {
    const coop = await ok('charter', 'check', COOPERATIVE.charter);
    expect(coop.out).toContain(`${COOPERATIVE.charter}: valid`);
    expect(coop.out).toMatch(/Board of Directors \(board\): 7 voting members/);
    expect(coop.out).toMatch(/quorum: 4 of 7 voting members/);
    expect(coop.out).toMatch(/bylaws motions: by two thirds of votes cast/);
    const cc = await ok('charter', 'check', CENTRAL_COMMITTEE.charter);
    expect(cc.out).toContain(`${CENTRAL_COMMITTEE.charter}: valid`);
    expect(cc.out).toMatch(/candidates \(voice, no vote\): V\. N\. Yakovleva/);
    expect(cc.out).toMatch(/Political Bureau \(politburo\)/);
    const json = JSON.parse(
      (await ok('--json', 'charter', 'check', CENTRAL_COMMITTEE.charter)).out,
    );
    expect(json).toMatchObject({
      valid: true,
      bodies: ['central-committee', 'bureau', 'politburo', 'council', 'executive-committee'],
    });
  });

  it('reports every problem of a charter at once, as FILE:LINE:COL: message, and exits 1', async () => {
    const file = write(
      'charter.yaml',
      [
        'collegium: 1',
        'organization:',
        '  id: org',
        '  name: Org',
        '  colour: red',
        'people:',
        '  ada: { name: Ada }',
        '  ben: { name: Ben }',
        'bodies:',
        '  board:',
        '    name: Board',
        '    members: [ada, ben, zed]',
        '    secretary: nobody',
        '    quorum: { count: 5 }',
        '    majority: most-votes',
        '    vetoes: true',
        '  sub:',
        '    name: Sub',
        '    parent: nowhere',
        '    members: [ada]',
        '    quorum: majority',
        '    majority: votes-cast',
        '',
      ].join('\n'),
    );
    const r = await cli('charter', 'check', file);
    expectClearFailure(r, /7 problems/);
    const expected = [
      `${file}:5:3: unknown key 'colour'`,
      `${file}:12:25: no person 'zed' in people`,
      `${file}:13:16: no person 'nobody' in people`,
      `${file}:14:13: quorum 5 is larger than the body (3 voting members)`,
      `${file}:15:15: unknown majority rule "most-votes"`,
      `${file}:16:5: unknown key 'vetoes'`,
      `${file}:19:13: the parent body 'nowhere' does not exist`,
    ];
    const lines = r.err.split('\n');
    for (const line of expected)
      expect(
        lines.some((l) => l.startsWith(line)),
        line,
      ).toBe(true);
    expect(r.out).toBe('');

    const json = JSON.parse((await cli('--json', 'charter', 'check', file)).out);
    expect(json.error.code).toBe('invalid-file');
    expect(json.error.problems).toHaveLength(7);
  });

  it('notes a candidate of a joint body who votes as a voting member of a body it joins', async () => {
    const file = write(
      'charter.yaml',
      [
        'collegium: 1',
        'organization: { id: org, name: Org }',
        'people:',
        '  ada: { name: Ada Okafor }',
        '  ben: { name: Ben Lindqvist }',
        '  cy: { name: Cy Moreau }',
        'bodies:',
        '  board:',
        '    name: Board',
        '    members: [ada, ben]',
        '    quorum: majority',
        '    majority: votes-cast',
        '  council:',
        '    name: Council',
        '    members: [cy]',
        '    candidates: [ben]',
        '    quorum: majority',
        '    majority: votes-cast',
        '  joint:',
        '    name: Joint Session',
        '    joint: { bodies: [board, council] }',
        '    candidates: [cy, ada]',
        '    quorum: majority',
        '    majority: votes-cast',
        '',
      ].join('\n'),
    );
    // Counted as voting members all the same (a voting member anywhere votes): valid, told so.
    const r = await ok('charter', 'check', file);
    const notes = [
      `${file}:22:18: note: Cy Moreau is listed as a candidate of Joint Session but is a voting member of Council, which it joins: a voting member of a body it joins is a voting member of the joint body, so Cy Moreau votes there, not as a candidate`,
      `${file}:22:22: note: Ada Okafor is listed as a candidate of Joint Session but is a voting member of Board, which it joins: a voting member of a body it joins is a voting member of the joint body, so Ada Okafor votes there, not as a candidate`,
    ];
    expect(r.out.split('\n').slice(0, 3)).toEqual([`${file}: valid`, ...notes]);
    expect(r.out).toContain(
      'Joint Session (joint): 3 voting members: Ada Okafor, Ben Lindqvist, Cy Moreau\n',
    );
    const json = JSON.parse((await ok('--json', 'charter', 'check', file)).out);
    expect(json).toMatchObject({ valid: true, notes });
    // A charter with none has no notes.
    const plain = JSON.parse(
      (await ok('--json', 'charter', 'check', CENTRAL_COMMITTEE.charter)).out,
    );
    expect(plain.notes).toEqual([]);
  });

  it('reports YAML syntax errors and duplicate keys with their positions', async () => {
    const file = write(
      'charter.yaml',
      [
        'collegium: 1',
        'organization:',
        '  id: org',
        '  name: Org',
        '  name: Again',
        'people:',
        '  ada: { name: Ada }',
        'bodies:',
        '  board:',
        '    name: Board',
        '    members: [ada]]',
        '    quorum: majority',
        '    majority: votes-cast',
        '',
      ].join('\n'),
    );
    const r = await cli('charter', 'check', file);
    expectClearFailure(r, /problems/);
    expect(r.err).toContain(
      `${file}:5:3: the key 'name' is given twice in this mapping (first at line 4, column 3)`,
    );
    expect(r.err).toMatch(
      new RegExp(
        `${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:11:19: YAML: "\\]" is not expected here`,
      ),
    );
  });

  it('says so when the file does not exist', async () => {
    const r = await cli('charter', 'check', join(dir, 'missing.yaml'));
    expectClearFailure(r, /missing\.yaml: no such file/);
  });
});

describe('collegium init and replay', () => {
  for (const example of EXAMPLE_LIST) {
    it(`replays ${example.name}: --json gives each motion's outcome as the minutes state it`, async () => {
      const db = path('record.db');
      const init = await ok('init', '--charter', example.charter, '--db', db);
      expect(init.out).toMatch(/charter adopted as entry 0/);
      for (const file of example.proceedings) {
        const r = await ok('--json', 'replay', file, '--db', db);
        const results = JSON.parse(r.out) as Record<string, unknown>[];
        expect(Array.isArray(results)).toBe(true);
        const stated = statedOutcomes(file);
        expect(results.map((m) => m['motion'])).toEqual([...stated.keys()]);
        for (const m of results) {
          expect(typeof m['motion']).toBe('string');
          expect(typeof m['explanation']).toBe('string');
          // "adopted: 7 ayes against 5 nays, ...", "not decided: ...", "north-roofing: ..."
          const outcome = String(m['outcome']);
          expect(
            [outcome, outcome.replace('-', ' ')].some((o) =>
              String(m['explanation']).startsWith(`${o}: `),
            ),
          ).toBe(true);
          expect(Array.isArray(m['flags'])).toBe(true);
          expect((m['flags'] as unknown[]).every((f) => typeof f === 'string')).toBe(true);
          expect(m['outcome'], String(m['motion'])).toBe(stated.get(String(m['motion'])));
          // Nothing disagrees with what the minutes state.
          expect((m['flags'] as string[]).filter((f) => f.includes('the minutes state'))).toEqual(
            [],
          );
        }
      }
      expect((await ok('audit', '--db', db)).out).toMatch(/^audit passed: \d+ entries verified/);
    });
  }

  it('prints each decision with its explanation in words', async () => {
    const db = path('record.db');
    const r = await ok(
      'replay',
      COOPERATIVE.proceedings[0]!,
      '--db',
      db,
      '--charter',
      COOPERATIVE.charter,
    );
    expect(r.out).toMatch(/^board-2025-09-10\/roof-budget: adopted: /m);
    expect(r.out).toMatch(/^board-2025-09-10\/contractor-runoff: north-roofing/m);
    expect(r.out).toMatch(/6 motions recorded in .*; 0 flagged/);
  });

  it('replay --charter creates the record when it does not exist', async () => {
    const db = path('new.db');
    expect(existsSync(db)).toBe(false);
    await ok(
      'replay',
      CENTRAL_COMMITTEE.proceedings[1]!,
      '--db',
      db,
      '--charter',
      CENTRAL_COMMITTEE.charter,
    );
    expect(existsSync(db)).toBe(true);
    const log = JSON.parse((await ok('--json', 'log', '--db', db)).out) as { type: string }[];
    expect(log[0]?.type).toBe('charter.adopt');
    expect(log.filter((e) => e.type === 'vote.close')).toHaveLength(3);
    // Without --charter, a missing record is an error, and nothing is created.
    const other = path('other.db');
    const r = await cli('replay', CENTRAL_COMMITTEE.proceedings[1]!, '--db', other);
    expectClearFailure(r, /no Collegium record at .*other\.db/);
    expect(existsSync(other)).toBe(false);
  });

  it('refuses to replay the same sessions twice, the record unchanged', async () => {
    const db = path('record.db');
    await ok('replay', COOPERATIVE.proceedings[0]!, '--db', db, '--charter', COOPERATIVE.charter);
    await refused(
      db,
      ['replay', COOPERATIVE.proceedings[0]!],
      /session 'board-2025-09-10' is in the record already/,
    );
  });

  it('refuses a proceedings file naming an unknown person: FILE:LINE:COL, record unchanged or not created', async () => {
    const bad = write(
      'proceedings.yaml',
      [
        'body: board',
        'sessions:',
        '  - id: s-bad',
        '    present: [ada, ben, zorro]',
        '    motions:',
        '      - id: m',
        '        text: T',
        '        proposer: nobody',
        '        vote: { aye: [ada] }',
        '',
      ].join('\n'),
    );
    const db = path('record.db');
    await ok('init', '--charter', COOPERATIVE.charter, '--db', db);
    const r = await refused(db, ['replay', bad], /2 problems/);
    expect(r.err).toContain(`${bad}:4:25: no person 'zorro' in the charter`);
    expect(r.err).toContain(`${bad}:8:19: no person 'nobody' in the charter`);

    const missing = path('missing.db');
    const again = await cli('replay', bad, '--db', missing, '--charter', COOPERATIVE.charter);
    expectClearFailure(
      again,
      new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:25: no person 'zorro'`),
    );
    expect(existsSync(missing)).toBe(false);
  });

  it('init refuses to overwrite an existing record', async () => {
    const db = path('record.db');
    await ok('init', '--charter', COOPERATIVE.charter, '--db', db);
    await refused(
      db,
      ['init', '--charter', CENTRAL_COMMITTEE.charter],
      /holds a record already: a record is never overwritten/,
    );
  });
});

describe('collegium audit', () => {
  it('passes on a replayed record and fails, naming the entry, after one stored byte changes', async () => {
    const db = path('record.db');
    await ok('init', '--charter', COOPERATIVE.charter, '--db', db);
    for (const file of COOPERATIVE.proceedings) await ok('replay', file, '--db', db);
    const passed = await ok('audit', '--db', db);
    expect(passed.out).toMatch(/audit passed: 107 entries verified/);

    const sqlite = new Database(db);
    const row = sqlite.prepare('SELECT bytes FROM entries WHERE idx = 37').get() as {
      bytes: Buffer;
    };
    const tampered = Buffer.from(row.bytes);
    const at = tampered.indexOf('"time":"') + 10;
    tampered[at] = tampered[at] === 0x31 ? 0x32 : 0x31;
    sqlite.prepare('UPDATE entries SET bytes = ? WHERE idx = 37').run(tampered);
    sqlite.close();

    const failed = await cli('audit', '--db', db);
    expectClearFailure(failed, /audit failed at entry 37: its signature does not verify/);
    const json = await cli('--json', 'audit', '--db', db);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, failure: { index: 37 } });
  });
});

describe('a live session through the command line', () => {
  it('records each act and refuses every bad input with a clear message, the record unchanged', async () => {
    const db = path('live.db');
    const S = 'board-2026-12-03';
    await ok('init', '--charter', COOPERATIVE.charter, '--db', db);
    expect(
      (await ok('session', 'open', S, '--body', 'board', '--title', 'Special meeting', '--db', db))
        .out,
    ).toMatch(/session board-2026-12-03 of Board of Directors opened \[entry 1\]/);
    expect((await ok('arrive', S, 'ada', 'ben', 'chen', 'dana', 'eli', '--db', db)).out).toMatch(
      /^Ada Okafor, Ben Lindqvist, Chen Wei, Dana Morales, Eli Novak arrived; 5 present \[entries 2, 3, 4, 5, 6\]\n$/,
    );
    await ok(
      'motion',
      S,
      'paint',
      '--text',
      'Paint the hall green.',
      '--proposer',
      'ben',
      '--db',
      db,
    );
    expect((await ok('vote', 'open', S, 'paint', '--db', db)).out).toMatch(
      /vote on motion 1 \("Paint the hall green"\) open; 5 present/,
    );
    expect((await ok('ballot', S, 'paint', 'ada', 'aye', '--db', db)).out).toMatch(
      /^ballot of Ada Okafor on motion 1 \("Paint the hall green"\): aye \[entry \d+\]\n$/,
    );
    await ok('ballot', S, 'paint', 'ben', 'aye', '--db', db);
    await ok('ballot', S, 'paint', 'chen', 'nay', '--db', db);

    await refused(
      db,
      ['ballot', S, 'paint', 'hana', 'aye'],
      /refused \(not-member\): Hana Kowalski is not a voting member of Board of Directors/,
    );
    await refused(
      db,
      ['ballot', S, 'paint', 'zed', 'aye'],
      /refused \(not-found\): no person 'zed'/,
    );
    await refused(
      db,
      ['ballot', S, 'paint', 'fay', 'aye'],
      /refused \(absent\): Fay Osei was not present when the vote on motion 1 \("Paint the hall green"\) opened/,
    );
    await refused(
      db,
      ['ballot', S, 'paint', 'ada', 'nay'],
      /refused \(duplicate-ballot\): Ada Okafor has voted on motion 1 \("Paint the hall green"\) already/,
    );
    await refused(
      db,
      ['ballot', S, 'no-such-motion', 'dana', 'aye'],
      /refused \(not-found\): no motion 'no-such-motion'/,
    );
    await refused(
      db,
      ['ballot', 'no-such-session', 'paint', 'dana', 'aye'],
      /refused \(not-found\): no session 'no-such-session'/,
    );
    await refused(db, ['vote', 'close', S, 'no-such-motion'], /refused \(not-found\)/);
    await refused(
      db,
      ['vote', 'close', 'no-such-session', 'paint'],
      /refused \(not-found\): no session 'no-such-session'/,
    );
    await refused(db, ['ballot', S, 'paint', 'dana', 'perhaps'], /'perhaps' is not a choice/, 2);
    await refused(db, ['vote', 'count', S, 'paint', '--aye', 'three'], /'three' is not a count/, 2);
    // Past 2^53 a count would be read as another, and refused naming that one.
    await refused(
      db,
      ['vote', 'count', S, 'paint', '--aye', '9007199254740993'],
      /^collegium: --aye: '9007199254740993' is not a count/,
      2,
    );
    await refused(
      db,
      ['arrive', S, 'ada'],
      /refused \(conflict\): Ada Okafor is present already at the session of Board of Directors on /,
    );
    await refused(db, ['arrive', S, 'fay', 'nobody-at-all'], /no person 'nobody-at-all'/);

    const notMember = await cli('--json', 'ballot', S, 'paint', 'hana', 'aye', '--db', db);
    expect(notMember.code).toBe(1);
    expect(JSON.parse(notMember.out)).toMatchObject({ error: { code: 'not-member' } });

    const elsewhere = join(dir, 'no-such-record.db');
    const missing = await cli('ballot', S, 'paint', 'dana', 'aye', '--db', elsewhere);
    expectClearFailure(missing, /no Collegium record at .*no-such-record\.db/);
    expect(existsSync(elsewhere)).toBe(false);

    const closed = await ok('vote', 'close', S, 'paint', '--db', db);
    expect(closed.out).toMatch(/Decision: adopted: 2 ayes against 1 nay/);
    await refused(
      db,
      ['ballot', S, 'paint', 'dana', 'aye'],
      /refused \(vote-not-open\): the vote on motion 1 \("Paint the hall green"\) is closed/,
    );

    // --json: the error as an object with its code, on stdout.
    const before = dumpSqlite(db);
    const json = await cli('--json', 'ballot', S, 'paint', 'dana', 'aye', '--db', db);
    expect(json.code).toBe(1);
    expect(json.err).toBe('');
    expect(JSON.parse(json.out)).toMatchObject({ error: { code: 'vote-not-open' } });
    expect(dumpSqlite(db)).toEqual(before);
    const usage = JSON.parse(
      (await cli('--json', 'ballot', S, 'paint', 'dana', 'perhaps', '--db', db)).out,
    );
    expect(usage.error.code).toBe('usage');

    expect((await ok('session', 'close', S, '--db', db)).out).toMatch(
      /^the session of Board of Directors on \d+ \w+ \d{4} \(Special meeting\) closed \[entry \d+\]\n$/,
    );
    const protocol = await ok('protocol', S, '--db', db);
    expect(protocol.out).toMatch(/Recorded live\./);
    expect(protocol.out).toMatch(/Decision: adopted/);
    const log = JSON.parse((await ok('--json', 'log', '--db', db)).out) as { index: number }[];
    expect(log.map((e) => e.index)).toEqual(Array.from({ length: 14 }, (_, i) => i));
    expect((await ok('audit', '--db', db)).out).toMatch(/audit passed: 14 entries/);

    await refused(
      db,
      ['protocol', 'no-such-session'],
      /no session 'no-such-session' in the record/,
    );
    // A parser shared by several options is refused naming the one it read.
    await refused(db, ['log', '--from', 'first'], /^collegium: --from: 'first' is not an entry/, 2);
    // Past 2^53, digits no longer name one number: not read as another entry.
    await refused(
      db,
      ['prove', '99999999999999999999'],
      /'99999999999999999999' is not an entry index/,
      2,
    );
    await refused(
      db,
      ['log', '--last', '99999999999999999999'],
      /^collegium: --last: '99999999999999999999' is not a count of entries/,
      2,
    );
    await refused(
      db,
      ['vote', 'casting', S, 'paint', 'maybe'],
      /a casting vote is aye or nay, not 'maybe'/,
      2,
    );
    await refused(
      db,
      ['session', 'open', 'another', '--body', 'no-such-body'],
      /refused \(not-found\): no body 'no-such-body'/,
    );
  });

  it("refuses a candidate's ballot", async () => {
    const db = path('cc.db');
    const S = 'cc-live';
    await ok('init', '--charter', CENTRAL_COMMITTEE.charter, '--db', db);
    await ok('session', 'open', S, '--body', 'central-committee', '--db', db);
    await ok(
      'arrive',
      S,
      'lenin',
      'trotsky',
      'stalin',
      'sverdlov',
      'zinoviev',
      'bukharin',
      'uritsky',
      'smilga',
      'yakovleva',
      '--db',
      db,
    );
    await ok('motion', S, 'peace', '--text', 'Sign the peace.', '--db', db);
    await ok('vote', 'open', S, 'peace', '--db', db);
    await refused(
      db,
      ['ballot', S, 'peace', 'yakovleva', 'aye'],
      /refused \(candidate-no-vote\): V\. N\. Yakovleva is a candidate of Central Committee: voice, no vote/,
    );
    await ok('ballot', S, 'peace', 'lenin', 'aye', '--db', db);
  });

  it("signs a member's ballot with the key file given by --key, and refuses it without", async () => {
    const keyFile = path('ben.key');
    const keygen = await cli('keygen', '-o', keyFile);
    expect(keygen.code).toBe(0);
    const publicKey = /ed25519:[A-Za-z0-9+/]{43}=/.exec(keygen.out)?.[0];
    expect(publicKey).toBeDefined();
    const charter = write(
      'charter.yaml',
      readFileSync(COOPERATIVE.charter, 'utf8').replace(
        'ben: { name: Ben Lindqvist }',
        `ben: { name: Ben Lindqvist, key: "${publicKey}" }`,
      ),
    );
    const db = path('signed.db');
    const S = 's-signed';
    await ok('init', '--charter', charter, '--db', db);
    await ok('session', 'open', S, '--body', 'board', '--db', db);
    await refused(db, ['arrive', S, 'ben'], /refused \(unauthenticated\)/);
    await ok('arrive', S, 'ada', 'ben', 'chen', 'dana', '--as', 'hana', '--db', db);
    await ok('motion', S, 'gate', '--text', 'Fix the gate.', '--proposer', 'ada', '--db', db);
    await ok('vote', 'open', S, 'gate', '--db', db);
    await refused(
      db,
      ['ballot', S, 'gate', 'ben', 'aye'],
      /refused \(unauthenticated\): ben signs with their own key/,
    );

    const cast = JSON.parse(
      (await ok('--json', 'ballot', S, 'gate', 'ben', 'aye', '--key', keyFile, '--db', db)).out,
    );
    const sqlite = new Database(db, { readonly: true });
    const row = sqlite.prepare('SELECT bytes FROM entries WHERE idx = ?').get(cast.entry) as {
      bytes: Buffer;
    };
    sqlite.close();
    expect(decodeEntry(row.bytes)).toMatchObject({
      actor: 'ben',
      signer: 'ben',
      key: publicKey!.slice('ed25519:'.length),
    });
    expect((await ok('audit', '--db', db)).out).toMatch(/audit passed/);
  });
});

describe('collegium keygen', () => {
  it('writes the private key to a file only its owner can read, and never overwrites it', async () => {
    const file = path('me.key');
    const r = await cli('keygen', '-o', file);
    expect(r.code).toBe(0);
    // The public key alone on standard output (KEY=$(collegium keygen -o FILE)); the note beside.
    expect(r.out).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=\n$/);
    expect(r.err).toContain(`private key written to ${file}`);
    // It is often taken by $( ), where nothing is printed "above": the note says the key itself,
    // and where it goes for a record already made.
    const key = r.out.trim();
    expect(r.err).toContain(
      `; put its public key in the charter (key: ${key}), or enrol it in a record made already (collegium enrol PERSON ${key})\n`,
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const content = readFileSync(file, 'utf8');
    expect(JSON.parse(content)).toMatchObject({ type: 'collegium-ed25519-private-key' });

    const again = await cli('keygen', '-o', file);
    expectClearFailure(again, /exists already: a key file is never overwritten/);
    expect(readFileSync(file, 'utf8')).toBe(content);

    const nowhere = await cli('keygen', '-o', join(dir, 'no-such-folder', 'me.key'));
    expectClearFailure(nowhere, /me\.key: cannot be written \(no such folder\)/);
  });
});

describe('collegium demo', () => {
  it('builds a record from an example, prints its protocols, and the audit passes', async () => {
    const db = path('demo.db');
    const r = await ok('demo', '--example', 'cooperative-board', '--db', db);
    expect(r.out).toMatch(/Maple Court Housing Cooperative: record built at/);
    // Every year of it, the board re-elected in 2026 by an amendment of the charter.
    expect(r.out).toMatch(/The charter as amended by this motion is in force from entry \d+\./);
    expect(r.out).toMatch(/audit passed: 238 entries/);
    // The whole protocol, as `protocol` prints it: the questions decided between sessions and
    // the instruments issued stand among the sessions.
    expect(r.out).toMatch(/^Circulation bike-room-lights of Board of Directors \[entry \d+\]$/m);
    expect(r.out).toMatch(/^Mandate no\. \S+ of Board of Directors/m);
    expect(r.out).toContain((await ok('protocol', '--db', db)).out);
    expect((await ok('audit', '--db', db)).code).toBe(0);
  });
});
