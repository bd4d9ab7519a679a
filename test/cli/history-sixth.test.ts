/**
 * A sixth set of cases of 1917 to 1921 (test/fixtures/central-committee-1917-1921-sixth), every
 * name, title, place and wording in Russian as the documents give them, replayed through the
 * command line as a historian would, each at a corner the other sets leave: a decision of the
 * Bureau the Central Committee refuses to confirm and a week later votes to confirm after all;
 * alternatives tied for first place, and tied for second where a runoff needs two. Each outcome
 * was worked out by hand from "Rules, exactly" (docs/charter.md, docs/proceedings.md) before it
 * was run; the comment beside it says how.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { historyFixtures, linesIn, ok } from '../support/history-fixtures.js';

const { fixture, record } = historyFixtures('central-committee-1917-1921-sixth');

/** A fresh record with `files` replayed on it in turn: its paths and each replay's output. */
async function replayed(...files: string[]) {
  const { db, dir } = await record();
  const outs: string[] = [];
  for (const file of files) outs.push(await ok('replay', fixture(file), '--db', db));
  return { db, dir, outs };
}

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
      '  ! confirm-kaledin-again ratifies motion kaledin of session bureau-1917-12-29, which awaits no ratification by central-committee',
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
