/**
 * A sixth set of cases of 1917 to 1921 (test/fixtures/central-committee-1917-1921-sixth), every
 * name, title, place, wording, formula, unit and comment in Russian as the documents give them,
 * replayed through the command line as a historian would, each at a corner the other sets leave:
 * a decision of the Bureau the Central Committee refuses to confirm and a week later votes to
 * confirm after all, in the file and live; alternatives tied for first place, and tied for second
 * where a runoff needs two; a wire answered over a signature outside the Politburo, and a directive
 * on the question it rejected, one signature short; a member who changes his answer in writing; a
 * proxy held for a question in writing; a mandate revoked and a receipt outstanding, with a
 * revocation before the mandate, a settlement of a receipt never given or never issued, and a name
 * written for an id; papers listed out of the order of their dates, a later account's totals
 * beside the names, and a quorum lost before a vote taken anyway; a mandate shown after its
 * revocation on an old bundle; and a directive dated before the answers it rests on. Each outcome
 * was worked out by hand from "Rules, exactly" (docs/charter.md, docs/proceedings.md) before it
 * was run; the comment beside it says how.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { historyFixtures, linesIn, ok } from '../support/history-fixtures.js';

const { fixture, record, replayed, verdicts } = historyFixtures(
  'central-committee-1917-1921-sixth',
);

const kaledin =
  'motion 1 ("Двинуть войска против Каледина на Дону — «немедленно»") of the session of Бюро четырёх on 29 December 1917 (Заседание Бюро ЦК)';

describe('the Bureau against Kaledin, refused confirmation and then confirmed (December 1917 to January 1918)', () => {
  it('keeps the decision annulled by the first refusal, and flags the later vote to confirm it', async () => {
    const { db, outs } = await replayed('bureau-1917-12.yaml');
    const lines = linesIn(outs[0]!);
    expect(lines.slice(0, 2)).toEqual([
      // Four of four, quorum three; 3 ayes against Sverdlov's nay, under its one power: adopted,
      // provisional until a session of the Central Committee (report-to).
      'bureau-1917-12-29/kaledin: adopted: 3 ayes against 1 nay, majority of votes cast; 4 of 4 voting members present, quorum 3',
      expect.stringMatching(
        /^ {2}annulled by motion 1 \("Утвердить решение Бюро о Каледине"\) of the session of Центральный Комитет on 3 January 1918 \(Заседание ЦК\) \[entry \d+\]$/,
      ),
    ]);
    expect(lines.slice(2, 7)).toEqual([
      // Eight of nine present, quorum five (more than half of nine); 3 against 4: rejected, and
      // so the Bureau's decision annulled.
      'cc-1918-01-03/confirm-kaledin: rejected: 3 ayes against 4 nays, 1 not voting; majority of votes cast required; 8 of 9 voting members present, quorum 5',
      `  annuls ${kaledin}: put to ratify it, rejected`,
      // A week later, 6 to 3 to confirm it: the motion is adopted, but the decision awaits no
      // ratification any more (annulled already), so it stands annulled, and the motion is flagged
      // ("a motion ratifying what awaits no ratification by its body").
      'cc-1918-01-10/confirm-kaledin-again: adopted: 6 ayes against 3 nays, majority of votes cast; 9 of 9 voting members present, quorum 5',
      '  ! this motion ratifies motion 1 ("Двинуть войска против Каледина на Дону — «немедленно»") of the session of Бюро четырёх on 29 December 1917 (Заседание Бюро ЦК), which awaits no ratification by Центральный Комитет',
      `  put to ratify ${kaledin}: it stands as it did`,
    ]);
    // The protocol and the minutes say what each motion did to it, as the replay does: not that
    // the motion rejected on 3 January, or the one too late on 10 January, "ratifies" it.
    const protocol = await ok('protocol', '--db', db);
    expect(protocol).toContain(`\n     It annuls ${kaledin}: put to ratify it, rejected.\n`);
    expect(protocol).toContain(`\n     It was put to ratify ${kaledin}: it stands as it did.\n`);
    expect(protocol).not.toContain('It ratifies');
    expect(await ok('minutes', 'cc-1918-01-03', '--db', db)).toContain(
      `\n_It annuls ${kaledin}: put to ratify it, rejected._\n`,
    );
    expect(await ok('minutes', 'cc-1918-01-10', '--db', db)).toContain(
      `\n_It was put to ratify ${kaledin}: it stands as it did._\n`,
    );
    expect(await ok('decisions', '--db', db)).toMatch(
      /^bureau-1917-12-29\/kaledin \(motion of bureau\) \[entry \d+\]: "Двинуть войска против Каледина на Дону — «немедленно»\.": adopted; annulled by motion 1 /,
    );
    expect(await ok('provisional', '--db', db)).toBe('no decision awaits ratification\n');
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});

describe('the Bureau against Kaledin, put to ratify live once annulled', () => {
  it('is refused saying what annulled it, by name', async () => {
    const { db } = await replayed('bureau-1917-12.yaml');
    await ok('session', 'open', 'cc-live', '--body', 'central-committee', '--db', db);
    const r = await cli('ratify', 'bureau-1917-12-29/kaledin', '--session', 'cc-live', '--db', db);
    expect(r.code).toBe(1);
    // Live, a motion ratifies only what still awaits the body (docs/charter.md): this was
    // annulled on 3 January, and the refusal says so, naming the motion, not its ids.
    expect(r.err).toBe(
      `collegium: refused (charter-rule): ${kaledin} awaits no ratification by Центральный Комитет any more: it was annulled by motion 1 ("Утвердить решение Бюро о Каледине") of the session of Центральный Комитет on 3 January 1918 (Заседание ЦК)\n`,
    );
  });
});

describe('the Central Committee split three ways (10 January 1918)', () => {
  it('decides nothing on a tie for first place, nor where a tie for second leaves no runoff', async () => {
    const { outs } = await replayed('bureau-1917-12.yaml');
    const lines = linesIn(outs[0]!);
    expect(lines.slice(7)).toEqual([
      // Nine present; 3, 3 and 2 of 8 cast, Sverdlov abstaining: the first place is tied, and
      // under plurality "a tie for first place decides nothing".
      'cc-1918-01-10/peace-course: not decided: tie for first place between revolutionary-war and neither-war-nor-peace, 3 of 8 votes each, 1 abstention, plurality; 9 of 9 voting members present, quorum 5',
      '  ! the minutes state neither-war-nor-peace; the rules give not-decided',
      // Absolute: Moscow's 4 of 8 is not more than half, so "the first two go to a runoff"; but
      // Petrograd and Kazan share the second place, and no two can be named: nothing decided, no
      // runoff, and said so (docs/charter.md, now explicit).
      'cc-1918-01-10/capital: not decided: no alternative has more than half of 8 votes, 1 abstention, and petrograd and kazan tie for second place with 2 each; no runoff can be formed; 9 of 9 voting members present, quorum 5',
      '  ! no runoff: petrograd and kazan tie for second place with 2 each',
      '  ! the minutes state moscow; the rules give not-decided',
      expect.stringMatching(/^5 motions recorded in .+; 3 flagged$/),
    ]);
  });
});

describe('the wire from Baku on the destroyer for Enzeli (24 to 26 September 1920)', () => {
  it('counts the answers in time, and flags a reply signed outside the Politburo and a directive on what it rejected', async () => {
    const { db, dir, outs } = await replayed('politburo-1920-09.yaml');
    const members =
      'at least 1 of the members of Политическое бюро (В. И. Ленин, Л. Д. Троцкий, И. В. Сталин, Л. Б. Каменев, Н. Н. Крестинский)';
    expect(linesIn(outs[0]!)).toEqual([
      // Referred to Trotsky and Krestinsky, both asked before the reply: closed by it, no flag.
      'dispatch no. 1920/1 (baku-wire), received 24 September 1920, 09:00 from Г. К. Орджоникидзе, Баку: closed',
      // Three asked, Stalin's telegram at 13:00 after the 12:00 deadline: 0 ayes against 2 nays.
      'circulation enzeli: rejected: 2 nays (Л. Д. Троцкий and Н. Н. Крестинский), no answer from И. В. Сталин; 2 of 3 asked answered; majority of votes cast required',
      '  ! И. В. Сталин answered after the deadline: answer not counted',
      // Answered over the signature of one the reply's rule (a member) does not name: issued as
      // the minutes say, with none of the one signature it needs.
      'reply no. 1920/1 of Политическое бюро (baku-reply): issued',
      '  По поручению Политбюро: Г. Е. Зиновьев (recorded by Е. Д. Стасова)',
      `  ! Г. Е. Зиновьев is not among the signers of a reply of Политическое бюро: ${members}`,
      `  ! issued short of its signing rule: 0 of the 1 signature needed the rule admits: ${members}`,
      // "By order of the Politburo" over Lenin's signature alone, on a question it rejected.
      'directive no. 1920/2 of Политическое бюро (enzeli-directive): issued',
      '  По поручению Политбюро: В. И. Ленин (recorded by Е. Д. Стасова)',
      '  ! the question "Разрешить послать миноносец в Энзели?" put to Политическое бюро (24 September 1920) was not adopted',
      `  ! issued short of its signing rule: 1 of the 2 signatures needed: ${members.replace('at least 1', 'at least 2')}`,
      `1 circulation, 1 dispatch and 2 instruments recorded in ${db}; 3 flagged`,
    ]);
    expect(await ok('circulation', 'show', 'enzeli', '--db', db)).toMatch(
      /\n {4}Л\. Д\. Троцкий: nay \[entry \d+\], by telephone, recorded by В\. И\. Ленин, answered 24 September 1920, 23:10 UTC\n {6}"Категорически против — «никаких миноносцев»\."\n/,
    );
    // The bank trusts two of Lenin, Trotsky and Stalin for a directive: one is not enough, and
    // the charter's own rule is broken before the policy's.
    const verdict = await verdicts(db, dir);
    const r = await verdict('enzeli-directive');
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `\nrefused (signing-rule): the charter's rule: 1 of the 2 signatures needed: ${members.replace('at least 1', 'at least 2')}\n`,
    );
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});

describe('a member who changes his answer to a question in writing (live, second ballots replace)', () => {
  it('counts the later answer and says which it replaced', async () => {
    const { db } = await record();
    await ok(
      'circulate',
      'politburo',
      'Заменить разверстку натуральным налогом?',
      '--id',
      'nalog',
      '--deadline',
      '3d',
      '--as',
      'lenin',
      '--db',
      db,
    );
    const answer = (member: string, choice: string, channel: string, ...more: string[]) =>
      ok('answer', 'nalog', choice, '--for', member, '--channel', channel, ...more, '--db', db);
    const first = await answer('trotsky', 'aye', 'telephone');
    const entry = /\[entry (\d+)\]\n$/.exec(first)![1];
    // Under `second-ballot: replace`, a later answer of a member asked replaces the first: one
    // nay of Trotsky, no aye.
    await answer('trotsky', 'nay', 'letter', '--comment', 'Передумал: «против»');
    for (const member of ['lenin', 'stalin']) await answer(member, 'aye', 'in-person');
    const shown = await ok('circulation', 'show', 'nalog', '--db', db);
    expect(shown).toMatch(
      new RegExp(
        `\\n {4}Л\\. Д\\. Троцкий: nay \\[entry \\d+\\], by letter, recorded by Е\\. Д\\. Стасова, answered .+?, replacing aye \\[entry ${entry}\\], not yet confirmed by the member\\n {6}"Передумал: «против»"\\n`,
      ),
    );
    // Three answers of five, the quorum of three met: 2 ayes against 1 nay.
    expect(shown).toContain(
      '\n  Outcome so far: adopted: 2 ayes (В. И. Ленин and И. В. Сталин), 1 nay (Л. Д. Троцкий), no answer from Л. Б. Каменев and Н. Н. Крестинский; 3 of 5 asked answered, majority of votes cast, quorum 3 answers\n',
    );
  });
});

describe("the Council's mandate to Pestkovsky and his receipt to Trotsky (November 1917)", () => {
  it('keeps the receipt outstanding and the mandate revoked, and a bank tells them apart', async () => {
    const { db, dir, outs } = await replayed('sovnarkom-1917-11.yaml');
    const council = 'Совет Народных Комиссаров';
    expect(linesIn(outs[0]!)).toEqual([
      // Lenin signs the mandate, as the rule names him; revoked on 1 June 1918.
      `mandate no. 1917/1 of ${council} (pestkovsky-mandate): revoked`,
      '  Мандат: В. И. Ленин',
      // Stalin, a member of the Council, signs the receipt: never settled.
      `receipt no. 1917/2 of ${council} (trotsky-receipt): issued`,
      '  Расписка: И. В. Сталин',
      `2 instruments recorded in ${db}; 0 flagged`,
    ]);
    const receipt = await ok('instrument', 'show', 'trotsky-receipt', '--db', db);
    expect(receipt).toContain('\n  | Receipt for 3000 руб. received from Л. Д. Троцкий\n');
    expect(receipt).toContain('\n  State: issued, outstanding until settled\n');
    expect(await ok('instrument', 'show', 'pestkovsky-mandate', '--db', db)).toMatch(
      /\n {2}Revoked by the organization on 1 June 1918 \[entry \d+\]: Комиссариат создан — мандат более не нужен\n {2}State: revoked\n/,
    );
    const verdict = await verdicts(db, dir);
    const revoked = await verdict('pestkovsky-mandate');
    expect(revoked.code).toBe(1);
    expect(revoked.out).toContain(
      `\nrefused (not-in-force): mandate no. 1917/1 of ${council} is revoked as of the checkpoint\n`,
    );
    expect((await verdict('trotsky-receipt')).code).toBe(0);
  });

  it('refuses at its place a revocation before the mandate, a receipt settled that was never given, and a name for an id', async () => {
    const { db, dir } = await record();
    const source = readFileSync(fixture('sovnarkom-1917-11.yaml'), 'utf8');
    const refused = async (name: string, text: string) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      const r = await cli('replay', file, '--db', db);
      expect(r.code).toBe(1);
      return r.err.replaceAll(file, 'FILE');
    };
    // Revoked the day before the mandate was given: the record takes no end before a beginning.
    expect(
      await refused('early.yaml', source.replace('date: 1918-06-01', 'date: 1917-11-19')),
    ).toBe(
      'FILE:20:11: mandate no. 1917/1 of Совет Народных Комиссаров is revoked on 19 November 1917, before the date it bears, 20 November 1917\n' +
        'collegium: FILE: refused, nothing recorded\n',
    );
    // A later account settles a receipt the Council never gave: nothing to settle.
    expect(
      await refused(
        'ghost.yaml',
        source
          .replace('- revoke: pestkovsky-mandate', '- settle: pestkovsky-receipt')
          .replace(/reason: .*/, 'note: Возвращено'),
      ),
    ).toBe(
      "FILE:19:13: no instrument 'pestkovsky-receipt' in the record or before this in the file\n" +
        'collegium: FILE: refused, nothing recorded\n',
    );
    // A receipt the minutes keep as a draft, never issued, settled all the same: refused,
    // naming it as the file does, with its kind.
    expect(
      await refused(
        'draft.yaml',
        source
          .replace('signatures: [stalin]', 'signatures: [stalin]\n    issued: false')
          .replace('- revoke: pestkovsky-mandate', '- settle: trotsky-receipt')
          .replace(/reason: .*/, 'note: Возвращено'),
      ),
    ).toBe(
      "FILE:20:13: the receipt 'trotsky-receipt' is a draft this file never issues (issued: false): there is nothing to settle\n" +
        'collegium: FILE: 1 problem\n',
    );
    // Lenin's name written for his id: the column counts the letters before it (17 + "lenin, "),
    // and the refusal names the value, which is lowercase, but not Latin.
    expect(
      await refused(
        'cyrillic.yaml',
        source.replace('signatures: [lenin]', 'signatures: [lenin, ленин]'),
      ),
    ).toBe(
      'FILE:12:25: "ленин" is not an id: an id is lowercase Latin letters (a-z), digits, ".", "_" or "-"\n' +
        'collegium: FILE: 1 problem\n',
    );
    expect(linesIn(await ok('log', '--db', db))).toHaveLength(1);
  });
});

describe('a proxy held for a question in writing (live)', () => {
  it('does not let its holder answer for the member, and says the proxy is for votes in session', async () => {
    const { db } = await record();
    // Trotsky lets Kamenev vote for him in the Politburo for three days; a question is put.
    await ok(
      'proxy',
      'grant',
      'trotsky',
      'kamenev',
      '--body',
      'politburo',
      '--until',
      '3d',
      '--db',
      db,
    );
    const question = 'Заменить разверстку натуральным налогом?';
    await ok(
      'circulate',
      'politburo',
      question,
      '--id',
      'nalog',
      '--deadline',
      '3d',
      '--as',
      'lenin',
      '--db',
      db,
    );
    const size = linesIn(await ok('log', '--db', db)).length;
    // A proxy "lets another member vote for them" (docs/charter.md): a ballot at a sitting. An
    // answer in writing is the member's own, or an officer's record of it: Kamenev is neither.
    const r = await cli(
      'answer',
      'nalog',
      'aye',
      '--for',
      'trotsky',
      '--as',
      'kamenev',
      '--channel',
      'telephone',
      '--db',
      db,
    );
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      "collegium: refused (forbidden): Л. Б. Каменев may not answer for Л. Д. Троцкий: the proxy of Л. Д. Троцкий to Л. Б. Каменев is for votes in session, not for answers in writing, which are the member's own or recorded by the chair or secretary of Политическое бюро\n",
    );
    expect(linesIn(await ok('log', '--db', db))).toHaveLength(size);
    // The secretary records Trotsky's telephoned answer as any other.
    await ok('answer', 'nalog', 'aye', '--for', 'trotsky', '--channel', 'telephone', '--db', db);
  });
});

describe('the German terms and the minutes that record them (23 and 24 February 1918)', () => {
  it('records the papers in the order of their dates, the totals beside the names flagged in the order of the choices', async () => {
    const { db, outs } = await replayed('cc-1918-02.yaml');
    const countFlags = [
      // The later account's 7, 4 and 4 against the 4, 1 and 2 the protocol names: the names
      // decide (7 present of 9, quorum 5; 4 ayes against 1 nay), each total flagged.
      '  ! the minutes give 7 aye but name 4',
      '  ! the minutes give 4 nay but name 1',
      '  ! the minutes give 4 abstain but name 2',
    ];
    expect(linesIn(outs[0]!)).toEqual([
      // The sitting of the 23rd first, though the file gives it second.
      'cc-1918-02-23/accept-terms: adopted: 4 ayes against 1 nay, 2 abstentions, majority of votes cast; 7 of 9 voting members present, quorum 5',
      ...countFlags,
      // Trotsky, Bukharin and Dzerzhinsky gone: four of nine, five needed. The vote was taken
      // all the same, and the minutes call it adopted.
      'cc-1918-02-23/telegram: not decided: no quorum: 4 of 9 voting members present, 5 required',
      '  ! the minutes state adopted; the rules give not-decided',
      // The next day, all nine: 8 to 1.
      'cc-1918-02-24/approve-minutes: adopted: 8 ayes against 1 nay, majority of votes cast; 9 of 9 voting members present, quorum 5',
      `3 motions recorded in ${db}; 2 flagged`,
    ]);
    const minutes = await ok('minutes', 'cc-1918-02-23', '--db', db);
    // The minutes give the same flags in the same order as the replay: ayes, nays, abstaining.
    expect(minutes).toContain(
      `\n${countFlags.map((f) => f.replace('  ! ', '- Flag: ')).join('\n')}\n`,
    );
    expect(minutes).toContain(
      '\n- Л. Д. Троцкий left, before motion telegram.\n- Н. И. Бухарин left, before motion telegram.\n- Ф. Э. Дзержинский left, before motion telegram.\n',
    );
    expect(minutes).toMatch(
      /\n\*\*Approved on 24 February 1918 by motion 1 \("Утвердить протокол заседания 23 февраля"\) of the session of Центральный Комитет on 24 February 1918 \(Утреннее заседание\)\.\*\*\n/,
    );
    expect(minutes).toContain(
      '\n- Signed by В. И. Ленин, chair, on 24 February 1918, recorded by Е. Д. Стасова.\n',
    );
    expect(minutes).toContain('\nObjection of Н. И. Бухарин, on 24 February 1918:\n');
    expect(minutes).toContain('В протоколе не записано моё особое мнение.');
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});

describe('a mandate shown after its revocation, on a bundle exported before it', () => {
  it('is accepted only as of that bundle’s checkpoint, saying so, and refused on a fresh one', async () => {
    const { db, dir } = await record();
    const source = readFileSync(fixture('sovnarkom-1917-11.yaml'), 'utf8');
    const [issue, revoke] = source.split(/(?=^ {2}- revoke:)/m);
    const write = (name: string, text: string) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    };
    await ok('replay', write('issue.yaml', issue!), '--db', db);
    const old = join(dir, 'old.json');
    await ok('export', 'instrument', 'pestkovsky-mandate', '--db', db, '-o', old);
    await ok(
      'replay',
      write('revoke.yaml', `body: sovnarkom\ninstruments:\n${revoke}`),
      '--db',
      db,
    );
    const key = (await ok('log-key', '--db', db)).trim();
    const policy = write(
      'bank.yaml',
      readFileSync(fixture('policy-in-force.yaml'), 'utf8').replace('LOGKEY', key),
    );
    // Pestkovsky keeps the bundle he was given in November: it proves the mandate issued and
    // not revoked up to its checkpoint, which is all it can prove; the bank is told so.
    const shown = await cli('verify', old, '--trust', policy);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(
      /\nverified: the bundle shows the record as of its checkpoint, entry \d+: a revocation, settlement or annulment recorded after it is not in it; a fresh bundle shows one\n/,
    );
    // A bundle exported now carries the revocation: refused.
    const fresh = join(dir, 'fresh.json');
    await ok('export', 'instrument', 'pestkovsky-mandate', '--db', db, '-o', fresh);
    const refused = await cli('verify', fresh, '--trust', policy);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(
      '\nrefused (not-in-force): mandate no. 1917/1 of Совет Народных Комиссаров is revoked as of the checkpoint\n',
    );
  });
});

describe('a directive to sign at Riga dated before the answers it rests on (October 1920)', () => {
  it('is flagged where its date comes before the last answer counted, not where it bears that day', async () => {
    const { db, outs } = await replayed('politburo-1920-10.yaml');
    const question =
      'the question "Поручить Иоффе подписать предварительный мир с Польшей?" put to Политическое бюро (2 October 1920)';
    expect(linesIn(outs[0]!)).toEqual([
      // Four of five answered, quorum three: 3 ayes against Stalin's nay.
      'circulation riga-peace: adopted: 3 ayes (В. И. Ленин, Л. Д. Троцкий and Л. Б. Каменев), 1 nay (И. В. Сталин), no answer from Н. Н. Крестинский; 4 of 5 asked answered, majority of votes cast, quorum 3 answers',
      // Two members sign, as the rule asks; but at noon on the 2nd only Lenin had answered, and
      // Kamenev's aye, the last counted, came at 10:15 on the 3rd: the question was not decided
      // when the directive says it was drawn up.
      'directive no. 1920/1 of Политическое бюро (riga-directive): issued',
      '  По поручению Политбюро: В. И. Ленин (recorded by Е. Д. Стасова). Л. Д. Троцкий (recorded by Е. Д. Стасова)',
      `  ! dated 2 October 1920, 12:00, before the answers to ${question} were in: the last counted came on 3 October 1920, 10:15 UTC`,
      // The copy bears the 3rd alone, the day of the last answer: nothing to say against it.
      'directive no. 1920/2 of Политическое бюро (riga-directive-copy): issued',
      '  По поручению Политбюро: В. И. Ленин (recorded by Е. Д. Стасова). Л. Д. Троцкий (recorded by Е. Д. Стасова)',
      `1 circulation and 2 instruments recorded in ${db}; 1 flagged`,
    ]);
    expect(await ok('instrument', 'show', 'riga-directive', '--db', db)).toContain(
      `\n  ! dated 2 October 1920, 12:00, before the answers to ${question} were in: the last counted came on 3 October 1920, 10:15 UTC\n`,
    );
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});
