/**
 * Readings of the rules that changed, with votes closed before replaying as they were decided:
 * ballots by proxy in minutes, where the record takes grants as written (a holder keeps the
 * ballots under the first grants recorded, used or not, and one who is no voting member holds
 * none), a fraction quorum read exactly as the charter writes it, a majority the minutes
 * state beside the charter's, and a casting vote on a question of alternatives.
 */
import { describe, expect, it } from 'vitest';
import type { Act } from '../../../src/core/acts.js';
import { decideCirculationIn, decideMotion } from '../../../src/core/state/index.js';
import { BOARD, DEADLINE, Fold, answerAct, openAct } from './fold.js';

const ref = { session: 's', motion: 'm' };

/** A board allowing one proxy a holder, in a session transcribed from minutes. */
function minutes(
  present: readonly string[],
  grants: Record<string, string>,
  rules: object = { members: ['ann', 'bob', 'cy', 'dee'], quorum: { count: 1 } },
  motion: object = {},
): Fold {
  const f = new Fold({
    board: {
      name: 'Board',
      chair: 'ann',
      majority: 'votes-cast',
      proxies: { 'max-per-holder': 1 },
      ...rules,
    },
  });
  f.act({ type: 'session.open', payload: { session: 's', body: 'board', mode: 'minutes' } }, 'ann');
  for (const p of present)
    f.act({ type: 'attendance.arrive', payload: { session: 's', person: p } }, p);
  for (const [grantor, holder] of Object.entries(grants))
    f.act(
      {
        type: 'proxy.grant',
        payload: { grant: `${grantor}-proxy`, body: 'board', holder, session: 's' },
      },
      grantor,
    );
  f.act(
    { type: 'motion.propose', payload: { ...ref, text: 'Resolved.', ...motion } } as Act,
    'ann',
  );
  f.act({ type: 'vote.open', payload: ref }, 'ann');
  return f;
}

function ballot(f: Fold, voter: string, choice: 'aye' | 'nay', castBy?: string): void {
  f.act(
    { type: 'ballot.cast', payload: { ...ref, voter, choice, ...(castBy ? { castBy } : {}) } },
    castBy ?? voter,
  );
}

/** The decision now, and that a close as the rules read it before still replays. */
function decidedNowAndBefore(f: Fold, reading: 'earlier' | 'stated' = 'earlier') {
  const motion = f.motion('s', 'm');
  const now = decideMotion(f.state, f.state.charter!, motion);
  const before = decideMotion(f.state, f.state.charter!, motion, reading);
  const close = { type: 'vote.close', payload: { ...ref, decision: before } } as Act;
  f.refuses('charter-rule', close, 'ann');
  f.replays(close, 'ann');
  return { now, before };
}

describe('ballots by proxy in minutes', () => {
  it('count under the holder’s first grants recorded, the unused among them', () => {
    // bob's grant to ann came first; bob was present and voted in person, so it went unused.
    // cy's came when ann held one already: live it would have been refused.
    const f = minutes(['ann', 'bob', 'dee'], { bob: 'ann', cy: 'ann' });
    ballot(f, 'ann', 'aye');
    ballot(f, 'cy', 'aye', 'ann');
    ballot(f, 'dee', 'nay');
    const { now, before } = decidedNowAndBefore(f);
    expect(now.outcome).toBe('rejected');
    expect(now.tally).toMatchObject({ aye: 1, nay: 1 });
    expect(now.excluded).toEqual([{ voter: 'cy', reason: 'proxy-limit' }]);
    expect(now.flags).toContain(
      'cy voted through a proxy holder who held more proxies than allowed: ballot not counted',
    );
    expect(before.outcome).toBe('adopted');
  });

  it('do not count through a holder who is no voting member', () => {
    const f = minutes(['ann', 'bob', 'eve'], { cy: 'eve' });
    ballot(f, 'ann', 'aye');
    ballot(f, 'cy', 'aye', 'eve');
    ballot(f, 'bob', 'nay');
    const { now, before } = decidedNowAndBefore(f);
    expect(now.outcome).toBe('rejected');
    expect(now.quorum).toMatchObject({ presentVoting: 2, representedByProxy: 0 });
    expect(now.excluded).toEqual([{ voter: 'cy', reason: 'proxy-holder-not-a-member' }]);
    expect(now.flags).toContain(
      'cy voted through a proxy holder who is not a voting member: ballot not counted',
    );
    expect(before.outcome).toBe('adopted');
  });
});

describe('a fraction quorum', () => {
  // 0.66666666667 × 3 is 2.00000000001: the quorum is 3 of 3, not 2 as float tolerance read it.
  const twoThirdsAndABit = { fraction: 0.66666666667 };

  it('is the ceiling of the decimal as written, in a session', () => {
    const f = minutes(
      ['ann', 'bob'],
      {},
      { members: ['ann', 'bob', 'cy'], quorum: twoThirdsAndABit },
    );
    ballot(f, 'ann', 'aye');
    ballot(f, 'bob', 'aye');
    const { now, before } = decidedNowAndBefore(f);
    expect(now.quorum).toMatchObject({ required: 3, met: false });
    expect(now.outcome).toBe('not-decided');
    expect(before.outcome).toBe('adopted');
  });

  it('is the ceiling of the decimal as written, between meetings', () => {
    const f = new Fold({
      board: {
        name: 'Board',
        members: ['ann', 'bob', 'cy'],
        chair: 'ann',
        quorum: 'majority',
        majority: 'votes-cast',
        circulation: { rule: { majority: 'votes-cast', quorum: twoThirdsAndABit } },
      },
    });
    f.act(openAct(), 'ann');
    f.act(answerAct('ann', 'aye'), 'ann');
    f.act(answerAct('bob', 'aye'), 'bob');
    f.at(DEADLINE);
    const c = f.circulation();
    const now = decideCirculationIn(c);
    expect(now.quorum).toMatchObject({ required: 3, met: false });
    expect(now.outcome).toBe('not-decided');
    const rule = c.rule as { kind: 'majority'; quorum: object };
    const before = decideCirculationIn({
      ...c,
      rule: { ...rule, quorum: { ...rule.quorum, tolerant: true } },
    } as typeof c);
    expect(before.outcome).toBe('adopted');
    const close = { type: 'circulation.close', payload: { circulation: 'c1', decision: before } };
    f.refuses('charter-rule', close as Act, 'ann');
    f.replays(close as Act, 'ann');
    expect(f.circulation().decision!.outcome).toBe('adopted');
  });
});

describe('a majority the minutes state for a motion', () => {
  const rules = { members: ['ann', 'bob', 'cy', 'dee'], quorum: { count: 3 } };

  it("is flagged beside the charter's, which decides; a close by the minutes' still replays", () => {
    // Unanimity, say the minutes; a majority of votes cast, says the charter: 2 ayes against 1.
    const f = minutes(['ann', 'bob', 'dee'], {}, rules, { majority: 'unanimous' });
    ballot(f, 'ann', 'aye');
    ballot(f, 'bob', 'aye');
    ballot(f, 'dee', 'nay');
    expect(f.motion('s', 'm').majority).toBe('votes-cast');
    const { now, before } = decidedNowAndBefore(f, 'stated');
    expect(now.outcome).toBe('adopted');
    expect(now.flags).toEqual([
      'the minutes put it to unanimity (no nays, at least one aye); the charter decides it by a majority of votes cast',
    ]);
    expect(before.outcome).toBe('rejected');
    expect(before.flags).toEqual([]);
    expect(f.motion('s', 'm').decision!.outcome).toBe('rejected');
  });

  it('is not flagged where it is the charter’s own', () => {
    const f = minutes(['ann', 'bob', 'dee'], {}, rules, { majority: 'votes-cast' });
    ballot(f, 'ann', 'aye');
    ballot(f, 'dee', 'nay');
    const motion = f.motion('s', 'm');
    expect(decideMotion(f.state, f.state.charter!, motion).flags).toEqual([]);
  });
});

describe('a casting vote on a question of alternatives', () => {
  it('is refused as a new act, and kept as written in a record that holds one', () => {
    const f = new Fold({ board: { ...BOARD, 'casting-vote': true } });
    f.act(
      { type: 'session.open', payload: { session: 's', body: 'board', mode: 'minutes' } },
      'ann',
    );
    for (const p of ['ann', 'bob', 'cy', 'dee'])
      f.act({ type: 'attendance.arrive', payload: { session: 's', person: p } }, p);
    f.act(
      {
        type: 'motion.propose',
        payload: { ...ref, text: 'Where?', alternatives: ['moscow', 'petrograd'] },
      } as Act,
      'ann',
    );
    f.act({ type: 'vote.open', payload: ref }, 'ann');
    for (const [voter, alternative] of [
      ['ann', 'moscow'],
      ['bob', 'moscow'],
      ['cy', 'petrograd'],
      ['dee', 'petrograd'],
    ] as const)
      f.act({ type: 'ballot.cast', payload: { ...ref, voter, alternative } }, voter);
    const casting = { type: 'vote.casting', payload: { ...ref, choice: 'aye' } } as Act;
    f.refuses('invalid-input', casting, 'ann');
    f.replays(casting, 'ann');
    const decision = decideMotion(f.state, f.state.charter!, f.motion('s', 'm'));
    expect(decision.outcome).toBe('not-decided');
  });
});
