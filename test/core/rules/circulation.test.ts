/**
 * The outcome of a circulation (core/rules/circulation.ts) against an independent reading of the
 * rules ("Rules, exactly" in the design: a circulation's answers stand for a vote's ballots, the
 * members asked for its voting members, those who answered for those present), and its properties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  circulationSettled,
  decideCirculation,
  type AnswerChoice,
  type CirculationAnswer,
  type CirculationQuestion,
  type CirculationRule,
  type MajorityRule,
} from '../../../src/core/rules/index.js';
import { ids } from './fixtures.js';

// Members asked are drawn from the first ASKABLE of the pool; the rest answer without being asked.
const POOL = ids('m', 8);
const ASKABLE = 6;
const RULES: MajorityRule[] = [
  'votes-cast',
  'present',
  'membership',
  'two-thirds',
  'three-quarters',
  'unanimous',
];
const CHOICES: AnswerChoice[] = ['aye', 'nay', 'abstain'];

/** A quorum of answers as the reading below takes it: a fraction kept as whole numbers. */
type QuorumSpec =
  | { kind: 'majority' }
  | { kind: 'count'; count: number }
  | { kind: 'fraction'; part: number; of: number };

/** A circulation's rule; undefined is a consultation without one. */
type RuleSpec =
  | undefined
  | { kind: 'unanimous' }
  | { kind: 'majority'; majority: MajorityRule; quorum?: QuorumSpec };

function ruleOf(spec: RuleSpec): CirculationRule | undefined {
  if (spec?.kind !== 'majority') return spec;
  const q = spec.quorum;
  if (!q) return { kind: 'majority', majority: spec.majority };
  const quorum = q.kind === 'fraction' ? { kind: q.kind, fraction: q.part / q.of } : q;
  return { kind: 'majority', majority: spec.majority, quorum };
}

const arbQuorum: fc.Arbitrary<QuorumSpec> = fc.oneof(
  fc.constant({ kind: 'majority' as const }),
  fc.integer({ min: 0, max: ASKABLE + 1 }).map((count) => ({ kind: 'count' as const, count })),
  fc
    .integer({ min: 1, max: 12 })
    .chain((of) =>
      fc.integer({ min: 1, max: of }).map((part) => ({ kind: 'fraction' as const, part, of })),
    ),
);

const arbRule: fc.Arbitrary<RuleSpec> = fc.oneof(
  fc.constant(undefined),
  fc.constant({ kind: 'unanimous' as const }),
  fc.record(
    {
      kind: fc.constant('majority' as const),
      majority: fc.constantFrom(...RULES),
      quorum: arbQuorum,
    },
    { requiredKeys: ['kind', 'majority'] },
  ),
);

/** The latest answer of each of some members, asked or not, some late, some disputed. */
const arbAnswers: fc.Arbitrary<CirculationAnswer[]> = fc.uniqueArray(
  fc.record(
    {
      member: fc.constantFrom(...POOL),
      choice: fc.constantFrom(...CHOICES),
      late: fc.boolean(),
      disputed: fc.boolean(),
    },
    { requiredKeys: ['member', 'choice'] },
  ),
  { selector: (a) => a.member },
);

interface Case {
  asked: string[];
  answers: CirculationAnswer[];
  spec: RuleSpec;
}

const arbCase: fc.Arbitrary<Case> = fc.record({
  asked: fc.shuffledSubarray(POOL.slice(0, ASKABLE), { minLength: 1 }),
  answers: arbAnswers,
  spec: arbRule,
});

function question({ asked, answers, spec }: Case): CirculationQuestion {
  return { asked, answers, rule: ruleOf(spec) };
}

/** The answers that count: by a member asked, in time, not disputed. */
function countedAnswers(asked: readonly string[], answers: readonly CirculationAnswer[]) {
  return answers.filter((a) => asked.includes(a.member) && !a.late && !a.disputed);
}

/**
 * An independent reading of the rules. A consultation without a rule is advice. Unanimous
 * consent needs an aye from every member asked. A majority rule needs its quorum of answers
 * (more than half of those asked; N; or at least part/of of those asked), then: ayes more than
 * nays (votes cast); ayes more than half of those who answered (present) or of those asked
 * (membership); two thirds or three quarters of the ayes and nays, a tie failing; no nay and at
 * least one aye (unanimous). Abstentions and missing answers are not votes cast.
 */
function expected(c: Case) {
  const counted = countedAnswers(c.asked, c.answers);
  const count = (choice: AnswerChoice) => counted.filter((a) => a.choice === choice).length;
  const [ayes, nays, n, answered] = [count('aye'), count('nay'), c.asked.length, counted.length];
  const tally = { aye: ayes, nay: nays, abstain: count('abstain'), 'no-answer': n - answered };
  const quorumMet = (q: QuorumSpec | undefined): boolean => {
    if (!q) return true;
    if (q.kind === 'majority') return 2 * answered > n;
    if (q.kind === 'count') return answered >= q.count;
    return answered * q.of >= q.part * n;
  };
  const meets: Record<MajorityRule, boolean> = {
    'votes-cast': ayes > nays,
    present: 2 * ayes > answered,
    membership: 2 * ayes > n,
    'two-thirds': ayes > nays && 3 * ayes >= 2 * (ayes + nays),
    'three-quarters': ayes > nays && 4 * ayes >= 3 * (ayes + nays),
    unanimous: ayes >= 1 && nays === 0,
  };
  const outcome = (): string => {
    if (c.spec === undefined) return 'advisory';
    if (c.spec.kind === 'unanimous') return ayes === n ? 'adopted' : 'rejected';
    if (!quorumMet(c.spec.quorum)) return 'not-decided';
    return meets[c.spec.majority] ? 'adopted' : 'rejected';
  };
  const excluded = c.answers.filter((a) => !counted.includes(a)).map((a) => a.member);
  return { outcome: outcome(), tally, answered, excluded: excluded.sort() };
}

function decide(c: Case) {
  return decideCirculation(question(c));
}

/** An asked member's answer replaced by `choice` (or removed, when undefined). */
function withAnswer(c: Case, member: string, choice: AnswerChoice | undefined): Case {
  const others = c.answers.filter((a) => a.member !== member);
  return { ...c, answers: choice ? [...others, { member, choice }] : others };
}

/** The asked members whose answer does not count as `choice`: one to change, picked by `pick`. */
function notCountedAs(c: Case, choice: AnswerChoice, pick: number): string | undefined {
  const counted = countedAnswers(c.asked, c.answers);
  const others = c.asked.filter((m) => !counted.some((a) => a.member === m && a.choice === choice));
  return others[pick % Math.max(others.length, 1)];
}

/** Everything in a decision that must not depend on the order answers came in. */
function orderFree(d: ReturnType<typeof decideCirculation>) {
  const excluded = [...d.excluded].sort((a, b) => (a.voter < b.voter ? -1 : 1));
  return { outcome: d.outcome, tally: d.tally, quorum: d.quorum, excluded };
}

describe('decideCirculation', () => {
  it('gives the outcome, tally and answers counted that an independent reading of the rules gives', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const decision = decide(c);
        const want = expected(c);
        expect(decision.outcome).toBe(want.outcome);
        expect(decision.tally).toEqual(want.tally);
        expect(decision.quorum.presentVoting).toBe(want.answered);
        expect(decision.quorum.votingMembers).toBe(c.asked.length);
        expect(decision.excluded.map((e) => e.voter).sort()).toEqual(want.excluded);
        expect(decision.explanation.startsWith(want.outcome.replace('-', ' '))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('names why each answer it leaves out is left out', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        for (const e of decide(c).excluded) {
          const a = c.answers.find((x) => x.member === e.voter)!;
          const applies = {
            'not-asked': !c.asked.includes(a.member),
            late: a.late,
            disputed: a.disputed,
          };
          expect(applies[e.reason as keyof typeof applies], `${e.voter}: ${e.reason}`).toBe(true);
        }
      }),
    );
  });

  it('one more aye (for a missing, left-out, nay or abstaining answer) never undoes an adoption', () => {
    fc.assert(
      fc.property(arbCase, fc.nat(), (c, pick) => {
        const member = notCountedAs(c, 'aye', pick);
        fc.pre(member !== undefined);
        const before = decide(c);
        const after = decide(withAnswer(c, member, 'aye'));
        expect(after.tally.aye).toBe((before.tally.aye ?? 0) + 1);
        if (before.outcome === 'adopted') expect(after.outcome).toBe('adopted');
      }),
    );
  });

  it('one more nay never turns a rejection into an adoption', () => {
    fc.assert(
      fc.property(arbCase, fc.nat(), (c, pick) => {
        const member = notCountedAs(c, 'nay', pick);
        fc.pre(member !== undefined);
        if (decide(c).outcome === 'rejected')
          expect(decide(withAnswer(c, member, 'nay')).outcome).toBe('rejected');
      }),
    );
  });

  it('does not depend on the order the answers came in', () => {
    const arbShuffled = arbCase.chain((c) =>
      fc.tuple(
        fc.constant(c),
        fc.shuffledSubarray(c.answers, {
          minLength: c.answers.length,
          maxLength: c.answers.length,
        }),
        fc.shuffledSubarray(c.asked, { minLength: c.asked.length, maxLength: c.asked.length }),
      ),
    );
    fc.assert(
      fc.property(arbShuffled, ([c, answers, asked]) => {
        const decision = orderFree(decide(c));
        expect(orderFree(decide({ ...c, answers }))).toEqual(decision);
        expect(orderFree(decide({ ...c, asked }))).toEqual(decision);
      }),
    );
  });

  it('fails unanimous consent on any missing answer, and adopts it on an aye from everyone asked', () => {
    fc.assert(
      fc.property(arbCase, fc.nat(), (c, pick) => {
        const unanimous = { ...c, spec: { kind: 'unanimous' as const } };
        const everyone = c.asked.reduce<Case>((k, m) => withAnswer(k, m, 'aye'), unanimous);
        expect(decide(everyone).outcome).toBe('adopted');
        const member = c.asked[pick % c.asked.length]!;
        const decision = decide(withAnswer(everyone, member, undefined));
        expect(decision.outcome).toBe('rejected');
        expect(decision.tally['no-answer']).toBe(1);
        expect(decision.explanation).toContain(`no answer from ${member}`);
      }),
    );
  });

  it('does not count a missing answer as cast under a majority rule: it is as an abstention, or less', () => {
    const arbMajority = fc.tuple(arbCase, fc.constantFrom(...RULES), fc.nat());
    fc.assert(
      fc.property(arbMajority, ([c, majority, pick]) => {
        const member = c.asked[pick % c.asked.length]!;
        const rule = { kind: 'majority' as const, majority };
        const missing = decide({ ...withAnswer(c, member, undefined), spec: rule });
        const abstaining = decide({ ...withAnswer(c, member, 'abstain'), spec: rule });
        expect(missing.tally['no-answer']).toBe((abstaining.tally['no-answer'] ?? 0) + 1);
        expect(missing.quorum.presentVoting).toBe(abstaining.quorum.presentVoting - 1);
        // Of those who answered, an abstention is one who did not give an aye; a silence is not.
        if (majority === 'present') {
          if (abstaining.outcome === 'adopted') expect(missing.outcome).toBe('adopted');
        } else expect(missing.outcome).toBe(abstaining.outcome);
      }),
    );
  });

  it('counts a missing answer against a rule of the membership, and not against one of answers', () => {
    const asked = ids('m', 5);
    const answers: CirculationAnswer[] = ['aye', 'aye', 'nay'].map((choice, i) => ({
      member: asked[i]!,
      choice: choice as AnswerChoice,
    }));
    const outcome = (majority: MajorityRule) =>
      decideCirculation({ asked, answers, rule: { kind: 'majority', majority } }).outcome;
    expect(outcome('present')).toBe('adopted');
    expect(outcome('votes-cast')).toBe('adopted');
    expect(outcome('membership')).toBe('rejected');
    expect(outcome('two-thirds')).toBe('adopted');
  });
});

describe('circulationSettled', () => {
  const COMPLETIONS: (AnswerChoice | undefined)[] = [...CHOICES, undefined];

  /** Every outcome the open members can still bring about, each answering or not. */
  function reachable(c: Case, open: readonly string[]): Set<string> {
    const outcomes = new Set<string>();
    const walk = (k: Case, rest: readonly string[]): void => {
      const [member, ...others] = rest;
      if (member === undefined) outcomes.add(decide(k).outcome);
      else for (const choice of COMPLETIONS) walk(withAnswer(k, member, choice), others);
    };
    walk(c, open);
    return outcomes;
  }

  const arbOpen = fc
    .record({
      asked: fc.shuffledSubarray(POOL.slice(0, 5), { minLength: 1 }),
      answers: arbAnswers,
      spec: arbRule,
    })
    .chain((c) =>
      fc.tuple(fc.constant(c), fc.subarray(c.asked, { maxLength: Math.min(4, c.asked.length) })),
    );

  it('is settled exactly when every completion of the open members’ answers gives one outcome', () => {
    const seen = { settled: 0, unsettled: 0 };
    fc.assert(
      fc.property(arbOpen, ([c, open]) => {
        const outcomes = reachable(c, open);
        const settled = circulationSettled(question(c), open);
        // A consultation's advice can change while anyone may still answer.
        const one = open.length === 0 || (outcomes.size === 1 && c.spec !== undefined);
        expect(settled, [...outcomes].join(', ')).toBe(one);
        if (open.length > 0) seen[settled ? 'settled' : 'unsettled'] += 1;
      }),
      { numRuns: 500 },
    );
    // Both answers came up, on cases with members still to answer: the check is not vacuous.
    expect(seen.settled).toBeGreaterThan(20);
    expect(seen.unsettled).toBeGreaterThan(20);
  });

  it('says unsettled where two completions differ, and settled once a nay breaks unanimity', () => {
    const asked = ['ann', 'bob', 'cy'];
    const rule: CirculationRule = {
      kind: 'majority',
      majority: 'votes-cast',
      quorum: { kind: 'count', count: 2 },
    };
    const ann: CirculationAnswer = { member: 'ann', choice: 'aye' };
    expect(circulationSettled({ asked, answers: [ann], rule }, ['bob', 'cy'])).toBe(false);
    const bobAye: CirculationAnswer = { member: 'bob', choice: 'aye' };
    const nays: CirculationAnswer[] = [
      { member: 'bob', choice: 'nay' },
      { member: 'cy', choice: 'nay' },
    ];
    expect(decideCirculation({ asked, answers: [ann, bobAye], rule }).outcome).toBe('adopted');
    expect(decideCirculation({ asked, answers: [ann, ...nays], rule }).outcome).toBe('rejected');
    expect(decideCirculation({ asked, answers: [ann], rule }).outcome).toBe('not-decided');

    const veto: CirculationQuestion = {
      asked,
      answers: [nays[0]!],
      rule: { kind: 'unanimous' },
    };
    expect(circulationSettled(veto, ['ann', 'cy'])).toBe(true);
  });

  it('keeps a consultation open while anyone may answer, and settles it when no one can', () => {
    const q = { asked: ['ann', 'bob'], answers: [{ member: 'ann', choice: 'aye' as const }] };
    expect(circulationSettled({ ...q, rule: undefined }, ['bob'])).toBe(false);
    expect(circulationSettled({ ...q, rule: undefined }, [])).toBe(true);
  });
});
