/**
 * Joint bodies: a session held by two bodies together, its members those of both (each once),
 * its votes counted under one rule, or with each body's own majority required too.
 */
import { describe, expect, it } from 'vitest';
import type { Act } from '../../../src/core/acts.js';
import type { Choice } from '../../../src/core/rules/index.js';
import { decideCirculationIn, decideMotion, isSettled } from '../../../src/core/state/index.js';
import { decidedByEachBodyAlone } from '../../../src/core/state/decide.js';
import { Fold, answerAct, openAct } from './fold.js';

const RULES = { quorum: 'majority', majority: 'votes-cast' };

/** Two parties sharing cy, and their joint session counted jointly or by each party. */
function parties(): Fold {
  return new Fold({
    left: { name: 'Left', members: ['ann', 'bob', 'cy'], chair: 'ann', ...RULES },
    right: { name: 'Right', members: ['cy', 'dee', 'eve'], chair: 'dee', ...RULES },
    each: {
      name: 'Joint, each party',
      joint: { bodies: ['left', 'right'], votes: 'each-body' },
      chair: 'ann',
      ...RULES,
    },
    together: { name: 'Joint', joint: { bodies: ['left', 'right'] }, chair: 'ann', ...RULES },
  });
}

/** The vote of a joint session of `body` with `present`, on one motion, as the ballots give. */
function vote(body: string, present: readonly string[], ballots: Record<string, Choice>) {
  const f = parties();
  f.meet('j1', body, 'ann', present);
  return f.decide('j1', 'ann', { motion: 'm' }, ballots).decision!;
}

const ALL = ['ann', 'bob', 'cy', 'dee', 'eve'];

describe('joint bodies', () => {
  it('sit with the members of their bodies, each once, counted jointly unless the charter says', () => {
    const charter = parties().state.charter!;
    expect(charter.bodies.get('each')).toMatchObject({
      votingMembers: ALL,
      joint: { bodies: ['left', 'right'], votes: 'each-body' },
    });
    expect(charter.bodies.get('together')!.joint).toEqual({
      bodies: ['left', 'right'],
      votes: 'jointly',
    });
  });

  it('needs each body’s own majority where the charter says so', () => {
    // 3 to 2 in the joint session; 3 to 0 in the left party, 1 to 2 in the right.
    const ballots = { ann: 'aye', bob: 'aye', cy: 'aye', dee: 'nay', eve: 'nay' } as const;
    const jointly = vote('together', ALL, ballots);
    expect(jointly.outcome).toBe('adopted');
    expect(jointly.bodies).toBeUndefined();

    const each = vote('each', ALL, ballots);
    expect(each.outcome).toBe('rejected');
    expect(each.tally).toMatchObject({ aye: 3, nay: 2 });
    expect(each.explanation).toMatch(
      /^rejected: each body's own majority is required: left adopted/,
    );
    expect(each.bodies!.map((b) => [b.body, b.decision.outcome, b.decision.tally])).toEqual([
      ['left', 'adopted', expect.objectContaining({ aye: 3, nay: 0 })],
      ['right', 'rejected', expect.objectContaining({ aye: 1, nay: 2 })],
    ]);
  });

  it('adopts when every body’s majority is met, a member of both counted in each', () => {
    const each = vote('each', ALL, { ann: 'aye', bob: 'nay', cy: 'aye', dee: 'aye', eve: 'nay' });
    expect(each.outcome).toBe('adopted');
    expect(each.tally).toMatchObject({ aye: 3, nay: 2 });
    expect(each.quorum).toMatchObject({ presentVoting: 5, votingMembers: 5 });
    expect(each.bodies!.map((b) => b.decision.tally)).toEqual([
      expect.objectContaining({ aye: 2, nay: 1 }),
      expect.objectContaining({ aye: 2, nay: 1 }),
    ]);
  });

  it('needs the joint session’s own majority too, where each body’s is met', () => {
    // Two thirds of the joint session: 3 to 2 falls short; each party's votes cast: 2 to 1 in each.
    const f = new Fold({
      left: { name: 'Left', members: ['ann', 'bob', 'cy'], chair: 'ann', ...RULES },
      right: { name: 'Right', members: ['cy', 'dee', 'eve'], chair: 'dee', ...RULES },
      strict: {
        name: 'Joint, two thirds',
        joint: { bodies: ['left', 'right'], votes: 'each-body' },
        chair: 'ann',
        quorum: 'majority',
        majority: 'two-thirds',
      },
    });
    f.meet('j1', 'strict', 'ann', ALL);
    const ref = { session: 'j1', motion: 'm' };
    f.act({ type: 'motion.propose', payload: { ...ref, text: 'Resolved.' } } as Act, 'ann');
    f.act({ type: 'vote.open', payload: ref }, 'ann');
    const ballots = { ann: 'aye', bob: 'nay', cy: 'aye', dee: 'aye', eve: 'nay' } as const;
    for (const [voter, choice] of Object.entries(ballots))
      f.act({ type: 'ballot.cast', payload: { ...ref, voter, choice } }, voter);
    const decision = decideMotion(f.state, f.state.charter!, f.motion('j1', 'm'));
    expect(decision.outcome).toBe('rejected');
    expect(decision.explanation).toMatch(
      /^rejected: the joint session's own majority is required too: jointly rejected: 3 ayes against 2 nays; two thirds of votes cast required; .*; left adopted: 2 ayes against 1 nay, .*; right adopted: 2 ayes against 1 nay/,
    );
    expect(decision.bodies!.map((b) => b.decision.outcome)).toEqual(['adopted', 'adopted']);

    // A record that closed it by each body's majority alone, before, still replays as it holds it.
    const alone = decidedByEachBodyAlone(decision)!;
    expect(alone.outcome).toBe('adopted');
    const close = (d: typeof decision): Act => ({
      type: 'vote.close',
      payload: { ...ref, decision: d },
    });
    f.refuses('charter-rule', close(alone), 'ann');
    f.replays(close(alone), 'ann');
    expect(f.motion('j1', 'm').decision!.outcome).toBe('adopted');
  });

  it('replays a close by each body alone under the majority the minutes stated, as records before both held it', () => {
    // Minutes that put the motion to two thirds, closed by each body's two thirds alone (2 to 1 in
    // each), before the joint count was required and before the charter's majority decided.
    const f = parties();
    f.act(
      { type: 'session.open', payload: { session: 'j1', body: 'each', mode: 'minutes' } },
      'ann',
    );
    for (const p of ALL)
      f.act({ type: 'attendance.arrive', payload: { session: 'j1', person: p } }, p);
    const ref = { session: 'j1', motion: 'm' };
    f.act(
      {
        type: 'motion.propose',
        payload: { ...ref, text: 'Resolved.', majority: 'two-thirds' },
      } as Act,
      'ann',
    );
    f.act({ type: 'vote.open', payload: ref }, 'ann');
    const ballots = { ann: 'aye', bob: 'nay', cy: 'aye', dee: 'aye', eve: 'nay' } as const;
    for (const [voter, choice] of Object.entries(ballots))
      f.act({ type: 'ballot.cast', payload: { ...ref, voter, choice } }, voter);
    const motion = f.motion('j1', 'm');
    const alone = decidedByEachBodyAlone(
      decideMotion(f.state, f.state.charter!, motion, 'stated'),
    )!;
    expect(alone.outcome).toBe('adopted');
    expect(alone.explanation).toMatch(
      /left adopted: 2 ayes against 1 nay, two thirds of votes cast/,
    );
    const close: Act = { type: 'vote.close', payload: { ...ref, decision: alone } };
    f.refuses('charter-rule', close, 'ann');
    f.replays(close, 'ann');
    expect(f.motion('j1', 'm').decision).toEqual(alone);
  });

  it('decides nothing where one body lacks its own quorum, though the session has one', () => {
    const present = ['ann', 'bob', 'cy'];
    const ballots = { ann: 'aye', bob: 'aye', cy: 'aye' } as const;
    expect(vote('together', present, ballots).outcome).toBe('adopted');
    const each = vote('each', present, ballots);
    expect(each.quorum).toMatchObject({ met: true, presentVoting: 3 });
    expect(each.outcome).toBe('not-decided');
    expect(each.bodies!.map((b) => [b.body, b.decision.quorum.met])).toEqual([
      ['left', true],
      ['right', false],
    ]);
  });

  it('needs each body’s own majority on a question put in writing too', () => {
    // The same answers as the vote above: 3 to 2 jointly; 3 to 0 on the left, 1 to 2 on the right.
    const answers = { ann: 'aye', bob: 'aye', cy: 'aye', dee: 'nay', eve: 'nay' } as const;
    const put = (body: string) => {
      const f = parties();
      f.act(openAct({ body, rule: { majority: 'votes-cast' } }), 'ann');
      for (const [m, choice] of Object.entries(answers)) f.act(answerAct(m, choice), m);
      return f;
    };
    expect(decideCirculationIn(put('together').circulation()).outcome).toBe('adopted');
    const f = put('each');
    const each = decideCirculationIn(f.circulation());
    expect(each.outcome).toBe('rejected');
    expect(each.explanation).toMatch(
      /^rejected: each body's own majority is required: left adopted/,
    );
    expect(each.bodies!.map((b) => [b.body, b.decision.outcome])).toEqual([
      ['left', 'adopted'],
      ['right', 'rejected'],
    ]);
    f.close('c1', 'ann');
    expect(f.circulation().decision!.outcome).toBe('rejected');

    // A record that closed it as counted jointly, before, still replays; a new close may not.
    const jointly = decideCirculationIn(put('together').circulation());
    const close: Act = {
      type: 'circulation.close',
      payload: { circulation: 'c1', decision: jointly },
    };
    expect(() => put('each').act(close, 'ann')).toThrow(/not what the rule gives/);
    const before = put('each');
    before.replays(close, 'ann');
    expect(before.circulation().decision!.outcome).toBe('adopted');
  });

  it('waits on a question in writing while one body’s majority can still turn', () => {
    // Jointly, three ayes of five under a majority of the membership settle it; the right party
    // has given one aye of its three, and its two still to answer could carry or sink it there.
    const f = parties();
    f.act(openAct({ body: 'each', rule: { majority: 'membership' } }), 'ann');
    for (const m of ['ann', 'bob', 'cy']) f.act(answerAct(m, 'aye'), m);
    expect(isSettled(f.circulation())).toBe(false);
    f.act(answerAct('dee', 'aye'), 'dee');
    expect(isSettled(f.circulation())).toBe(true);
    expect(decideCirculationIn(f.circulation()).outcome).toBe('adopted');
  });
});
