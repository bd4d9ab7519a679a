/**
 * A fourth set of cases of 1917 to 1921 (test/fixtures/central-committee-1917-1921-fourth),
 * transcribed as a historian would and replayed through the command line, each combining what the
 * other sets try apart: two mandates to one holder, one revoked, the other superseded; the Bureau of four deciding after
 * a member of the Central Committee it drew in has left; the Central Committee reversing that
 * decision, counting a member not voting, going to a runoff by absolute majority and losing its
 * quorum as four leave; a member made a candidate by amendment who votes on as a member; an
 * ultimatum signed by members, candidates and one who is neither; a telegram referred to the
 * Politburo as a body, put to it in writing, one answer taken down by wire and one late, confirmed
 * by the next sitting; a directive its signers sign out of the listed order; and a wire inscribed
 * to the Central Committee that only the Politburo takes up. Each outcome was worked out by hand
 * from "Rules, exactly" (docs/charter.md, docs/proceedings.md); the comment beside it says how.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { historyFixtures, linesIn, ok } from '../support/history-fixtures.js';

const { fixture, record, verdicts } = historyFixtures('central-committee-1917-1921-fourth');

/** The files in the order of their dates, as a record takes them. */
const IN_ORDER = [
  'sovnarkom-1917-11.yaml',
  'sovnarkom-1917-11-25.yaml',
  'bureau-1917-12.yaml',
  'cc-1918-01.yaml',
  'cc-1918-03.yaml',
  'politburo-1920-04.yaml',
  'politburo-1920-06.yaml',
];

/** A fresh record with the first `n` files replayed on it in turn: its paths and each output. */
async function replayed(n = IN_ORDER.length) {
  const { db, dir } = await record();
  const outs: string[] = [];
  for (const file of IN_ORDER.slice(0, n)) outs.push(await ok('replay', fixture(file), '--db', db));
  return { db, dir, outs };
}

const council = "Council of People's Commissars";

describe('two mandates of the Council to Pestkovsky (November 1917)', () => {
  it('keeps the second in force when the first is revoked, and a recipient tells them apart', async () => {
    const { db, dir, outs } = await replayed(1);
    // Numbered in the year of their dates, one after the other; the revocation has no line.
    expect(linesIn(outs[0]!)).toEqual([
      `mandate no. 1917/1 of ${council} (nationalities-mandate): revoked`,
      '  Mandate: V. I. Lenin',
      `mandate no. 1917/2 of ${council} (premises-mandate): issued`,
      '  Mandate: V. I. Lenin',
      `2 instruments recorded in ${db}; 0 flagged`,
    ]);
    expect(await ok('instrument', 'show', 'nationalities-mandate', '--db', db)).toMatch(
      /\n {2}Revoked by the organization on 1 February 1918 \[entry \d+\]: The Commissariat's collegium sits\.\n {2}State: revoked\n/,
    );
    expect(await ok('instrument', 'show', 'premises-mandate', '--db', db)).toContain(
      '\n  State: issued\n',
    );
    const verdict = await verdicts(db, dir);
    const second = await verdict('premises-mandate');
    expect(second.code).toBe(0);
    expect(second.out).toContain(
      `\ninstrument premises-mandate: mandate no. 1917/2 of ${council}, issued\n`,
    );
    const first = await verdict('nationalities-mandate');
    expect(first.code).toBe(1);
    expect(first.out).toContain(
      `\nrefused (not-in-force): mandate no. 1917/1 of ${council} is revoked as of the checkpoint\n`,
    );
  });
});

describe('a wider mandate superseding the second (25 November 1917)', () => {
  it('names the mandate that took its place, and a recipient refuses the one superseded', async () => {
    const { db, dir, outs } = await replayed(2);
    // A sitting of three of four, quorum three; the register's third mandate of 1917.
    expect(linesIn(outs[1]!)).toEqual([
      'cpc-1917-11-25/wider-mandate: adopted: 3 ayes against 0 nays, majority of votes cast; 3 of 4 voting members present, quorum 3',
      `mandate no. 1917/3 of ${council} (commissariat-mandate): issued`,
      '  Mandate: V. I. Lenin',
      `mandate no. 1917/2 of ${council} (premises-mandate): superseded`,
      '  Mandate: V. I. Lenin',
      `1 motion and 2 instruments recorded in ${db}; 0 flagged`,
    ]);
    expect(await ok('instrument', 'show', 'premises-mandate', '--db', db)).toMatch(
      new RegExp(
        `\\n {2}Superseded by mandate no\\. 1917/3 of ${council} \\[commissariat-mandate\\]; annulled by the organization \\[entry \\d+\\]: A wider mandate replaces it\\.\\n {4}under motion 1 \\("Replace Pestkovsky's mandate for the premises by a wider one"\\) of the session of ${council} on 25 November 1917: adopted\\n {2}State: superseded\\n`,
      ),
    );
    const verdict = await verdicts(db, dir);
    expect((await verdict('commissariat-mandate')).code).toBe(0);
    const superseded = await verdict('premises-mandate');
    expect(superseded.code).toBe(1);
    expect(superseded.out).toContain(
      `\nrefused (not-in-force): mandate no. 1917/2 of ${council} is superseded as of the checkpoint\n`,
    );
  });
});

describe('the Bureau of four after Kamenev, drawn in, has left (28 December 1917)', () => {
  it('flags the decision taken without him, not the one he sat for', async () => {
    const { db, outs } = await replayed(3);
    expect(linesIn(outs[2]!)).toEqual([
      // Zinoviev and Kamenev at Smolny and present: drawn in. Three of four members, quorum three.
      'bureau-1917-12-28/rada: adopted: 3 ayes against 0 nays, majority of votes cast; 3 of 4 voting members present, quorum 3',
      // Kamenev has left: the obligation is not met when the vote opens; the decision stands, flagged.
      'bureau-1917-12-28/grain: adopted: 2 ayes against 1 nay, majority of votes cast; 3 of 4 voting members present, quorum 3',
      '  ! Bureau of four did not draw in L. B. Kamenev of its parent, who was at hand',
      `2 motions recorded in ${db}; 1 flagged`,
    ]);
    const minutes = await ok('minutes', 'bureau-1917-12-28', '--db', db);
    expect(minutes).toContain('- **Also present:** G. E. Zinoviev, L. B. Kamenev\n');
    expect(minutes).toContain('- L. B. Kamenev left, before motion grain.\n');
    expect(minutes).toContain(
      '- Flag: Bureau of four did not draw in L. B. Kamenev of its parent, who was at hand\n',
    );
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});

describe('the Central Committee on 3 January 1918', () => {
  it('reverses the Bureau, counts one not voting, goes to a runoff, and loses its quorum', async () => {
    const { db, outs } = await replayed(4);
    expect(linesIn(outs[3]!)).toEqual([
      // Nine of eleven members present (Dzerzhinsky, Lomov away), quorum six; 5 of 8 cast.
      'cc-1918-01-03/reverse-grain: adopted: 5 ayes against 3 nays, 1 abstention, majority of votes cast; 9 of 11 voting members present, quorum 6',
      // Not voting is no vote cast: 2 against 6.
      'cc-1918-01-03/war-call: rejected: 2 ayes against 6 nays, 1 not voting; majority of votes cast required; 9 of 11 voting members present, quorum 6',
      // Absolute: 4 of 9 is not more than half; the minutes' "Moscow" is not what the rules give.
      'cc-1918-01-03/congress-seat: not decided: no alternative has more than half of 9 votes (moscow 4, petrograd 3); runoff between moscow and petrograd; 9 of 11 voting members present, quorum 6',
      '  ! the minutes state moscow; the rules give not-decided',
      'cc-1918-01-03/congress-runoff: moscow: 5 of 9 votes, absolute majority; 9 of 11 voting members present, quorum 6',
      // Kamenev, Bukharin, Uritsky and Zinoviev gone: five of eleven, six required.
      'cc-1918-01-03/stockholm: not decided: no quorum: 5 of 11 voting members present, 6 required',
      '  ! the minutes state adopted; the rules give not-decided',
      `5 motions recorded in ${db}; 2 flagged`,
    ]);
    // The protocol of the Bureau shows what became of its decision, and the Committee's what it follows.
    const bureau = await ok('protocol', 'bureau-1917-12-28', '--db', db);
    expect(bureau).toContain(
      '\n     Chain: bureau-1917-12-28/grain (adopted) → cc-1918-01-03/reverse-grain (adopted)\n',
    );
    const protocol = await ok('protocol', 'cc-1918-01-03', '--db', db);
    expect(protocol).toContain(
      '\n     It follows motion 2 ("Requisition the grain trains standing at Vologda for Petrograd") of the session of Bureau of four on 28 December 1917.\n',
    );
    expect(protocol).toContain('\n     Counted: aye 2, nay 6, not-voting 1\n');
    expect(protocol).toContain('\n     The minutes state: moscow (differs)\n');
    const minutes = await ok('minutes', 'cc-1918-01-03', '--db', db);
    expect(minutes).toContain(
      'The vote (counts only, as the minutes give them): 9 ballots.\n\n' +
        '- **Ayes:** 2\n- **Nays:** 6\n- **Not voting:** 1\n',
    );
    expect(minutes).toContain(
      '- L. B. Kamenev left, before motion stockholm.\n' +
        '- N. I. Bukharin left, before motion stockholm.\n' +
        '- M. S. Uritsky left, before motion stockholm.\n' +
        '- G. E. Zinoviev left, before motion stockholm.\n',
    );
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});

describe('Lomov made a candidate, and an ultimatum of members and candidates (March 1918)', () => {
  it('counts him as a candidate from the amendment on, and the ultimatum one signature short', async () => {
    const { db, outs } = await replayed(5);
    const lines = linesIn(outs[4]!);
    const ruleInWords =
      'at least 8 of the members of Central Committee (V. I. Lenin, L. D. Trotsky, J. V. Stalin, Ya. M. Sverdlov, G. E. Zinoviev, L. B. Kamenev, N. N. Krestinsky, N. I. Bukharin, F. E. Dzerzhinsky, M. S. Uritsky), the candidates of Central Committee (E. D. Stassova, A. A. Joffe, I. T. Smilga, G. I. Lomov)';
    expect(lines).toEqual([
      // Lomov still a member when it is put: nine of eleven present, his nay counted.
      'cc-1918-03-06/demote-lomov: adopted: 6 ayes against 3 nays, majority of votes cast; 9 of 11 voting members present, quorum 6',
      expect.stringMatching(/^ {2}charter amended: in force from entry \d+$/),
      // Ten members now, Lomov a candidate: eight of ten present, his nay not counted.
      'cc-1918-03-06/party-name: adopted: 5 ayes against 2 nays, 1 abstention, majority of votes cast; 8 of 10 voting members present, quorum 6',
      '  ! G. I. Lomov is a candidate (voice, no vote): ballot not counted',
      // Six members present (Lomov and Stassova candidates), quorum six; the minutes count seven.
      'cc-1918-03-20/moscow-move: adopted: 4 ayes against 2 nays, 1 not voting, majority of votes cast; 6 of 10 voting members present, quorum 6',
      '  ! 7 votes counted but only 6 voting members present',
      'ultimatum no. 1918/1 of Central Committee (ultimatum): issued',
      expect.stringMatching(/^ {2}Ultimatum: V\. I\. Lenin \(recorded by E\. D\. Stassova\)\. /),
      // Five members and two candidates (Lomov one of them) count; Pestkovsky is neither.
      `  ! S. S. Pestkovsky is not among the signers of an ultimatum of Central Committee: ${ruleInWords}`,
      `  ! issued short of its signing rule: 7 of the 8 signatures needed the rule admits: ${ruleInWords}`,
      `3 motions and 1 instrument recorded in ${db}; 3 flagged`,
    ]);
    // The signatures in the order given, Stassova's her own as secretary.
    expect(lines[7]).toBe(
      '  Ultimatum: V. I. Lenin (recorded by E. D. Stassova). L. D. Trotsky (recorded by E. D. Stassova). J. V. Stalin (recorded by E. D. Stassova). Ya. M. Sverdlov (recorded by E. D. Stassova). G. E. Zinoviev (recorded by E. D. Stassova). G. I. Lomov (recorded by E. D. Stassova). E. D. Stassova. S. S. Pestkovsky (recorded by E. D. Stassova)',
    );
    const minutes = await ok('minutes', 'cc-1918-03-20', '--db', db);
    expect(minutes).toContain(
      '- **Present:** 8 members: V. I. Lenin, L. D. Trotsky, J. V. Stalin, Ya. M. Sverdlov, G. E. Zinoviev, N. N. Krestinsky, G. I. Lomov (candidate), E. D. Stassova (candidate)\n',
    );
    expect(minutes).toContain('- Flag: 7 votes counted but only 6 voting members present\n');
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});

describe('a telegram from Tiflis put to the Politburo in writing (April and May 1920)', () => {
  it('decides by the answers in time, is confirmed by the next sitting, and answered by a reply', async () => {
    const { db, outs } = await replayed();
    const lines = linesIn(outs[5]!);
    expect(lines.slice(0, 8)).toEqual([
      // Referred to the Politburo as a body, put to all five: no one left unasked.
      'dispatch no. 1920/233 (tiflis-wire), received 28 April 1920 from S. M. Kirov, Tiflis: closed',
      // Three answers in time (quorum three); 2 ayes, 0 nays cast; Trotsky's nay came late.
      'circulation georgia-treaty: adopted: 2 ayes (V. I. Lenin and J. V. Stalin), 1 abstention (L. B. Kamenev), no answer from L. D. Trotsky and N. N. Krestinsky; 3 of 5 asked answered, majority of votes cast, quorum 3 answers',
      '  ! L. D. Trotsky answered after the deadline: answer not counted',
      // ratify: next-session; the next sitting's motion adopted: ratified.
      expect.stringMatching(
        /^ {2}ratified by motion 1 \("Confirm the treaty with Georgia"\) of the session of Political Bureau on 4 May 1920 \[entry \d+\]$/,
      ),
      'pb-1920-05-04/confirm-treaty: adopted: 3 ayes against 1 nay, majority of votes cast; 4 of 5 voting members present, quorum 3',
      '  ratifies the question "Conclude a treaty with Georgia recognising its independence?" put to Political Bureau (28 April 1920)',
      'pb-1920-05-04/georgia: adopted: 4 ayes against 0 nays, majority of votes cast; 4 of 5 voting members present, quorum 3',
      'directive no. 1920/1 of Political Bureau (georgia-directive): issued',
    ]);
    const shown = await ok('circulation', 'show', 'georgia-treaty', '--db', db);
    expect(shown).toMatch(
      /\n {4}J\. V\. Stalin: aye \[entry \d+\], by direct wire, recorded by N\. N\. Krestinsky, answered 28 April 1920, 22:00 UTC\n/,
    );
    expect(shown).toMatch(
      /\n {4}L\. D\. Trotsky: nay \[entry \d+\], by telegram, recorded by N\. N\. Krestinsky, answered 30 April 1920, 18:00 UTC, after the deadline, not counted\n/,
    );
    const dispatch = await ok('dispatch', 'show', 'tiflis-wire', '--db', db);
    expect(dispatch).toMatch(
      /\n {2}Referred by V\. I\. Lenin to Political Bureau \[entry \d+\]: "To the Politburo"\n/,
    );
    expect(dispatch).toMatch(
      /\n {2}Closed \[entry \d+\]: answered by reply no\. 1920\/2 of Political Bureau\n$/,
    );
    expect(lines.slice(-3)).toEqual([
      'reply no. 1920/2 of Political Bureau (tiflis-reply): issued',
      '  By order of the Politburo: V. I. Lenin (recorded by N. N. Krestinsky)',
      `2 motions, 1 circulation, 1 dispatch and 2 instruments recorded in ${db}; 2 flagged`,
    ]);
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });

  it('flags a directive signed by Stalin before Lenin, without asking Stalin to sign again', async () => {
    const { db, dir, outs } = await replayed();
    const lines = linesIn(outs[5]!);
    const at = lines.indexOf(
      'directive no. 1920/1 of Political Bureau (georgia-directive): issued',
    );
    const order = '(V. I. Lenin, J. V. Stalin, L. D. Trotsky)';
    expect(lines.slice(at + 1, at + 5)).toEqual([
      '  By order of the Politburo: J. V. Stalin (recorded by N. N. Krestinsky). V. I. Lenin (recorded by N. N. Krestinsky). L. D. Trotsky (recorded by N. N. Krestinsky)',
      `  ! J. V. Stalin may not sign yet: V. I. Lenin must sign first, or the 3 signatures needed could never be gathered in the listed order ${order}`,
      // Stalin's signature is spent: he cannot sign again, so Trotsky is not told to wait for him.
      `  ! L. D. Trotsky signs out of the listed order ${order}: J. V. Stalin signed out of it before and cannot sign again, so the 3 signatures needed can no longer be gathered in it`,
      // Of the three, in the order listed, only Lenin's counts.
      '  ! issued short of its signing rule: 1 of the 3 signatures needed the rule admits: V. I. Lenin, J. V. Stalin, L. D. Trotsky, every one of them, in the order listed',
    ]);
    const verdict = await verdicts(db, dir);
    const refused = await verdict('georgia-directive');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(
      "\nrefused (signing-rule): the charter's rule: 1 of the 3 signatures needed the rule admits: V. I. Lenin, J. V. Stalin, L. D. Trotsky, every one of them, in the order listed\n",
    );
  });
});

describe('a wire inscribed "To the Central Committee" that the Politburo decides (June 1920)', () => {
  it('flags the inscription no question followed, and leaves the decision awaiting confirmation', async () => {
    const { outs } = await replayed();
    expect(linesIn(outs[6]!).slice(0, 4)).toEqual([
      // The register's second number of 1920: the first is the Tiflis telegram's, 1920/233.
      'dispatch no. 1920/2 (baku-wire), received 1 June 1920 from G. K. Ordzhonikidze, Baku: referred',
      '  ! the inscription refers it to Central Committee, to which no question on it was put',
      // Its own rule, a majority of votes cast: 2 of 2 asked. The Politburo's ratify: next-session.
      'circulation enzeli-landing: adopted: 2 ayes (V. I. Lenin and J. V. Stalin); 2 of 2 asked answered, majority of votes cast',
      '  provisional: awaits ratification by a session of Political Bureau',
    ]);
  });
});

describe('malformed transcriptions of these cases', () => {
  it('are refused at FILE:LINE:COL, nothing recorded', async () => {
    const { db } = await record();
    // The Politburo's sitting dated before the question it confirms was put.
    const dir = mkdtempSync(join(tmpdir(), 'collegium-fourth-'));
    const early = join(dir, 'politburo-1920-04.yaml');
    writeFileSync(
      early,
      readFileSync(fixture('politburo-1920-04.yaml'), 'utf8').replace(
        'date: 1920-05-04',
        'date: 1920-04-27',
      ),
    );
    const r = await cli('replay', early, '--db', db);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(
      `${early}:39:19: circulation 'georgia-treaty' is recorded after this (28 April 1920, 12:00): what an item refers to must come before it`,
    );
    // Someone at Smolny who is no member of the Central Committee.
    const bureau = join(dir, 'bureau-1917-12.yaml');
    writeFileSync(
      bureau,
      readFileSync(fixture('bureau-1917-12.yaml'), 'utf8').replace(
        'at-hand: [zinoviev, kamenev]',
        'at-hand: [zinoviev, pestkovsky]',
      ),
    );
    const s = await cli('replay', bureau, '--db', db);
    expect(s.code).not.toBe(0);
    expect(s.err).toContain(
      `${bureau}:10:25: pestkovsky, said to be at hand, is not a voting member`,
    );
    expect(linesIn(await ok('log', '--db', db))).toHaveLength(1);
  });
});
