/**
 * A seventh set of cases of 1917 to 1921 (test/fixtures/central-committee-1917-1921-seventh), every
 * name, title, place and wording in Russian, replayed through the command line as a historian
 * would, each on the organization changing over time and the record read later: the two central
 * committees sitting together, jointly for and each body apart against; a member co-opted between
 * two sessions, whose seat raises the quorum of the next one, which then sits short of it, and of
 * the next joint sitting, where one body lacks a quorum of its own; and the
 * minutes of the sitting that co-opted him, objected to, put for approval without a quorum and
 * approved at the sitting after, as the protocol, the minutes in each format and the audit read
 * them afterwards. Each outcome was worked out by hand from "Rules, exactly" (docs/charter.md,
 * docs/proceedings.md, docs/minutes.md) before it was run; the comment beside it says how.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { historyFixtures, linesIn, ok } from '../support/history-fixtures.js';

const { fixture, replayed } = historyFixtures('central-committee-1917-1921-seventh');

const cc = 'Центральный Комитет';
const eleventh = `the session of ${cc} on 11 January 1918 (Заседание ЦК)`;

describe('the two central committees sitting together on the Constituent Assembly (December 1917)', () => {
  it('rejects what the joint count adopts, the Left SRs all against, and says so body by body', async () => {
    const { db, outs } = await replayed('joint-1917-12.yaml');
    // Each body's own count, under each body's own rules: the Central Committee 6 ayes against
    // 2 nays (Zinoviev, Kamenev), Uritsky abstaining, 9 of 9 present, quorum 5 (more than half of
    // 9); the Left SRs 0 against 3, 3 of 3 present, quorum 2. Under `each-body` a motion is adopted
    // only when every body adopts it: rejected, though jointly it is 6 against 5, 12 of 12 present
    // (quorum 7), adopted, which the explanation need not say since the joint count does not fail.
    const ccCount =
      'adopted: 6 ayes against 2 nays, 1 abstention, majority of votes cast; 9 of 9 voting members present, quorum 5';
    const srCount =
      'rejected: 0 ayes against 3 nays; majority of votes cast required; 3 of 3 voting members present, quorum 2';
    expect(linesIn(outs[0]!)).toEqual([
      `joint-1917-12-20/dissolve: rejected: each body's own majority is required: central-committee ${ccCount}; left-sr-cc ${srCount}`,
      '  ! the minutes state adopted; the rules give rejected',
      expect.stringMatching(/^1 motion recorded in .+; 1 flagged$/),
    ]);
    // The protocol gives the decision body by body, each under its own name (README: "a joint
    // session's decision body by body"); the joint session's roll is the twelve, each once.
    const protocol = await ok('protocol', 'joint-1917-12-20', '--db', db);
    expect(protocol).toContain('\n  Present (12): В. И. Ленин, ');
    expect(protocol).toContain(
      `\n       ${cc}: ${ccCount}\n       ЦК партии левых эсеров: ${srCount}\n     The minutes state: adopted (differs)\n`,
    );
    // The minutes: the quorum of the joint body (12 of 12, quorum 7: more than half of twelve).
    const minutes = await ok('minutes', 'joint-1917-12-20', '--db', db);
    expect(minutes).toContain('\n- **Quorum:** 12 of 12 voting members present, quorum 7\n');
    expect(minutes).toContain('\n**Decision: Rejected.**\n');
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});

describe('Sokolnikov co-opted on 11 January 1918, and five members on the 13th', () => {
  it('counts the next quorum over ten members, so five are short of it', async () => {
    const { db, outs } = await replayed('cc-1918-01.yaml');
    const lines = linesIn(outs[0]!);
    // Nine of nine, quorum 5; 7 ayes against Bukharin's nay: adopted, and the charter of ten in
    // force from the entry after the close.
    expect(lines.slice(0, 2)).toEqual([
      'cc-1918-01-11/co-opt-sokolnikov: adopted: 7 ayes against 1 nay, 1 abstention, majority of votes cast; 9 of 9 voting members present, quorum 5',
      expect.stringMatching(/^ {2}charter amended: in force from entry \d+$/),
    ]);
    // On the 13th the body has ten voting members: a quorum is more than half of ten, six. Five
    // would have been enough of nine; under the charter in force they are not: nothing decided,
    // the approval of the minutes of the 11th neither.
    expect(lines.slice(2)).toEqual([
      'cc-1918-01-13/peace-talks: not decided: no quorum: 5 of 10 voting members present, 6 required',
      '  ! the minutes state adopted; the rules give not-decided',
      'cc-1918-01-13/approve-minutes: not decided: no quorum: 5 of 10 voting members present, 6 required',
      '  ! the minutes state adopted; the rules give not-decided',
      expect.stringMatching(/^3 motions recorded in .+; 2 flagged$/),
    ]);
    // What the co-option changed, said in words: the quorum of the Central Committee moves from
    // 5 (more than half of nine) to 6, and the joint body's, over 12 then 13, stays 7.
    const diff = await ok(
      'charter',
      'diff',
      fixture('charter.yaml'),
      fixture('charter-1918-01.yaml'),
    );
    expect(linesIn(diff).slice(1)).toEqual([
      '  person added: Г. Я. Сокольников (sokolnikov)',
      '  central-committee: members in: Г. Я. Сокольников (sokolnikov)',
      '  central-committee: quorum: more than half of the 9 voting members (5) → more than half of the 10 voting members (6)',
      '  joint-cc: members in: Г. Я. Сокольников (sokolnikov)',
      '  joint-cc: quorum: more than half of the 12 voting members (7) → more than half of the 13 voting members (7)',
    ]);
    expect(await ok('charter', 'show', '--db', db)).toMatch(
      new RegExp(
        `^# The charter in force at entry \\d+: in force from entry \\d+, as amended by motion 1 \\("Кооптировать Г\\. Я\\. Сокольникова в члены ЦК"\\) of ${eleventh.replace(/[()]/g, '\\$&')}\\.\n`,
      ),
    );
    // Sokolnikov sits as a member; the five who did not come are the absent, of ten.
    const minutes = await ok('minutes', 'cc-1918-01-13', '--db', db);
    expect(minutes).toContain(
      '\n- **Present:** 5 members: В. И. Ленин, И. В. Сталин, Я. М. Свердлов, Г. Е. Зиновьев, Г. Я. Сокольников\n',
    );
    expect(minutes).toContain(
      '\n- **Absent:** 5 members: Л. Д. Троцкий, Л. Б. Каменев, Н. И. Бухарин, М. С. Урицкий, Ф. Э. Дзержинский\n',
    );
    // The protocol says what the second motion was put to do, as the minutes do
    // (docs/minutes.md: what it "continues, answers or approves").
    const protocol = await ok('protocol', 'cc-1918-01-13', '--db', db);
    expect(minutes).toContain(`\n_It approves the minutes of ${eleventh}._\n`);
    expect(protocol).toContain(
      `\n  2. approve-minutes: "Утвердить протокол заседания 11 января."\n     It approves the minutes of ${eleventh} [cc-1918-01-11].\n`,
    );
    // The minutes of the 11th: an approval put and closed undecided approves nothing, and is no
    // longer "put and not yet decided" either; the signatures and Bukharin's objection stand.
    const first = await ok('minutes', 'cc-1918-01-11', '--db', db);
    expect(first).toContain('\n**Draft, not yet approved**\n');
    expect(first).toContain('\n**Not yet approved.**\n');
    expect(first).toContain(
      '\nObjection of Н. И. Бухарин, on 13 January 1918:\n\n> Моё особое мнение против кооптации не записано.\n',
    );
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});

describe('the two central committees again on 14 January 1918, Sokolnikov one of them', () => {
  it('counts the joint body over thirteen, and decides nothing where one body lacks its quorum', async () => {
    const { db, outs } = await replayed('cc-1918-01.yaml', 'joint-1918-01.yaml');
    // The joint body's members are those of the bodies it joins, as the charter in force has
    // them: ten (Sokolnikov co-opted on the 11th) and three, thirteen; seven present is more
    // than half of thirteen, quorum 7. The Central Committee: 6 of 10, quorum 6, 6 ayes: adopted.
    // The Left SRs: Karelin alone, 1 of 3, quorum 2: no quorum, so not decided; and no motion is
    // decided without a body's quorum (docs/charter.md): not decided, not rejected.
    expect(linesIn(outs[1]!)).toEqual([
      "joint-1918-01-14/delegation: not decided: each body's own majority is required: central-committee adopted: 6 ayes against 0 nays, majority of votes cast; 6 of 10 voting members present, quorum 6; left-sr-cc not decided: no quorum: 1 of 3 voting members present, 2 required",
      '  ! the minutes state adopted; the rules give not-decided',
      expect.stringMatching(/^1 motion recorded in .+; 1 flagged$/),
    ]);
    const minutes = await ok('minutes', 'joint-1918-01-14', '--db', db);
    expect(minutes).toContain('\n- **Quorum:** 7 of 13 voting members present, quorum 7\n');
    // The six absent of thirteen: four of the Central Committee, two of the Left SRs.
    expect(minutes).toContain(
      '\n- **Absent:** 6 members: Л. Б. Каменев, Н. И. Бухарин, М. С. Урицкий, Ф. Э. Дзержинский, М. А. Спиридонова, Б. Д. Камков\n',
    );
    expect(minutes).toContain('\n**Decision: Not decided.**\n');
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});

describe('the minutes of 11 January approved at the sitting of the 15th', () => {
  it('are approved by the later motion, in every format, the failed attempt left aside', async () => {
    const { db, outs } = await replayed('cc-1918-01.yaml', 'cc-1918-01-15.yaml');
    // Six of ten present, quorum six: met; 5 ayes against Bukharin's nay.
    expect(linesIn(outs[1]!)).toEqual([
      'cc-1918-01-15/approve-minutes: adopted: 5 ayes against 1 nay, majority of votes cast; 6 of 10 voting members present, quorum 6',
      expect.stringMatching(/^1 motion recorded in .+; 0 flagged$/),
    ]);
    const by = `motion 1 ("Утвердить протокол заседания 11 января") of the session of ${cc} on 15 January 1918 (Заседание ЦК)`;
    // "Approved on DATE by DECISION" (docs/minutes.md), the date the approving session's own.
    const md = await ok('minutes', 'cc-1918-01-11', '--db', db);
    expect(md).toContain(`\n**Approved on 15 January 1918 by ${by}**\n`);
    expect(md).not.toContain('Draft');
    const html = await ok('minutes', 'cc-1918-01-11', '--format', 'html', '--db', db);
    expect(html).toContain(`Approved on 15 January 1918 by ${by.replace(/"/g, '&quot;')}`);
    expect(html).not.toContain('Draft');
    const protocol = await ok('protocol', 'cc-1918-01-11', '--db', db);
    expect(protocol).toMatch(
      new RegExp(
        `\\n {2}Minutes approved on 15 January 1918 by ${by.replace(/[()]/g, '\\$&')} \\[entry \\d+\\]; content sha256 [0-9a-f]{64}\\n`,
      ),
    );
    // The approval covers the content the chair and the secretary signed on the 13th.
    const hash = /content sha256 ([0-9a-f]{64})/.exec(protocol)![1]!;
    expect(md).toContain(`\n\`\`\`\n${hash}\n\`\`\`\n`);
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});
