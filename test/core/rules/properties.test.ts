import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHOICES,
  checkQuorum,
  decideAlternatives,
  decideFormula,
  type AlternativeBallot,
  type AlternativesMethod,
  type Ballot,
  type CastingVote,
  type Choice,
  type Decision,
  type Exclusion,
  type ExclusionReason,
  type MajorityRule,
  type QuorumRule,
  type VotingContext,
  isTie,
} from '../../../src/core/rules/index.js';
import { ids } from './fixtures.js';
import {
  alternativesOutcome,
  formulaOutcome,
  quorumRequired,
  type QuorumForm,
} from '../../support/rules-oracle.js';

// Voting members are the first `size` of MEMBER_POOL; the rest of the pool are non-members.
const MEMBER_POOL = ids('m', 10);
const CANDIDATES = ids('c', 2);
const GUESTS = ids('g', 2);
const PEOPLE = [...MEMBER_POOL, ...CANDIDATES, ...GUESTS];
const RULES: MajorityRule[] = [
  'votes-cast',
  'present',
  'membership',
  'two-thirds',
  'three-quarters',
  'unanimous',
];
const ALTERNATIVES = ['a', 'b', 'c'];
const METHODS: AlternativesMethod[] = ['plurality', 'absolute'];

const arbQuorum: fc.Arbitrary<QuorumRule> = fc.oneof(
  fc.constant({ kind: 'majority' as const }),
  fc.integer({ min: 0, max: 11 }).map((count) => ({ kind: 'count' as const, count })),
  fc
    .integer({ min: 1, max: 12 })
    .chain((of) =>
      fc
        .integer({ min: 1, max: of })
        .map((part) => ({ kind: 'fraction' as const, fraction: part / of })),
    ),
);

const arbContext: fc.Arbitrary<VotingContext> = fc
  .record({
    size: fc.integer({ min: 1, max: MEMBER_POOL.length - 2 }),
    present: fc.subarray(PEOPLE),
    quorum: arbQuorum,
    castingVote: fc.boolean(),
    chair: fc.option(fc.constantFrom(...MEMBER_POOL), { nil: undefined }),
    proxies: fc.option(fc.record({ maxPerHolder: fc.integer({ min: 0, max: 3 }) }), {
      nil: undefined,
    }),
  })
  .map(({ size, ...rest }) => ({
    votingMembers: MEMBER_POOL.slice(0, size),
    candidates: CANDIDATES,
    ...rest,
  }));

const arbChoice = fc.constantFrom<Choice>(...CHOICES);
/** Choices that record a person's not voting. */
const NO_VOTE: readonly Choice[] = ['not-voting', 'declined'];
const arbCasting = fc.option(fc.constantFrom<CastingVote>('aye', 'nay'), { nil: undefined });

/** Few proxy holders, so that they often reach their limit. */
const arbHolder = fc.constantFrom('m1', 'm2', 'g1');

/**
 * Ballots of distinct voters, from anyone, some cast by a proxy holder, with or without a grant
 * of the voter's in force (`granted`: unknown when absent, which the rules take as granted).
 */
const arbBallots: fc.Arbitrary<Ballot[]> = fc.uniqueArray(
  fc.record(
    {
      voter: fc.constantFrom(...PEOPLE),
      choice: arbChoice,
      castBy: arbHolder,
      granted: fc.boolean(),
    },
    { requiredKeys: ['voter', 'choice'] },
  ),
  { selector: (ballot) => ballot.voter },
);

const arbAlternativeBallots: fc.Arbitrary<AlternativeBallot[]> = fc.uniqueArray(
  fc.record(
    {
      voter: fc.constantFrom(...PEOPLE),
      alternative: fc.constantFrom('a', 'b', 'c', 'unknown', null),
      castBy: arbHolder,
      granted: fc.boolean(),
    },
    { requiredKeys: ['voter', 'alternative'] },
  ),
  { selector: (ballot) => ballot.voter },
);

function rollCall(
  ctx: VotingContext,
  rule: MajorityRule,
  ballots: readonly Ballot[],
  casting?: CastingVote,
) {
  return decideFormula(ctx, rule, { mode: 'roll-call', ballots, casting });
}

/** Present voting members who have not voted: who can cast one more ballot in person. */
function notYetVoted(ctx: VotingContext, ballots: readonly { voter: string }[]): string[] {
  return ctx.votingMembers.filter(
    (member) => ctx.present.includes(member) && !ballots.some((ballot) => ballot.voter === member),
  );
}

interface Reading<B> {
  counted: B[];
  excluded: Exclusion[];
  representedByProxy: number;
}

/**
 * An independent reading of the rules on who counts (docs/charter.md), for ballots of distinct
 * voters: a voting member's ballot in person counts if they were present; by proxy, if proxies are
 * allowed, a grant was in force (unknown: assumed), the voter was absent (a member present votes
 * in person) and the holder a voting member present, and within the holder's limit, kept for the first voters by
 * id. Every other ballot is excluded with the first reason that applies; a candidate's record of
 * not voting is neither. Members counted through a proxy are present for the quorum.
 */
function reading<B extends { voter: string; castBy?: string; granted?: boolean }>(
  ctx: VotingContext,
  ballots: readonly B[],
  content: { nothingCast: (ballot: B) => boolean; unknown?: (ballot: B) => boolean },
): Reading<B> {
  const candidate = (p: string) => ctx.candidates.includes(p);
  const here = (p: string) => ctx.present.includes(p);
  const counted: B[] = [];
  const excluded: Exclusion[] = [];
  const held = new Map<string, B[]>();
  const reasonFor = (b: B): ExclusionReason | 'held' | undefined => {
    if (!ctx.votingMembers.includes(b.voter) || candidate(b.voter))
      return candidate(b.voter) ? 'candidate' : 'not-a-member';
    if (content.unknown?.(b)) return 'unknown-alternative';
    if (b.castBy === undefined || b.castBy === b.voter) return here(b.voter) ? undefined : 'absent';
    if (!ctx.proxies) return 'proxy-not-allowed';
    if (b.granted === false) return 'proxy-without-grant';
    if (here(b.voter)) return 'grantor-present';
    if (!ctx.votingMembers.includes(b.castBy) || candidate(b.castBy))
      return 'proxy-holder-not-a-member';
    return here(b.castBy) ? 'held' : 'proxy-holder-absent';
  };
  for (const b of ballots) {
    if (candidate(b.voter) && content.nothingCast(b)) continue;
    const reason = reasonFor(b);
    if (reason === undefined) counted.push(b);
    else if (reason === 'held') held.set(b.castBy!, [...(held.get(b.castBy!) ?? []), b]);
    else excluded.push({ voter: b.voter, reason });
  }
  const before = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  let representedByProxy = 0;
  for (const list of held.values()) {
    [...list]
      .sort((a, b) => before(a.voter, b.voter))
      .forEach((b, i) => {
        if (i < ctx.proxies!.maxPerHolder) {
          counted.push(b);
          representedByProxy += 1;
        } else excluded.push({ voter: b.voter, reason: 'proxy-limit' });
      });
  }
  excluded.sort((a, b) => before(a.voter, b.voter) || before(a.reason, b.reason));
  return { counted, excluded, representedByProxy };
}

/** Voting members present in person. */
function presentInPerson(ctx: VotingContext): number {
  return ctx.votingMembers.filter((m) => !ctx.candidates.includes(m) && ctx.present.includes(m))
    .length;
}

/** A voting member who has not voted yet, present or not as asked, if there is one. */
function memberYetToVote(
  ctx: VotingContext,
  ballots: readonly { voter: string }[],
  present: boolean | undefined,
  pick: number,
): string | undefined {
  const idle = ctx.votingMembers.filter(
    (m) =>
      (present === undefined || ctx.present.includes(m) === present) &&
      !ballots.some((ballot) => ballot.voter === m),
  );
  return idle[pick % Math.max(idle.length, 1)];
}

/** The quorum as the oracle takes it, a fraction as the decimal a charter would write. */
function oracleQuorum(q: QuorumRule): QuorumForm {
  if (q.kind === 'majority') return 'majority';
  return q.kind === 'count' ? { count: q.count } : { fraction: String(q.fraction) };
}

/**
 * The outcome the independent reading gives (test/support/rules-oracle.ts), from the ballots that
 * `reading` counts: the quorum over members present in person or by a counted proxy, and the
 * chair's casting vote where the charter gives one and the chair (when known) was present.
 */
function oracleOutcome(
  ctx: VotingContext,
  counted: Reading<unknown>,
  decide: (present: number, members: number) => string,
): { required: number; outcome: string } {
  const members = ctx.votingMembers.filter((m) => !ctx.candidates.includes(m)).length;
  const present = presentInPerson(ctx) + counted.representedByProxy;
  const required = quorumRequired(oracleQuorum(ctx.quorum), members);
  return { required, outcome: present < required ? 'not-decided' : decide(present, members) };
}

/** Everything in a decision but the ballots it excluded. */
function withoutExcluded(decision: Decision) {
  return { ...decision, excluded: [] };
}

describe('properties of decideFormula', () => {
  it('one more aye never turns adopted into rejected', () => {
    fc.assert(
      fc.property(
        arbContext,
        fc.constantFrom(...RULES),
        arbBallots,
        arbCasting,
        fc.nat(),
        (ctx, rule, ballots, casting, pick) => {
          const idle = notYetVoted(ctx, ballots);
          const voter = idle[pick % Math.max(idle.length, 1)];
          fc.pre(voter !== undefined);
          const before = rollCall(ctx, rule, ballots, casting);
          const after = rollCall(ctx, rule, [...ballots, { voter, choice: 'aye' }], casting);
          expect(after.tally.aye).toBe((before.tally.aye ?? 0) + 1);
          if (before.outcome === 'adopted') expect(after.outcome).toBe('adopted');
        },
      ),
    );
  });

  it('one more nay never turns rejected into adopted', () => {
    fc.assert(
      fc.property(
        arbContext,
        fc.constantFrom(...RULES),
        arbBallots,
        arbCasting,
        fc.nat(),
        (ctx, rule, ballots, given, pick) => {
          // Under a members-present or membership rule a nay can create a tie, and with it the chair's
          // casting vote (see formula.test.ts); the property holds for those rules without one.
          const casting = rule === 'present' || rule === 'membership' ? undefined : given;
          const idle = notYetVoted(ctx, ballots);
          const voter = idle[pick % Math.max(idle.length, 1)];
          fc.pre(voter !== undefined);
          const before = rollCall(ctx, rule, ballots, casting);
          const after = rollCall(ctx, rule, [...ballots, { voter, choice: 'nay' }], casting);
          if (before.outcome === 'rejected') expect(after.outcome).toBe('rejected');
        },
      ),
    );
  });

  it('holds both monotonicities on counts within the members present', () => {
    const arbCase = arbContext.chain((ctx) =>
      fc.record({
        ctx: fc.constant(ctx),
        rule: fc.constantFrom(...RULES),
        // Leave room for one more vote: more votes than members present is an inconsistent record.
        votes: fc.array(arbChoice, { maxLength: Math.max(checkQuorum(ctx).presentVoting - 1, 0) }),
        casting: arbCasting,
      }),
    );
    fc.assert(
      fc.property(arbCase, ({ ctx, rule, votes, casting }) => {
        const decide = (extra: Choice[], castingVote?: CastingVote) => {
          const counts: Partial<Record<Choice, number>> = {};
          for (const choice of [...votes, ...extra]) counts[choice] = (counts[choice] ?? 0) + 1;
          return decideFormula(ctx, rule, { mode: 'counts', counts, casting: castingVote }).outcome;
        };
        if (decide([], casting) === 'adopted') expect(decide(['aye'], casting)).toBe('adopted');
        const nayCasting = rule === 'present' || rule === 'membership' ? undefined : casting;
        if (decide([], nayCasting) === 'rejected')
          expect(decide(['nay'], nayCasting)).toBe('rejected');
      }),
    );
  });

  it('a candidate’s, a non-member’s or an absent member’s ballot changes nothing but the exclusions', () => {
    fc.assert(
      fc.property(
        arbContext,
        fc.constantFrom(...RULES),
        arbBallots,
        arbCasting,
        arbChoice,
        fc.nat(),
        fc.nat(),
        (ctx, rule, ballots, casting, choice, pick, position) => {
          const absent = ctx.votingMembers.filter(
            (member) =>
              !ctx.present.includes(member) && !ballots.some((ballot) => ballot.voter === member),
          );
          const ineligible = [
            ...ctx.candidates,
            ...PEOPLE.filter((id) => !ctx.votingMembers.includes(id)),
            ...absent,
          ];
          const voter = ineligible[pick % ineligible.length];
          fc.pre(voter !== undefined);
          const at = position % (ballots.length + 1);
          const more = [...ballots.slice(0, at), { voter, choice }, ...ballots.slice(at)];
          const before = rollCall(ctx, rule, ballots, casting);
          const after = rollCall(ctx, rule, more, casting);
          expect(withoutExcluded(after)).toEqual(withoutExcluded(before));
          // A candidate listed as not voting cast nothing to exclude.
          const nothingCast = ctx.candidates.includes(voter) && NO_VOTE.includes(choice);
          expect(after.excluded).toHaveLength(before.excluded.length + (nothingCast ? 0 : 1));
        },
      ),
    );
  });

  it('does not depend on the order ballots arrive in', () => {
    const arbShuffled = arbBallots.chain((ballots) =>
      fc.tuple(
        fc.constant(ballots),
        fc.shuffledSubarray(ballots, { minLength: ballots.length, maxLength: ballots.length }),
      ),
    );
    fc.assert(
      fc.property(
        arbContext,
        fc.constantFrom(...RULES),
        arbShuffled,
        arbCasting,
        (ctx, rule, [ballots, shuffled], casting) => {
          expect(rollCall(ctx, rule, shuffled, casting)).toEqual(
            rollCall(ctx, rule, ballots, casting),
          );
        },
      ),
    );
  });

  it('agrees between a roll call in person and its counts', () => {
    const inPerson = arbBallots.map((ballots) =>
      ballots.map(({ voter, choice }) => ({ voter, choice })),
    );
    fc.assert(
      fc.property(
        arbContext,
        fc.constantFrom(...RULES),
        inPerson,
        arbCasting,
        (ctx, rule, ballots, casting) => {
          const byRollCall = rollCall(ctx, rule, ballots, casting);
          const byCounts = decideFormula(ctx, rule, {
            mode: 'counts',
            counts: byRollCall.tally,
            casting,
          });
          expect(byCounts).toEqual(withoutExcluded(byRollCall));
        },
      ),
    );
  });

  it('counts or excludes every ballot, and decides nothing without quorum', () => {
    fc.assert(
      fc.property(
        arbContext,
        fc.constantFrom(...RULES),
        arbBallots,
        arbCasting,
        (ctx, rule, ballots, casting) => {
          const decision = rollCall(ctx, rule, ballots, casting);
          const counted = Object.values(decision.tally).reduce((sum, n) => sum + n, 0);
          const nothingCast = ballots.filter(
            (b) => ctx.candidates.includes(b.voter) && NO_VOTE.includes(b.choice),
          ).length;
          expect(counted + decision.excluded.length + nothingCast).toBe(ballots.length);
          expect(decision.quorum.met).toBe(
            decision.quorum.presentVoting >= decision.quorum.required,
          );
          if (!decision.quorum.met) expect(decision.outcome).toBe('not-decided');
        },
      ),
    );
  });

  it('counts, excludes and finds the quorum as an independent reading of the rules does', () => {
    fc.assert(
      fc.property(arbContext, fc.constantFrom(...RULES), arbBallots, (ctx, rule, ballots) => {
        const decision = rollCall(ctx, rule, ballots);
        const expected = reading(ctx, ballots, {
          nothingCast: (b) => NO_VOTE.includes(b.choice),
        });
        expect(decision.excluded).toEqual(expected.excluded);
        expect(decision.tally).toEqual(
          Object.fromEntries(
            CHOICES.map((c) => [c, expected.counted.filter((b) => b.choice === c).length]),
          ),
        );
        expect(decision.quorum.representedByProxy).toBe(expected.representedByProxy);
        expect(decision.quorum.presentVoting).toBe(
          presentInPerson(ctx) + expected.representedByProxy,
        );
      }),
    );
  });

  it('decides as the independent reading of the rules does', () => {
    fc.assert(
      fc.property(
        arbContext,
        fc.constantFrom(...RULES),
        arbBallots,
        arbCasting,
        (ctx, rule, ballots, casting) => {
          const decision = rollCall(ctx, rule, ballots, casting);
          const counted = reading(ctx, ballots, { nothingCast: (b) => NO_VOTE.includes(b.choice) });
          const n = (c: Choice) => counted.counted.filter((b) => b.choice === c).length;
          const chairHere = ctx.chair === undefined || ctx.present.includes(ctx.chair);
          const chairs = ctx.castingVote && chairHere ? casting : undefined;
          expect({ required: decision.quorum.required, outcome: decision.outcome }).toEqual(
            oracleOutcome(ctx, counted, (present, members) =>
              formulaOutcome(rule, n('aye'), n('nay'), present, members, chairs),
            ),
          );
        },
      ),
    );
  });

  it('leaves out a ballot by proxy without a grant in force, and changes nothing else', () => {
    fc.assert(
      fc.property(
        arbContext,
        fc.constantFrom(...RULES),
        arbBallots,
        arbCasting,
        arbChoice,
        arbHolder,
        fc.nat(),
        (ctx, rule, ballots, casting, choice, holder, pick) => {
          const voter = memberYetToVote(ctx, ballots, undefined, pick);
          fc.pre(voter !== undefined && voter !== holder && ctx.proxies !== undefined);
          const before = rollCall(ctx, rule, ballots, casting);
          const proxy: Ballot = { voter, choice, castBy: holder, granted: false };
          const after = rollCall(ctx, rule, [...ballots, proxy], casting);
          expect(withoutExcluded(after)).toEqual(withoutExcluded(before));
          expect(after.excluded).toContainEqual({ voter, reason: 'proxy-without-grant' });
          expect(after.excluded).toHaveLength(before.excluded.length + 1);
        },
      ),
    );
  });

  it('leaves out the ballot by proxy of a member present, who is not represented by proxy', () => {
    fc.assert(
      fc.property(
        arbContext,
        fc.constantFrom(...RULES),
        arbBallots,
        arbCasting,
        arbChoice,
        arbHolder,
        fc.option(fc.constant(true), { nil: undefined }),
        fc.nat(),
        (ctx, rule, ballots, casting, choice, holder, granted, pick) => {
          const voter = memberYetToVote(ctx, ballots, true, pick);
          fc.pre(voter !== undefined && voter !== holder && ctx.proxies !== undefined);
          const before = rollCall(ctx, rule, ballots, casting);
          const proxy: Ballot = { voter, choice, castBy: holder, ...(granted ? { granted } : {}) };
          const after = rollCall(ctx, rule, [...ballots, proxy], casting);
          expect(withoutExcluded(after)).toEqual(withoutExcluded(before));
          expect(after.quorum.representedByProxy).toBe(before.quorum.representedByProxy);
          expect(after.excluded).toContainEqual({ voter, reason: 'grantor-present' });
          expect(after.excluded).toHaveLength(before.excluded.length + 1);
        },
      ),
    );
  });
});

describe('ties and the casting vote', () => {
  it('applies the casting vote exactly on the ties isTie defines, under every rule', () => {
    fc.assert(
      fc.property(
        arbContext,
        fc.constantFrom(...RULES),
        arbBallots,
        arbCasting,
        (ctx, rule, ballots, casting) => {
          const decision = rollCall(ctx, rule, ballots, casting);
          const tally = decision.tally as Record<Choice, number>;
          const chairPresent = ctx.chair === undefined || ctx.present.includes(ctx.chair);
          const applies =
            casting !== undefined &&
            ctx.castingVote &&
            chairPresent &&
            decision.quorum.met &&
            isTie(tally);
          expect(decision.castingVote).toBe(applies ? casting : undefined);
          if (applies) {
            expect(decision.explanation).toContain("tie broken by the chair's casting vote");
            // The chair's vote is counted on its side and the rule applied to the result (counts
            // know nothing of proxies, so compare where none was needed for the quorum).
            if (decision.quorum.representedByProxy === 0) {
              const once = decideFormula(ctx, rule, {
                mode: 'counts',
                counts: { ...tally, [casting]: tally[casting] + 1 },
              });
              expect(decision.outcome).toBe(once.outcome);
            }
          } else if (decision.quorum.met && isTie(tally)) {
            expect(decision.outcome).toBe('rejected');
          }
        },
      ),
    );
  });
});

describe('properties of decideAlternatives', () => {
  function decide(
    ctx: VotingContext,
    method: AlternativesMethod,
    ballots: readonly AlternativeBallot[],
  ) {
    return decideAlternatives(ctx, ALTERNATIVES, method, { mode: 'roll-call', ballots });
  }

  it('does not depend on the order ballots arrive in', () => {
    const arbShuffled = arbAlternativeBallots.chain((ballots) =>
      fc.tuple(
        fc.constant(ballots),
        fc.shuffledSubarray(ballots, { minLength: ballots.length, maxLength: ballots.length }),
      ),
    );
    fc.assert(
      fc.property(
        arbContext,
        fc.constantFrom(...METHODS),
        arbShuffled,
        (ctx, method, [ballots, shuffled]) => {
          expect(decide(ctx, method, shuffled)).toEqual(decide(ctx, method, ballots));
        },
      ),
    );
  });

  it('agrees between a roll call in person and its counts', () => {
    const inPerson = arbAlternativeBallots.map((ballots) =>
      ballots.map(({ voter, alternative }) => ({ voter, alternative })),
    );
    fc.assert(
      fc.property(arbContext, fc.constantFrom(...METHODS), inPerson, (ctx, method, ballots) => {
        const byRollCall = decide(ctx, method, ballots);
        const { abstain, ...counts } = byRollCall.tally;
        const byCounts = decideAlternatives(ctx, ALTERNATIVES, method, {
          mode: 'counts',
          counts,
          abstain,
        });
        expect(byCounts).toEqual(withoutExcluded(byRollCall));
      }),
    );
  });

  it('keeps the winner when one more vote is cast for it, and decides nothing without quorum', () => {
    fc.assert(
      fc.property(
        arbContext,
        fc.constantFrom(...METHODS),
        arbAlternativeBallots,
        fc.nat(),
        (ctx, method, ballots, pick) => {
          const before = decide(ctx, method, ballots);
          if (!before.quorum.met) expect(before.outcome).toBe('not-decided');
          const idle = notYetVoted(ctx, ballots);
          const voter = idle[pick % Math.max(idle.length, 1)];
          fc.pre(voter !== undefined && ALTERNATIVES.includes(before.outcome));
          expect(
            decide(ctx, method, [...ballots, { voter, alternative: before.outcome }]).outcome,
          ).toBe(before.outcome);
        },
      ),
    );
  });

  it('decides as the independent reading of the rules does', () => {
    fc.assert(
      fc.property(
        arbContext,
        fc.constantFrom(...METHODS),
        arbAlternativeBallots,
        (ctx, method, ballots) => {
          const decision = decide(ctx, method, ballots);
          const counted = reading(ctx, ballots, {
            nothingCast: () => false,
            unknown: (b) => b.alternative !== null && !ALTERNATIVES.includes(b.alternative),
          });
          const votes = Object.fromEntries(
            ALTERNATIVES.map((a) => [a, counted.counted.filter((b) => b.alternative === a).length]),
          );
          expect({ required: decision.quorum.required, outcome: decision.outcome }).toEqual(
            oracleOutcome(ctx, counted, () => alternativesOutcome(votes, method)),
          );
        },
      ),
    );
  });

  it('counts, excludes and finds the quorum as an independent reading of the rules does', () => {
    fc.assert(
      fc.property(
        arbContext,
        fc.constantFrom(...METHODS),
        arbAlternativeBallots,
        (ctx, method, ballots) => {
          const decision = decide(ctx, method, ballots);
          const expected = reading(ctx, ballots, {
            nothingCast: () => false,
            unknown: (b) => b.alternative !== null && !ALTERNATIVES.includes(b.alternative),
          });
          expect(decision.excluded).toEqual(expected.excluded);
          expect(decision.tally).toEqual(
            Object.fromEntries(
              [...ALTERNATIVES, null].map((a) => [
                a ?? 'abstain',
                expected.counted.filter((b) => b.alternative === a).length,
              ]),
            ),
          );
          expect(decision.quorum.representedByProxy).toBe(expected.representedByProxy);
          expect(decision.quorum.presentVoting).toBe(
            presentInPerson(ctx) + expected.representedByProxy,
          );
        },
      ),
    );
  });
});
