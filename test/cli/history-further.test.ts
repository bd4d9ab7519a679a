/**
 * Further cases of 1917 to 1921 (test/fixtures/central-committee-1917-1921-further), replayed as a
 * historian would, through the command line: a Politburo whose members come and go, a Bureau
 * reporting to the Central Committee, a People's Commissar outvoted and overruling his collegium
 * through the Central Committee, a wire answered by a reply, a mandate and a receipt over their
 * lives, candidates promoted by amendment, an objection beside the minutes, and counts only.
 * Each outcome was worked out by hand from the rules ("Rules, exactly" in docs/charter.md); the
 * comment beside it, and the fixture's, names the rule.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { historyFixtures, linesIn, ok } from '../support/history-fixtures.js';

const { fixture, record, verdicts } = historyFixtures('central-committee-1917-1921-further');

describe('the Politburo of five, quorum three, as members come and go', () => {
  it('counts who is present when each vote opens', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('politburo-1919-05.yaml'), '--db', db);
    expect(linesIn(out)).toEqual([
      // Lenin and Stalin, with the candidate Bukharin: two of five.
      'pb-1919-05-07/kolchak-front: not decided: no quorum: 2 of 5 voting members present, 3 required',
      // Krestinsky arrives: three of five; the candidate's "not voting" is no ballot.
      'pb-1919-05-07/kolchak-front-again: adopted: 2 ayes against 1 nay, majority of votes cast; 3 of 5 voting members present, quorum 3',
      // Lenin leaves, Kamenev and Trotsky come: his aye is not counted.
      'pb-1919-05-07/petrograd-defence: rejected: 1 aye against 2 nays, 1 abstention; majority of votes cast required; 4 of 5 voting members present, quorum 3',
      '  ! V. I. Lenin was not present when the vote opened: ballot not counted',
      // Trotsky and Kamenev leave: two of five, whatever the counts.
      'pb-1919-05-07/late-grain: not decided: no quorum: 2 of 5 voting members present, 3 required',
      '  ! the minutes state adopted; the rules give not-decided',
      `4 motions recorded in ${db}; 2 flagged`,
    ]);
    const minutes = await ok('minutes', 'pb-1919-05-07', '--db', db);
    expect(minutes).toContain(
      '- N. N. Krestinsky arrived, before motion kolchak-front-again.\n' +
        '- V. I. Lenin left, before motion petrograd-defence.\n',
    );
    expect(minutes).toContain('- **Quorum:** 4 of 5 voting members present, quorum 3\n');
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});

describe('the Bureau of four, reporting to the Central Committee', () => {
  it('flags a decision outside its powers, and says how the Central Committee disposed of each', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('bureau-1917-12.yaml'), '--db', db);
    const lines = linesIn(out);
    expect(lines[0]).toBe(
      'bureau-1917-12-27/rada: adopted: 3 ayes against 0 nays, majority of votes cast; 3 of 4 voting members present, quorum 3',
    );
    expect(lines[1]).toMatch(
      /^ {2}ratified by motion 1 \("Confirm the Bureau's ultimatum to the Rada"\) of the session of Central Committee on 3 January 1918 \[entry \d+\]$/,
    );
    // No power named: outside extraordinary-affairs; recorded, flagged, and still reported.
    expect(lines.slice(3, 5)).toEqual([
      '  ! Bureau of four decided outside its delegated powers (extraordinary-affairs)',
      expect.stringMatching(
        /^ {2}annulled by motion 2 \("Confirm the Bureau's day for the Constituent Assembly"\) of the session of Central Committee on 3 January 1918 \[entry \d+\]$/,
      ),
    ]);
    // Eight of nine present, quorum five (more than half of nine); 3 ayes against 5 nays.
    expect(lines.slice(7, 9)).toEqual([
      'cc-1918-01-03/confirm-assembly: rejected: 3 ayes against 5 nays; majority of votes cast required; 8 of 9 voting members present, quorum 5',
      '  annuls motion 2 ("Fix the day the Constituent Assembly opens") of the session of Bureau of four on 27 December 1917: put to ratify it, rejected',
    ]);
    expect(await ok('provisional', '--db', db)).toBe('no decision awaits ratification\n');
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});

describe("a People's Commissar outvoted by his collegium", () => {
  it('carries the question to the Central Committee, and the chain shows both', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('narkomnats-1918-04.yaml'), '--db', db);
    expect(linesIn(out)).toEqual([
      // The chairman votes as one of five: 2 ayes against 3 nays.
      'narkomnats-1918-04-02/tatar-bashkir: rejected: 2 ayes against 3 nays; majority of votes cast required; 5 of 5 voting members present, quorum 3',
      // Six of nine voting members (Kalinin a candidate), quorum five.
      'cc-1918-04-09/tatar-bashkir: adopted: 4 ayes against 1 nay, 1 abstention, majority of votes cast; 6 of 9 voting members present, quorum 5',
      `2 motions recorded in ${db}; 0 flagged`,
    ]);
    const chain = await ok('question', 'narkomnats-1918-04-02/tatar-bashkir', '--db', db);
    expect(chain).toContain(
      'Chain: narkomnats-1918-04-02/tatar-bashkir (rejected) → cc-1918-04-09/tatar-bashkir (adopted)\n',
    );
  });
});

describe('a wire from Baku, referred, put to two members by wire, and answered', () => {
  it('names the question by its day where the minutes time it, and closes the wire by the reply', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('politburo-1920-09.yaml'), '--db', db);
    expect(linesIn(out)).toEqual([
      'dispatch no. 1920/517 (baku-destroyer), received 24 September 1920, 21:00 from G. K. Ordzhonikidze, Baku: closed',
      // {majority: votes-cast}: Krestinsky's nay came after the deadline; Trotsky's aye decides.
      'circulation enzeli: adopted: 1 aye (L. D. Trotsky), no answer from N. N. Krestinsky; 1 of 2 asked answered, majority of votes cast',
      '  ! N. N. Krestinsky answered after the deadline: answer not counted',
      'reply no. 1920/1 of Political Bureau (enzeli-reply): issued',
      '  By order of the Politburo: V. I. Lenin. J. V. Stalin',
      `1 circulation, 1 dispatch and 1 instrument recorded in ${db}; 1 flagged`,
    ]);
    // The question was put at 21:30 on 24 September: it is named by that day, in words.
    const question =
      'The question "Permit a destroyer to be sent to Enzeli?" put to Political Bureau (24 September 1920)';
    expect(await ok('dispatch', 'show', 'baku-destroyer', '--db', db)).toContain(
      `\n  ${question}: adopted\n  Closed [entry`,
    );
    expect(await ok('instrument', 'show', 'enzeli-reply', '--db', db)).toContain(
      `\n  Rests on ${question.replace('The', 'the')}: adopted\n`,
    );
    // The register dates it by its day, as it dates a session's motions.
    const row = linesIn(await ok('export', 'decisions', '--db', db))[1]!;
    expect(row).toMatch(/^,enzeli,politburo,Political Bureau,1920-09-24,,/);
  });
});

describe('a mandate and a receipt over their lives, verified by a bank', () => {
  it('accepts them while in force and refuses them once revoked and settled, naming the Commissariat', async () => {
    const { db, dir } = await record();
    await ok('replay', fixture('narkomnats-1917-11.yaml'), '--db', db);
    const verdict = await verdicts(db, dir);
    const commissariat = "People's Commissariat of Nationalities";
    const issued = await verdict('pestkovsky-mandate');
    expect(issued.code).toBe(0);
    expect(issued.out).toContain(
      `\ninstrument pestkovsky-mandate: mandate no. 1917/1 of ${commissariat}, issued\n` +
        "  | Mandate to S. S. Pestkovsky: to set up the People's Commissariat of Nationalities\n" +
        '  Mandate: J. V. Stalin (recorded by S. S. Pestkovsky)\n',
    );
    // A receipt outstanding is in force: the debt stands, and the register says so.
    expect((await verdict('trotsky-loan')).code).toBe(0);
    expect(await ok('instrument', 'show', 'trotsky-loan', '--db', db)).toContain(
      '\n  State: issued, outstanding until settled\n',
    );

    const later = await ok('replay', fixture('narkomnats-1918-05.yaml'), '--db', db);
    expect(later).toContain(`receipt no. 1917/2 of ${commissariat} (trotsky-loan): settled\n`);
    const revoked = await verdict('pestkovsky-mandate');
    expect(revoked.code).toBe(1);
    expect(revoked.out).toContain(
      `\ninstrument pestkovsky-mandate: mandate no. 1917/1 of ${commissariat}, revoked\n`,
    );
    expect(revoked.out).toContain(
      `\nrefused (not-in-force): mandate no. 1917/1 of ${commissariat} is revoked as of the checkpoint\n`,
    );
    const settled = await verdict('trotsky-loan');
    expect(settled.code).toBe(1);
    expect(settled.out).toContain(
      `\nrefused (not-in-force): receipt no. 1917/2 of ${commissariat} is settled as of the checkpoint\n`,
    );
    const shown = await ok('instrument', 'show', 'pestkovsky-mandate', '--db', db);
    expect(shown).toMatch(
      /\n {2}Revoked by J\. V\. Stalin on 10 March 1918 \[entry \d+\]: The Commissariat is set up\.\n {2}State: revoked\n/,
    );
  });
});

describe('candidates promoted by amendment, and an objection beside the minutes', () => {
  it('counts each vote under the charter in force, and keeps the later account beside the protocol', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('cc-1919-03.yaml'), '--db', db);
    expect(linesIn(out)).toEqual([
      // Kalinin still a candidate: 2 ayes against 2 nays; a tie fails.
      'cc-1919-03-18/grain-levy: rejected: 2 ayes against 2 nays, 1 abstention; a tie fails without a casting vote; majority of votes cast required; 6 of 9 voting members present, quorum 5',
      '  ! M. I. Kalinin is a candidate (voice, no vote): ballot not counted',
      '  ! the minutes state adopted; the rules give rejected',
      'cc-1919-03-18/promote-candidates: adopted: 6 ayes against 0 nays, majority of votes cast; 6 of 9 voting members present, quorum 5',
      expect.stringMatching(/^ {2}charter amended: in force from entry \d+$/),
      // Ten members from the next entry: quorum six; both promoted vote.
      'cc-1919-03-18/grain-levy-again: adopted: 4 ayes against 2 nays, 1 abstention, majority of votes cast; 8 of 10 voting members present, quorum 6',
      // Five of ten is no quorum now, where five of nine was one.
      'cc-1919-03-25/moscow-soviet: not decided: no quorum: 5 of 10 voting members present, 6 required',
      '  ! the minutes state adopted; the rules give not-decided',
      `4 motions recorded in ${db}; 2 flagged`,
    ]);
    await ok('replay', fixture('cc-1919-04.yaml'), '--db', db);
    const minutes = await ok('minutes', 'cc-1919-03-18', '--db', db);
    expect(minutes).toContain(
      '- **Present:** 8 members: V. I. Lenin, L. D. Trotsky, J. V. Stalin, G. E. Zinoviev, L. B. Kamenev, N. N. Krestinsky, M. I. Kalinin (candidate), E. A. Preobrazhensky (candidate)\n',
    );
    expect(minutes).toContain(
      '- Signed by V. I. Lenin, chair, on 1 April 1919, recorded by N. N. Krestinsky.\n' +
        '- Signed by N. N. Krestinsky, secretary, on 1 April 1919.\n\n' +
        'Objection of L. D. Trotsky, on 1 April 1919:\n\n' +
        '> I had left before the first vote on the grain levy; the minutes wrongly name me among its nays.\n',
    );
    // The objection stands beside the protocol; it changes no vote the record holds.
    expect(minutes).toContain('- **Nays:** 2: L. D. Trotsky, L. B. Kamenev\n');
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});

describe('votes given as counts only', () => {
  it('are decided and shown in the order the minutes give them: ayes, nays, abstaining, ...', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('politburo-1920-03.yaml'), '--db', db);
    expect(linesIn(out)).toEqual([
      // Three voting members and a candidate present: four votes counted is one too many.
      'pb-1920-03-02/labour-armies: adopted: 3 ayes against 1 nay, majority of votes cast; 3 of 5 voting members present, quorum 3',
      '  ! 4 votes counted but only 3 voting members present',
      'pb-1920-03-02/trade-unions: rejected: 1 aye against 1 nay, 1 not voting; a tie fails without a casting vote; majority of votes cast required; 3 of 5 voting members present, quorum 3',
      'pb-1920-03-02/polish-talks: adopted: 2 ayes against 1 nay, 1 abstention, 1 declined, majority of votes cast; 4 of 5 voting members present, quorum 3',
      '  ! 5 votes counted but only 4 voting members present',
      `3 motions recorded in ${db}; 2 flagged`,
    ]);
    const protocol = await ok('protocol', 'pb-1920-03-02', '--db', db);
    expect(protocol).toContain('\n     Counted: aye 2, nay 1, abstain 1, declined 1\n');
    const minutes = await ok('minutes', 'pb-1920-03-02', '--db', db);
    expect(minutes).toContain(
      '- **Ayes:** 2\n- **Nays:** 1\n- **Abstaining:** 1\n- **Declined to vote:** 1\n',
    );
  });
});

describe('an answer deferred until the member consulted arrives (15 to 18 January 1918)', () => {
  it('says how each came in words, and closes the letter by the telegram over both signatures', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('cc-1918-01.yaml'), '--db', db);
    expect(linesIn(out)).toEqual([
      'dispatch no. 1918/1 (brest-letter), received 15 January 1918, 10:00 from L. D. Trotsky, Brest-Litovsk: closed',
      // No rule of its own and none in the Central Committee's charter: the consultation advises.
      'circulation brest-consultation: advisory: 1 aye (J. V. Stalin); 1 of 1 asked answered; a consultation without a rule decides nothing',
      'telegram no. 1918/1 of Central Committee (brest-telegram): issued',
      '  Telegram: V. I. Lenin (recorded by N. N. Krestinsky). J. V. Stalin (recorded by N. N. Krestinsky)',
      `1 circulation, 1 dispatch and 1 instrument recorded in ${db}; 0 flagged`,
    ]);
    // "Stalin has just arrived": his answer was given in person, not "by in-person".
    expect(await ok('circulation', 'show', 'brest-consultation', '--db', db)).toMatch(
      /\n {4}J\. V\. Stalin: aye \[entry \d+\], in person, recorded by V\. I\. Lenin, answered 18 January 1918, 15:00 UTC\n/,
    );
    const letter = await ok('dispatch', 'show', 'brest-letter', '--db', db);
    expect(letter).toContain(
      '\n  Received 15 January 1918, 10:00 by direct wire from L. D. Trotsky, Brest-Litovsk\n',
    );
    expect(letter).toMatch(
      /\n {2}Closed \[entry \d+\]: answered by telegram no\. 1918\/1 of Central Committee\n/,
    );
  });
});

describe('the Politburo after Krestinsky leaves it (March 1921)', () => {
  it('judges each paper and answer by the charter in force when it was given', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('cc-1921-03.yaml'), '--db', db);
    expect(linesIn(out).slice(0, 5)).toEqual([
      'pb-1921-03-01/kronstadt: adopted: 3 ayes against 0 nays, majority of votes cast; 3 of 5 voting members present, quorum 3',
      // Signed on 1 March by two members: nothing to flag.
      'directive no. 1921/1 of Political Bureau (kronstadt-directive): issued',
      '  By order of the Politburo: V. I. Lenin. N. N. Krestinsky',
      'cc-1921-03-16/elect-politburo: adopted: 6 ayes against 1 nay, majority of votes cast; 7 of 9 voting members present, quorum 5',
      expect.stringMatching(/^ {2}charter amended: in force from entry \d+$/),
    ]);
    // Krestinsky, asked on 20 March, has no vote: flagged once, by his answer, not counted.
    expect(linesIn(out).slice(5, 7)).toEqual([
      'circulation nep-poll: adopted: 2 ayes (V. I. Lenin and G. E. Zinoviev); 2 of 2 asked answered, majority of votes cast',
      '  ! N. N. Krestinsky is not a voting member: answer not counted',
    ]);
    // At least 2 of the members, on 22 March: Krestinsky's signature no longer counts.
    expect(linesIn(out).slice(9, 11)).toEqual([
      '  ! N. N. Krestinsky is not among the signers of a directive of Political Bureau: at least 2 of the members of Political Bureau (V. I. Lenin, L. D. Trotsky, J. V. Stalin, L. B. Kamenev, G. E. Zinoviev)',
      '  ! issued short of its signing rule: 1 of the 2 signatures needed the rule admits: at least 2 of the members of Political Bureau (V. I. Lenin, L. D. Trotsky, J. V. Stalin, L. B. Kamenev, G. E. Zinoviev)',
    ]);
    const shown = await ok('instrument', 'show', 'kronstadt-directive', '--db', db);
    expect(shown).toContain(
      '\n  Rule: met: signed as the charter requires: at least 2 of the members of Political Bureau (V. I. Lenin, L. D. Trotsky, J. V. Stalin, L. B. Kamenev, N. N. Krestinsky)\n',
    );
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});

describe('a wire taken up by a sitting of the day it came', () => {
  it('is refused where the wire is timed after the sitting, saying at what time it came', async () => {
    const { db, dir } = await record();
    const file = join(dir, 'riga.yaml');
    // A sitting's date is the first moment of its day: a wire received at 09:00 comes after it.
    writeFileSync(
      file,
      [
        'body: politburo',
        'dispatches:',
        '  - id: riga-wire',
        '    received: 1920-10-01T09:00',
        '    from: A. A. Joffe, Riga',
        '    channel: direct-wire',
        '    text: Sign the preliminary peace?',
        'sessions:',
        '  - id: pb-1920-10-01',
        '    date: 1920-10-01',
        '    present: [lenin, stalin, kamenev, trotsky]',
        '    motions:',
        '      - id: riga',
        '        text: Authorize Joffe to sign the preliminary peace.',
        '        dispatch: riga-wire',
        '        vote: { aye: [lenin, kamenev, trotsky], nay: [stalin] }',
        '',
      ].join('\n'),
    );
    const refused = await cli('replay', file, '--db', db);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `${file}:15:19: dispatch 'riga-wire' is recorded after this (1 October 1920, 09:00): what an item refers to must come before it`,
    );
  });
});
