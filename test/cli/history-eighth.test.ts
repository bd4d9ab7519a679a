/**
 * An eighth set of cases of 1917 to 1921 (test/fixtures/central-committee-1917-1921-eighth),
 * replayed through the command line as a historian would, each at a corner the other sets leave:
 * a People's Commissar's casting vote that breaks a tie and still falls short of more than half of
 * those present, of two thirds, or of unanimity, and a collegium that loses its quorum as members
 * leave; members who decline to vote on a question put to more than half of those present; a
 * candidate whose aye the minutes of a joint session count to carry it; three places put to an
 * absolute majority with abstentions, and the runoff; the Bureau deciding outside its power, put to
 * ratification by a Central Committee without a quorum and ratified by the next; a telephone poll
 * with an answer after the deadline, another in which a member changes his answer (and the changes
 * the minutes cannot give), two questions answered alike under a majority of those
 * answering and of the whole Politburo; directives whose signatures come out of the listed order;
 * and the two central committees asked in writing, each counted, by written answers and live. Each
 * outcome was worked out by hand from "Rules, exactly" (docs/charter.md, docs/proceedings.md)
 * before it was run; the comment beside it says how.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { historyFixtures, linesIn, ok, recorded } from '../support/history-fixtures.js';

const { record, replayed, verdicts } = historyFixtures('central-committee-1917-1921-eighth');

describe("Stalin's casting vote in the collegium of Nationalities (April and May 1918)", () => {
  it('counts it as one more aye and applies the rule again, and decides nothing once members leave', async () => {
    const { db, outs } = await replayed('narkomnats-1918-04.yaml');
    expect(linesIn(outs[0]!)).toEqual([
      // Six of seven present, quorum 4 (more than half of 7). 2 ayes against 2 nays: a tie, which
      // Stalin, in the chair and present, breaks with an aye: 3 ayes. The rule is more than half of
      // the 6 present, 3 is not more than 3: rejected, though the minutes say adopted.
      "nkn-1918-04-10/tatar-bashkir: rejected: 2 ayes against 2 nays, 2 abstentions, tie broken by the chair's casting vote (J. V. Stalin, aye); majority of members present (more than half of 6) required; 6 of 7 voting members present, quorum 4",
      '  ! the minutes state adopted; the rules give rejected',
      // Kapsukas leaves: five present, quorum 4 met. The same tie, broken the same way: 3 ayes is
      // more than half of 5 (2.5): adopted.
      "nkn-1918-04-10/muslim-commissariat: adopted: 2 ayes against 2 nays, 1 abstention, tie broken by the chair's casting vote (J. V. Stalin, aye), majority of members present (more than half of 5); 5 of 7 voting members present, quorum 4",
      // Sturua and Pestkovsky leave: three of seven, short of 4. The vote is taken anyway: nothing
      // is decided, the attempt recorded.
      'nkn-1918-04-10/weekly: not decided: no quorum: 3 of 7 voting members present, 4 required',
      '  ! the minutes state adopted; the rules give not-decided',
      expect.stringMatching(recorded('3 motions', 2)),
    ]);
    // The protocol keeps the casting vote beside the roll call, and the departures in their place.
    const protocol = await ok('protocol', 'nkn-1918-04-10', '--db', db);
    expect(protocol).toContain(
      "\n     Abstaining (2): V. Mickevicius-Kapsukas, I. F. Sturua\n     The chair's casting vote: Aye\n     Decision: rejected: ",
    );
    expect(protocol).toContain(
      '\n  Leaves: I. F. Sturua\n  Leaves: S. S. Pestkovsky\n  3. weekly: "Publish Zhizn natsionalnostei weekly."\n',
    );
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });

  it('breaks a tie under two thirds and unanimity, which one more aye meets only where no one said nay', async () => {
    const { outs } = await replayed('narkomnats-1918-05.yaml');
    expect(linesIn(outs[0]!)).toEqual([
      // Seven of seven, quorum 4. Two thirds of votes cast: 3 against 3, the casting aye makes it
      // 4 against 3, and 4 is short of two thirds of 7 (4⅔): rejected.
      "nkn-1918-05-02/ukraine-talks: rejected: 3 ayes against 3 nays, 1 abstention, tie broken by the chair's casting vote (J. V. Stalin, aye); two thirds of votes cast required; 7 of 7 voting members present, quorum 4",
      '  ! the minutes state adopted; the rules give rejected',
      // Unanimity, all abstaining: 0 against 0 is a tie; the casting aye makes one aye and no nay.
      "nkn-1918-05-02/constitution-commission: adopted: 0 ayes against 0 nays, 7 abstentions, tie broken by the chair's casting vote (J. V. Stalin, aye), unanimity; 7 of 7 voting members present, quorum 4",
      // Unanimity, 1 against 1: the casting aye makes 2 against 1, and a nay remains: rejected.
      "nkn-1918-05-02/constitution: rejected: 1 aye against 1 nay, 5 abstentions, tie broken by the chair's casting vote (J. V. Stalin, aye); unanimity required; 7 of 7 voting members present, quorum 4",
      '  ! the minutes state adopted; the rules give rejected',
      expect.stringMatching(recorded('3 motions', 2)),
    ]);
  });
});

describe('the German terms at the Central Committee and at the joint session (23 February 1918)', () => {
  it('counts those who declined as present, and not the candidate whose aye the minutes counted', async () => {
    const { db, outs } = await replayed('cc-1918-02.yaml');
    expect(linesIn(outs[0]!)).toEqual([
      // Eight of ten present (Stassova a candidate), quorum 6 (more than half of 10); 4 against 2:
      // adopted by a majority of votes cast.
      'cc-1918-02-23/german-terms: adopted: 4 ayes against 2 nays, 2 abstentions, majority of votes cast; 8 of 10 voting members present, quorum 6',
      // An organizational motion needs more than half of the 8 present: those who declined are
      // present and cast no vote. 4 ayes is not more than 4: rejected, though 4 against 1 would
      // carry a majority of votes cast.
      'cc-1918-02-23/congress: rejected: 4 ayes against 1 nay, 3 declined; majority of members present (more than half of 8) required; 8 of 10 voting members present, quorum 6',
      '  ! the minutes state adopted; the rules give rejected',
      // The joint body: the ten and the four, 14 voting members, quorum 8; Stassova is a candidate
      // of the Central Committee and so of the joint body. Seven ayes in the minutes, six counted,
      // against six nays: a tie, and the joint body has no casting vote: rejected.
      'joint-1918-02-23/german-terms: rejected: 6 ayes against 6 nays, 2 abstentions; a tie fails without a casting vote; majority of votes cast required; 14 of 14 voting members present, quorum 8',
      '  ! E. D. Stassova is a candidate (voice, no vote): ballot not counted',
      '  ! the minutes state adopted; the rules give rejected',
      expect.stringMatching(recorded('3 motions', 2)),
    ]);
    // The minutes of the joint session: the fifteen who sat, the candidate named as such, and the
    // quorum over the fourteen voting members only.
    const minutes = await ok('minutes', 'joint-1918-02-23', '--db', db);
    expect(minutes).toContain(
      ', F. E. Dzerzhinsky, E. D. Stassova (candidate), M. A. Spiridonova, ',
    );
    expect(minutes).toContain('\n- **Quorum:** 14 of 14 voting members present, quorum 8\n');
    expect(minutes).toContain('\n**Decision: Rejected.**\n');
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});

describe('where the government moves (6 March 1918)', () => {
  it('leaves abstentions out of the absolute majority, and decides the runoff', async () => {
    const { outs } = await replayed('cc-1918-03.yaml');
    expect(linesIn(outs[0]!)).toEqual([
      // Votes cast for places: 4 + 3 + 1 = 8, the 2 abstaining left out. Moscow's 4 is half of
      // 8, not more: nothing decided, and the first two go to a runoff.
      'cc-1918-03-06/capital: not decided: no alternative has more than half of 8 votes, 2 abstentions (moscow 4, nizhny-novgorod 3); runoff between moscow and nizhny-novgorod; 10 of 10 voting members present, quorum 6',
      '  ! the minutes state moscow; the rules give not-decided',
      // The runoff: 6 of 9 votes cast is more than half (4.5): Moscow.
      'cc-1918-03-06/capital-runoff: moscow: 6 of 9 votes, 1 abstention, absolute majority; 10 of 10 voting members present, quorum 6',
      expect.stringMatching(recorded('2 motions', 1)),
    ]);
  });
});

describe('the Bureau of four outside its power, and its ratification (December 1917)', () => {
  it('leaves it provisional after a ratification put without a quorum, ratified by the next sitting', async () => {
    const { outs } = await replayed('bureau-1917-12.yaml');
    const session = 'of the session of Bureau of four on 14 December 1917 (Session of the Bureau)';
    const cc19 =
      'of the session of Central Committee on 19 December 1917 (Session of the Central Committee)';
    expect(linesIn(outs[0]!)).toEqual([
      // Three of four, quorum 3; 3 against 0 under its power: adopted, provisional until the
      // Central Committee confirms it (report-to).
      'bureau-1917-12-14/kadets: adopted: 3 ayes against 0 nays, majority of votes cast; 3 of 4 voting members present, quorum 3',
      expect.stringMatching(
        new RegExp(
          `^ {2}ratified by motion 1 \\("Confirm the Bureau's decision on the Kadets"\\) ${cc19.replace(/[()]/g, '\\$&')} \\[entry \\d+\\]$`,
        ),
      ),
      // 2 against 1 under no power: adopted, flagged outside its powers, and provisional as well.
      'bureau-1917-12-14/pravda: adopted: 2 ayes against 1 nay, majority of votes cast; 3 of 4 voting members present, quorum 3',
      '  ! Bureau of four decided outside its delegated powers (extraordinary-affairs)',
      expect.stringMatching(
        /^ {2}ratified by motion 2 \("Confirm the Bureau's appointment of the editorial board of Pravda"\) of the session of Central Committee on 19 December 1917 .+ \[entry \d+\]$/,
      ),
      // Five of ten: the quorum is 6. Not decided, so the decision stands as it did: provisional.
      'cc-1917-12-15/ratify-kadets: not decided: no quorum: 5 of 10 voting members present, 6 required',
      '  ! the minutes state adopted; the rules give not-decided',
      `  put to ratify motion 1 ("Arrest the leaders of the Kadet party as enemies of the people") ${session}: it stands as it did`,
      // Eight of ten, quorum 6: 7 against 1, and 4 against 3 with one abstaining: both ratified,
      // the one outside the Bureau's power too (its flag stays with the Bureau's decision).
      'cc-1917-12-19/ratify-kadets: adopted: 7 ayes against 1 nay, majority of votes cast; 8 of 10 voting members present, quorum 6',
      `  ratifies motion 1 ("Arrest the leaders of the Kadet party as enemies of the people") ${session}`,
      'cc-1917-12-19/ratify-pravda: adopted: 4 ayes against 3 nays, 1 abstention, majority of votes cast; 8 of 10 voting members present, quorum 6',
      `  ratifies motion 2 ("Appoint the editorial board of Pravda") ${session}`,
      expect.stringMatching(recorded('5 motions', 2)),
    ]);
  });
});

describe('the Politburo by telephone and in session (October 1920)', () => {
  it('decides each question by the answers in time, and flags signatures out of the listed order', async () => {
    const { db, dir, outs } = await replayed('politburo-1920-10.yaml');
    expect(linesIn(outs[0]!)).toEqual([
      // In time: Lenin aye, Trotsky nay, Kamenev abstaining: 3 answers, the quorum of 3 met;
      // Krestinsky's aye at 19:30, after the 18:00 deadline, is not counted. 1 against 1: a tie,
      // rejected. The minutes, counting Krestinsky, say adopted.
      'circulation wrangel-divisions: rejected: 1 aye (V. I. Lenin), 1 nay (L. D. Trotsky), 1 abstention (L. B. Kamenev), no answer from J. V. Stalin and N. N. Krestinsky; 3 of 5 asked answered; a tie fails (a question in writing has no casting vote); majority of votes cast required, quorum 3 answers',
      '  ! N. N. Krestinsky answered after the deadline: answer not counted',
      '  ! the minutes state adopted; the rules give rejected',
      // Trotsky, against by telephone at 9:30, writes in favour at 14:00, before the 18:00
      // deadline: under `second-ballot: replace` the later answer replaces the first. Lenin,
      // Trotsky and Kamenev aye against Stalin: 4 answers of 5 (quorum 3), 3 against 1, adopted
      // (with his first answer it would be a tie of 2 against 2, rejected). Krestinsky's nay at
      // 19:00 is late, not counted.
      'circulation makhno-agreement: adopted: 3 ayes (V. I. Lenin, L. D. Trotsky and L. B. Kamenev), 1 nay (J. V. Stalin), no answer from N. N. Krestinsky; 4 of 5 asked answered, majority of votes cast, quorum 3 answers',
      '  ! N. N. Krestinsky answered after the deadline: answer not counted',
      // Those who answered count as present: 3, and 2 ayes is more than half of 3.
      'circulation riga-present: adopted: 2 ayes (V. I. Lenin and J. V. Stalin), 1 abstention (L. D. Trotsky), no answer from L. B. Kamenev and N. N. Krestinsky; 3 of 5 asked answered, majority of members who answered (more than half of 3)',
      // The same answers against the five asked: 2 is not more than half of 5.
      'circulation riga-membership: rejected: 2 ayes (V. I. Lenin and J. V. Stalin), 1 abstention (L. D. Trotsky), no answer from L. B. Kamenev and N. N. Krestinsky; 3 of 5 asked answered; majority of the membership (more than half of 5) required',
      '  ! the minutes state adopted; the rules give rejected',
      'pb-1920-10-14/crimea: adopted: 4 ayes against 0 nays, majority of votes cast; 4 of 5 voting members present, quorum 3',
      // At least 2 of Lenin, Trotsky, Stalin, in that order. Trotsky first is in order (Stalin,
      // listed after him, can still make two); Lenin after him is out of order and does not
      // count; Stalin after Trotsky is: two admitted, the rule met.
      'directive no. 1920/1 of Political Bureau (frunze-1): issued',
      '  By order of the Politburo: L. D. Trotsky (recorded by E. D. Stassova). V. I. Lenin (recorded by E. D. Stassova). J. V. Stalin (recorded by E. D. Stassova)',
      '  ! V. I. Lenin signs after L. D. Trotsky, out of the listed order (V. I. Lenin, L. D. Trotsky, J. V. Stalin): at least 2 of V. I. Lenin, L. D. Trotsky, J. V. Stalin, in the order listed',
      // Stalin first: no one is listed after him to make the second signature; out of order.
      // Lenin and Trotsky after him are read against what was admitted (nothing): two, met.
      'directive no. 1920/2 of Political Bureau (frunze-2): issued',
      '  By order of the Politburo: J. V. Stalin (recorded by E. D. Stassova). V. I. Lenin (recorded by E. D. Stassova). L. D. Trotsky (recorded by E. D. Stassova)',
      '  ! J. V. Stalin may not sign yet: one of V. I. Lenin, L. D. Trotsky must sign first, or the 2 signatures needed could never be gathered in the listed order (V. I. Lenin, L. D. Trotsky, J. V. Stalin)',
      // Stalin first again, then Lenin alone: one admitted of the two needed.
      'directive no. 1920/3 of Political Bureau (frunze-3): issued',
      '  By order of the Politburo: J. V. Stalin (recorded by E. D. Stassova). V. I. Lenin (recorded by E. D. Stassova)',
      '  ! J. V. Stalin may not sign yet: one of V. I. Lenin, L. D. Trotsky must sign first, or the 2 signatures needed could never be gathered in the listed order (V. I. Lenin, L. D. Trotsky, J. V. Stalin)',
      '  ! issued short of its signing rule: 1 of the 2 signatures needed the rule admits: at least 2 of V. I. Lenin, L. D. Trotsky, J. V. Stalin, in the order listed',
      expect.stringMatching(
        /^1 motion, 4 circulations and 3 instruments recorded in .+; 6 flagged$/,
      ),
    ]);
    // The question says whose answer replaced which, and keeps both.
    const makhno = await ok('circulation', 'show', 'makhno-agreement', '--db', db);
    expect(makhno).toMatch(
      /\n {4}L\. D\. Trotsky: aye \[entry \d+\], by letter, recorded by E\. D\. Stassova, answered 13 October 1920, 14:00 UTC, replacing nay \[entry \d+\]\n {6}"For, on condition that his units go under the command of the Southern Front\."\n/,
    );
    // The front accepts two of the three signers: the first directive, met with a signature out of
    // order beside it, and not the third, short of the charter's own rule.
    const verdict = await verdicts(db, dir);
    expect((await verdict('frunze-1')).code).toBe(0);
    const short = await verdict('frunze-3');
    expect(short.code).toBe(1);
    expect(short.out).toContain(
      "\nrefused (signing-rule): the charter's rule: 1 of the 2 signatures needed the rule admits: at least 2 of V. I. Lenin, L. D. Trotsky, J. V. Stalin, in the order listed\n",
    );
  });
});

describe('a changed answer the minutes cannot give (October 1920)', () => {
  /** The file's problems, each at its place, once it is refused with nothing recorded. */
  async function refused(answers: string, body = 'politburo') {
    const { db, dir } = await record();
    const file = join(dir, 'changed.yaml');
    writeFileSync(
      file,
      `body: ${body}
circulations:
  - id: makhno
    opened: 1920-10-13T08:00
    by: lenin
    text: Conclude the military agreement with Makhno against Wrangel?
    deadline: 1920-10-13T18:00
    rule: { majority: votes-cast }
    answers:
      lenin: aye
      trotsky:
${answers}
`,
    );
    const r = await cli('replay', file, '--db', db);
    expect(r.code).toBe(1);
    expect((await cli('circulation', 'show', 'makhno', '--db', db)).code).toBe(1);
    return r.err;
  }

  it('refuses a change after the deadline of an answer in time, and answers out of their order', async () => {
    // The question took answers until 18:00: the change at 19:00 could not replace the nay in
    // time, which counts.
    const late = await refused(
      '        - { choice: nay, at: 1920-10-13T09:30 }\n        - { choice: aye, at: 1920-10-13T19:00 }',
    );
    expect(late).toContain(
      'changed.yaml:13:30: trotsky changed the answer at 1920-10-13T19:00, after the deadline (1920-10-13T18:00): a later answer replaces the one in time only while the question takes answers; give the one in time, and the later one in its comment\n',
    );
    const backwards = await refused(
      '        - { choice: nay, at: 1920-10-13T14:00 }\n        - { choice: aye, at: 1920-10-13T09:30 }',
    );
    expect(backwards).toContain(
      "changed.yaml:13:30: trotsky's answers come in the order given: this one, at 1920-10-13T09:30, is before the one it follows (1920-10-13T14:00)\n",
    );
  });

  it('refuses a second answer where the charter lets a member answer once', async () => {
    // The two central committees, each counted, keep `second-ballot: refuse` (the default).
    const once = await refused('        - nay\n        - aye', 'joint-each');
    expect(once).toMatch(/changed\.yaml:13:11: .*L\. D\. Trotsky has answered .* already/);
  });
});

describe('the two central committees asked in writing, each counted (March 1918)', () => {
  it("rejects what the joint count carries where one body's own majority of its members fails", async () => {
    const { outs } = await replayed('joint-1918-03.yaml');
    // Every voting member of both is asked: the ten and the four. Jointly 8 ayes of 14 is more
    // than half (7). The Central Committee: 5 of its 10, not more than half; the Left SRs: 3 of
    // 4, more than 2. Each body's majority is needed: rejected. Stassova, a candidate, was not
    // asked (a question to the whole body asks its voting members).
    expect(linesIn(outs[0]!)).toEqual([
      "circulation congress-in-moscow: rejected: each body's own majority is required: central-committee rejected: 5 ayes (V. I. Lenin, J. V. Stalin, Ya. M. Sverdlov, G. E. Zinoviev and G. Ya. Sokolnikov), no answer from L. D. Trotsky, N. I. Bukharin, M. S. Uritsky, G. I. Lomov and F. E. Dzerzhinsky; 5 of 10 asked answered; majority of the membership (more than half of 10) required; left-sr-cc adopted: 3 ayes (B. D. Kamkov, V. A. Karelin and P. P. Proshyan), no answer from M. A. Spiridonova; 3 of 4 asked answered, majority of the membership (more than half of 4)",
      '  ! E. D. Stassova answered without being asked: answer not counted',
      '  ! the minutes state adopted; the rules give rejected',
      expect.stringMatching(recorded('1 circulation', 1)),
    ]);
  });

  it('refuses, live, a question that one body’s own count could never adopt or decide', async () => {
    const { db } = await record();
    const put = (...args: string[]) =>
      cli('circulate', 'joint-each', ...args, '--deadline', '3d', '--as', 'lenin', '--db', db);
    // Two Left SRs asked under a quorum of 3 answers: their body's own count needs 3 of them, and
    // could never have them, as a consultation of two under that rule is refused.
    const few = await put(
      'Ratify the peace at the Congress?',
      '--to',
      'lenin,stalin,sverdlov,karelin,kamkov',
      '--rule',
      'majority:votes-cast,quorum:3',
    );
    expect(few.code).toBe(1);
    expect(few.err).toContain(
      'refused (charter-rule): the rule needs 3 answers of each body, and 2 members of Central Committee of the Left SRs are asked: no answers could decide the question',
    );
    // No Left SR asked at all: their body's majority could never be given; it would be rejected
    // before anyone answered.
    const none = await put('Move the government to Moscow?', '--to', 'lenin,stalin');
    expect(none.code).toBe(1);
    expect(none.err).toContain(
      "refused (charter-rule): no voting member of Central Committee of the Left SRs is asked: a question of The two central committees, each counted is adopted only by each body's own majority too, which no answers could then give",
    );
    // Three of each under the same quorum may be decided, and so may the whole of both bodies.
    await ok(
      'circulate',
      'joint-each',
      'Ratify the peace at the Congress?',
      '--to',
      'lenin,stalin,sverdlov,karelin,kamkov,proshyan',
      '--rule',
      'majority:votes-cast,quorum:3',
      '--deadline',
      '3d',
      '--as',
      'lenin',
      '--db',
      db,
    );
    await ok(
      'circulate',
      'joint-each',
      'Move the government to Moscow?',
      '--deadline',
      '3d',
      '--as',
      'lenin',
      '--db',
      db,
    );
  });
});
