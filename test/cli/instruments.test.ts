/**
 * Instruments from the command line, on both stores: an order answering a letter, signed by the
 * chair with her own key and by a director by telephone (recorded by the secretary), issued,
 * then superseded; a mandate issued and revoked; a receipt issued and settled; the register, the
 * queue of signatures, the question, the log and the protocol; every refusal (exit 1, its code,
 * the record byte for byte as it was) and every misuse (exit 2); and the instrument's bundle
 * verified offline under trust policies.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, okOn, STACK_LINE } from '../support/cli.js';
import { COOPERATIVE, editedCharterJson } from '../support/examples.js';
import { BACKENDS, sqliteBackend } from '../support/stores.js';
import { dayInWords } from '../../src/core/minutes/words.js';
import type { Backend, StoreHandle } from '../support/stores.js';

/** The day a session opened today is named by, in words. */
const TODAY = dayInWords(new Date().toISOString().slice(0, 10));

const dir = mkdtempSync(join(tmpdir(), 'collegium-instruments-'));

/**
 * The cooperative's board issuing orders signed by the chair then a director, mandates signed by
 * two directors, and receipts signed by an officer.
 */
const CHARTER = join(dir, 'charter.json');
writeFileSync(
  CHARTER,
  JSON.stringify(
    editedCharterJson(COOPERATIVE.charter, (c) => {
      c.bodies['board']!['instruments'] = {
        order: { formula: 'By order of the Board', signers: ['ada', 'ben'], order: 'as-listed' },
        mandate: { formula: 'Power of attorney', signers: { 'at-least': 2, of: 'members' } },
        receipt: { signers: { 'at-least': 1, of: 'officers' }, 'rests-on': 'none' },
      };
    }),
  ),
);

const LETTER_FILE = join(dir, 'letter.txt');
// Saved with Windows line ends: the text is recorded with LF, as YAML and the web form give it.
writeFileSync(LETTER_FILE, 'To the City of Maple.\r\nWe shall replace the boiler by March.\r\n');
const QUOTE = join(dir, 'quote.pdf');
writeFileSync(QUOTE, '%PDF-1.4 Boiler quote: 12 000 EUR.\n');

interface Board {
  readonly handle: StoreHandle;
  readonly key: Record<'ada' | 'ben', string>;
  ok(...args: string[]): Promise<string>;
  /** A command refused with `message` (exit 1): nothing written, no stack trace. */
  refused(message: string, ...args: string[]): Promise<void>;
  /** A command used wrongly (exit 2): nothing written. */
  misused(message: string, ...args: string[]): Promise<void>;
}

/**
 * A board with a letter registered, motion m1 adopted on it (Chen's power to sign the contract)
 * in session s1, still open, and keys of their own for Ada and Ben.
 */
async function withBoard(backend: Backend, test: (board: Board) => Promise<void>): Promise<void> {
  const handle = await backend.fresh();
  const ok = okOn(handle.location);
  const failing = async (code: number, message: string, args: string[]): Promise<void> => {
    const before = await handle.dump();
    const r = await cli(...args, '--db', handle.location);
    expect(r.code, `${args.join(' ')}: ${r.out}`).toBe(code);
    expect(r.err).toContain(message);
    expect(r.err).not.toMatch(STACK_LINE);
    expect(await handle.dump()).toEqual(before);
  };
  try {
    await ok('init', '--charter', CHARTER);
    await ok(
      'dispatch',
      'register',
      'board',
      '--from',
      'City of Maple',
      '--channel',
      'letter',
      '--received',
      '2026-11-28',
      '--text',
      'Replace the boiler.',
    );
    await decide(ok);
    const keys = mkdtempSync(join(dir, 'keys-'));
    const key = { ada: join(keys, 'ada.key'), ben: join(keys, 'ben.key') };
    for (const person of ['ada', 'ben'] as const) {
      const publicKey = (await cli('keygen', '-o', key[person])).out.split('\n')[0]!;
      await ok('enrol', person, publicKey);
    }
    await test({
      handle,
      key,
      ok,
      refused: (message, ...args) => failing(1, message, args),
      misused: (message, ...args) => failing(2, message, args),
    });
  } finally {
    await handle.dispose();
  }
}

async function decide(ok: (...args: string[]) => Promise<string>): Promise<void> {
  await ok('session', 'open', 's1', '--body', 'board');
  await ok('arrive', 's1', 'ada', 'ben', 'chen', 'dana', 'eli', 'fay');
  await ok(
    'motion',
    's1',
    'm1',
    '--text',
    'Chen signs the boiler contract.',
    '--dispatch',
    'board-2026-1',
  );
  await ok('vote', 'open', 's1', 'm1');
  for (const voter of ['ada', 'ben', 'chen', 'dana']) await ok('ballot', 's1', 'm1', voter, 'aye');
  await ok('vote', 'close', 's1', 'm1');
}

/** Puts and adopts m2, by directors without keys: a decision later than the instruments drafted. */
async function adoptM2(ok: (...args: string[]) => Promise<string>): Promise<void> {
  await ok('motion', 's1', 'm2', '--text', 'Write to the city again.');
  await ok('vote', 'open', 's1', 'm2');
  for (const voter of ['chen', 'dana', 'eli', 'fay']) await ok('ballot', 's1', 'm2', voter, 'aye');
  await ok('vote', 'close', 's1', 'm2');
}

const ORDER = [
  'instrument',
  'draft',
  '--body',
  'board',
  '--kind',
  'order',
  '--rests-on',
  's1/m1',
  '--answers',
  'board-2026-1',
  '--to',
  'City of Maple, building department',
  '--date',
  '2026-12-02',
  '--text-file',
  LETTER_FILE,
  '--attach',
  QUOTE,
];

const MANDATE = [
  'instrument',
  'draft',
  '--body',
  'board',
  '--kind',
  'mandate',
  '--rests-on',
  's1/m1',
  '--holder',
  'chen',
  '--scope',
  'sign the boiler contract',
  '--until',
  '2099-03-31',
  '--text',
  'Chen Wei may sign the boiler contract for the cooperative.',
];

const HASH = /[0-9a-f]{64}/;

for (const backend of BACKENDS) {
  describe(`instruments on ${backend.name}`, () => {
    it(
      'drafts an order, signs it in order (own key, then by telephone), issues it and supersedes it',
      { timeout: 60_000 },
      async () => {
        await withBoard(backend, async ({ ok, key, refused }) => {
          const drafted = await ok(...ORDER);
          expect(drafted).toMatch(
            /^instrument board-2026-1 drafted as order no\. 2026\/1 of Board of Directors \[entry \d+\]\n {2}content sha256 [0-9a-f]{64}\n {2}attached quote\.pdf: 35 bytes, sha256 [0-9a-f]{64}\n {2}Rule: not met: 0 of the 2 signatures needed: Ada Okafor, Ben Lindqvist, every one of them, in the order listed\n$/,
          );
          const content = HASH.exec(drafted)![0];
          const at = Number(/\[entry (\d+)\]/.exec(drafted)![1]);

          // Ben is listed after Ada, and both must sign: nothing awaits him before she signs,
          // and he is told what comes to him once she has.
          expect(await ok('instrument', 'queue', '--as', 'ben')).toBe(
            'nothing awaits the signature of Ben Lindqvist\nnext, in the order listed:\n  Ben Lindqvist signs order no. 2026/1 of Board of Directors [board-2026-1] after Ada Okafor\n',
          );
          // The JSON tells what comes next as well: the instrument, and whose signatures first.
          const queued = JSON.parse(await ok('--json', 'instrument', 'queue', '--as', 'ben')) as {
            instruments: unknown[];
            nextInOrder: { instrument: { id: string }; after: unknown }[];
          };
          expect(queued.instruments).toEqual([]);
          expect(queued.nextInOrder).toHaveLength(1);
          expect(queued.nextInOrder[0]).toMatchObject({
            instrument: { id: 'board-2026-1', content },
            after: { count: 1, of: ['ada'] },
          });
          const adas = await ok('instrument', 'queue', '--as', 'ada');
          expect(adas).toMatch(/^board-2026-1 {2}no\. 2026\/1 {2}order of board {2}0 of 2 signed/);
          expect(adas).not.toContain('listed before');
          expect(
            JSON.parse(await ok('--json', 'instrument', 'queue', '--as', 'ada')),
          ).toMatchObject({ instruments: [{ id: 'board-2026-1' }], nextInOrder: [] });
          expect(await ok('instrument', 'queue', '--as', 'chen')).toBe(
            'nothing awaits the signature of Chen Wei\n',
          );

          expect(
            await ok('instrument', 'sign', 'board-2026-1', '--key', key.ada, '--content', content),
          ).toMatch(
            /^board-2026-1 signed by Ada Okafor: signature 1 \[entry \d+\]\n {2}Rule: not met: 1 of the 2/,
          );
          expect(
            await ok(
              'instrument',
              'sign',
              'board-2026-1',
              '--for',
              'ben',
              '--channel',
              'telephone',
            ),
          ).toMatch(
            /^board-2026-1 signed by Ben Lindqvist, recorded by Hana Kowalski \(given by telephone\): signature 2 \[entry \d+\]\n {2}Rule: met: signed as the charter requires: Ada Okafor, Ben Lindqvist, every one of them, in the order listed\n {2}It may be issued: collegium instrument issue board-2026-1\n$/,
          );
          expect(await ok('instrument', 'queue', '--as', 'ben')).toBe(
            'nothing awaits the signature of Ben Lindqvist\n',
          );

          // Issued on a day that has come: a year mistyped is refused, and nothing is recorded.
          await refused(
            'refused (invalid-input): payload.date: 31 December 9999 is after the day its issue is recorded',
            ...['instrument', 'issue', 'board-2026-1', '--date', '9999-12-31'],
          );
          const issued = await ok('instrument', 'issue', 'board-2026-1', '--date', '2026-12-03');
          expect(issued).toMatch(
            /^order no\. 2026\/1 of Board of Directors issued \[entry \d+\]\n {2}By order of the Board: Ada Okafor\. Ben Lindqvist \(recorded by Hana Kowalski\)\n {2}dispatch no\. 2026\/1 from City of Maple closed: answered by order no\. 2026\/1 of Board of Directors\n$/,
          );

          const shown = (await ok('instrument', 'show', 'board-2026-1')).split('\n');
          expect(shown.slice(0, 2)).toEqual([
            `Order no. 2026/1 of Board of Directors [board-2026-1] [entry ${at}]`,
            '  Recorded live.',
          ]);
          expect(shown[2]).toMatch(
            /^ {2}Drafted by Hana Kowalski on \d+ \w+ \d{4}, \d\d:\d\d UTC; dated 2 December 2026$/,
          );
          expect(shown.slice(3, 12)).toEqual([
            '  To: City of Maple, building department',
            '  | To the City of Maple.',
            '  | We shall replace the boiler by March.',
            `  Rests on motion 1 ("Chen signs the boiler contract") of the session of Board of Directors on ${TODAY}: adopted`,
            '  Answers dispatch no. 2026/1 from City of Maple [board-2026-1]',
            expect.stringMatching(/^ {2}Attached: quote\.pdf, 35 bytes, sha256 [0-9a-f]{64}$/),
            '  By order of the Board: Ada Okafor. Ben Lindqvist (recorded by Hana Kowalski)',
            expect.stringMatching(
              new RegExp(
                `^ {4}1\\. Ada Okafor, with their own key \\[entry ${at + 1}, \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d UTC\\]$`,
              ),
            ),
            expect.stringMatching(
              new RegExp(
                `^ {4}2\\. Ben Lindqvist, recorded by Hana Kowalski \\(given by telephone\\) \\[entry ${at + 2}, \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d UTC\\]$`,
              ),
            ),
          ]);
          expect(shown.slice(12)).toEqual([
            '  Rule: met: signed as the charter requires: Ada Okafor, Ben Lindqvist, every one of them, in the order listed',
            `  Issued by Hana Kowalski on 3 December 2026 [entry ${at + 3}]`,
            '  State: issued',
            `  Content: sha256 ${content}`,
            '',
          ]);

          // A later decision replaces it with another order.
          await ok(
            'instrument',
            'draft',
            '--body',
            'board',
            '--kind',
            'order',
            '--rests-on',
            's1/m1',
            '--text',
            'We shall replace the boiler by April.',
            '--id',
            'april-letter',
          );
          await adoptM2(ok);
          expect(
            await ok(
              'instrument',
              'annul',
              'board-2026-1',
              '--by',
              's1/m2',
              '--superseded-by',
              'april-letter',
              '--reason',
              'The works were delayed.',
            ),
          ).toMatch(
            /^order no\. 2026\/1 of Board of Directors superseded by order no\. 2026\/2 of Board of Directors under motion 2 \("Write to the city again"\) of the session of Board of Directors on .+ \[entry \d+\]\n$/,
          );
          const after = await ok('instrument', 'show', 'board-2026-1');
          expect(after).toMatch(
            // The paper that took its place named as the register names it, then who annulled it.
            /\n {2}Superseded by order no\. 2026\/2 of Board of Directors \[april-letter\]; annulled by Hana Kowalski \[entry \d+\]: The works were delayed\.\n {4}under motion 2 \("Write to the city again"\) of the session of Board of Directors on .+: adopted\n {2}State: superseded\n/,
          );

          const json = JSON.parse(
            await ok('--json', 'instrument', 'show', 'board-2026-1'),
          ) as Record<string, unknown>;
          expect(json).toMatchObject({
            id: 'board-2026-1',
            status: 'superseded',
            content,
            draft: {
              kind: 'order',
              number: '2026/1',
              restsOn: { session: 's1', motion: 'm1' },
              text: 'To the City of Maple.\nWe shall replace the boiler by March.\n',
            },
            signatures: [
              { signer: 'ada', index: at + 1 },
              { signer: 'ben', recordedBy: 'hana', channel: 'telephone', index: at + 2 },
            ],
            issued: { index: at + 3, by: 'hana', date: '2026-12-03' },
            annulled: { decision: { session: 's1', motion: 'm2' }, supersededBy: 'april-letter' },
            rule: {
              words: 'Ada Okafor, Ben Lindqvist, every one of them, in the order listed',
              met: true,
            },
            signatureLine:
              'By order of the Board: Ada Okafor. Ben Lindqvist (recorded by Hana Kowalski)',
            inForce: false,
            flags: [],
          });
          expect(json).not.toHaveProperty('bodyAtDraft');

          const log = await ok('log', '--from', String(at));
          expect(log).toMatch(
            /instrument\.draft\s+hana: board-2026-1: order no\. 2026\/1 of board \(live\) dated 2026-12-02 to City of Maple, building department: "To the City of Maple\.\nWe shall replace the boiler by March\.\n" \(rests on s1\/m1\) \(answers dispatch board-2026-1\) \(1 attached\)/,
          );
          expect(log).toMatch(
            /instrument\.sign\s+ada: board-2026-1 signed over content [0-9a-f]{12}…, the first signature\n/,
          );
          expect(log).toMatch(
            /instrument\.sign\s+ben, recorded by hana: board-2026-1 signed over content [0-9a-f]{12}…, after signature [0-9a-f]{12}…, given by telephone\n/,
          );
          expect(log).toMatch(/instrument\.issue\s+hana: board-2026-1 issued on 2026-12-03\n/);
          expect(log).toMatch(
            /instrument\.annul\s+hana: board-2026-1 superseded by april-letter under s1\/m2: The works were delayed\.\n/,
          );
          expect(await ok('protocol')).toContain(
            `Order no. 2026/1 of Board of Directors [board-2026-1] [entry ${at}]`,
          );
          const question = await ok('question', 'board-2026-1');
          expect(question).toContain(
            `  Closed [entry ${at + 3}]: answered by order no. 2026/1 of Board of Directors`,
          );
          expect(question).toMatch(
            /Instruments:\n {2}board-2026-1 {2}no\. 2026\/1 {2}board {2}order {2}superseded {2}2 signatures {2}"To the City of Maple\.…"\n {2}april-letter /,
          );
          const onQuestion = JSON.parse(await ok('--json', 'question', 's1/m1')) as {
            instruments: { id: string }[];
          };
          expect(onQuestion.instruments.map((i) => i.id)).toEqual(['board-2026-1', 'april-letter']);
          expect(await ok('audit')).toMatch(/^audit passed/);
        });
      },
    );

    it(
      'issues a mandate and revokes it, a receipt and settles it; the register filters them',
      { timeout: 60_000 },
      async () => {
        await withBoard(backend, async ({ ok, key }) => {
          await ok(...MANDATE, '--as', 'ada', '--key', key.ada);
          await ok('instrument', 'sign', 'board-2026-1', '--key', key.ada);
          await ok('instrument', 'sign', 'board-2026-1', '--as', 'ben', '--key', key.ben);
          await ok('instrument', 'issue', 'board-2026-1', '--as', 'ben', '--key', key.ben);
          let shown = await ok('instrument', 'show', 'board-2026-1');
          expect(shown).toContain(
            '  Holder: Chen Wei; scope: sign the boiler contract; until 31 March 2099\n  Power of attorney: Ada Okafor. Ben Lindqvist\n',
          );
          expect(shown).toContain('  State: issued, in force until 31 March 2099\n');

          await ok(
            'instrument',
            'draft',
            '--body',
            'board',
            '--kind',
            'receipt',
            '--amount',
            '3000',
            '--unit',
            'EUR',
            '--from',
            'dana',
            '--text',
            'Deposit for the hall, received from Dana.',
          );
          await ok('instrument', 'sign', 'board-2026-2', '--for', 'hana', '--channel', 'in-person');
          await ok('instrument', 'issue', 'board-2026-2');
          expect(await ok('instrument', 'show', 'board-2026-2')).toContain(
            '  Amount: 3000 EUR, from Dana Morales\n',
          );
          // Settled on a day that has come (the record's, UTC): not one after the act recording it.
          const today = new Date().toISOString().slice(0, 10);
          expect(
            await ok(
              'instrument',
              'settle',
              'board-2026-2',
              '--note',
              'Repaid in cash.',
              '--date',
              today,
            ),
          ).toMatch(/^receipt no\. 2026\/2 of Board of Directors settled \[entry \d+\]\n$/);
          expect(await ok('instrument', 'show', 'board-2026-2')).toMatch(
            new RegExp(
              `\\n {2}Settled by Hana Kowalski on ${dayInWords(today)} \\[entry \\d+\\]: Repaid in cash\\.\\n {2}State: settled\\n`,
            ),
          );

          expect(await ok('instruments', '--state', 'issued')).toBe(
            'board-2026-1  no. 2026/1  board  mandate  issued, in force until 31 March 2099  2 signatures  "Chen Wei may sign the boiler contract for the cooperative."\n',
          );
          expect(
            await ok(
              'instrument',
              'revoke',
              'board-2026-1',
              '--by',
              's1/m1',
              '--reason',
              'Signed.',
              '--as',
              'ada',
              '--key',
              key.ada,
            ),
          ).toMatch(
            /^mandate no\. 2026\/1 of Board of Directors revoked, under motion 1 \("Chen signs the boiler contract"\) of the session of Board of Directors on .+ \[entry \d+\]\n$/,
          );
          shown = await ok('instrument', 'show', 'board-2026-1');
          expect(shown).toMatch(
            /\n {2}Revoked by Ada Okafor, under motion 1 \("Chen signs the boiler contract"\) of the session of Board of Directors on .+ \[entry \d+\]: Signed\.\n {2}State: revoked\n/,
          );

          expect(await ok('instruments', '--state', 'issued')).toBe('no instrument\n');
          expect(await ok('instruments', '--kind', 'receipt')).toMatch(/^board-2026-2 .* settled /);
          expect(await ok('instruments', '--search', 'DEPOSIT hall')).toMatch(
            /^board-2026-2 .*\n$/,
          );
          expect(await ok('instruments', '--question', 's1/m1')).toMatch(/^board-2026-1 .*\n$/);
          expect(await ok('instruments', '--body', 'finance-committee')).toBe('no instrument\n');
          const register = JSON.parse(await ok('--json', 'instruments')) as {
            id: string;
            status: string;
            draft: { amount?: unknown };
            rule: { met: boolean };
          }[];
          expect(register.map((i) => [i.id, i.status, i.rule.met])).toEqual([
            ['board-2026-1', 'revoked', true],
            ['board-2026-2', 'settled', true],
          ]);
          expect(register[1]!.draft.amount).toEqual({ value: 3000, unit: 'EUR' });
          const log = await ok('log');
          expect(log).toMatch(
            /instrument\.draft\s+ada: board-2026-1: mandate no\. 2026\/1 of board \(live\): "Chen Wei may sign the boiler contract for the cooperative\." \(rests on s1\/m1\) \(holder chen until 2099-03-31\)\n/,
          );
          expect(log).toMatch(
            /instrument\.revoke\s+ada: board-2026-1 revoked under s1\/m1: Signed\.\n/,
          );
          expect(log).toMatch(
            /instrument\.draft\s+hana: board-2026-2: receipt no\. 2026\/2 of board \(live\): "Deposit for the hall, received from Dana\." \(3000 EUR from dana\)\n/,
          );
          expect(log).toMatch(
            new RegExp(
              `instrument\\.settle\\s+hana: board-2026-2 settled on ${today}: Repaid in cash\\.\\n`,
            ),
          );
          expect(await ok('audit')).toMatch(/^audit passed/);
        });
      },
    );

    it(
      'refuses every breach of the signing rule, leaving the record byte for byte as it was',
      { timeout: 60_000 },
      async () => {
        await withBoard(backend, async ({ ok, key, refused, misused }) => {
          await refused(
            'refused (charter-rule): an instrument of this kind rests on a decision of Board of Directors',
            'instrument',
            'draft',
            '--body',
            'board',
            '--kind',
            'order',
            '--text',
            'Unfounded.',
          );
          await refused(
            'refused (charter-rule): Board of Directors issues no ukase: its charter names mandate, order, receipt',
            'instrument',
            'draft',
            '--body',
            'board',
            '--kind',
            'ukase',
            '--text',
            'So be it.',
          );
          await ok(...ORDER);
          await refused(
            'refused (not-a-signer): Chen Wei is not among the signers of an order of Board of Directors: Ada Okafor, Ben Lindqvist, every one of them, in the order listed',
            'instrument',
            'sign',
            'board-2026-1',
            '--for',
            'chen',
            '--channel',
            'telephone',
          );
          await refused(
            'refused (content-mismatch): the signature covers content ffffffffffff…',
            'instrument',
            'sign',
            'board-2026-1',
            '--key',
            key.ada,
            '--content',
            'f'.repeat(64),
          );
          await refused(
            'refused (signing-rule): not issued: 0 of the 2 signatures needed',
            'instrument',
            'issue',
            'board-2026-1',
          );
          await refused(
            'refused (out-of-order): Ben Lindqvist may not sign yet: Ada Okafor must sign first',
            'instrument',
            'sign',
            'board-2026-1',
            '--key',
            key.ben,
          );
          await ok('instrument', 'sign', 'board-2026-1', '--key', key.ada);
          await refused(
            'refused (duplicate-signature): Ada Okafor has signed order no. 2026/1 of Board of Directors already',
            'instrument',
            'sign',
            'board-2026-1',
            '--key',
            key.ada,
          );
          await refused(
            'refused (unauthenticated): ada signs with their own key: give it with --key',
            'instrument',
            'sign',
            'board-2026-1',
            '--as',
            'ada',
          );
          await refused(
            'refused (wrong-kind): board-2026-1 is an order: a mandate is revoked; a receipt is settled',
            'instrument',
            'revoke',
            'board-2026-1',
          );
          await refused(
            'refused (wrong-kind): board-2026-1 is an order: only a receipt is settled',
            'instrument',
            'settle',
            'board-2026-1',
          );
          await refused(
            "refused (not-found): no instrument 'nothing'",
            'instrument',
            'sign',
            'nothing',
            '--for',
            'ada',
            '--channel',
            'letter',
          );
          await refused("no instrument 'nothing' in the record", 'instrument', 'show', 'nothing');
          await refused("no person 'zed' in the record", 'instrument', 'queue', '--as', 'zed');

          await misused(
            'give what it says with --text TEXT or --text-file FILE (one of them)',
            'instrument',
            'draft',
            '--body',
            'board',
            '--kind',
            'receipt',
          );
          await misused(
            '--scope and --until go with --holder',
            ...MANDATE.filter((a) => a !== '--holder' && a !== 'chen'),
          );
          await misused(
            '--amount 0: give a sum above zero',
            'instrument',
            'draft',
            '--body',
            'board',
            '--kind',
            'receipt',
            '--text',
            'x',
            '--amount',
            '0',
            '--unit',
            'EUR',
          );
          await misused(
            '--date 2 December: give a real date (2026-12-01) or date-time (2026-12-01T18:00)',
            ...ORDER.slice(0, 4),
            '--kind',
            'receipt',
            '--text',
            'x',
            '--date',
            '2 December',
          );
          await misused(
            '--for ben: say how the signature was given with --channel',
            'instrument',
            'sign',
            'board-2026-1',
            '--for',
            'ben',
          );
          await misused(
            '--content abc: give the whole content hash, 64 hex digits',
            'instrument',
            'sign',
            'board-2026-1',
            '--key',
            key.ada,
            '--content',
            'abc',
          );
          await misused(
            'chen has no key of their own: an officer records their signature (collegium instrument sign board-2026-1 --for chen --channel …)',
            'instrument',
            'sign',
            'board-2026-1',
            '--as',
            'chen',
          );
        });
      },
    );
  });
}

describe('an instrument bundle from the command line', () => {
  it('is exported, accepted under a policy its signers meet, refused with every reason under a stricter one', async () => {
    await withBoard(sqliteBackend, async ({ ok, key }) => {
      await ok(...ORDER);
      await ok('instrument', 'sign', 'board-2026-1', '--key', key.ada);
      await ok('instrument', 'sign', 'board-2026-1', '--for', 'ben', '--channel', 'telephone');
      await ok('instrument', 'issue', 'board-2026-1');
      const file = join(dir, 'order.json');
      expect(await ok('export', 'instrument', 'board-2026-1', '-o', file)).toMatch(
        /^wrote \S+order\.json: instrument board-2026-1, \d+ entries proven against the checkpoint of size \d+\n$/,
      );
      const logKey = (await ok('log-key')).trim();
      const policy = (accept: string): string => {
        const path = join(dir, `policy-${Math.random().toString(36).slice(2)}.yaml`);
        writeFileSync(path, `logs: [${logKey}]\naccept:\n${accept}`);
        return path;
      };
      const lenient = policy('  - kind: order\n    signed-by: {at-least: 1, of: [ada]}\n');
      const accepted = await cli('verify', file, '--trust', lenient);
      expect(accepted.code).toBe(0);
      expect(accepted.out).toMatch(/^verified: the checkpoint is signed by the trusted log key/);
      expect(accepted.out).toContain(
        'verified: every entry from its issue to the checkpoint is in the bundle, and none of them revokes, settles or annuls the order no. 2026/1 of Board of Directors\n',
      );
      expect(accepted.out).toContain(
        'instrument board-2026-1: order no. 2026/1 of Board of Directors, issued\n  | To the City of Maple.\n  | We shall replace the boiler by March.\n  By order of the Board: Ada Okafor. Ben Lindqvist (recorded by Hana Kowalski)\n',
      );
      expect(accepted.out).toMatch(/: accepted under \S+\.yaml\n$/);

      const strict = policy('  - kind: order\n    own-keys: true\n  - kind: mandate\n');
      const refused = await cli('verify', file, '--trust', strict);
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(
        /\nrefused \(own-keys\): .*not counted, not signed with their own key: ben\)\n$/,
      );
      expect(refused.err).toMatch(/order\.json: refused under \S+\.yaml \(1 reason\)\n$/);
      const verdict = JSON.parse((await cli('--json', 'verify', file, '--trust', strict)).out) as {
        accepted: boolean;
        reasons: { code: string }[];
        instrument: { id: string; signatures: { signer: string; ownKey: boolean }[] };
      };
      expect(verdict.accepted).toBe(false);
      expect(verdict.reasons.map((r) => r.code)).toEqual(['own-keys']);
      expect(verdict.instrument.signatures.map((s) => [s.signer, s.ownKey])).toEqual([
        ['ada', true],
        ['ben', false],
      ]);

      const changed = join(dir, 'changed.json');
      writeFileSync(
        changed,
        readFileSync(file, 'utf8').replace('"board-2026-1"', '"board-2026-9"'),
      );
      const tampered = await cli('verify', changed, '--trust', lenient);
      expect(tampered.code).toBe(1);
      expect(tampered.out).toMatch(/^refused \(\S+\): /m);

      const broken = join(dir, 'broken-policy.yaml');
      writeFileSync(broken, `logs: [${logKey}]\naccept:\n  - kind: order\n    signed_by: [ada]\n`);
      const invalid = await cli('verify', file, '--trust', broken);
      expect(invalid.code).toBe(1);
      expect(invalid.err).toMatch(new RegExp(`^${broken.replace(/[.]/g, '\\.')}:4:\\d+: `));

      const without = await cli('verify', file);
      expect(without.code).toBe(2);
      expect(without.err).toContain('give your trust policy with --trust POLICY');
      const recordBundle = await cli('verify', file, '--log-key', logKey);
      expect(recordBundle.code).toBe(2);
    });
  });
});
