/**
 * Deciding between meetings from the command line, on both stores: a written consent passed by
 * every director and ratified at the next session, answers recorded by telephone then confirmed
 * or disputed, a resolution that fails at its deadline for want of an answer, a consultation
 * without a rule, and every refusal leaving the record exactly as it was.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { timeInWords } from '../../src/core/minutes/words.js';
import { cli, okOn, refusedOn } from '../support/cli.js';
import { COOPERATIVE, editedCharterJson } from '../support/examples.js';
import { BACKENDS } from '../support/stores.js';
import type { Backend, StoreHandle } from '../support/stores.js';

const DIRECTORS = ['ada', 'ben', 'chen', 'dana', 'eli', 'fay', 'gus'];
const dir = mkdtempSync(join(tmpdir(), 'collegium-circulations-'));

/** The cooperative's charter, its board deciding between meetings by unanimous consent. */
const CONSENT_CHARTER = join(dir, 'consent-charter.yaml');
writeFileSync(
  CONSENT_CHARTER,
  JSON.stringify(
    editedCharterJson(COOPERATIVE.charter, (c) => {
      c.bodies['board']!['circulation'] = { rule: 'unanimous', ratify: 'next-session' };
    }),
  ),
);

interface Board {
  readonly handle: StoreHandle;
  ok(...args: string[]): Promise<string>;
  /** Runs a command that must be refused with `code`, and checks that nothing was written. */
  refused(code: string, ...args: string[]): Promise<string>;
}

async function withBoard(
  backend: Backend,
  charter: string,
  test: (board: Board) => Promise<void>,
): Promise<void> {
  const handle = await backend.fresh();
  const ok = okOn(handle.location);
  const refused = refusedOn(handle);
  try {
    await ok('init', '--charter', charter);
    await test({ handle, ok, refused });
  } finally {
    await handle.dispose();
  }
}

/** Key files for each person, enrolled in the record by the secretary. */
async function enrolKeys(board: Board, people: readonly string[]): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const keys = mkdtempSync(join(dir, 'keys-'));
  for (const person of people) {
    files[person] = join(keys, `${person}.key`);
    const publicKey = (await cli('keygen', '-o', files[person])).out.split('\n')[0]!;
    await board.ok('enrol', person, publicKey);
  }
  return files;
}

/** A deadline `ms` from now, as an ISO time. */
const inMs = (ms: number): string => new Date(Date.now() + ms).toISOString();

const until = async (iso: string): Promise<void> => {
  const wait = Date.parse(iso) - Date.now() + 50;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
};

for (const backend of BACKENDS) {
  describe(`circulations on ${backend.name}`, () => {
    it(
      'passes a written consent by every director, with answers by telephone confirmed or disputed, and ratifies it at the next session',
      { timeout: 60_000 },
      async () => {
        await withBoard(backend, CONSENT_CHARTER, async (board) => {
          const { ok, refused } = board;
          const key = await enrolKeys(board, DIRECTORS);
          expect(
            await ok(
              'circulate',
              'board',
              'Approve the 2027 budget.',
              '--deadline',
              '2d',
              '--id',
              'budget',
            ),
          ).toMatch(
            /^circulation budget put to 7 members of Board of Directors until \d+ \w+ \d{4}, \d\d:\d\d UTC \[entry \d+\]\n {2}rule: unanimous consent of every member asked\n$/,
          );
          const budget =
            'the question "Approve the 2027 budget" put to Board of Directors \\(\\d+ \\w+ \\d{4}\\)';
          for (const [member, name] of [
            ['ada', 'Ada Okafor'],
            ['dana', 'Dana Morales'],
            ['eli', 'Eli Novak'],
            ['fay', 'Fay Osei'],
            ['gus', 'Gus Tanaka'],
          ] as const)
            expect(await ok('answer', 'budget', 'aye', '--key', key[member]!)).toMatch(
              new RegExp(`^answer of ${name} to ${budget}: aye \\[entry \\d+\\]\\n$`),
            );
          // Ben and Chen answered by telephone; the secretary records what she heard, and when:
          // after the question was put, before she records it.
          const heard = new Date().toISOString();
          const benAnswer = await ok(
            'answer',
            'budget',
            'aye',
            '--for',
            'ben',
            '--channel',
            'telephone',
            '--at',
            heard,
            '--comment',
            'Yes, as discussed.',
          );
          expect(benAnswer).toMatch(
            new RegExp(
              `^answer of Ben Lindqvist to ${budget}: aye \\(by telephone; Ben Lindqvist may confirm or dispute it\\) \\[entry \\d+\\]\\n$`,
            ),
          );
          const benAnswered = /\[entry (\d+)\]\n$/.exec(benAnswer)![1];
          await ok('answer', 'budget', 'nay', '--for', 'chen', '--channel', 'telephone');
          let shown = await ok('circulation', 'show', 'budget');
          expect(shown).toContain(
            `Ben Lindqvist: aye [entry ${benAnswered}], by telephone, recorded by Hana Kowalski, answered ${timeInWords(heard)}, not yet confirmed by the member\n`,
          );
          expect(shown).toContain('"Yes, as discussed."');
          expect(shown).toContain(
            'Outcome so far: rejected: unanimous consent needs an aye from every member asked; 6 ayes (Ada Okafor, Ben Lindqvist, Dana Morales, Eli Novak, Fay Osei and Gus Tanaka), 1 nay (Chen Wei); 7 of 7 asked answered',
          );
          expect(shown).toContain(
            // Both have keys: nothing waits for them to enrol one.
            'It can still change until the deadline: the answers an officer recorded for Ben Lindqvist and Chen Wei are not confirmed yet.',
          );
          // Chen did not say nay: he disputes it, and answers himself.
          await refused(
            "required option '--reason <text>'",
            'dispute',
            'budget',
            '--key',
            key['chen']!,
          );
          expect(
            await ok('dispute', 'budget', '--key', key['chen']!, '--reason', 'I said aye.'),
          ).toMatch(
            new RegExp(
              `^Chen Wei disputes the answer recorded for them to ${budget} \\[entry \\d+\\]\\n$`,
            ),
          );
          shown = await ok('circulation', 'show', 'budget');
          expect(shown).toMatch(
            /Chen Wei: nay \[entry \d+\], by telephone, recorded by Hana Kowalski, answered \d+ \w+ \d{4}, \d\d:\d\d UTC, disputed \[entry \d+\]: I said aye\.; not counted\n/,
          );
          await ok('answer', 'budget', 'aye', '--key', key['chen']!);
          await refused(
            'refused (conflict): Ada Okafor gave that answer themself: there is nothing to confirm',
            'confirm',
            'budget',
            '--key',
            key['ada']!,
          );
          // Ben's confirmation is the last word that could change it: it closes at once.
          const confirmed = await ok('confirm', 'budget', '--key', key['ben']!);
          expect(confirmed).toMatch(
            /^Ben Lindqvist confirms the answer recorded for them to the question "Approve the 2027 budget" put to Board of Directors \(\d+ \w+ \d{4}\) \[entry \d+\]\nthe question "Approve the 2027 budget" put to Board of Directors \(\d+ \w+ \d{4}\) closed, its outcome can no longer change: adopted by unanimous consent: 7 ayes \(Ada Okafor, Ben Lindqvist, Chen Wei, Dana Morales, Eli Novak, Fay Osei and Gus Tanaka\); 7 of 7 asked answered \[entry \d+\]\n {2}Provisional: awaits ratification by a session of Board of Directors\.\n$/,
          );
          await refused('refused (conflict)', 'answer', 'budget', 'nay', '--key', key['gus']!);
          // The answer's entry beside its choice, the confirmation's beside "confirmed".
          const benConfirmed = /\[entry (\d+)\]\n/.exec(confirmed)![1];
          expect(await ok('circulation', 'show', 'budget')).toContain(
            `Ben Lindqvist: aye [entry ${benAnswered}], by telephone, recorded by Hana Kowalski, answered ${timeInWords(heard)}, confirmed [entry ${benConfirmed}]\n`,
          );
          expect(await ok('provisional')).toMatch(
            /^budget \(circulation of board\) \[entry \d+\]: "Approve the 2027 budget\.": adopted; provisional: awaits ratification by a session of Board of Directors\n$/,
          );
          expect(await ok('provisional', '--body', 'finance-committee')).toBe(
            'no decision awaits ratification\n',
          );
          const opened = await ok('session', 'open', 's2', '--body', 'board');
          expect(opened).toContain(
            'Awaiting ratification by this body (1): put each with collegium ratify REF --session ID\n  budget (circulation of board)',
          );
          expect(await ok('ratify', 'budget', '--session', 's2')).toMatch(
            /^motion ratify-budget put in the session of Board of Directors on .+: it ratifies the question "Approve the 2027 budget" put to Board of Directors \(.+\) \[entry \d+\]\n/,
          );
          await ok('arrive', 's2', 'ada', 'ben', 'chen', 'dana', '--as', 'hana');
          await ok('vote', 'open', 's2', 'ratify-budget');
          for (const member of ['ada', 'ben', 'chen', 'dana'])
            await ok('ballot', 's2', 'ratify-budget', member, 'aye', '--key', key[member]!);
          expect(await ok('vote', 'close', 's2', 'ratify-budget')).toContain('adopted: 4 ayes');
          expect(await ok('provisional')).toBe('no decision awaits ratification\n');
          const protocol = await ok('protocol');
          expect(protocol).toContain(
            'It ratifies the question "Approve the 2027 budget" put to Board of Directors (',
          );
          expect(protocol).toMatch(
            /Ratified by motion 1 \("Ratify .+"\) of the session of Board of Directors on .+ \[entry \d+\]\./,
          );
          expect(protocol).toContain(
            'Chain: budget (adopted, ratified) → s2/ratify-budget (adopted)',
          );
          // The circulation comes before the session that ratified it.
          expect(protocol.indexOf('Circulation budget')).toBeLessThan(protocol.indexOf('[s2]'));
          const decisions = JSON.parse(await ok('decisions', '--outcome', 'adopted', '--json')) as {
            ref: unknown;
            ratification?: { status: string };
          }[];
          expect(decisions.map((d) => [d.ref, d.ratification?.status])).toEqual([
            [{ circulation: 'budget' }, 'ratified'],
            [{ session: 's2', motion: 'ratify-budget' }, undefined],
          ]);
          expect(await ok('decisions', '--search', 'ratify')).toMatch(
            /^s2\/ratify-budget \(motion of board\)/,
          );
          const question = await ok('question', 'budget');
          expect(question).toContain('Decisions:\n  budget (circulation of board)');
          expect(question).toContain(
            'Chain: budget (adopted, ratified) → s2/ratify-budget (adopted)',
          );
          const log = await ok('log');
          expect(log).toMatch(
            /circulation\.open\s+hana: budget put to every member of board until \S+ \(live\): "Approve the 2027 budget\."/,
          );
          expect(log).toMatch(
            new RegExp(
              `circulation\\.answer\\s+ben, recorded by hana: budget: ben aye \\(by telephone, at ${heard.replace(/\./g, '\\.')}\\): "Yes, as discussed\\."`,
            ),
          );
          expect(log).toMatch(
            /circulation\.dispute\s+chen: budget: chen disputes the answer recorded for them: I said aye\./,
          );
          expect(log).toMatch(
            /circulation\.confirm\s+ben: budget: ben confirms the answer recorded for them/,
          );
          expect(log).toMatch(/circulation\.close\s+the organization: budget: adopted/);
          expect(log).toMatch(
            /motion\.propose\s+hana: s2\/ratify-budget: "Ratify circulation budget: Approve the 2027 budget\." \(ratifies budget\)/,
          );
          expect(await ok('audit')).toMatch(/^audit passed/);
        });
      },
    );

    it(
      'fails a resolution at its deadline when a director did not answer, takes no answer after it, and closes what is due; a consultation without a rule is advice',
      { timeout: 60_000 },
      async () => {
        await withBoard(backend, COOPERATIVE.charter, async ({ ok, refused }) => {
          const deadline = inMs(5000);
          await ok(
            'circulate',
            'board',
            'Replace the boiler.',
            '--deadline',
            deadline,
            '--rule',
            'unanimous',
            '--id',
            'boiler',
          );
          await ok(
            'circulate',
            'board',
            'Which contractor?',
            '--deadline',
            deadline,
            '--to',
            'ada,ben,chen',
            '--id',
            'advice',
          );
          await ok(
            'circulate',
            'board',
            'Name the garden.',
            '--deadline',
            deadline,
            '--id',
            'garden',
            '--rule',
            'majority:votes-cast,quorum:3',
          );
          for (const member of DIRECTORS.slice(0, 6))
            await ok('answer', 'boiler', 'aye', '--for', member, '--channel', 'email');
          await ok('answer', 'advice', 'aye', '--for', 'ada', '--channel', 'in-person');
          await ok(
            'answer',
            'advice',
            'nay',
            '--for',
            'ben',
            '--channel',
            'letter',
            '--comment',
            'Too dear.',
          );
          await refused(
            'refused (conflict): the outcome of the question "Replace the boiler" put to Board of Directors (',
            'close-circulation',
            'boiler',
          );
          expect(await ok('circulation', 'show', 'advice')).toContain(
            'Rule: none: the answers are advice (advisory)',
          );
          expect(await ok('circulations', '--state', 'overdue')).toBe('no circulation\n');
          await until(deadline);
          await refused(
            'refused (deadline-passed): the question "Replace the boiler" put to Board of Directors (',
            'answer',
            'boiler',
            'aye',
            '--for',
            'gus',
            '--channel',
            'telephone',
          );
          expect(await ok('circulations', '--state', 'overdue')).toMatch(
            new RegExp(
              `^boiler {2}board {2}overdue {2}6 of 7 answered {2}deadline ${timeInWords(deadline)} {2}"Replace the boiler\\."`,
            ),
          );
          const shown = await ok('circulation', 'show', 'boiler');
          expect(shown).toContain('No answer yet from: Gus Tanaka');
          expect(shown).toMatch(
            new RegExp(
              `\\n {2}Put by Hana Kowalski on \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d UTC; deadline ${timeInWords(deadline)} \\(passed\\)\\n`,
            ),
          );
          expect(shown).toContain(
            'The deadline has passed: it closes with this outcome (collegium close-circulation boiler).',
          );
          expect(await ok('close-circulation', 'boiler')).toMatch(
            /^the question "Replace the boiler" put to Board of Directors \(\d+ \w+ \d{4}\) closed, its deadline has passed: rejected: unanimous consent needs an aye from every member asked; 6 ayes \(Ada Okafor, Ben Lindqvist, Chen Wei, Dana Morales, Eli Novak and Fay Osei\), no answer from Gus Tanaka; 6 of 7 asked answered \[entry \d+\]\n$/,
          );
          const due = JSON.parse(await ok('circulations', '--close-due', '--json')) as {
            circulation: string;
            decision: { outcome: string; explanation: string };
          }[];
          expect(due.map((c) => [c.circulation, c.decision.outcome])).toEqual([
            ['advice', 'advisory'],
            ['garden', 'not-decided'],
          ]);
          expect(due[0]!.decision.explanation).toBe(
            'advisory: 1 aye (ada), 1 nay (ben), no answer from chen; 2 of 3 asked answered; a consultation without a rule decides nothing',
          );
          expect(await ok('circulations', '--close-due')).toBe('no circulation is due to close\n');
          expect(await ok('circulations', '--state', 'closed')).toMatch(
            /^boiler {2}board {2}closed: rejected .*\nadvice {2}board {2}closed: advisory .*\ngarden {2}board {2}closed: not-decided /,
          );
          expect(await ok('circulations', '--search', 'CONTRACTOR')).toMatch(/^advice /);
          const protocol = await ok('protocol');
          expect(protocol).toContain('Circulation advice of Board of Directors');
          expect(protocol).toContain('A consultation of (3): Ada Okafor, Ben Lindqvist, Chen Wei');
          expect(protocol).toMatch(
            /Ben Lindqvist: nay \[entry \d+\], by letter, recorded by Hana Kowalski[,\n]/,
          );
          expect(protocol).toContain('"Too dear."');
          expect(await ok('log')).toMatch(
            /circulation\.close\s+the organization: boiler: rejected/,
          );
          expect(await ok('audit')).toMatch(/^audit passed/);
        });
      },
    );

    it(
      'refuses bad input with its code, leaving the record as it was',
      { timeout: 60_000 },
      async () => {
        await withBoard(backend, CONSENT_CHARTER, async ({ handle, ok, refused }) => {
          await ok(
            'circulate',
            'board',
            'Plant a hedge.',
            '--deadline',
            '3d',
            '--to',
            'ada,ben',
            '--id',
            'hedge',
          );
          await ok('answer', 'hedge', 'aye', '--for', 'ada', '--channel', 'telephone');
          await refused(
            'refused (duplicate-answer): Ada Okafor has answered the question "Plant a hedge" put to Board of Directors (',
            'answer',
            'hedge',
            'nay',
            '--for',
            'ada',
            '--channel',
            'telephone',
          );
          await refused(
            'refused (not-asked): Chen Wei was not asked the question "Plant a hedge" put to Board of Directors (',
            'answer',
            'hedge',
            'aye',
            '--for',
            'chen',
            '--channel',
            'email',
          );
          await refused(
            'refused (deadline-passed): the deadline, 1 January 2020, 23:59 UTC, is in the past',
            'circulate',
            'board',
            'Too late.',
            '--deadline',
            '2020-01-01',
          );
          // A day that is none is not carried over into the next month.
          await refused(
            '--deadline "2099-02-30": 2099-02-30 is not a day of the calendar',
            'circulate',
            'board',
            'When?',
            '--deadline',
            '2099-02-30',
          );
          await refused(
            '--at "2099-02-30T09:30": 2099-02-30 is not a day of the calendar',
            'answer',
            'hedge',
            'aye',
            '--for',
            'ben',
            '--channel',
            'telephone',
            '--at',
            '2099-02-30T09:30',
          );
          await refused(
            '--deadline "soon": give a date-time',
            'circulate',
            'board',
            'When?',
            '--deadline',
            'soon',
          );
          // At most a year ahead: a year mistyped is a usage error, before anything is signed.
          await refused(
            '--deadline 9999-12-31: 31 December 9999, 23:59 UTC is more than a year ahead: a question takes answers for a year at most, until ',
            'circulate',
            'board',
            'For ever?',
            '--deadline',
            '9999-12-31',
          );
          // A deadline too far, or one that cannot be read, is a mistyped option: exit 2.
          for (const deadline of ['400d', 'tomorrow', '2099-02-30']) {
            const mistyped = await cli(
              ...['circulate', 'board', 'Next year?', '--deadline', deadline, '--json'],
              ...['--db', handle.location],
            );
            expect(mistyped.code, deadline).toBe(2);
            expect(JSON.parse(mistyped.out)).toMatchObject({ error: { code: 'usage' } });
          }
          await refused(
            'refused (not-member): Hana Kowalski is not a voting member of Board of Directors',
            'circulate',
            'board',
            'Ask the secretary.',
            '--deadline',
            '1d',
            '--to',
            'hana',
          );
          await refused(
            'refused (not-found): no dispatch',
            'circulate',
            'board',
            'On what?',
            '--deadline',
            '1d',
            '--dispatch',
            'nothing',
          );
          await refused(
            'refused (not-found): no circulation',
            'answer',
            'nothing',
            'aye',
            '--for',
            'ada',
            '--channel',
            'email',
          );
          await refused(
            "'maybe' is not an answer",
            'answer',
            'hedge',
            'maybe',
            '--for',
            'ben',
            '--channel',
            'email',
          );
          await refused(
            '--for ben: say how the answer came with --channel',
            'answer',
            'hedge',
            'aye',
            '--for',
            'ben',
          );
          await refused(
            'ben has no key of their own: an officer records their answer',
            'answer',
            'hedge',
            'aye',
            '--as',
            'ben',
          );
          await refused(
            '--rule majority:most',
            'circulate',
            'board',
            'Q',
            '--deadline',
            '1d',
            '--rule',
            'majority:most',
          );
          await refused(
            'a quorum is quorum:N',
            'circulate',
            'board',
            'Q',
            '--deadline',
            '1d',
            '--rule',
            'majority:votes-cast,quorum:lots',
          );
          await refused(
            '--at "yesterday": give a date-time',
            'answer',
            'hedge',
            'aye',
            '--for',
            'ben',
            '--channel',
            'email',
            '--at',
            'yesterday',
          );
          await refused('refused (forbidden)', 'withdraw', 'hedge', '--as', 'ben');
          await refused(
            'refused (conflict): the outcome of the question "Plant a hedge" put to Board of Directors (',
            'close-circulation',
            'hedge',
          );
          expect(await ok('withdraw', 'hedge', '--reason', 'The hedge is there already.')).toMatch(
            /^the question "Plant a hedge" put to Board of Directors \(\d+ \w+ \d{4}\) withdrawn \[entry \d+\]\n$/,
          );
          await refused(
            'refused (conflict): the question "Plant a hedge" put to Board of Directors (',
            'answer',
            'hedge',
            'aye',
            '--for',
            'ben',
            '--channel',
            'email',
          );
          await refused("no circulation 'nothing' in the record", 'circulation', 'show', 'nothing');
          expect(await ok('circulation', 'show', 'hedge')).toContain(
            'Withdrawn [entry 3]: The hedge is there already.',
          );
          await refused(
            '--close-due closes every overdue circulation: give no filter',
            'circulations',
            '--close-due',
            '--body',
            'board',
          );
          const json = await cli(
            '--json',
            'answer',
            'hedge',
            'aye',
            '--for',
            'ben',
            '--channel',
            'email',
            '--db',
            handle.location,
          );
          expect(json.code).toBe(1);
          expect(JSON.parse(json.out)).toMatchObject({ error: { code: 'conflict' } });
        });
      },
    );
  });
}
