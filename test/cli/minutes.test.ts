/**
 * collegium minutes: Markdown to standard output, PDF and HTML to a file, the minutes of a
 * session still sitting marked as a draft; an unknown session, a format not supported, a PDF
 * without a file and a path that cannot be written refused with a clear message.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, okOn, STACK_LINE } from '../support/cli.js';
import { CENTRAL_COMMITTEE, COOPERATIVE } from '../support/examples.js';
import { minutesRecord, SITTING } from '../support/minutes-record.js';
import { pdfText } from '../support/pdf-text.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-minutes-'));
const db = join(dir, 'board.db');
const live = join(dir, 'live.db');
const SESSION = 'board-2025-09-10';

beforeAll(async () => {
  const r = await cli(
    'replay',
    COOPERATIVE.proceedings[0]!,
    '--charter',
    COOPERATIVE.charter,
    '--db',
    db,
  );
  expect(r.code, r.err).toBe(0);
  const { store } = await minutesRecord(live);
  await store.close();
});

describe('collegium minutes', () => {
  it('prints the minutes as Markdown by default', async () => {
    const r = await cli('minutes', SESSION, '--db', db);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^# Minutes: Board of Directors, Regular meeting\n/);
    expect(r.out).toContain('- **Date:** 10 September 2025');
    expect(r.out).toContain('**Draft, not yet approved**');
    expect(r.out).toContain('- **Ayes:** 3: Dana Morales, Eli Novak, Chen Wei');
    expect(r.out).toContain('collegium prove ENTRY');
    expect(r.err).toBe('');
  });

  it('writes the PDF to a file, with proof links under --url, and reports it with --json', async () => {
    const file = join(dir, 'minutes.pdf');
    const r = await cli(
      '--json',
      'minutes',
      SESSION,
      '--format',
      'pdf',
      '-o',
      file,
      '--url',
      'https://collegium.example.org/',
      '--db',
      db,
    );
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ file, format: 'pdf', status: 'draft', session: SESSION });
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await pdfText(bytes);
    expect(pdf.text).toContain('Ada Okafor');
    expect(pdf.text).toContain('https://collegium.example.org/record/1');
    expect(pdf.text).toContain('Decision: Chosen: north-roofing.');
  });

  it('writes HTML to a file, and says so', async () => {
    const file = join(dir, 'minutes.html');
    const r = await cli('minutes', SESSION, '--format', 'html', '-o', file, '--db', db);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(
      `minutes of the session of Board of Directors on 10 September 2025 (Regular meeting) written to ${file} (html): Draft, not yet approved\n`,
    );
    expect(readFileSync(file, 'utf8')).toMatch(/^<!doctype html>\n<html lang="en">/);
  });

  it('names its file --out as every command that writes one does, and still reads --output', async () => {
    const out = join(dir, 'by-out.md');
    const r = await cli('minutes', SESSION, '--out', out, '--db', db);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Ada Okafor');
    const output = join(dir, 'by-output.md');
    expect((await cli('minutes', SESSION, '--output', output, '--db', db)).code).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe(readFileSync(out, 'utf8'));
    const both = await cli('minutes', SESSION, '--out', out, '--output', output, '--db', db);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(
      /option '--output <file>' cannot be used with option '-o, --out <file>'/,
    );
    const help = await cli('minutes', '--help');
    expect(help.out).toContain('-o, --out <file>');
    expect(help.out).not.toContain('--output');
  });
  it('marks the minutes of a session still sitting as a draft, session in progress', async () => {
    const r = await cli('minutes', SITTING, '--db', live);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('**Draft, session in progress**');
    expect(r.err).toBe(
      `note: the session of Board of Directors on 15 January 2028 is still sitting: the minutes are a draft, session in progress\n`,
    );
    const json = await cli('--json', 'minutes', SITTING, '--db', live);
    expect(JSON.parse(json.out)).toMatchObject({ status: 'in-progress', file: null });
    expect(JSON.parse(json.out).text).toContain('Paint the barn.');
  });

  it('says minutes approved by a decision that awaits ratification are approved provisionally', async () => {
    const cc = join(dir, 'cc.db');
    const sitting = `body: politburo
sessions:
  - id: pb-1920-06-01
    date: 1920-06-01
    present: [lenin, stalin, kamenev]
    motions:
      - { id: m, text: Hold the line., vote: { aye: [lenin, stalin, kamenev] } }
circulations:
  - id: approve-june
    opened: 1920-06-02
    by: lenin
    approves-minutes: pb-1920-06-01
    text: Approve the minutes of 1 June?
    deadline: 1920-06-03
    answers: { lenin: aye, trotsky: aye, stalin: aye, krestinsky: aye, kamenev: aye }
`;
    const ratified = `body: politburo
sessions:
  - id: pb-1920-06-05
    date: 1920-06-05
    present: [lenin, stalin, kamenev]
    motions:
      - id: ratify
        text: Ratify the approval of the minutes of 1 June.
        ratifies: { circulation: approve-june }
        vote: { aye: [lenin, stalin, kamenev] }
`;
    writeFileSync(join(dir, 'june.yaml'), sitting);
    writeFileSync(join(dir, 'june-5.yaml'), ratified);
    const replay = (file: string, ...more: string[]) =>
      cli('replay', join(dir, file), ...more, '--db', cc);
    expect((await replay('june.yaml', '--charter', CENTRAL_COMMITTEE.charter)).code).toBe(0);
    const before = await cli('minutes', 'pb-1920-06-01', '--db', cc);
    expect(before.out).toContain(
      '**Approved on 2 June 1920 by the question "Approve the minutes of 1 June?" put to Political Bureau (2 June 1920), provisionally, awaiting ratification by a session of Political Bureau**',
    );
    expect((await replay('june-5.yaml')).code).toBe(0);
    const after = await cli('minutes', 'pb-1920-06-01', '--db', cc);
    expect(after.out).toContain(
      '**Approved on 2 June 1920 by the question "Approve the minutes of 1 June?" put to Political Bureau (2 June 1920)**',
    );
    expect(after.out).not.toContain('provisionally');
  });

  it("writes the minutes of a vote between alternatives, one called 'constructor', in every format", async () => {
    const record = join(dir, 'alternatives.db');
    const minutes = join(dir, 'alternatives.yaml');
    writeFileSync(
      minutes,
      `body: central-committee
sessions:
  - id: s1
    date: 1918-03-01
    present: [lenin, trotsky, stalin, sverdlov, zinoviev]
    motions:
      - id: counted
        text: Which course?
        alternatives: {constructor: 3, other: 2}
        stated: constructor
`,
    );
    const replayed = await cli(
      'replay',
      minutes,
      '--charter',
      CENTRAL_COMMITTEE.charter,
      '--db',
      record,
    );
    expect(replayed.code, replayed.err).toBe(0);
    const md = await cli('minutes', 's1', '--db', record);
    expect(md.err).toBe('');
    expect(md.out).toContain('- **constructor:** 3\n- **other:** 2\n');
    for (const format of ['html', 'pdf']) {
      const file = join(dir, `alternatives.${format}`);
      const r = await cli('minutes', 's1', '--format', format, '-o', file, '--db', record);
      expect(r.code, r.err).toBe(0);
    }
    expect(readFileSync(join(dir, 'alternatives.html'), 'utf8')).toContain('constructor');
  });

  it('refuses an unknown session', async () => {
    const r = await cli('minutes', 'no-such-session', '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toBe("collegium: no session 'no-such-session' in the record\n");
    const json = await cli('--json', 'minutes', 'no-such-session', '--db', db);
    expect(JSON.parse(json.out).error.code).toBe('not-found');
  });

  it('says what an id that names no session is, and where its record is', async () => {
    const other = join(dir, 'other.db');
    const ok = okOn(other);
    await ok('init', '--charter', COOPERATIVE.charter);
    await ok('circulate', 'board', 'Paint the hall.', '--deadline', '3d', '--id', 'paint');
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await ok(
      'session',
      'convene',
      'next',
      '--body',
      'board',
      '--date',
      inAWeek,
      '--item',
      'a: Roof',
    );
    const [year, month, day] = inAWeek.split('-').map(Number) as [number, number, number];
    const dayWords = new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    for (const [args, told] of [
      [
        ['minutes', 'paint'],
        "no session 'paint' in the record: paint is a question put between sessions (collegium circulation show paint gives its record; collegium protocol, among the sessions)",
      ],
      [
        ['protocol', 'paint'],
        "no session 'paint' in the record: paint is a question put between sessions",
      ],
      [
        ['export', 'votes', '--session', 'paint'],
        "no session 'paint' in the record: paint is a question put between sessions",
      ],
      [
        ['minutes', 'next'],
        `no session 'next' in the record: it is convened for ${dayWords} and not opened yet (collegium session open next --body board opens it)`,
      ],
    ] as const) {
      const r = await cli(...args, '--db', other);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err).toContain(told);
      expect(r.err).not.toMatch(STACK_LINE);
    }
  });

  it('refuses a format it does not write, and a PDF without a file, naming what to give', async () => {
    const docx = await cli('minutes', SESSION, '--format', 'docx', '--db', db);
    expect(docx.code).toBe(2);
    expect(docx.err).toBe('collegium: --format docx: the minutes are written as md, html, pdf\n');
    const pdf = await cli('minutes', SESSION, '--format', 'pdf', '--db', db);
    expect(pdf.code).toBe(2);
    expect(pdf.err).toMatch(/--format pdf: give the file to write with -o FILE/);
    expect(pdf.out).toBe('');
    const url = await cli('minutes', SESSION, '--url', 'javascript:alert(1)', '--db', db);
    expect(url.code).toBe(2);
    expect(url.err).toMatch(/--url javascript:alert\(1\): give the web app's address/);
  });

  it('refuses a path that cannot be written, leaving nothing behind', async () => {
    const file = '/nonexistent/dir/x.pdf';
    const r = await cli('minutes', SESSION, '--format', 'pdf', '-o', file, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`collegium: ${file}: cannot be written (no such folder)\n`);
    expect(r.err).not.toMatch(STACK_LINE);
    expect(existsSync(file)).toBe(false);
  });

  it('says why an output in a folder there is cannot be written, not that the folder is missing', async () => {
    const notFolder = join(dir, 'board.db', 'x.md');
    const r = await cli('minutes', SESSION, '-o', notFolder, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `collegium: ${notFolder}: cannot be written (a part of its path is not a folder)\n`,
    );
    // A file of the system: its folder takes no new file, which a file written whole needs.
    if (existsSync('/proc/version')) {
      const proc = await cli('minutes', SESSION, '-o', '/proc/version', '--db', db);
      expect(proc.code).toBe(1);
      expect(proc.err).toBe(
        'collegium: /proc/version: cannot be written (the folder /proc takes no new file)\n',
      );
    }
  });
});
