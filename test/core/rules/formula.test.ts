import { describe, expect, it } from 'vitest';
import {
  decideFormula,
  RuleInputError,
  type Ballot,
  type Choice,
  type MajorityRule,
  type VotingContext,
} from '../../../src/core/rules/index.js';
import { body, rollCall } from './fixtures.js';

function outcome(
  ctx: VotingContext,
  majority: MajorityRule,
  counts: Partial<Record<Choice, number>>,
) {
  return decideFormula(ctx, majority, { mode: 'roll-call', ballots: rollCall(counts) }).outcome;
}

describe('decideFormula: required majorities', () => {
  const all = body(20);

  it('votes-cast: more ayes than nays; abstentions, not voting and declined do not count', () => {
    expect(outcome(all, 'votes-cast', { aye: 5, nay: 4 })).toBe('adopted');
    expect(outcome(all, 'votes-cast', { aye: 4, nay: 5 })).toBe('rejected');
    expect(
      outcome(all, 'votes-cast', { aye: 3, nay: 2, abstain: 5, 'not-voting': 4, declined: 3 }),
    ).toBe('adopted');
  });

  it('present: ayes more than half of the voting members present', () => {
    const ten = body(20, 10, { quorum: { kind: 'count', count: 1 } });
    expect(outcome(ten, 'present', { aye: 6, abstain: 4 })).toBe('adopted');
    expect(outcome(ten, 'present', { aye: 5, abstain: 5 })).toBe('rejected');
    const explained = decideFormula(ten, 'present', {
      mode: 'roll-call',
      ballots: rollCall({ aye: 5, nay: 1 }),
    });
    expect(explained.explanation).toContain(
      'majority of members present (more than half of 10) required',
    );
  });

  it('membership: ayes more than half of all voting members', () => {
    const fifteen = body(15);
    expect(outcome(fifteen, 'membership', { aye: 8, nay: 7 })).toBe('adopted');
    expect(outcome(fifteen, 'membership', { aye: 7, nay: 0, abstain: 8 })).toBe('rejected');
  });

  it('two-thirds: at least two thirds of votes cast, and one aye', () => {
    expect(outcome(all, 'two-thirds', { aye: 6, nay: 3 })).toBe('adopted');
    expect(outcome(all, 'two-thirds', { aye: 5, nay: 3 })).toBe('rejected');
    expect(outcome(all, 'two-thirds', { aye: 1 })).toBe('adopted');
    expect(outcome(all, 'two-thirds', { abstain: 12 })).toBe('rejected');
  });

  it('three-quarters: at least three quarters of votes cast, and one aye', () => {
    expect(outcome(all, 'three-quarters', { aye: 6, nay: 2 })).toBe('adopted');
    expect(outcome(all, 'three-quarters', { aye: 5, nay: 2 })).toBe('rejected');
    expect(outcome(all, 'three-quarters', {})).toBe('rejected');
  });

  it('unanimous: no nays and at least one aye', () => {
    expect(outcome(all, 'unanimous', { aye: 3, abstain: 10 })).toBe('adopted');
    expect(outcome(all, 'unanimous', { aye: 12, nay: 1 })).toBe('rejected');
    expect(outcome(all, 'unanimous', { abstain: 3 })).toBe('rejected');
  });

  it('names each rule in words', () => {
    const words: Record<MajorityRule, string> = {
      'votes-cast': 'majority of votes cast',
      present: 'majority of members present (more than half of 20)',
      membership: 'majority of the membership (more than half of 20)',
      'two-thirds': 'two thirds of votes cast',
      'three-quarters': 'three quarters of votes cast',
      unanimous: 'unanimity',
    };
    for (const [rule, name] of Object.entries(words) as [MajorityRule, string][]) {
      const ballots = rollCall({ aye: 12, nay: 1, abstain: 1 });
      const decision = decideFormula(all, rule, { mode: 'roll-call', ballots });
      expect(decision.explanation).toMatch(
        new RegExp(
          `^(adopted|rejected): 12 ayes against 1 nay, 1 abstention(, |; )${name.replace(/[()]/g, '\\$&')}`,
        ),
      );
    }
  });
});

describe('decideFormula: ties and the casting vote', () => {
  const tied = { mode: 'roll-call', ballots: rollCall({ aye: 6, nay: 6 }) } as const;

  it('fails on a tie when the charter gives no casting vote', () => {
    const decision = decideFormula(body(15), 'votes-cast', tied);
    expect(decision.outcome).toBe('rejected');
    expect(decision.explanation).toBe(
      'rejected: 6 ayes against 6 nays; a tie fails without a casting vote; majority of votes cast required; 15 of 15 voting members present, quorum 8',
    );
    expect(decision.flags).toEqual([]);
  });

  it('fails on a tie when the charter gives a casting vote but none is given', () => {
    expect(decideFormula(body(15, 15, { castingVote: true }), 'votes-cast', tied).outcome).toBe(
      'rejected',
    );
  });

  it('counts the chair’s casting vote on a tie, on its side', () => {
    const ctx = body(15, 15, { castingVote: true, chair: 'm1' });
    const aye = decideFormula(ctx, 'votes-cast', { ...tied, casting: 'aye' });
    expect(aye).toMatchObject({ outcome: 'adopted', castingVote: 'aye', flags: [] });
    expect(aye.explanation).toBe(
      "adopted: 6 ayes against 6 nays, tie broken by the chair's casting vote (m1, aye), majority of votes cast; 15 of 15 voting members present, quorum 8",
    );
    expect(aye.tally).toMatchObject({ aye: 6, nay: 6 });
    const nay = decideFormula(ctx, 'votes-cast', { ...tied, casting: 'nay' });
    expect(nay).toMatchObject({ outcome: 'rejected', castingVote: 'nay' });
    expect(nay.explanation).toContain(
      "tie broken by the chair's casting vote (m1, nay); majority of votes cast required",
    );
  });

  it('lets the casting vote carry 0 to 0 under votes-cast', () => {
    const ctx = body(5, 5, { castingVote: true });
    const decision = decideFormula(ctx, 'votes-cast', {
      mode: 'counts',
      counts: { abstain: 5 },
      casting: 'aye',
    });
    expect(decision.outcome).toBe('adopted');
    expect(decision.explanation).toContain("tie broken by the chair's casting vote (aye)");
  });

  it('re-evaluates the rule with the casting vote: two thirds of 2 to 1', () => {
    const ctx = body(5, 5, { castingVote: true });
    const vote = { mode: 'counts', counts: { aye: 1, nay: 1 } } as const;
    expect(decideFormula(ctx, 'two-thirds', { ...vote, casting: 'aye' }).outcome).toBe('adopted');
    expect(decideFormula(ctx, 'three-quarters', { ...vote, casting: 'aye' }).outcome).toBe(
      'rejected',
    );
  });

  it('ignores and flags a casting vote the charter does not give', () => {
    const decision = decideFormula(body(15), 'votes-cast', { ...tied, casting: 'aye' });
    expect(decision.outcome).toBe('rejected');
    expect(decision.castingVote).toBeUndefined();
    expect(decision.flags).toEqual([
      'casting vote (aye) ignored: the charter gives the chair no casting vote',
    ]);
  });

  it('ignores and flags a casting vote when there is no tie', () => {
    const ctx = body(15, 15, { castingVote: true });
    const decision = decideFormula(ctx, 'votes-cast', {
      mode: 'counts',
      counts: { aye: 5, nay: 6 },
      casting: 'aye',
    });
    expect(decision.outcome).toBe('rejected');
    expect(decision.flags).toEqual(['casting vote (aye) ignored: the vote is not tied']);
  });

  it('reads 0 to 0 as a tie under every rule: the casting vote decides it, and the words say so', () => {
    const ctx = body(5, 5, { castingVote: true, chair: 'm1' });
    const none = { mode: 'counts', counts: { abstain: 5 } } as const;
    const rules = ['votes-cast', 'two-thirds', 'three-quarters', 'unanimous'] as const;
    for (const rule of rules) {
      const aye = decideFormula(ctx, rule, { ...none, casting: 'aye' });
      expect(aye).toMatchObject({ outcome: 'adopted', castingVote: 'aye', flags: [] });
      expect(aye.explanation).toMatch(
        /^adopted: 0 ayes against 0 nays, 5 abstentions, tie broken by the chair's casting vote \(m1, aye\)/,
      );
      const nay = decideFormula(ctx, rule, { ...none, casting: 'nay' });
      expect(nay).toMatchObject({ outcome: 'rejected', castingVote: 'nay', flags: [] });
      expect(decideFormula(ctx, rule, none).explanation).toMatch(
        /^rejected: 0 ayes against 0 nays, 5 abstentions; a tie fails without a casting vote;/,
      );
    }
    // Under the rules counted over members, the casting vote is one aye of the five it needs.
    for (const rule of ['present', 'membership'] as const) {
      const aye = decideFormula(ctx, rule, { ...none, casting: 'aye' });
      expect(aye).toMatchObject({ outcome: 'rejected', castingVote: 'aye', flags: [] });
      expect(aye.explanation).toContain("tie broken by the chair's casting vote (m1, aye)");
    }
  });

  it('ignores and flags the casting vote of a chair who was not present when the vote opened', () => {
    const ctx = body(5, 4, { castingVote: true, chair: 'm5' });
    const decision = decideFormula(ctx, 'votes-cast', {
      mode: 'counts',
      counts: { aye: 2, nay: 2 },
      casting: 'aye',
    });
    expect(decision.outcome).toBe('rejected');
    expect(decision.castingVote).toBeUndefined();
    expect(decision.flags).toEqual([
      'casting vote (aye) ignored: the chair m5 was not present when the vote opened',
    ]);
    const present = decideFormula({ ...ctx, chair: 'm4' }, 'votes-cast', {
      mode: 'counts',
      counts: { aye: 2, nay: 2 },
      casting: 'aye',
    });
    expect(present.outcome).toBe('adopted');
  });

  it('counts members represented by a proxy ballot as present under the present rule', () => {
    // 2 of 5 in the room, 2 more by proxy: 3 ayes are more than half of the 4 present.
    const ctx = body(5, 2, { proxies: { maxPerHolder: 2 } });
    const decision = decideFormula(ctx, 'present', {
      mode: 'roll-call',
      ballots: [
        { voter: 'm1', choice: 'aye' },
        { voter: 'm2', choice: 'nay' },
        { voter: 'm3', choice: 'aye', castBy: 'm1' },
        { voter: 'm4', choice: 'aye', castBy: 'm1' },
      ],
    });
    expect(decision.quorum).toMatchObject({ presentVoting: 4, representedByProxy: 2 });
    expect(decision.outcome).toBe('adopted');
    expect(decision.explanation).toContain('majority of members present (more than half of 4)');
  });

  it('lets a tie under a members-present rule be carried, though 3 to 2 could not be', () => {
    // The chair's extra vote exists only on a tie; so one more nay can turn rejected into adopted.
    const ctx = body(9, 7, { castingVote: true });
    expect(
      decideFormula(ctx, 'present', { mode: 'counts', counts: { aye: 3, nay: 2 }, casting: 'aye' })
        .outcome,
    ).toBe('rejected');
    expect(
      decideFormula(ctx, 'present', { mode: 'counts', counts: { aye: 3, nay: 3 }, casting: 'aye' })
        .outcome,
    ).toBe('adopted');
  });
});

describe('decideFormula: quorum', () => {
  it('decides nothing without quorum, but still reports the tally', () => {
    const decision = decideFormula(body(5, 2), 'votes-cast', {
      mode: 'roll-call',
      ballots: rollCall({ aye: 2 }),
    });
    expect(decision).toMatchObject({
      outcome: 'not-decided',
      explanation: 'not decided: no quorum: 2 of 5 voting members present, 3 required',
      tally: { aye: 2, nay: 0, abstain: 0, 'not-voting': 0, declined: 0 },
      quorum: { required: 3, presentVoting: 2, votingMembers: 5, met: false },
    });
  });

  it('counts members represented by a valid proxy ballot as present', () => {
    const ctx = body(4, 2, { proxies: { maxPerHolder: 1 } });
    const inPerson = rollCall({ aye: 2 });
    expect(decideFormula(ctx, 'votes-cast', { mode: 'roll-call', ballots: inPerson }).outcome).toBe(
      'not-decided',
    );
    const withProxy = [...inPerson, { voter: 'm3', choice: 'aye', castBy: 'm1' } as const];
    const decision = decideFormula(ctx, 'votes-cast', { mode: 'roll-call', ballots: withProxy });
    expect(decision).toMatchObject({
      outcome: 'adopted',
      quorum: { presentVoting: 3, representedByProxy: 1, met: true },
    });
    expect(decision.explanation).toBe(
      'adopted: 3 ayes against 0 nays, majority of votes cast; 3 of 4 voting members present (1 by proxy), quorum 3',
    );
  });

  it('counts proxy-represented members under the members-present rule', () => {
    const ctx = body(6, 4, { proxies: { maxPerHolder: 2 }, quorum: { kind: 'count', count: 1 } });
    const ballots: Ballot[] = [
      ...rollCall({ aye: 3, nay: 1 }),
      { voter: 'm5', choice: 'nay', castBy: 'm1' },
      { voter: 'm6', choice: 'nay', castBy: 'm1' },
    ];
    // 3 ayes of 6 present (4 in person, 2 by proxy) is not more than half.
    expect(decideFormula(ctx, 'present', { mode: 'roll-call', ballots }).outcome).toBe('rejected');
  });
});

describe('decideFormula: excluded ballots', () => {
  const ctx: VotingContext = {
    ...body(6, 4),
    candidates: ['stassova'],
    present: ['m1', 'm2', 'm3', 'm4', 'stassova', 'guest'],
  };

  function decide(context: VotingContext, ballots: Ballot[]) {
    return decideFormula(context, 'votes-cast', { mode: 'roll-call', ballots });
  }

  it('excludes candidates, non-members and absent members, sorted by voter', () => {
    const decision = decide(ctx, [
      { voter: 'stassova', choice: 'nay' },
      { voter: 'guest', choice: 'nay' },
      { voter: 'm6', choice: 'nay' },
      { voter: 'm1', choice: 'aye' },
    ]);
    expect(decision.outcome).toBe('adopted');
    expect(decision.tally).toMatchObject({ aye: 1, nay: 0 });
    expect(decision.excluded).toEqual([
      { voter: 'guest', reason: 'not-a-member' },
      { voter: 'm6', reason: 'absent' },
      { voter: 'stassova', reason: 'candidate' },
    ]);
  });

  it('excludes a candidate only for a counted choice, never for not voting or declining', () => {
    for (const choice of ['aye', 'nay', 'abstain'] as const)
      expect(decide(ctx, [{ voter: 'stassova', choice }]).excluded).toEqual([
        { voter: 'stassova', reason: 'candidate' },
      ]);
    for (const choice of ['not-voting', 'declined'] as const) {
      const decision = decide(ctx, [{ voter: 'stassova', choice }]);
      expect(decision.excluded).toEqual([]);
      expect(decision.tally[choice]).toBe(0);
    }
    // Not voting is no excuse for a guest or an absent member: they are excluded as before.
    expect(decide(ctx, [{ voter: 'guest', choice: 'not-voting' }]).excluded).toHaveLength(1);
  });

  it('counts the first ballot of a voter and excludes the later ones', () => {
    const decision = decide(ctx, [
      { voter: 'm1', choice: 'aye' },
      { voter: 'm1', choice: 'nay' },
    ]);
    expect(decision.tally).toMatchObject({ aye: 1, nay: 0 });
    expect(decision.excluded).toEqual([{ voter: 'm1', reason: 'duplicate' }]);
  });

  it('excludes proxy ballots when the charter allows no proxies', () => {
    const decision = decide(ctx, [{ voter: 'm5', choice: 'aye', castBy: 'm1' }]);
    expect(decision.excluded).toEqual([{ voter: 'm5', reason: 'proxy-not-allowed' }]);
    expect(decision.quorum.presentVoting).toBe(4);
  });

  it('treats a ballot cast by the voter as cast in person', () => {
    expect(decide(ctx, [{ voter: 'm1', choice: 'aye', castBy: 'm1' }]).tally.aye).toBe(1);
  });

  it('excludes a proxy ballot whose holder is not present', () => {
    const proxied = { ...ctx, proxies: { maxPerHolder: 1 } };
    const decision = decide(proxied, [{ voter: 'm5', choice: 'aye', castBy: 'm6' }]);
    expect(decision.excluded).toEqual([{ voter: 'm5', reason: 'proxy-holder-absent' }]);
  });

  it('lets no one but a voting member hold a proxy, as records closed before read it', () => {
    const ballots: Ballot[] = [{ voter: 'm5', choice: 'aye', castBy: 'guest' }];
    const proxied = { ...ctx, proxies: { maxPerHolder: 1 } };
    const decision = decide(proxied, ballots);
    expect(decision.tally.aye).toBe(0);
    expect(decision.excluded).toEqual([{ voter: 'm5', reason: 'proxy-holder-not-a-member' }]);
    const before = { ...ctx, proxies: { maxPerHolder: 1, anyHolder: true } };
    expect(decide(before, ballots).tally.aye).toBe(1);
  });

  it('keeps, over a holder’s limit, the ballots of the first voters by id, whatever the order', () => {
    const proxied = { ...body(8, 2), proxies: { maxPerHolder: 2 } };
    const ballots: Ballot[] = [
      { voter: 'm7', choice: 'nay', castBy: 'm1' },
      { voter: 'm3', choice: 'aye', castBy: 'm1' },
      { voter: 'm5', choice: 'aye', castBy: 'm1' },
      { voter: 'm4', choice: 'nay', castBy: 'm1' },
      { voter: 'm6', choice: 'aye', castBy: 'm2' },
    ];
    for (const order of [ballots, [...ballots].reverse()]) {
      const decision = decide(proxied, order);
      expect(decision.tally).toMatchObject({ aye: 2, nay: 1 });
      expect(decision.excluded).toEqual([
        { voter: 'm5', reason: 'proxy-limit' },
        { voter: 'm7', reason: 'proxy-limit' },
      ]);
      expect(decision.quorum).toMatchObject({ presentVoting: 5, representedByProxy: 3 });
    }
  });

  it('keeps, over a holder’s limit, the ballots under the grants given first', () => {
    // m9's grant came first: when m2 gave theirs, m1 held one already, the limit.
    const proxied = { ...body(9, 1), proxies: { maxPerHolder: 1 } };
    const ballots: Ballot[] = [
      { voter: 'm2', choice: 'nay', castBy: 'm1', grantedAt: 20 },
      { voter: 'm9', choice: 'aye', castBy: 'm1', grantedAt: 8 },
    ];
    for (const order of [ballots, [...ballots].reverse()]) {
      const decision = decide(proxied, order);
      expect(decision.tally).toMatchObject({ aye: 1, nay: 0 });
      expect(decision.excluded).toEqual([{ voter: 'm2', reason: 'proxy-limit' }]);
    }
  });

  it('refuses a proxy limit that is not a whole number >= 0', () => {
    expect(() => decide({ ...ctx, proxies: { maxPerHolder: -1 } }, [])).toThrow(
      expect.objectContaining({ code: 'invalid-proxy-rule' }),
    );
  });

  it('flags a candidate listed as a voting member and gives them no vote', () => {
    const decision = decide({ ...ctx, votingMembers: [...ctx.votingMembers, 'stassova'] }, [
      { voter: 'stassova', choice: 'aye' },
    ]);
    expect(decision.tally.aye).toBe(0);
    expect(decision.excluded).toEqual([{ voter: 'stassova', reason: 'candidate' }]);
    expect(decision.flags).toEqual([
      'stassova is listed both as a voting member and as a candidate; counted as a candidate',
    ]);
  });
});

describe('decideFormula: counts only', () => {
  it('flags more votes than voting members present', () => {
    const decision = decideFormula(body(20, 15), 'votes-cast', {
      mode: 'counts',
      counts: { aye: 9, nay: 7 },
    });
    expect(decision.outcome).toBe('adopted');
    expect(decision.flags).toEqual(['16 votes counted but only 15 voting members present']);
  });

  it('does not flag fewer votes than members present', () => {
    expect(
      decideFormula(body(20, 15), 'votes-cast', { mode: 'counts', counts: { aye: 3, nay: 2 } })
        .flags,
    ).toEqual([]);
  });

  it('reads missing and undefined counts as zero', () => {
    const decision = decideFormula(body(5), 'votes-cast', {
      mode: 'counts',
      counts: { aye: 1, nay: undefined },
    });
    expect(decision.tally).toEqual({ aye: 1, nay: 0, abstain: 0, 'not-voting': 0, declined: 0 });
  });

  it('refuses negative, fractional and unknown counts', () => {
    for (const counts of [{ aye: -1 }, { nay: 1.5 }, { aye: Number.NaN }]) {
      expect(() => decideFormula(body(5), 'votes-cast', { mode: 'counts', counts })).toThrow(
        expect.objectContaining({ name: 'RuleInputError', code: 'invalid-count' }),
      );
    }
    const unknown = { maybe: 1 } as Partial<Record<Choice, number>>;
    expect(() => decideFormula(body(5), 'votes-cast', { mode: 'counts', counts: unknown })).toThrow(
      RuleInputError,
    );
    expect(() => decideFormula(body(5), 'votes-cast', { mode: 'counts', counts: unknown })).toThrow(
      expect.objectContaining({ code: 'unknown-choice' }),
    );
  });

  it('writes one of a kind in the singular', () => {
    const decision = decideFormula(body(5), 'votes-cast', {
      mode: 'counts',
      counts: { aye: 1, nay: 1, abstain: 1, 'not-voting': 1, declined: 1 },
    });
    expect(decision.explanation).toBe(
      'rejected: 1 aye against 1 nay, 1 abstention, 1 not voting, 1 declined; a tie fails without a casting vote; majority of votes cast required; 5 of 5 voting members present, quorum 3',
    );
  });
});
