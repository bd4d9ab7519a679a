/**
 * A ninth set of cases of 1917 to 1921 (test/fixtures/central-committee-1917-1921-ninth),
 * replayed through the command line as a historian would, each at a corner the other sets leave:
 * a Central Committee convened two days ahead, sitting on one day's notice and on none; questions
 * of discipline put to three quarters, on the line and short of it; a casting vote the minutes
 * give to a chair who had left the room, and one given by the chair in it; a motion the minutes put
 * to unanimity; minutes approved over an objection and signed; mandates signed by an officer, and
 * by a member who is none, one of them run out; the charter amended between sittings, a Politburo
 * that decides with two of five only once the amendment is adopted, by exactly two thirds after a
 * first attempt fell short, and a Central Committee of ten that the five of before no longer make
 * a quorum of; a Politburo quorum written as the fraction 0.6 of five, which is three; a wire with
 * its tape attached, referred to two members and to a body, answered before the answer it rested on
 * came; a directive annulled and replaced, refused by its recipient once superseded; the receipt
 * for three thousand roubles, which only an officer or Trotsky may settle; a Politburo that waits
 * for its third member, and a ballot given after its member left; three places tied for first
 * under an absolute majority, and a re-invitation issued once; the deferred answer of January
 * 1918, Stalin consulted and the reply signed "Lenin. Stalin" in that order, in minutes and live;
 * a candidate made a member in the middle of a sitting; decisions in writing put to confirmation
 * only once the charter asked for it; a People's Commissar outvoted by his collegium, who takes
 * the question to the Council; directives signed by order of the Politburo before and after the
 * charter names Lenin and Stalin; the Council's executive committee, whose decisions the Council
 * confirms and annuls after dissolving it; the Bureau of four drawing in, and failing to draw in,
 * the members of the Committee at Smolny; and a Politburo of two that a proxy makes three. Each
 * outcome was worked out by hand from "Rules, exactly" (docs/charter.md, docs/proceedings.md)
 * before it was run; the comment beside it says how.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { historyFixtures, linesIn, ok, recorded } from '../support/history-fixtures.js';

const { fixture, record, replayed, verdicts } = historyFixtures(
  'central-committee-1917-1921-ninth',
);

describe('the Central Committee convened, and not, in March 1918', () => {
  it('says a sitting opened on the day of its notice opened less than a day after it', async () => {
    const { db, dir } = await record();
    const sameDay = join(dir, 'same-day.yaml');
    writeFileSync(
      sameDay,
      readFileSync(fixture('cc-1918-03.yaml'), 'utf8').replace(
        '      date: 1918-03-05\n',
        '      date: 1918-03-06\n',
      ),
    );
    const lines = linesIn(await ok('replay', sameDay, '--db', db));
    expect(lines.slice(0, 2)).toEqual([
      'session cc-1918-03-06 of Central Committee, 6 March 1918: opened',
      "  ! opened less than a day after its notice of 6 March 1918: the charter requires 2 days' notice",
    ]);
  });

  it('flags the sittings opened short of their notice, and decides each motion by its own rule', async () => {
    const { db, outs } = await replayed('cc-1918-03.yaml');
    expect(linesIn(outs[0]!)).toEqual([
      // Noticed on 5 March for 6 March: one day, where the charter asks two. The sitting is
      // recorded as the minutes have it, and the replay says so before its motions.
      'session cc-1918-03-06 of Central Committee, 6 March 1918: opened',
      "  ! opened 1 day after its notice of 5 March 1918: the charter requires 2 days' notice",
      // Eight of nine present (Dzerzhinsky excused), quorum 5. Three quarters of 8 votes cast is
      // 6: 6 ayes meet it exactly.
      'cc-1918-03-06/expel: adopted: 6 ayes against 2 nays, three quarters of votes cast; 8 of 9 voting members present, quorum 5',
      // 5 ayes of 7 cast: three quarters is 5¼, and 5 falls short.
      'cc-1918-03-06/reprimand: rejected: 5 ayes against 2 nays, 1 abstention; three quarters of votes cast required; 8 of 9 voting members present, quorum 5',
      '  ! the minutes state adopted; the rules give rejected',
      // Sverdlov has left: 7 present. 3 against 3 is a tie; the chair's casting vote the minutes
      // give him is not counted, since he was not in the room when the vote opened: rejected.
      'cc-1918-03-06/moscow: rejected: 3 ayes against 3 nays, 1 abstention; a tie fails without a casting vote; majority of votes cast required; 7 of 9 voting members present, quorum 5',
      '  ! casting vote (aye) ignored: the chair Ya. M. Sverdlov was not present when the vote opened',
      '  ! the minutes state adopted; the rules give rejected',
      // Back, 8 present. The minutes put it to unanimity, and Bukharin's nay fails that; the
      // charter decides by a majority of votes cast: 7 against 1, adopted. Both flagged.
      'cc-1918-03-06/petrograd-defence: adopted: 7 ayes against 1 nay, majority of votes cast; 8 of 9 voting members present, quorum 5',
      '  ! the minutes put it to unanimity (no nays, at least one aye); the charter decides it by a majority of votes cast',
      '  ! the minutes state rejected; the rules give adopted',
      // Noticed on 6 March for 8 March: two days, as the charter asks; nothing said of it.
      'cc-1918-03-08/minutes-march-6: adopted: 8 ayes against 0 nays, 1 abstention, majority of votes cast; 9 of 9 voting members present, quorum 5',
      // All nine: 4 against 4, Sverdlov abstaining as a member, breaks the tie as chair with a
      // nay: 4 against 5, rejected, as the minutes say.
      "cc-1918-03-08/moscow-again: rejected: 4 ayes against 4 nays, 1 abstention, tie broken by the chair's casting vote (Ya. M. Sverdlov, nay); majority of votes cast required; 9 of 9 voting members present, quorum 5",
      'cc-1918-03-08/nationalities-mandate: adopted: 8 ayes against 0 nays, 1 abstention, majority of votes cast; 9 of 9 voting members present, quorum 5',
      // Stassova, the secretary, is an officer: her signature meets "at least 1 of the officers".
      // The mandate ran to 1 June 1918, long past.
      'mandate no. 1918/1 of Central Committee (pestkovsky-mandate): issued, expired 1 June 1918',
      '  Mandate: E. D. Stassova',
      // Lenin sits on the Committee but is none of its officers (Sverdlov chairs): his signature
      // is not counted, and the mandate goes out with none that is.
      'mandate no. 1918/2 of Central Committee (pestkovsky-mandate-lenin): issued',
      '  Mandate: V. I. Lenin (recorded by E. D. Stassova)',
      '  ! V. I. Lenin is not among the signers of a mandate of Central Committee: at least 1 of the officers of Central Committee (Ya. M. Sverdlov, E. D. Stassova)',
      '  ! issued short of its signing rule: 0 of the 1 signature needed the rule admits: at least 1 of the officers of Central Committee (Ya. M. Sverdlov, E. D. Stassova)',
      // No notice at all: flagged; six of nine make the quorum, 5 against 1.
      'session cc-1918-03-09 of Central Committee, 9 March 1918: opened',
      "  ! opened without notice: the charter requires 2 days' notice",
      'cc-1918-03-09/congress: adopted: 5 ayes against 1 nay, majority of votes cast; 6 of 9 voting members present, quorum 5',
      expect.stringMatching(recorded('8 motions and 2 instruments', 6)),
    ]);
    // The minutes of 6 March: approved on 8 March over Bukharin's objection, and signed by the
    // chair and the secretary.
    const protocol = await ok('protocol', 'cc-1918-03-06', '--db', db);
    expect(protocol).toContain(
      "\n  Convened by a notice of 5 March 1918 for 6 March 1918 [entry 1].\n  ! opened 1 day after its notice of 5 March 1918: the charter requires 2 days' notice\n",
    );
    expect(protocol).toContain('\n  Excused (1): F. E. Dzerzhinsky (At the Cheka)\n');
    expect(protocol).toMatch(
      /Minutes approved on 8 March 1918 by motion 1 \("Approve the minutes of the session of 6 March 1918"\) of the session of Central Committee on 8 March 1918 \(Session of the Central Committee\) \[entry \d+\]/,
    );
    expect(protocol).toMatch(
      /\n {4}Objection of N\. I\. Bukharin: "The minutes leave out my statement against the reprimand\." \[entry \d+\]\n/,
    );
    expect(protocol).toMatch(/Signed by Ya\. M\. Sverdlov \(chair\), recorded by E\. D\. Stassova/);
    expect(protocol).toMatch(/Signed by E\. D\. Stassova \(secretary\) \[entry \d+\]/);
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });

  it('gives each flagged sitting an object of its own in --json, before its motions', async () => {
    const { db } = await record();
    const r = await cli('--json', 'replay', fixture('cc-1918-03.yaml'), '--db', db);
    expect(r.code).toBe(0);
    const items = JSON.parse(r.out) as { [key: string]: unknown }[];
    // The motions keep their objects as they were; a sitting the record flags comes first.
    expect(items[0]).toEqual({
      session: 'cc-1918-03-06',
      body: 'central-committee',
      date: '1918-03-06',
      flags: ["opened 1 day after its notice of 5 March 1918: the charter requires 2 days' notice"],
      entry: expect.any(Number),
    });
    expect(items[1]).toMatchObject({ session: 'cc-1918-03-06', motion: 'expel', flags: [] });
    const sittings = items.filter((i) => !('motion' in i) && !('instrument' in i));
    expect(sittings.map((i) => i['session'])).toEqual(['cc-1918-03-06', 'cc-1918-03-09']);
    expect(items.filter((i) => 'motion' in i)).toHaveLength(8);
  });
});

describe('the charter amended between sittings (March 1919)', () => {
  it('decides each sitting under the charter in force on its day', async () => {
    const { db, outs } = await replayed('cc-1919-03.yaml');
    expect(linesIn(outs[0]!)).toEqual([
      // An amendment is decided by two thirds: 5 of 8 votes cast is short of 5⅓. Rejected, so
      // nothing is amended, though the minutes say adopted.
      'cc-1919-03-18/politburo-two: rejected: 5 ayes against 3 nays; two thirds of votes cast required; 8 of 9 voting members present, quorum 5',
      '  ! the minutes state adopted; the rules give rejected',
      // The charter of the record still asks 0.6 of five, three: Lenin and Stalin alone decide
      // nothing.
      'pb-1919-03-19/eastern-front: not decided: no quorum: 2 of 5 voting members present, 3 required',
      '  ! the minutes state adopted; the rules give not-decided',
      // 4 of 6 votes cast is two thirds exactly: adopted, and in force from the entry after.
      'cc-1919-03-20/politburo-two-and-sokolnikov: adopted: 4 ayes against 2 nays, 2 abstentions, two thirds of votes cast; 8 of 9 voting members present, quorum 5',
      expect.stringMatching(/^ {2}charter amended: in force from entry \d+$/),
      // The same two, the same question: under the amended charter two make the quorum.
      'pb-1919-03-21/eastern-front: adopted: 2 ayes against 0 nays, majority of votes cast; 2 of 5 voting members present, quorum 2',
      // Sokolnikov co-opted: ten members, more than half is six; the five who were a quorum of
      // nine are not one of ten.
      'cc-1919-03-25/orgburo: not decided: no quorum: 5 of 10 voting members present, 6 required',
      '  ! the minutes state adopted; the rules give not-decided',
      expect.stringMatching(recorded('5 motions', 3)),
    ]);
    const amendedAt = Number(/in force from entry (\d+)/.exec(outs[0]!)![1]);
    // The record keeps both versions: before the amendment, and from it.
    const diff = await ok('charter', 'diff', '1', String(amendedAt), '--db', db);
    expect(linesIn(diff).slice(1)).toEqual([
      '  central-committee: members in: G. Ya. Sokolnikov (sokolnikov)',
      '  central-committee: quorum: more than half of the 9 voting members (5) → more than half of the 10 voting members (6)',
      '  politburo: quorum: 0.6 of the 5 voting members (3) → 2 of 5 voting members',
    ]);
    const before = await ok('charter', 'show', '--at', String(amendedAt - 1), '--db', db);
    expect(before).toMatch(
      /^# The charter in force at entry \d+: in force from entry 0, as adopted with the record\.\n/,
    );
    expect(before).toMatch(/\n {4}quorum:\n {6}fraction: 0\.6\n/);
    const after = await ok('charter', 'show', '--at', String(amendedAt), '--db', db);
    expect(after).toMatch(
      /^# The charter in force at entry \d+: in force from entry \d+, as amended by motion 1 \("Co-opt G\. Ya\. Sokolnikov, and let the Politburo decide with two of its members…"\) of the session of Central Committee on 20 March 1919/,
    );
    expect(after).toMatch(/\n {4}quorum:\n {6}count: 2\n/);
    // The audit recomputes every decision under the version in force when its vote opened.
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });

  it('refuses, after the amendment, a sitting dated before it, which the old charter decided', async () => {
    const { db, dir } = await replayed('cc-1919-03.yaml');
    const file = join(dir, 'politburo-1919-03-19.yaml');
    writeFileSync(
      file,
      `body: politburo
sessions:
  - id: pb-1919-03-19-evening
    date: 1919-03-19
    present: [lenin, stalin]
    motions:
      - id: kolchak
        text: Move the Second Army against Kolchak.
        vote: { aye: 2 }
        stated: adopted
`,
    );
    const r = await cli('replay', file, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /politburo-1919-03-19\.yaml:4:11: session 'pb-1919-03-19-evening' is dated 19 March 1919, before the charter of the record was amended by motion 1 \("Co-opt G\. Ya\. Sokolnikov, and let the Politburo decide with two of its members…"\) of the session of Central Committee on 20 March 1919/,
    );
  });
});

describe('the Politburo of five, three its quorum, and a wire from Baku (October 1920)', () => {
  it('flags a reply sent before the answer it rests on, and inscriptions left unanswered', async () => {
    const { db, dir, outs } = await replayed('politburo-1920-10.yaml');
    expect(linesIn(outs[0]!)).toEqual([
      // Closed by the reply that answers it. Krestinsky was asked at 15:00, after the reply of
      // 11:00; no question on it was put to the Central Committee.
      'dispatch no. 1920/611 (baku-wire), received 1 October 1920 from G. K. Ordzhonikidze, Baku: closed',
      '  ! the inscription refers it to N. N. Krestinsky, who was asked only after it was answered',
      '  ! the inscription refers it to Central Committee, to which no question on it was put',
      // Trotsky alone asked, under its own rule of a majority of votes cast: 1 against 0.
      'circulation enzeli: adopted: 1 aye (L. D. Trotsky); 1 of 1 asked answered, majority of votes cast',
      // Two members sign, as the rule asks; but the reply is dated 11:00 and Trotsky's answer,
      // the last counted, came at 12:00.
      'directive no. 1920/1 of Political Bureau (reply-baku): issued',
      '  By order of the Politburo: V. I. Lenin (recorded by E. D. Stassova). L. D. Trotsky (recorded by E. D. Stassova)',
      '  ! dated 1 October 1920, 11:00, before the answers to the question "Permit a destroyer to be sent to Enzeli?" put to Political Bureau (1 October 1920) were in: the last counted came on 1 October 1920, 12:00 UTC',
      // No rule of its own: the body's, a majority of votes cast with two answers at least. One
      // of one asked answered: nothing is decided, and the question is not advisory.
      'circulation enzeli-krestinsky: not decided: too few answers: 1 of 1 answered, 2 required; 1 aye (N. N. Krestinsky); 1 of 1 asked answered',
      '  ! the minutes state advisory; the rules give not-decided',
      // Three of five: ceil(0.6 × 5) = 3, taken exactly (not 4, as 0.6 × 5 in floating point,
      // 3.0000000000000004, would round up to). 2 against 1: adopted.
      'pb-1920-10-05/persia: adopted: 2 ayes against 1 nay, majority of votes cast; 3 of 5 voting members present, quorum 3',
      // Kamenev gone: two of five, short of three.
      'pb-1920-10-05/gilan: not decided: no quorum: 2 of 5 voting members present, 3 required',
      '  ! the minutes state adopted; the rules give not-decided',
      // Annulled by the decision of 7 October and superseded by the second directive: its state
      // is what the whole file left it.
      'directive no. 1920/2 of Political Bureau (flotilla-1): superseded',
      '  By order of the Politburo: J. V. Stalin (recorded by E. D. Stassova). V. I. Lenin (recorded by E. D. Stassova)',
      // Resting on a decision not taken; signed by Stalin and by Stassova, the secretary, who is
      // no member: one signature of the two the rule needs.
      'directive no. 1920/3 of Political Bureau (gilan-directive): issued',
      '  By order of the Politburo: J. V. Stalin (recorded by E. D. Stassova). E. D. Stassova',
      '  ! motion 2 ("Recognize the Soviet Republic of Gilan") of the session of Political Bureau on 5 October 1920 (Session of the Politburo) was not adopted',
      '  ! E. D. Stassova is not among the signers of a directive of Political Bureau: at least 2 of the members of Political Bureau (V. I. Lenin, L. D. Trotsky, J. V. Stalin, L. B. Kamenev, N. N. Krestinsky)',
      '  ! issued short of its signing rule: 1 of the 2 signatures needed the rule admits: at least 2 of the members of Political Bureau (V. I. Lenin, L. D. Trotsky, J. V. Stalin, L. B. Kamenev, N. N. Krestinsky)',
      'pb-1920-10-07/recall: adopted: 3 ayes against 1 nay, majority of votes cast; 4 of 5 voting members present, quorum 3',
      'directive no. 1920/4 of Political Bureau (flotilla-2): issued',
      '  By order of the Politburo: L. D. Trotsky (recorded by E. D. Stassova). V. I. Lenin (recorded by E. D. Stassova)',
      expect.stringMatching(recorded('3 motions, 2 circulations, 1 dispatch and 4 instruments', 5)),
    ]);
    // The tape is kept with the dispatch, by its hash.
    const wire = await ok('dispatch', 'show', 'baku-wire', '--db', db);
    expect(wire).toMatch(/baku-wire\.txt/);
    // The flotilla accepts two of Lenin, Trotsky and Stalin, in force: the directive that
    // replaced the first, not the first, nor the one Stassova signed.
    const verdict = await verdicts(db, dir);
    expect((await verdict('flotilla-2')).code).toBe(0);
    const superseded = await verdict('flotilla-1');
    expect(superseded.code).toBe(1);
    expect(superseded.out).toContain(
      '\nrefused (not-in-force): directive no. 1920/2 of Political Bureau is superseded as of the checkpoint\n',
    );
    expect((await verdict('gilan-directive')).code).toBe(1);
  });
});

describe("Pestkovsky's mandates and his receipt to Trotsky (1918)", () => {
  it('refuses the mandate run out and the one no officer signed', async () => {
    const { db, dir } = await replayed('cc-1918-03.yaml');
    const verdict = await verdicts(db, dir);
    const expired = await verdict('pestkovsky-mandate');
    expect(expired.code).toBe(1);
    expect(expired.out).toContain(
      '\nrefused (not-in-force): mandate no. 1918/1 of Central Committee was in force until 1 June 1918\n',
    );
    const lenin = await verdict('pestkovsky-mandate-lenin');
    expect(lenin.code).toBe(1);
    expect(lenin.out).toContain(
      "\nrefused (signing-rule): the charter's rule: 0 of the 1 signature needed the rule admits: at least 1 of the officers of Central Committee (Ya. M. Sverdlov, E. D. Stassova)\n",
    );
  });

  it('keeps the receipt outstanding, settled only by an officer or its creditor', async () => {
    const { db, dir, outs } = await replayed('receipt-1918.yaml');
    expect(linesIn(outs[0]!)).toEqual([
      // The Committee's charter names mandates only: the receipt is recorded, and flagged.
      'receipt no. 1918/1 of Central Committee (trotsky-loan): issued',
      '  Receipt: S. S. Pestkovsky (recorded by E. D. Stassova)',
      '  ! Central Committee issues no receipt: its charter names mandate',
      expect.stringMatching(recorded('1 instrument', 1)),
    ]);
    const settle = (by: string) => {
      const file = join(dir, `settle-${by}.yaml`);
      writeFileSync(
        file,
        `body: central-committee
instruments:
  - settle: trotsky-loan
    date: 1918-04-01
    settled-by: ${by}
`,
      );
      return cli('replay', file, '--db', db);
    };
    // Pestkovsky gave it; he is neither an officer of the Committee nor its creditor.
    const debtor = await settle('pestkovsky');
    expect(debtor.code).toBe(1);
    expect(debtor.err).toContain(
      'settle-pestkovsky.yaml:3:13: S. S. Pestkovsky may not settle receipt no. 1918/1 of Central Committee: an officer of Central Committee or its creditor, L. D. Trotsky, does\n',
    );
    expect(await ok('instrument', 'show', 'trotsky-loan', '--db', db)).toContain(
      '\n  State: issued, outstanding until settled\n',
    );
    // Trotsky, its creditor, may.
    const creditor = await settle('trotsky');
    expect(creditor.code).toBe(0);
    expect(creditor.out).toContain(
      'receipt no. 1918/1 of Central Committee (trotsky-loan): settled\n',
    );
  });
});

describe('the Politburo waiting for its quorum (November 1920)', () => {
  it('decides once a member arrives, and counts no ballot of one who has left', async () => {
    const { outs } = await replayed('politburo-1920-11.yaml');
    expect(linesIn(outs[0]!)).toEqual([
      // Lenin and Stalin: two of five, three required.
      'pb-1920-11-02/perekop: not decided: no quorum: 2 of 5 voting members present, 3 required',
      '  ! the minutes state adopted; the rules give not-decided',
      // Trotsky arrives: three, the quorum. 2 against 1.
      'pb-1920-11-02/perekop-again: adopted: 2 ayes against 1 nay, majority of votes cast; 3 of 5 voting members present, quorum 3',
      // Stalin leaves and Kamenev comes: three still. Stalin's nay, given after he left, is not
      // counted: 2 against 1, adopted, where the minutes, counting him, have a tie.
      'pb-1920-11-02/wrangel-army: adopted: 2 ayes against 1 nay, majority of votes cast; 3 of 5 voting members present, quorum 3',
      '  ! J. V. Stalin was not present when the vote opened: ballot not counted',
      '  ! the minutes state rejected; the rules give adopted',
      expect.stringMatching(recorded('3 motions', 2)),
    ]);
  });
});

describe('the seat of the government put by name, and a re-invitation (12 March 1918)', () => {
  it('forms no runoff where three places tie for first, and issues the invitation once', async () => {
    const { db, outs } = await replayed('cc-1918-03-12.yaml');
    expect(linesIn(outs[0]!)).toEqual([
      // Lomov, a candidate, is not counted: 2, 2 and 2 of 6 votes, Sverdlov abstaining. None has
      // more than half, and three tie for first: no two can be named for a runoff.
      'cc-1918-03-12/capital: not decided: no alternative has more than half of 6 votes, 1 abstention, and moscow, kazan and nizhny-novgorod tie for first place with 2 each; no runoff can be formed; 7 of 9 voting members present, quorum 5',
      '  ! no runoff: moscow, kazan and nizhny-novgorod tie for first place with 2 each',
      '  ! G. I. Lomov is a candidate (voice, no vote): ballot not counted',
      '  ! the minutes state kazan; the rules give not-decided',
      // Sverdlov votes: Moscow 3, the others 2. Plurality needs only the most.
      'cc-1918-03-12/capital-plurality: moscow: 3 of 7 votes, plurality; 7 of 9 voting members present, quorum 5',
      // Convened two days ahead: nothing said of the sitting.
      'cc-1918-03-12/invite-pestkovsky: adopted: 7 ayes against 0 nays, majority of votes cast; 7 of 9 voting members present, quorum 5',
      expect.stringMatching(recorded('3 motions', 1)),
    ]);
    // The organization invites Pestkovsky on the decision, once, and no one else on it.
    const invited = await ok(
      'invite',
      'pestkovsky',
      '--decision',
      'cc-1918-03-12/invite-pestkovsky',
      '--db',
      db,
    );
    expect(invited).toMatch(
      /^S\. S\. Pestkovsky invited to enrol a key until .+ \[entry \d+\]: send them this link\n/,
    );
    const again = await cli(
      'invite',
      'pestkovsky',
      '--decision',
      'cc-1918-03-12/invite-pestkovsky',
      '--db',
      db,
    );
    expect(again.code).toBe(1);
    expect(again.err).toMatch(
      /refused \(conflict\): motion 3 \("Invite S\. S\. Pestkovsky to enrol a key of his own"\) .* authorized an invitation already \(entry \d+\)/,
    );
    const lomov = await cli(
      'invite',
      'lomov',
      '--decision',
      'cc-1918-03-12/invite-pestkovsky',
      '--db',
      db,
    );
    expect(lomov.code).toBe(1);
    expect(lomov.err).toMatch(/refused \(charter-rule\): .* does not re-invite G\. I\. Lomov\n/);
  });
});

describe('the deferred answer by direct wire (15 to 18 January 1918)', () => {
  it('closes the wires the reply answers, and keeps the consultation advisory', async () => {
    const { outs } = await replayed('sovnarkom-1918-01.yaml');
    expect(linesIn(outs[0]!)).toEqual([
      // Stalin, to whom Lenin referred the letter, was asked (18 January, 10:00) before the
      // reply went (12:00): nothing to flag. The letter is closed by the reply that answers it,
      // the second wire by the reason the register gives.
      'dispatch no. 1918/1 (brest-letter), received 15 January 1918, 10:00 from L. D. Trotsky, Brest-Litovsk: closed',
      'dispatch no. 1918/2 (brest-postpone), received 15 January 1918, 11:00 from L. D. Trotsky, Brest-Litovsk: closed',
      // The Council has no rule for questions in writing, and this one names none.
      'circulation brest-consult: advisory: 1 aye (J. V. Stalin); 1 of 1 asked answered; a consultation without a rule decides nothing',
      // Lenin, then Stalin, as the charter lists them; the Council has no secretary, so each
      // signature is the signer's, without "recorded by".
      "reply no. 1918/1 of Council of People's Commissars (recess): issued",
      '  Reply: V. I. Lenin. J. V. Stalin',
      expect.stringMatching(recorded('1 circulation, 2 dispatches and 1 instrument', 0)),
    ]);
  });

  it('refuses what the minutes cannot give: an inscription by no officer, a question still waiting', async () => {
    const { db, dir } = await record();
    const refused = async (name: string, text: string) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      const r = await cli('replay', file, '--db', db);
      expect(r.code).toBe(1);
      return r.err;
    };
    // Entered in the Central Committee's register, the inscription is Lenin's, who is none of
    // its officers (Sverdlov chairs it, Stassova is its secretary).
    const inscription = await refused(
      'cc-wire.yaml',
      `body: central-committee
dispatches:
  - id: brest-letter
    received: 1918-01-15T10:00
    from: L. D. Trotsky, Brest-Litovsk
    channel: direct-wire
    text: An immediate answer to my special letter.
    referrals:
      - by: lenin
        inscription: As soon as Stalin returns I will show the latter to him.
        to: [stalin]
`,
    );
    expect(inscription).toContain(
      "cc-wire.yaml:9:9: V. I. Lenin may not record a dispatch's referral: only Ya. M. Sverdlov or E. D. Stassova of Central Committee may\n",
    );
    // "Stalin is not here": the question waits for him, its deadline ahead. Minutes transcribe a
    // question once it is over; this one is not.
    const waiting = await refused(
      'waiting.yaml',
      `body: sovnarkom
circulations:
  - id: brest-wait
    opened: 1918-01-15T12:00
    by: lenin
    text: Agree to Trotsky's plan?
    to: [stalin]
    deadline: 2999-01-01
    rule: { majority: votes-cast }
`,
    );
    expect(waiting).toContain(
      `waiting.yaml:8:15: the question "Agree to Trotsky's plan?" put to Council of People's Commissars (15 January 1918) takes answers until 1 January 2999, 23:59 UTC, and J. V. Stalin may still answer and change its outcome: minutes transcribe a question once its deadline has passed, or once its outcome can no longer change\n`,
    );
    expect((await cli('circulation', 'show', 'brest-wait', '--db', db)).code).toBe(1);
  });

  it('flags, in minutes, Stalin signing before Lenin, and refuses it live', async () => {
    const { db, dir } = await record();
    const file = join(dir, 'stalin-first.yaml');
    writeFileSync(
      file,
      `body: sovnarkom
instruments:
  - id: recess-stalin-first
    kind: reply
    date: 1918-01-18
    text: Inform Trotsky he is requested to set a recess and come to Petrograd.
    signatures: [stalin, lenin]
`,
    );
    // Stalin first: Lenin, listed before him, has not signed. His signature does not count, and
    // Lenin's after it is read against what was admitted (nothing): one of the two.
    expect(linesIn(await ok('replay', file, '--db', db))).toEqual([
      "reply no. 1918/1 of Council of People's Commissars (recess-stalin-first): issued",
      '  Reply: J. V. Stalin. V. I. Lenin',
      '  ! J. V. Stalin may not sign yet: V. I. Lenin must sign first, or the 2 signatures needed could never be gathered in the listed order (V. I. Lenin, J. V. Stalin)',
      '  ! issued short of its signing rule: 1 of the 2 signatures needed the rule admits: V. I. Lenin, J. V. Stalin, every one of them, in the order listed',
      expect.stringMatching(recorded('1 instrument', 1)),
    ]);
  });

  it('keeps the consultation open live until Stalin confirms, and closes the letter with the reply', async () => {
    const { db, dir } = await record();
    const wire = join(dir, 'wire.yaml');
    writeFileSync(
      wire,
      `body: sovnarkom
dispatches:
  - id: brest-letter
    received: 1918-01-15T10:00
    from: L. D. Trotsky, Brest-Litovsk
    channel: direct-wire
    text: An immediate answer to my special letter, in words of agreement or disagreement.
    referrals:
      - by: lenin
        inscription: As soon as Stalin returns I will show the latter to him.
        to: [stalin]
`,
    );
    await ok('replay', wire, '--db', db);
    const lenin = (...args: string[]) => cli(...args, '--as', 'lenin', '--db', db);
    const done = async (...args: string[]) => {
      const r = await lenin(...args);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      return r.out;
    };
    await done(
      'circulate',
      'sovnarkom',
      'Request Trotsky to set a recess and come to Petrograd?',
      '--to',
      'stalin',
      '--rule',
      'majority:votes-cast',
      '--dispatch',
      'brest-letter',
      '--deadline',
      '3d',
      '--id',
      'brest-consult',
    );
    await done(
      'instrument',
      'draft',
      '--body',
      'sovnarkom',
      '--kind',
      'reply',
      '--id',
      'recess',
      '--text',
      'Inform Trotsky he is requested to set a recess and come to Petrograd.',
      '--answers',
      'brest-letter',
    );
    // Stalin before Lenin: refused, as the listed order wants Lenin first.
    const early = await lenin(
      'instrument',
      'sign',
      'recess',
      '--for',
      'stalin',
      '--channel',
      'in-person',
    );
    expect(early.code).toBe(1);
    expect(early.err).toContain(
      'refused (out-of-order): J. V. Stalin may not sign yet: V. I. Lenin must sign first, or the 2 signatures needed could never be gathered in the listed order (V. I. Lenin, J. V. Stalin)\n',
    );
    // "Stalin has just arrived": Lenin takes his answer down. Stalin, who has no key, has not
    // confirmed it, and could still dispute it: the question cannot close before its deadline.
    await done('answer', 'brest-consult', 'aye', '--for', 'stalin', '--channel', 'in-person');
    const close = await lenin('close-circulation', 'brest-consult');
    expect(close.code).toBe(1);
    expect(close.err).toMatch(
      /refused \(conflict\): .* can still change until it closes on .*: the answer an officer recorded for J\. V\. Stalin is not confirmed yet/,
    );
    // "Lenin. Stalin": in that order the reply is signed and issued, and the letter is closed.
    await done('instrument', 'sign', 'recess', '--for', 'lenin', '--channel', 'in-person');
    await done('instrument', 'sign', 'recess', '--for', 'stalin', '--channel', 'in-person');
    const issued = await done('instrument', 'issue', 'recess');
    expect(issued).toMatch(
      /\n {2}dispatch no\. 1918\/1 from L\. D\. Trotsky, Brest-Litovsk closed: answered by reply no\. \d{4}\/1 of Council of People's Commissars\n/,
    );
  });
});

describe('a candidate made a member in the middle of a sitting (2 April 1918)', () => {
  it('counts his aye only on the motions after the amendment, under the larger quorum', async () => {
    const { outs } = await replayed('cc-1918-04.yaml');
    expect(linesIn(outs[0]!)).toEqual([
      // Five members of nine present, quorum 5. Lomov is a candidate: 2 against 2, a tie, and
      // Sverdlov gives no casting vote. Rejected.
      'cc-1918-04-02/czech-legion: rejected: 2 ayes against 2 nays; a tie fails without a casting vote; majority of votes cast required; 5 of 9 voting members present, quorum 5',
      '  ! G. I. Lomov is a candidate (voice, no vote): ballot not counted',
      '  ! the minutes state adopted; the rules give rejected',
      // His own election, by two thirds: 4 against 1. His abstention is a candidate's ballot,
      // flagged and not counted (it would change nothing).
      'cc-1918-04-02/lomov-member: adopted: 4 ayes against 1 nay, two thirds of votes cast; 5 of 9 voting members present, quorum 5',
      '  ! G. I. Lomov is a candidate (voice, no vote): ballot not counted',
      expect.stringMatching(/^ {2}charter amended: in force from entry \d+$/),
      // From the next entry: ten members, and Lomov, checked in at the opening, is one of the six
      // present, the quorum of ten exactly. 3 against 2.
      'cc-1918-04-02/czech-legion-again: adopted: 3 ayes against 2 nays, majority of votes cast; 6 of 10 voting members present, quorum 6',
      expect.stringMatching(recorded('3 motions', 2)),
    ]);
  });
});

describe('ratification under the rule of its day (June 1920)', () => {
  it('puts to confirmation only what was decided once the charter asked for it', async () => {
    const { db, outs } = await replayed('politburo-1920-06.yaml');
    const polish =
      '"Send the First Cavalry Army to the Polish front?" put to Political Bureau (1 June 1920)';
    expect(linesIn(outs[0]!)).toEqual([
      // Two answers of five, the quorum of two: 2 against 0. The charter of 1 June asks no
      // confirmation: final.
      'circulation polish-front: adopted: 2 ayes (V. I. Lenin and J. V. Stalin), no answer from L. D. Trotsky, L. B. Kamenev and N. N. Krestinsky; 2 of 5 asked answered, majority of votes cast, quorum 2 answers',
      // Six of nine, 6 against 0: more than two thirds.
      'cc-1920-06-02/written-provisional: adopted: 6 ayes against 0 nays, two thirds of votes cast; 6 of 9 voting members present, quorum 5',
      expect.stringMatching(/^ {2}charter amended: in force from entry \d+$/),
      // Decided under the amended charter: provisional, and annulled by the sitting's rejection.
      'circulation crimea-truce: adopted: 2 ayes (V. I. Lenin and L. B. Kamenev), no answer from L. D. Trotsky, J. V. Stalin and N. N. Krestinsky; 2 of 5 asked answered, majority of votes cast, quorum 2 answers',
      expect.stringMatching(
        /^ {2}annulled by motion 2 \("Confirm the offer of a truce to Wrangel"\) of the session of Political Bureau on 4 June 1920 \(Session of the Politburo\) \[entry \d+\]$/,
      ),
      // The first awaits nothing: the motion is flagged, and the decision stands as it did.
      'pb-1920-06-04/confirm-polish-front: adopted: 3 ayes against 0 nays, majority of votes cast; 3 of 5 voting members present, quorum 3',
      '  ! this motion ratifies the question "Send the First Cavalry Army to the Polish front?" put to Political Bureau (1 June 1920), which awaits no ratification by Political Bureau',
      `  put to ratify the question ${polish}: it stands as it did`,
      'pb-1920-06-04/confirm-crimea-truce: rejected: 1 aye against 2 nays; majority of votes cast required; 3 of 5 voting members present, quorum 3',
      '  annuls the question "Offer Wrangel a truce in the Crimea?" put to Political Bureau (3 June 1920): put to ratify it, rejected',
      expect.stringMatching(recorded('3 motions and 2 circulations', 1)),
    ]);
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});

describe("a People's Commissar outvoted by his collegium (February 1918)", () => {
  it('rejects what the chairman alone wants, and keeps the chain to the Council that decides it', async () => {
    const { db, outs } = await replayed('narkomnats-1918-02.yaml');
    expect(linesIn(outs[0]!)).toEqual([
      // Stalin chairs and votes as one of five: 1 against 3. No casting vote in this charter, and
      // no tie to break: rejected, as the minutes say.
      'nkn-1918-02-12/tatar-bashkir: rejected: 1 aye against 3 nays, 1 abstention; majority of votes cast required; 5 of 5 voting members present, quorum 3',
      // Three of the Council's five, more than half: 2 against 1.
      'snk-1918-02-14/tatar-bashkir: adopted: 2 ayes against 1 nay, majority of votes cast; 3 of 5 voting members present, quorum 3',
      expect.stringMatching(recorded('2 motions', 0)),
    ]);
    // The question from either end: the collegium's rejection, then the Council's decision.
    const chain =
      'Chain: nkn-1918-02-12/tatar-bashkir (rejected) → snk-1918-02-14/tatar-bashkir (adopted)';
    for (const end of ['nkn-1918-02-12/tatar-bashkir', 'snk-1918-02-14/tatar-bashkir'])
      expect(linesIn(await ok('question', end, '--db', db))).toContain(chain);
  });
});

describe('who signs by order of the Politburo, before and after the charter says (May 1920)', () => {
  it('holds each directive to the rule in force when it was drafted, and the front to its own', async () => {
    const { db, dir, outs } = await replayed('politburo-1920-05.yaml');
    expect(linesIn(outs[0]!)).toEqual([
      'pb-1920-05-04/georgia: adopted: 3 ayes against 0 nays, majority of votes cast; 3 of 5 voting members present, quorum 3',
      // 4 May: at least two of the members. Lenin and Kamenev meet it.
      'directive no. 1920/1 of Political Bureau (georgia-1): issued',
      '  By order of the Politburo: V. I. Lenin (recorded by E. D. Stassova). L. B. Kamenev (recorded by E. D. Stassova)',
      // 6 of 7 votes cast: more than two thirds.
      'cc-1920-05-05/directive-signers: adopted: 6 ayes against 1 nay, two thirds of votes cast; 7 of 9 voting members present, quorum 5',
      expect.stringMatching(/^ {2}charter amended: in force from entry \d+$/),
      // 5 May, after the amendment: Lenin and Stalin, in that order. Kamenev is not named and
      // does not count; Lenin's is read against what was admitted before it (nothing): one of two.
      'directive no. 1920/2 of Political Bureau (georgia-2): issued',
      '  By order of the Politburo: L. B. Kamenev (recorded by E. D. Stassova). V. I. Lenin (recorded by E. D. Stassova)',
      '  ! L. B. Kamenev is not among the signers of a directive of Political Bureau: V. I. Lenin, J. V. Stalin, every one of them, in the order listed',
      '  ! issued short of its signing rule: 1 of the 2 signatures needed the rule admits: V. I. Lenin, J. V. Stalin, every one of them, in the order listed',
      // "By order of the Politburo: Lenin. Stalin", with the number the document carries.
      'directive no. 004/109 of Political Bureau (georgia-directive): issued',
      '  By order of the Politburo: V. I. Lenin (recorded by E. D. Stassova). J. V. Stalin (recorded by E. D. Stassova)',
      expect.stringMatching(recorded('2 motions and 3 instruments', 1)),
    ]);
    // The first directive met the rule of its day, and says so after the amendment.
    expect(await ok('instrument', 'show', 'georgia-1', '--db', db)).toContain(
      '\n  Rule: met: signed as the charter requires: at least 2 of the members of Political Bureau (V. I. Lenin, L. D. Trotsky, J. V. Stalin, L. B. Kamenev, N. N. Krestinsky)\n',
    );
    // "Locally, they accept only three signatures": Kamenev is not one of them.
    const verdict = await verdicts(db, dir);
    const kamenev = await verdict('georgia-1');
    expect(kamenev.code).toBe(1);
    expect(kamenev.out).toContain(
      '\nrefused (signers): signed by 1 of the signers the policy trusts (lenin), it needs 2 of lenin, trotsky, stalin\n',
    );
    expect((await verdict('georgia-directive')).code).toBe(0);
  });
});

describe('the executive committee between the sessions of the Council (February 1918)', () => {
  it('leaves its decisions to the Council, which rules on them after dissolving it', async () => {
    const { db, outs } = await replayed('sovnarkom-1918-02.yaml');
    const ec =
      'of the session of Executive committee of the Council on 20 February 1918 (Session of the executive committee)';
    const snk =
      "of the session of Council of People's Commissars on 22 February 1918 (Session of the Council of People's Commissars)";
    const at = (line: string) => new RegExp(`^${line.replace(/[()]/g, '\\$&')} \\[entry \\d+\\]$`);
    expect(linesIn(outs[0]!)).toEqual([
      // Two of three, its quorum; under its power, and reporting to the Council: provisional
      // until the Council rules on it, which it does two days later.
      'ec-1918-02-20/grain: adopted: 2 ayes against 0 nays, majority of votes cast; 2 of 3 voting members present, quorum 2',
      expect.stringMatching(
        at(`  ratified by motion 2 ("Confirm the requisition of grain for Petrograd") ${snk}`),
      ),
      // Put under no power: flagged, and provisional all the same.
      'ec-1918-02-20/petrograd-defence: adopted: 2 ayes against 0 nays, majority of votes cast; 2 of 3 voting members present, quorum 2',
      '  ! Executive committee of the Council decided outside its delegated powers (current-work)',
      expect.stringMatching(
        at(`  annulled by motion 3 ("Confirm the mobilization of Petrograd") ${snk}`),
      ),
      // Four of five, 4 against 0: the committee is taken out of the charter.
      'snk-1918-02-22/dissolve-executive: adopted: 4 ayes against 0 nays, majority of votes cast; 4 of 5 voting members present, quorum 3',
      expect.stringMatching(/^ {2}charter amended: in force from entry \d+$/),
      // Its decisions were taken while it stood: the Council still rules on them. 3 against 1.
      'snk-1918-02-22/confirm-grain: adopted: 3 ayes against 1 nay, majority of votes cast; 4 of 5 voting members present, quorum 3',
      `  ratifies motion 1 ("Requisition grain for Petrograd from the Volga provinces") ${ec}`,
      // 1 against 2: rejected, and the decision annulled, though the minutes say confirmed.
      'snk-1918-02-22/confirm-defence: rejected: 1 aye against 2 nays, 1 abstention; majority of votes cast required; 4 of 5 voting members present, quorum 3',
      '  ! the minutes state adopted; the rules give rejected',
      `  annuls motion 2 ("Declare the socialist fatherland in danger and mobilize Petrograd") ${ec}: put to ratify it, rejected`,
      expect.stringMatching(recorded('5 motions', 2)),
    ]);
    expect(await ok('provisional', '--db', db)).toBe('no decision awaits ratification\n');
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});

describe('the Bureau of four and the members at Smolny (14 December 1917)', () => {
  it('flags each vote opened without those at hand, and hears them without counting them', async () => {
    const { outs } = await replayed('bureau-1917-12.yaml');
    expect(linesIn(outs[0]!)).toEqual([
      // Three of four, its quorum, under its power: 3 against 0. Zinoviev and Kamenev, at hand,
      // are not in the room when the vote opens.
      'bureau-1917-12-14/kadets: adopted: 3 ayes against 0 nays, majority of votes cast; 3 of 4 voting members present, quorum 3',
      '  ! Bureau of four did not draw in G. E. Zinoviev, L. B. Kamenev of its parent, who were at hand',
      // Drawn in, they are heard, but sit on the Committee, not the Bureau: their ballots are
      // not counted. 2 against 1.
      'bureau-1917-12-14/kadets-again: adopted: 2 ayes against 1 nay, majority of votes cast; 3 of 4 voting members present, quorum 3',
      '  ! L. B. Kamenev is not a voting member: ballot not counted',
      '  ! G. E. Zinoviev is not a voting member: ballot not counted',
      // Kamenev, still at Smolny, has left the room: the vote opens without him.
      'bureau-1917-12-14/kadet-press: adopted: 2 ayes against 1 nay, majority of votes cast; 3 of 4 voting members present, quorum 3',
      '  ! Bureau of four did not draw in L. B. Kamenev of its parent, who was at hand',
      expect.stringMatching(recorded('3 motions', 3)),
    ]);
  });
});

describe('proxies in a Politburo of two (August 1920)', () => {
  it('makes the quorum of three with one proxy, and counts no second one in the same hand', async () => {
    const { outs } = await replayed('politburo-1920-08.yaml');
    expect(linesIn(outs[0]!)).toEqual([
      // Lenin and Stalin, and Trotsky represented by Stalin's first proxy: 3 of 5, the quorum.
      // Kamenev's, the second in Stalin's hand where one is allowed, is not counted; Krestinsky,
      // whose proxy Lenin holds, casts nothing. 3 against 0.
      'pb-1920-08-19/wrangel-front: adopted: 3 ayes against 0 nays, majority of votes cast; 3 of 5 voting members present (1 by proxy), quorum 3',
      '  ! L. B. Kamenev voted through a proxy holder who held more proxies than allowed: ballot not counted',
      // Krestinsky in the room votes in person: four present, one by proxy. 2 against 2: a tie,
      // and the Politburo's chair has no casting vote.
      'pb-1920-08-19/warsaw: rejected: 2 ayes against 2 nays; a tie fails without a casting vote; majority of votes cast required; 4 of 5 voting members present (1 by proxy), quorum 3',
      '  ! the minutes state adopted; the rules give rejected',
      expect.stringMatching(recorded('2 motions', 2)),
    ]);
  });
});
