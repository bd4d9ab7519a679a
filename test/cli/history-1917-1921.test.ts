/**
 * Protocols of 1917 to 1921 beyond the reference case's own (test/fixtures/central-committee-1917-1921):
 * other bodies, a Politburo polled by telephone, proxies, procedural motions, amendments over
 * time, instruments signed short of their rule, and later accounts. Each outcome below was worked
 * out by hand from the rules of the charter docs (docs/charter.md, "Rules, exactly", "Proxies",
 * "Deciding between meetings", "Instruments"); the comment beside it names the rule.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { historyFixtures, ok } from '../support/history-fixtures.js';

const { fixture, record } = historyFixtures('central-committee-1917-1921');

/** The replay's lines for one decision: its own line and the flags and notes under it. */
function linesOf(out: string, head: string): string[] {
  const lines = out.split('\n');
  const start = lines.findIndex((line) => line.startsWith(head));
  expect(start, `no line starts with ${head}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('  '));
  return lines.slice(start, end);
}

describe('the Politburo of five, quorum three, in session and polled by telephone', () => {
  it('decides each motion and poll by its rule, and flags where the minutes say otherwise', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('politburo-1920-04.yaml'), '--db', db);
    // Quorum {count: 3}: Lenin, Stalin and Krestinsky are three; Zinoviev, a candidate listed as
    // not voting, cast nothing and is not flagged. 2 ayes against 1 nay, majority of votes cast.
    expect(linesOf(out, 'pb-1920-04-10/polish-front:')).toEqual([
      'pb-1920-04-10/polish-front: adopted: 2 ayes against 1 nay, majority of votes cast; 3 of 5 voting members present, quorum 3',
    ]);
    // A tie fails without a casting vote (the Politburo has neither chair nor casting vote).
    expect(linesOf(out, 'pb-1920-04-10/transport:')[0]).toMatch(
      /^pb-1920-04-10\/transport: rejected: 1 aye against 1 nay, 2 abstentions; a tie fails/,
    );
    // Lenin and Stalin left: two of five present, under the quorum of three; nothing is decided,
    // and the candidate's aye is flagged besides.
    expect(linesOf(out, 'pb-1920-04-10/late-question:')).toEqual([
      'pb-1920-04-10/late-question: not decided: no quorum: 2 of 5 voting members present, 3 required',
      '  ! G. E. Zinoviev is a candidate (voice, no vote): ballot not counted',
      '  ! the minutes state adopted; the rules give not-decided',
    ]);
    // Lenin came back, Stalin did not: his nay is an absent member's, not counted.
    expect(linesOf(out, 'pb-1920-04-10/after-return:')).toEqual([
      'pb-1920-04-10/after-return: adopted: 2 ayes against 0 nays, majority of votes cast; 3 of 5 voting members present, quorum 3',
      '  ! J. V. Stalin was not present when the vote opened: ballot not counted',
    ]);
    // circulation: unanimous, ratify: next-session. Five ayes adopt it provisionally; the sitting
    // of 15 April ratifies it.
    expect(linesOf(out, 'circulation poll-1920-04-12:')[1]).toMatch(
      /^ {2}ratified by motion 1 \("Confirm the appointment of Ordzhonikidze, decided by telephone on 12 April"\) of the session of Political Bureau on 15 April 1920 \[entry \d+\]$/,
    );
    // Unanimous: Trotsky's aye came after the deadline and Krestinsky gave none, so it fails; the
    // candidate Zinoviev was not asked (the question went to every voting member).
    expect(linesOf(out, 'circulation poll-1920-04-13:').slice(1)).toEqual([
      '  ! L. D. Trotsky answered after the deadline: answer not counted',
      '  ! G. E. Zinoviev answered without being asked: answer not counted',
      '  ! the minutes state adopted; the rules give rejected',
    ]);
    // A motion that ratifies a decision awaiting no ratification is recorded and flagged.
    expect(linesOf(out, 'pb-1920-04-15/confirm-buildings:')[1]).toBe(
      '  ! this motion ratifies the question "Grant the Moscow Soviet the requisitioned buildings" put to Political Bureau (13 April 1920), which awaits no ratification by Political Bureau',
    );
    // Instruments: at least 2 of the members sign a directive; the reply is Lenin's, then Stalin's.
    expect(
      linesOf(out, 'directive no. 1920/1 of Political Bureau (caucasus-directive)')[2],
    ).toMatch(/^ {2}! issued short of its signing rule: 1 of the 2 signatures needed/);
    expect(linesOf(out, 'directive no. 1920/2 of Political Bureau (buildings-directive)')[2]).toBe(
      '  ! the question "Grant the Moscow Soviet the requisitioned buildings" put to Political Bureau (13 April 1920) was not adopted',
    );
    expect(linesOf(out, 'reply no. 1920/3 of Political Bureau (polish-reply)')[2]).toMatch(
      /^ {2}! J\. V\. Stalin may not sign yet: V\. I\. Lenin must sign first/,
    );
    expect(
      linesOf(out, 'directive no. 1920/4 of Political Bureau (transport-directive)')[0],
    ).toMatch(/: signing$/);
    expect(out).toMatch(
      /6 motions, 2 circulations and 4 instruments recorded in .*; 10 flagged\n$/,
    );
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });

  it('gives no time for an answer whose minutes give none, not the day it was transcribed', async () => {
    const { db } = await record();
    await ok('replay', fixture('politburo-1920-04.yaml'), '--db', db);
    const shown = await ok('protocol', '--db', db);
    // The minutes time Lenin's answer; Kamenev's comes with none.
    expect(shown).toMatch(
      /\n {4}V\. I\. Lenin: aye \[entry \d+\], by telephone, recorded by J\. V\. Stalin, answered 12 April 1920, 10:00 UTC\n/,
    );
    expect(shown).toMatch(
      /\n {4}L\. B\. Kamenev: aye \[entry \d+\], by telephone, recorded by J\. V\. Stalin\n/,
    );
    const year = String(new Date().getUTCFullYear());
    expect(shown).not.toMatch(new RegExp(`answered ${year}-`));
    const json = JSON.parse(
      await ok('--json', 'circulation', 'show', 'poll-1920-04-12', '--db', db),
    );
    expect(JSON.stringify(json)).not.toMatch(new RegExp(`"at":"${year}-`));
  });
});

describe('the Central Committee with proxies, procedural motions and alternatives', () => {
  it('counts a proxy only within its holder’s limit, the first grant first', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('central-committee-1919.yaml'), '--db', db);
    // Zinoviev's proxy to Krestinsky for the session counts: 5 in the room and 1 represented.
    expect(linesOf(out, 'cc-1919-03-25/postpone-trade-unions:')).toEqual([
      'cc-1919-03-25/postpone-trade-unions: adopted: 3 ayes against 2 nays, 1 abstention, majority of votes cast; 6 of 9 voting members present (1 by proxy), quorum 5',
    ]);
    // absolute: federation's 3 of 6 is not more than half: a runoff of the first two.
    expect(linesOf(out, 'cc-1919-03-25/which-course:')[0]).toContain(
      'not decided: no alternative has more than half of 6 votes (federation 3, independence 2); runoff between federation and independence',
    );
    // reconsider: two thirds of votes cast: 6 of 9 is exactly two thirds.
    expect(linesOf(out, 'cc-1919-03-25/reconsider-moscow:')[0]).toContain(
      'adopted: 6 ayes against 3 nays, two thirds of votes cast; 9 of 9 voting members present (2 by proxy)',
    );
    // A grantor present votes in person: Trotsky's ballot by Bukharin does not count; 2 to 2.
    expect(linesOf(out, 'cc-1919-03-25/present-by-proxy:')[1]).toBe(
      '  ! L. D. Trotsky voted by proxy while present when the vote opened (one present votes in person): ballot not counted',
    );
    // max-per-holder 1: Krestinsky held Zinoviev's proxy for the session when Dzerzhinsky gave
    // him one for this motion, which a live record would refuse. Zinoviev's aye counts,
    // Dzerzhinsky's nay does not: 3 ayes against 2 nays.
    expect(linesOf(out, 'cc-1919-03-25/two-proxies:')).toEqual([
      'cc-1919-03-25/two-proxies: adopted: 3 ayes against 2 nays, majority of votes cast; 8 of 9 voting members present (1 by proxy), quorum 5',
      '  ! F. E. Dzerzhinsky voted through a proxy holder who held more proxies than allowed: ballot not counted',
    ]);
    expect(linesOf(out, 'cc-1919-03-25/counted-more:')[1]).toBe(
      '  ! 10 votes counted but only 7 voting members present',
    );
  });

  it('keeps the totals the minutes give beside the names, and flags them everywhere', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('central-committee-1919.yaml'), '--db', db);
    const flag = 'the minutes give 5 aye but name 4';
    expect(linesOf(out, 'cc-1919-03-25/totals-differ:')[1]).toBe(`  ! ${flag}`);
    // The record holds the totals: the protocol, the minutes and the export say it as the replay did.
    const protocol = await ok('protocol', 'cc-1919-03-25', '--db', db);
    expect(protocol).toContain(`     ! ${flag}\n`);
    const minutes = await ok('minutes', 'cc-1919-03-25', '--db', db);
    expect(minutes).toContain(`- Flag: ${flag}`);
    const row = (await ok('export', 'decisions', '--db', db))
      .split(/\r?\n/)
      .find((line) => line.includes(',totals-differ,'));
    expect(row).toMatch(new RegExp(`,adopted,${flag}$`));
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });

  it('amends the charter by two thirds, and decides what follows under the amended charter', async () => {
    const { db } = await record();
    await ok('replay', fixture('central-committee-1919.yaml'), '--db', db);
    const out = await ok('replay', fixture('central-committee-1919-04.yaml'), '--db', db);
    expect(out.split('\n')).toEqual([
      // amendment: {majority: two-thirds}: 5 is less than two thirds of 8.
      'cc-1919-04-08/first-draft: rejected: 5 ayes against 3 nays; two thirds of votes cast required; 9 of 9 voting members present, quorum 5',
      '  ! the minutes state adopted; the rules give rejected',
      'cc-1919-04-08/second-draft: adopted: 6 ayes against 3 nays, two thirds of votes cast; 9 of 9 voting members present, quorum 5',
      expect.stringMatching(/^ {2}charter amended: in force from entry \d+$/),
      // Kalinin now votes, Dzerzhinsky does not; the chair's casting vote breaks the tie.
      "cc-1919-04-08/tie-broken: adopted: 3 ayes against 3 nays, 2 abstentions, tie broken by the chair's casting vote (V. I. Lenin, aye), majority of votes cast; 9 of 9 voting members present, quorum 5",
      '  ! F. E. Dzerzhinsky is not a voting member: ballot not counted',
      `3 motions recorded in ${db}; 2 flagged`,
      '',
    ]);
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });
});

describe('the Bureau of four, bound to draw in the members at hand', () => {
  it('flags a decision without them, one outside its powers, and a referral no one was asked on', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('bureau-1917-12.yaml'), '--db', db);
    // Kamenev, at hand, sat with the Bureau without a vote in it; Zinoviev, at hand, was not there.
    expect(linesOf(out, 'bureau-1917-12-14/kerensky:')).toEqual([
      'bureau-1917-12-14/kerensky: adopted: 3 ayes against 0 nays, majority of votes cast; 3 of 4 voting members present, quorum 3',
      '  ! L. B. Kamenev is not a voting member: ballot not counted',
      '  ! Bureau of four did not draw in G. E. Zinoviev of its parent, who was at hand',
    ]);
    expect(linesOf(out, 'bureau-1917-12-14/newspapers:')[1]).toBe(
      '  ! Bureau of four decided outside its delegated powers (extraordinary-affairs)',
    );
    expect(linesOf(out, 'dispatch no. 1917/1 (moscow-wire)')[1]).toBe(
      '  ! the inscription refers it to Ya. M. Sverdlov, whom no question put on it asked',
    );
    expect(linesOf(out, 'circulation moscow-reinforcements:')).toEqual([
      'circulation moscow-reinforcements: adopted: 2 ayes (J. V. Stalin and L. D. Trotsky); 2 of 2 asked answered, majority of votes cast',
      '  ! G. E. Zinoviev answered without being asked: answer not counted',
      '  ! Bureau of four did not draw in G. E. Zinoviev of its parent, who was at hand',
    ]);
  });
});

describe('the executive committee, the Council, and a collegium outvoting its chairman', () => {
  it('decides by each body’s rule and keeps the papers’ lives', async () => {
    const { db, dir } = await record();
    const out = await ok('replay', fixture('council-1918.yaml'), '--db', db);
    // {majority: votes-cast, quorum: {count: 3}}: three answered, 2 ayes against 1 nay; the
    // committee reports to the Council, whose chair breaks the 3 to 3 tie that confirms it.
    expect(linesOf(out, 'circulation ec-grain-poll:')[0]).toContain(
      'adopted: 2 ayes (V. I. Lenin and J. V. Stalin), 1 nay (P. P. Proshyan), no answer from L. D. Trotsky and V. A. Karelin; 3 of 5 asked answered',
    );
    expect(linesOf(out, 'circulation ec-thin-poll:')[0]).toContain(
      'not decided: too few answers: 2 of 5 answered, 3 required',
    );
    expect(linesOf(out, 'cpc-1918-02-24/confirm-grain:')[0]).toContain(
      "adopted: 3 ayes against 3 nays, tie broken by the chair's casting vote (V. I. Lenin, aye)",
    );
    // The chair gone, his casting vote is recorded, not counted.
    expect(linesOf(out, 'cpc-1918-02-24/tie-without-chair:').slice(1)).toEqual([
      '  ! casting vote (aye) ignored: the chair V. I. Lenin was not present when the vote opened',
      '  ! the minutes state adopted; the rules give rejected',
    ]);
    // "frequently leaving their People's Commissar in the minority": the chair votes as one.
    expect(linesOf(out, 'narkomnats-1918-03-12/bashkir:')[0]).toContain(
      'rejected: 2 ayes against 3 nays',
    );
    expect(
      linesOf(
        out,
        "order no. 1918/2 of People's Commissariat of Nationalities (tatar-order): annulled",
      ).slice(1),
    ).toEqual([
      "  People's Commissar of Nationalities: S. S. Pestkovsky",
      "  ! S. S. Pestkovsky is not among the signers of an order of People's Commissariat of Nationalities: J. V. Stalin, every one of them",
      '  ! issued short of its signing rule: 0 of the 1 signature needed the rule admits: J. V. Stalin, every one of them',
    ]);
    expect(
      linesOf(
        out,
        "mandate no. 1918/1 of Council of People's Commissars (nationalities-mandate): revoked",
      )[2],
    ).toBe(
      '  ! the last day, 20 February 1918, comes before the date the document bears, 24 February 1918: it would never be in force',
    );
    expect(out).toContain(
      "receipt no. 1918/3 of People's Commissariat of Nationalities (loan-receipt): settled\n",
    );
    expect((await cli('audit', '--db', db)).code).toBe(0);

    // An order resting on a rejected motion is refused by a recipient's policy.
    const bundle = join(dir, 'bashkir.json');
    await ok('export', 'instrument', 'bashkir-order', '--db', db, '-o', bundle);
    const policy = join(dir, 'policy.yaml');
    const key = (await ok('log-key', '--db', db)).trim();
    writeFileSync(
      policy,
      `logs: [${key}]\naccept:\n  - kind: order\n    signed-by: { at-least: 1, of: [stalin] }\n`,
    );
    const verdict = await cli('verify', bundle, '--trust', policy);
    expect(verdict.code).toBe(1);
    expect(verdict.out).toContain(
      'refused (rests-on): the motion "The People\'s Commissar\'s draft on the Bashkir republic" was rejected',
    );

    // Later accounts that revoke or settle again what the record has revoked or settled.
    for (const [file, message] of [
      [
        'later-account-revocation.yaml',
        "mandate no. 1918/1 of Council of People's Commissars is revoked already",
      ],
      [
        'later-account-settlement.yaml',
        "receipt no. 1918/3 of People's Commissariat of Nationalities is settled already",
      ],
    ] as const) {
      const refused = await cli('replay', fixture(file), '--db', db);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(`${fixture(file)}:5:13: ${message}\n`);
    }
  });
});

describe('the Politburo during the Kronstadt rising', () => {
  it('asks a candidate without counting him, closes the wire by its directive, approves minutes', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('politburo-1921.yaml'), '--db', db);
    // A candidate asked is recorded, not counted, nor counted among those asked.
    expect(linesOf(out, 'circulation kronstadt-poll:')[0]).toBe(
      'circulation kronstadt-poll: adopted: 2 ayes (V. I. Lenin and J. V. Stalin), 1 abstention (L. B. Kamenev); 3 of 3 asked answered, majority of votes cast',
    );
    expect(out).toContain(
      'dispatch no. 1921/1 (kronstadt-wire), received 2 March 1921, 08:00 from Petrograd Defence Committee: closed\n',
    );
    // No casting vote in the Politburo's charter: recorded, not counted.
    expect(linesOf(out, 'pb-1921-03-04/confirm-kronstadt:')[1]).toBe(
      '  ! casting vote (aye) ignored: the charter gives the chair no casting vote',
    );
    // plurality: a tie for first place decides nothing; 5 counted of 4 present.
    expect(linesOf(out, 'pb-1921-03-04/which-commander:')).toEqual([
      'pb-1921-03-04/which-commander: not decided: tie for first place between tukhachevsky and dybenko, 2 of 5 votes each, plurality; 4 of 5 voting members present, quorum 3',
      '  ! 5 votes counted but only 4 voting members present',
      '  ! the minutes state tukhachevsky; the rules give not-decided',
    ]);
    const minutes = await ok('minutes', 'pb-1921-03-04', '--db', db);
    expect(minutes).toContain(
      '**Approved on 5 March 1921 by motion 1 ("Approve the minutes of 4 March") of the session of Political Bureau on 5 March 1921**',
    );
    expect(minutes).toContain('**Excused:** 1 member: N. N. Krestinsky (In Berlin)');
  });

  it('has minutes of a sitting no one chaired signed by a member, named as such', async () => {
    const { db, dir } = await record();
    const file = join(dir, 'unchaired.yaml');
    writeFileSync(
      file,
      [
        'body: politburo',
        'sessions:',
        '  - id: pb-1921-04-01',
        '    date: 1921-04-01',
        '    present: [lenin, stalin, kamenev]',
        '    motions:',
        '      - { id: m, text: Send grain to Petrograd., vote: { aye: 3 } }',
        '  - id: pb-1921-04-08',
        '    date: 1921-04-08',
        '    present: [lenin, stalin, kamenev]',
        '    motions:',
        '      - id: approve',
        '        text: Approve the minutes of 1 April.',
        '        approves-minutes: pb-1921-04-01',
        '        vote: { aye: 3 }',
        '    minutes:',
        '      - { session: pb-1921-04-01, signed: [lenin] }',
        '',
      ].join('\n'),
    );
    await ok('replay', file, '--db', db);
    // Without chair or secretary, the Politburo's voting members sign its minutes: Lenin signs
    // as a member, not as an officer it does not have.
    const minutes = await ok('minutes', 'pb-1921-04-01', '--db', db);
    expect(minutes).toContain('- Signed by V. I. Lenin, member, on 8 April 1921.');
    // One signature is all: no one else is asked to sign them.
    expect(minutes).not.toContain('Not yet signed');
    // Minutes no one has signed yet may be signed by any one of the members who sat, not by
    // each of the body's members, present or not.
    const unsigned = await ok('minutes', 'pb-1921-04-08', '--db', db);
    expect(unsigned).toMatch(/Not yet signed: any one of [^\n]*Lenin[^\n]* signs for all\./);
    expect(unsigned).not.toMatch(/Not yet signed[^\n]*Trotsky/);
  });

  it('refuses a casting vote where no one chaired, saying what the file must name', async () => {
    const { db, dir } = await record();
    const file = join(dir, 'no-chair.yaml');
    writeFileSync(
      file,
      [
        'body: politburo',
        'sessions:',
        '  - id: pb-1921-03-06',
        '    date: 1921-03-06',
        '    present: [lenin, stalin, kamenev, trotsky]',
        '    motions:',
        '      - id: tie',
        '        text: Recall the delegation from Riga.',
        '        vote: { aye: [lenin, stalin], nay: [kamenev, trotsky] }',
        '        casting-vote: aye',
        '',
      ].join('\n'),
    );
    const refused = await cli('replay', file, '--db', db);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `${file}:10:23: a casting vote is the chair's, and neither the session nor Political Bureau has a chair: name who chaired the session\n`,
    );
  });
});

describe('a poll of the Politburo that its next sitting declines to confirm', () => {
  it('flags a directive issued once it was annulled, and says so under the one issued before', async () => {
    const { db } = await record();
    const out = await ok('replay', fixture('politburo-1920-10.yaml'), '--db', db);
    // ratify: next-session; the motion that ratifies it rejected: annulled.
    expect(linesOf(out, 'circulation riga-poll:')[1]).toMatch(
      /^ {2}annulled by motion 1 \("Confirm the Riga terms"\) of the session of Political Bureau on 4 October 1920 \[entry \d+\]$/,
    );
    // Issued before the sitting, on a decision that stood then: nothing to flag.
    expect(
      linesOf(out, 'directive no. 1920/1 of Political Bureau (riga-directive-early)'),
    ).toHaveLength(2);
    // Issued after: it rests on a decision adopted, then annulled, not on one never adopted.
    expect(linesOf(out, 'directive no. 1920/2 of Political Bureau (riga-directive-late)')[2]).toBe(
      '  ! the question "Accept the Polish terms at Riga" put to Political Bureau (1 October 1920) was adopted, then annulled when its ratification failed',
    );
    // rests-on: decision of this body (or of a body delegated by it): not of its parent.
    expect(linesOf(out, 'directive no. 1920/3 of Political Bureau (riga-cc-directive)')[2]).toBe(
      '  ! motion 1 ("The Central Committee accepts the Riga terms") of the session of Central Committee on 5 October 1920 is a decision of Central Committee, not of Political Bureau',
    );
    const shown = await ok('instrument', 'show', 'riga-directive-early', '--db', db);
    expect(shown).toMatch(
      /\n {2}Rests on the question "Accept the Polish terms at Riga" put to Political Bureau \(1 October 1920\): adopted; annulled by motion 1 \("Confirm the Riga terms"\) of the session of Political Bureau on 4 October 1920 \[entry \d+\]\n/,
    );
  });
});

describe('papers of December 1920 verified by their recipients', () => {
  it('prints a kind without a formula of its own capitalized, as the document does', async () => {
    const { db, dir } = await record();
    const out = await ok('replay', fixture('central-committee-1920-12.yaml'), '--db', db);
    // A consultation without its own rule takes the Politburo's: unanimous.
    expect(linesOf(out, 'circulation tu-poll:')).toEqual([
      'circulation tu-poll: rejected: unanimous consent needs an aye from every member asked; 1 aye (V. I. Lenin), 1 nay (L. D. Trotsky); 2 of 2 asked answered',
      '  ! the minutes state advisory; the rules give rejected',
    ]);
    // at-least 5 of [members, candidates]: Stassova, a candidate, counts as the members do.
    expect(linesOf(out, 'ultimatum no. 1920/1 of Central Committee (ultimatum-1920)')).toHaveLength(
      2,
    );
    expect(out).toContain(
      "receipt no. 1920/2 of Council of People's Commissars (loan-1920): settled\n  Receipt: S. S. Pestkovsky\n",
    );

    const key = (await ok('log-key', '--db', db)).trim();
    const policy = join(dir, 'receipts.yaml');
    writeFileSync(
      policy,
      `logs: [${key}]\naccept:\n  - kind: receipt\n    signed-by: { at-least: 1, of: [pestkovsky] }\n    in-force: false\n`,
    );
    const bundle = join(dir, 'loan.json');
    await ok('export', 'instrument', 'loan-1920', '--db', db, '-o', bundle);
    const verdict = await cli('verify', bundle, '--trust', policy);
    expect(verdict.code).toBe(0);
    // The charter names no formula for a receipt: the kind, capitalized.
    expect(verdict.out).toContain("\n  Receipt: S. S. Pestkovsky (with the record's key)\n");
    expect(verdict.out).toContain(
      '\nverified: accepted under the policy: Receipt: S. S. Pestkovsky',
    );
  });
});
