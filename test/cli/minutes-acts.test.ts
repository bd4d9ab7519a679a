/**
 * collegium session convene · session excuse · motion --item/--approves-minutes · sign-minutes ·
 * object-minutes · circulate --approves-minutes, through `main` on both backends: the
 * cooperative's meeting of 10 September 2025 replayed, then a live meeting convened with an
 * agenda file that approves its minutes, which the chair and the secretary sign. Refusals (not a
 * signer, a content that is not the minutes', minutes of a session still sitting, a bad agenda
 * file) with a clear message, a non-zero exit and the record unchanged.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayInWords } from '../../src/core/minutes/words.js';
import { cli, okOn, STACK_LINE } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-minutes-acts-'));
const SEPTEMBER = 'board-2025-09-10';
const S = 'board-2026-12-03';
// The live session meets today (a session is dated the day it opens), convened by a notice sent
// on 19 November 2026.
const TODAY = new Date().toISOString().slice(0, 10);
const TODAY_WORDS = dayInWords(TODAY);

const AGENDA = join(dir, 'agenda.yaml');
writeFileSync(join(dir, 'quote.txt'), 'Boiler quote: 9,400.\n');
writeFileSync(
  AGENDA,
  `- item: minutes
  title: Minutes of the meeting of 10 September
  minutes: ${SEPTEMBER}
  motion: Approve the minutes of the meeting of 10 September 2025.
- item: boiler
  title: The boiler of building B
  files: [quote.txt]
`,
);
/** An agenda file of `text`, by `name`. */
function agendaFile(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}
const BAD_AGENDAS: [string, RegExp][] = [
  [
    agendaFile('unknown-key.yaml', '- item: minutes\n  title: Minutes\n  colour: red\n'),
    /unknown-key\.yaml:3:3: unknown key 'colour'/,
  ],
  [
    agendaFile(
      'twice.yaml',
      '- item: minutes\n  title: Minutes\n- item: minutes\n  title: Again\n',
    ),
    /twice\.yaml:3:9: agenda item 'minutes' is listed twice/,
  ],
  [
    agendaFile('missing.yaml', '- item: a\n  title: A\n  files: [quote.txt, missing.pdf]\n'),
    /missing\.yaml:3:22: \S+missing\.pdf: no such file/,
  ],
  [
    // A path written absolute is that path, not one under the agenda file's folder.
    agendaFile('absolute.yaml', '- item: a\n  title: A\n  files: [/nowhere/scan.pdf]\n'),
    /absolute\.yaml:3:11: \/nowhere\/scan\.pdf: no such file/,
  ],
  [
    agendaFile('mapping.yaml', 'item: a\n'),
    /mapping\.yaml:1:1: the file must hold a list of items/,
  ],
  [
    // A text the record refuses is told at its place, not as the act's field.
    agendaFile('control.yaml', '- item: a\n  title: A\n  motion: "\\u202eevil"\n'),
    /control\.yaml:3:11: a change of direction \(U\+202E\) at character 1 that is not ended/,
  ],
];

for (const backend of BACKENDS) {
  describe(`the minutes acts from the command line on ${backend.name}`, () => {
    let handle: StoreHandle;
    const run = (...args: string[]) => cli(...args, '--db', handle.location);
    // The record is made in beforeAll, so its location is read at each call.
    const ok = (...args: string[]) => okOn(handle.location)(...args);
    /** Refused with `message` and exit status `exit`, nothing printed and nothing recorded. */
    const refused = async (exit: number, message: string | RegExp, ...args: string[]) => {
      const before = await handle.dump();
      const r = await run(...args);
      expect(r.code, `${args.join(' ')}: ${r.out}`).toBe(exit);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(STACK_LINE);
      expect(r.out).toBe('');
      expect(await handle.dump()).toEqual(before);
    };

    beforeAll(async () => {
      handle = await backend.fresh();
      await ok('replay', COOPERATIVE.proceedings[0]!, '--charter', COOPERATIVE.charter);
    });
    afterAll(async () => {
      await handle?.dispose();
    });

    it('convenes a session with an agenda file, and refuses a bad one at its lines', async () => {
      for (const [file, message] of BAD_AGENDAS)
        await refused(
          1,
          message,
          ...['session', 'convene', S, '--body', 'board', '--date', TODAY],
          ...['--agenda', file],
        );
      await refused(
        2,
        /--agenda FILE or by --item, not both/,
        ...['session', 'convene', S, '--body', 'board', '--date', TODAY],
        ...['--agenda', AGENDA, '--item', 'x: X'],
      );
      await refused(
        2,
        /--item nothing: give an item as "ID: title"/,
        ...['session', 'convene', S, '--body', 'board', '--date', TODAY, '--item', 'nothing'],
      );
      const out = await ok(
        ...['session', 'convene', S, '--body', 'board', '--date', TODAY],
        ...['--title', 'Regular meeting', '--agenda', AGENDA, '--noticed', '2026-11-19'],
      );
      expect(out).toMatch(
        new RegExp(
          `^session ${S} of Board of Directors convened for ${dayInWords(TODAY)}, 2 agenda items \\[entry \\d+\\]\n`,
        ),
      );
      expect(out).toContain('  1. Minutes of the meeting of 10 September (minutes)\n');
      // A notice sent now convenes a meeting to come.
      const coming = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      await refused(
        1,
        /the session's date, 3 December 2026, is past: a notice convenes a meeting to come/,
        ...['session', 'convene', 'board-late', '--body', 'board', '--date', '2026-12-03'],
      );
      const other = await ok(
        ...['session', 'convene', `board-${coming}`, '--body', 'board', '--date', coming],
        ...['--item', 'lights: Lights in the bicycle room', '--item', 'any: Any other business'],
      );
      expect(other).toContain('  2. Any other business (any)\n');
      // A file named by its absolute path, in another folder than the agenda's.
      const elsewhere = join(mkdtempSync(join(tmpdir(), 'collegium-elsewhere-')), 'plan.txt');
      writeFileSync(elsewhere, 'The plan of the bicycle room.\n');
      const absolute = agendaFile(
        'absolute-ok.yaml',
        `- item: plan\n  title: Plan\n  files: [${elsewhere}]\n`,
      );
      await ok(
        ...['session', 'convene', 'board-plan', '--body', 'board', '--date', coming],
        ...['--agenda', absolute],
      );
      const notice = JSON.parse(await ok('--json', 'log', '--last', '1'))[0].payload;
      expect(notice.agenda[0].attachments).toEqual([
        {
          name: 'plan.txt',
          hash: createHash('sha256').update('The plan of the bicycle room.\n').digest('hex'),
          size: 30,
        },
      ]);
    });

    it('records apologies, and a motion that takes up its agenda item to approve minutes', async () => {
      await ok('session', 'open', S, '--body', 'board');
      await ok('arrive', S, 'ada', 'ben', 'chen', 'dana', 'fay');
      expect(await ok('session', 'excuse', S, 'eli', '--reason', 'Ill')).toMatch(
        new RegExp(
          `^Eli Novak excused from the session of Board of Directors on ${TODAY_WORDS} \\(Regular meeting\\) \\[entry \\d+\\]\\n$`,
        ),
      );
      await refused(
        1,
        new RegExp(
          `Ada Okafor is present at the session of Board of Directors on ${TODAY_WORDS} \\(Regular meeting\\)`,
        ),
        'session',
        'excuse',
        S,
        'ada',
      );
      await refused(2, /give the wording with --text, or --item/, 'motion', S, 'm0');
      await refused(
        1,
        new RegExp(
          `the agenda of the session of Board of Directors on ${TODAY_WORDS} \\(Regular meeting\\) has no item 'x'`,
        ),
        'motion',
        S,
        'm0',
        '--item',
        'x',
      );
      await refused(
        1,
        /still in progress: its minutes are a draft/,
        ...['motion', S, 'm0', '--text', 'Approve these minutes.', '--approves-minutes', S],
      );
      await ok('motion', S, 'minutes', '--item', 'minutes', '--proposer', 'ben');
      await ok('vote', 'open', S, 'minutes');
      for (const voter of ['ada', 'ben', 'chen', 'dana'])
        await ok('ballot', S, 'minutes', voter, 'aye');
      await ok('ballot', S, 'minutes', 'fay', 'abstain');
      expect(await ok('vote', 'close', S, 'minutes')).toMatch(/adopted/);
      const log = await ok('log');
      expect(log).toMatch(
        /motion\.propose .*"Approve the minutes of the meeting of 10 September 2025\." \(agenda item minutes\) \(approves the minutes of board-2025-09-10, content [0-9a-f]{12}…\)/,
      );
      expect(log).toMatch(/attendance\.excuse .*eli excused from board-2026-12-03: Ill/);
    });

    it('signs and objects to closed minutes, refusing what is not allowed', async () => {
      await refused(
        1,
        /still in progress: its minutes are a draft/,
        'sign-minutes',
        S,
        '--as',
        'ada',
      );
      await refused(2, /say who signs with --as PERSON/, 'sign-minutes', SEPTEMBER);
      await refused(
        1,
        /Ben Lindqvist may not sign the minutes of the session of Board of Directors on 10 September 2025 .*: Ada Okafor and Hana Kowalski sign them/,
        ...['sign-minutes', SEPTEMBER, '--as', 'ben'],
      );
      await refused(
        1,
        /the minutes of the session of Board of Directors on 10 September 2025 .* have content [0-9a-f]{16}…, not 0{16}…/,
        ...['sign-minutes', SEPTEMBER, '--as', 'ada', '--content', '0'.repeat(64)],
      );
      await refused(1, /no session 'nothing'/, 'sign-minutes', 'nothing', '--as', 'ada');
      expect(await ok('sign-minutes', SEPTEMBER, '--as', 'ada')).toMatch(
        /^minutes of the session of Board of Directors on 10 September 2025 \(Regular meeting\) signed by Ada Okafor \[entry \d+\]\n {2}content sha256 [0-9a-f]{64}\n$/,
      );
      await refused(
        1,
        /Ada Okafor has signed the minutes of the session of Board of Directors on 10 September 2025 .* already/,
        'sign-minutes',
        SEPTEMBER,
        '--as',
        'ada',
      );
      // Transcribed from the minutes of a later meeting: the day they give, not a day that is none.
      await refused(
        1,
        /not a real day/,
        ...['sign-minutes', SEPTEMBER, '--as', 'hana', '--date', '2026-02-30'],
      );
      await ok('sign-minutes', SEPTEMBER, '--as', 'hana', '--date', '2025-10-08');
      await refused(
        1,
        /Nora Lund is not a member of Board of Directors/,
        'object-minutes',
        SEPTEMBER,
        '--as',
        'nora',
        '--text',
        'No.',
      );
      expect(
        await ok(
          'object-minutes',
          SEPTEMBER,
          '--as',
          'fay',
          '--text',
          'My question on the roof is missing.',
        ),
      ).toMatch(
        /^objection of Fay Osei to the minutes of the session of Board of Directors on 10 September 2025 \(Regular meeting\) recorded \[entry \d+\]\n$/,
      );

      expect(await ok('minutes', SEPTEMBER)).toContain(
        'Signed by Hana Kowalski, secretary, on 8 October 2025.',
      );
      const protocol = await ok('protocol', SEPTEMBER);
      expect(protocol).toMatch(
        new RegExp(
          `Minutes approved on ${TODAY_WORDS} by motion 1 \\("Approve the minutes of the meeting of 10 September 2025"\\) of the session of Board of Directors on ${TODAY_WORDS} \\(Regular meeting\\) \\[entry \\d+\\]; content sha256 [0-9a-f]{64}\\n`,
        ),
      );
      expect(protocol).toMatch(
        / {4}Signed by Ada Okafor \(chair\)(, recorded by Hana Kowalski)? \[entry \d+\]\n/,
      );
      expect(protocol).toMatch(/ {4}Signed by Hana Kowalski \(secretary\) \[entry \d+\]\n/);
      expect(protocol).toContain(
        '    Objection of Fay Osei: "My question on the roof is missing."',
      );
      expect(protocol).toContain('  Convened by a notice of 27 August 2025 for 10 September 2025');
      expect(protocol).toContain(
        '  Excused (1): Gus Tanaka (Away for work; his proxy is with Eli Novak)',
      );
    });

    it('shows the notice, agenda, apology and draft minutes of the live session, and circulates them', async () => {
      await ok('session', 'close', S);
      const protocol = await ok('protocol', S);
      expect(protocol).toContain(`  Convened by a notice of 19 November 2026 for ${TODAY_WORDS}`);
      expect(protocol).toContain(
        '    1. Minutes of the meeting of 10 September (minutes); put as minutes\n',
      );
      expect(protocol).toMatch(/ {7}Attached: quote\.txt, 21 bytes, sha256 [0-9a-f]{64}\n/);
      expect(protocol).toContain('  Excused (1): Eli Novak (Ill)\n');
      expect(protocol).toMatch(/ {2}Minutes not yet approved; content sha256 [0-9a-f]{64}\n/);
      const out = await ok(
        ...['circulate', 'board', 'Approve the minutes of 3 December.', '--deadline', '3d'],
        ...['--approves-minutes', S, '--id', 'approve-december'],
      );
      expect(out).toMatch(/^circulation approve-december put to 7 members of Board of Directors/);
      expect(await ok('log')).toMatch(
        /circulation\.open .*approve-december.*\(approves the minutes of board-2026-12-03, content [0-9a-f]{12}…\)/,
      );
      expect(await ok('protocol', S)).toContain(
        '    Put for approval by the question "Approve the minutes of 3 December" put to Board of Directors (',
      );
      expect((await ok('audit')).trim()).toMatch(/^audit passed/);
    });
  });
}
