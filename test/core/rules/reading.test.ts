/**
 * A decision's explanation as a reader reads it (core/rules/reading.ts): a circulation's tie said
 * to fail, as a session's is, its members named; the record's words themselves unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideCirculation,
  explanationInWords,
  isTie,
  type AnswerChoice,
  type CirculationRule,
  type MajorityRule,
} from '../../../src/core/rules/index.js';

const TIE_FAILS = 'a tie fails (a question in writing has no casting vote); ';
const NAMES: Record<string, string> = { trotsky: 'L. D. Trotsky', krestinsky: 'N. N. Krestinsky' };
const name = (id: string) => NAMES[id] ?? id;
const byId = (id: string) => id;

const enzeli = (rule: CirculationRule, trotsky: AnswerChoice, krestinsky: AnswerChoice) =>
  decideCirculation({
    asked: ['trotsky', 'krestinsky'],
    answers: [
      { member: 'trotsky', choice: trotsky },
      { member: 'krestinsky', choice: krestinsky },
    ],
    rule,
  });

describe('explanationInWords', () => {
  it('says that a tie in writing fails, and names its members, the record keeping its words', () => {
    const tie = enzeli({ kind: 'majority', majority: 'votes-cast' }, 'aye', 'nay');
    expect(tie.explanation).toBe(
      'rejected: 1 aye (trotsky), 1 nay (krestinsky); 2 of 2 asked answered; majority of votes cast required',
    );
    expect(explanationInWords(tie.explanation, name)).toBe(
      'rejected: 1 aye (L. D. Trotsky), 1 nay (N. N. Krestinsky); 2 of 2 asked answered; a tie fails (a question in writing has no casting vote); majority of votes cast required',
    );
  });

  it('counts no ayes against no nays a tie, as a session does, and keeps a quorum of answers', () => {
    const rule: CirculationRule = {
      kind: 'majority',
      majority: 'present',
      quorum: { kind: 'count', count: 2 },
    };
    expect(explanationInWords(enzeli(rule, 'abstain', 'abstain').explanation, name)).toBe(
      `rejected: 2 abstentions (L. D. Trotsky and N. N. Krestinsky); 2 of 2 asked answered; ${TIE_FAILS}majority of members who answered (more than half of 2) required, quorum 2 answers`,
    );
  });

  it('leaves every other explanation as the record words it, members named', () => {
    const votesCast: CirculationRule = { kind: 'majority', majority: 'votes-cast' };
    const rejected = enzeli(votesCast, 'nay', 'nay').explanation;
    expect(explanationInWords(rejected, byId)).toBe(rejected);
    const adopted = enzeli(votesCast, 'aye', 'abstain').explanation;
    expect(explanationInWords(adopted, byId)).toBe(adopted);
    // Unanimous consent fails on any answer but an aye: no tie is its reason.
    const unanimous = enzeli({ kind: 'unanimous' }, 'aye', 'nay').explanation;
    expect(explanationInWords(unanimous, byId)).toBe(unanimous);
    // A session's tie says so in the record already.
    const session =
      'rejected: 1 aye against 1 nay; a tie fails without a casting vote; majority of votes cast required; 2 of 3 voting members present, quorum 2';
    expect(explanationInWords(session, byId)).toBe(session);
  });

  it('says a tie fails exactly where a circulation under a majority rule is rejected on a tie', () => {
    const members = ['m1', 'm2', 'm3', 'm4', 'm5'];
    const majority = fc.constantFrom<MajorityRule>(
      'votes-cast',
      'present',
      'membership',
      'two-thirds',
      'three-quarters',
      'unanimous',
    );
    const answers = fc.array(fc.option(fc.constantFrom<AnswerChoice>('aye', 'nay', 'abstain')), {
      minLength: members.length,
      maxLength: members.length,
    });
    fc.assert(
      fc.property(majority, fc.nat(5), answers, (rule, count, choices) => {
        const d = decideCirculation({
          asked: members,
          answers: members.flatMap((member, i) => {
            const choice = choices[i];
            return choice ? [{ member, choice }] : [];
          }),
          rule: { kind: 'majority', majority: rule, quorum: { kind: 'count', count } },
        });
        const read = explanationInWords(d.explanation, byId);
        const tally = { aye: d.tally.aye ?? 0, nay: d.tally.nay ?? 0 };
        const tieFails = d.outcome === 'rejected' && isTie(tally);
        expect(read.includes(TIE_FAILS)).toBe(tieFails);
        expect(read.replace(TIE_FAILS, '')).toBe(d.explanation);
      }),
    );
  });
});
