/**
 * Provisional decisions and their ratification (core/state/decisions.ts): a decision of a body
 * that reports to its parent, or a circulation under `ratify: next-session`, stands until a
 * motion of the ratifying body confirms or annuls it; and the chains decisions form.
 */
import { describe, expect, it } from 'vitest';
import type { Act, DecisionRef } from '../../../src/core/acts.js';
import {
  awaitingRatification,
  chainOf,
  decideMotion,
  refKey,
} from '../../../src/core/state/index.js';
import { BOARD, Fold, answerAct as answer, openAct as open } from './fold.js';

/** A board, and an executive of three that reports to it and decides between meetings. */
function withExecutive(): Fold {
  return new Fold({
    board: { ...BOARD, circulation: { rule: 'unanimous', ratify: 'next-session' } },
    exec: {
      name: 'Executive',
      parent: 'board',
      members: ['ann', 'bob', 'cy'],
      chair: 'ann',
      quorum: 'majority',
      majority: 'votes-cast',
      obligations: [{ 'report-to': 'board' }],
      circulation: { rule: { majority: 'votes-cast' } },
    },
  });
}

/** The executive's circulation `id`, answered as given and closed at its deadline. */
function execCirculation(f: Fold, id: string, answers: Record<string, 'aye' | 'nay'>): void {
  f.act(open({ circulation: id, body: 'exec', to: Object.keys(answers) }), 'ann');
  for (const [m, choice] of Object.entries(answers)) f.act(answer(m, choice, {}, id), m);
  f.close(id, 'ann');
}

const ALL_AYE = { ann: 'aye', bob: 'aye', cy: 'aye' } as const;
const x1: DecisionRef = { circulation: 'x1' };

/** The executive has decided x1 by circulation; the board meets with three of its four. */
function awaitingBoard(): Fold {
  const f = withExecutive();
  execCirculation(f, 'x1', ALL_AYE);
  f.meet('s1', 'board', 'ann', ['ann', 'bob', 'cy']);
  return f;
}

const keys = (list: { ref: DecisionRef }[]) => list.map((d) => refKey(d.ref));

describe('ratification', () => {
  it('is ratified by an adopted motion of the body’s next session (ratify: next-session)', () => {
    const f = withExecutive();
    f.act(open(), 'ann');
    for (const m of ['ann', 'bob', 'cy', 'dee']) f.act(answer(m, 'aye'), m);
    f.close('c1', 'ann');
    expect(keys(awaitingRatification(f.state, 'board'))).toEqual([refKey({ circulation: 'c1' })]);
    f.meet('s1', 'board', 'ann', ['ann', 'bob', 'cy']);
    const r = f.decide(
      's1',
      'ann',
      { motion: 'r', ratifies: { circulation: 'c1' } },
      { ann: 'aye', bob: 'aye', cy: 'aye' },
    );
    expect(f.circulation('c1').ratification).toEqual({
      by: 'board',
      status: 'ratified',
      decidedBy: { session: 's1', motion: 'r' },
      decidedAt: r.closedAt,
    });
    // The ratifying motion of a body that reports to no one stands on its own.
    expect(r.ratification).toBeUndefined();
    expect(awaitingRatification(f.state)).toEqual([]);
  });

  it('holds a delegated body’s adopted motions and circulations for its parent, not its rejected ones', () => {
    const f = withExecutive();
    execCirculation(f, 'x1', ALL_AYE);
    execCirculation(f, 'x2', { ann: 'nay', bob: 'nay' });
    f.meet('e1', 'exec', 'ann', ['ann', 'bob', 'cy']);
    f.decide('e1', 'ann', { motion: 'yes' }, ALL_AYE);
    f.decide('e1', 'ann', { motion: 'no' }, { ann: 'nay', bob: 'nay' });
    expect(f.circulation('x1').ratification).toEqual({ by: 'board', status: 'provisional' });
    expect(f.circulation('x2').ratification).toBeUndefined();
    expect(f.motion('e1', 'yes').ratification).toEqual({ by: 'board', status: 'provisional' });
    expect(f.motion('e1', 'no').ratification).toBeUndefined();
    const awaiting = [refKey(x1), refKey({ session: 'e1', motion: 'yes' })];
    expect(keys(awaitingRatification(f.state, 'board'))).toEqual(awaiting);
    expect(keys(awaitingRatification(f.state))).toEqual(awaiting);
    expect(awaitingRatification(f.state, 'exec')).toEqual([]);
  });

  it('is ratified by the parent’s adopted motion, annulled by a rejected one, and waits on one not decided', () => {
    const f = withExecutive();
    execCirculation(f, 'x1', ALL_AYE);
    execCirculation(f, 'x2', ALL_AYE);
    f.meet('s1', 'board', 'ann', ['ann', 'bob']);
    // Two of four present: no quorum, nothing decided, x1 still awaits the board.
    const none = f.decide('s1', 'ann', { motion: 'r0', ratifies: x1 }, { ann: 'aye', bob: 'aye' });
    expect(none.decision!.outcome).toBe('not-decided');
    expect(f.circulation('x1').ratification).toEqual({ by: 'board', status: 'provisional' });
    f.act({ type: 'attendance.arrive', payload: { session: 's1', person: 'cy' } }, 'cy');
    const yes = f.decide('s1', 'ann', { motion: 'r1', ratifies: x1 }, { ann: 'aye', bob: 'aye' });
    const no = f.decide(
      's1',
      'ann',
      { motion: 'r2', ratifies: { circulation: 'x2' } },
      { ann: 'nay', bob: 'nay', cy: 'aye' },
    );
    expect(f.circulation('x1').ratification).toEqual({
      by: 'board',
      status: 'ratified',
      decidedBy: { session: 's1', motion: 'r1' },
      decidedAt: yes.closedAt,
    });
    expect(f.circulation('x2').ratification).toEqual({
      by: 'board',
      status: 'annulled',
      decidedBy: { session: 's1', motion: 'r2' },
      decidedAt: no.closedAt,
    });
    expect(awaitingRatification(f.state)).toEqual([]);
    // Recomputed after the fact, the ratifying motions still give what was recorded.
    for (const m of [yes, no])
      expect(decideMotion(f.state, f.state.charter!, m)).toEqual(m.decision);
  });

  it('ratifies a delegated body’s motion the same way', () => {
    const f = withExecutive();
    f.meet('e1', 'exec', 'ann', ['ann', 'bob', 'cy']);
    f.decide('e1', 'ann', { motion: 'buy' }, ALL_AYE);
    f.meet('s1', 'board', 'ann', ['ann', 'bob', 'cy']);
    f.decide('s1', 'ann', { motion: 'r', ratifies: { session: 'e1', motion: 'buy' } }, ALL_AYE);
    expect(f.motion('e1', 'buy').ratification).toMatchObject({
      status: 'ratified',
      decidedBy: { session: 's1', motion: 'r' },
    });
  });

  it('refuses, live, a motion that ratifies what awaits no ratification by its body', () => {
    const f = awaitingBoard();
    const propose = (session: string, motion: string, extra: object): Act =>
      ({
        type: 'motion.propose',
        payload: { session, motion, text: 'Ratify.', ...extra },
      }) as Act;
    f.refuses('not-found', propose('s1', 'r', { ratifies: { circulation: 'zz' } }), 'ann');
    f.refuses(
      'not-found',
      propose('s1', 'r', { ratifies: { session: 's1', motion: 'zz' } }),
      'ann',
    );
    f.refuses(
      'invalid-input',
      propose('s1', 'r', { ratifies: x1, alternatives: ['a', 'b'] }),
      'ann',
    );
    f.refuses('not-found', propose('s1', 'r', { follows: { circulation: 'zz' } }), 'ann');
    f.refuses('not-found', propose('s1', 'r', { dispatch: 'd9' }), 'ann');
    // The executive's own session cannot confirm what its parent must.
    f.meet('e1', 'exec', 'ann', []);
    f.refuses('charter-rule', propose('e1', 'r', { ratifies: x1 }), 'ann');
    // Once ratified, nothing awaits the board.
    f.decide('s1', 'ann', { motion: 'r', ratifies: x1 }, ALL_AYE);
    f.refuses('charter-rule', propose('s1', 'again', { ratifies: x1 }), 'ann');
    f.refuses(
      'charter-rule',
      propose('s1', 'self', { ratifies: { session: 's1', motion: 'r' } }),
      'ann',
    );
  });

  it('refuses, live, a motion that ratifies a question still open, saying it is not decided yet', () => {
    const f = withExecutive();
    f.act(open(), 'ann');
    f.act(answer('ann', 'aye'), 'ann');
    f.meet('s1', 'board', 'ann', ['ann', 'bob', 'cy']);
    const ratify = {
      type: 'motion.propose',
      payload: { session: 's1', motion: 'r', text: 'Ratify.', ratifies: { circulation: 'c1' } },
    } as Act;
    f.refuses('charter-rule', ratify, 'ann');
    expect(() => f.act(ratify, 'ann')).toThrow(
      /^the question "Buy a tractor\?" put to .+ is not decided yet: only a decision adopted awaits ratification$/,
    );
  });

  it('refuses, live, the vote on a second motion ratifying what the first has ratified meanwhile', () => {
    const f = awaitingBoard();
    const propose = (motion: string): Act =>
      ({
        type: 'motion.propose',
        payload: { session: 's1', motion, text: 'Ratify.', ratifies: x1 },
      }) as Act;
    // Both put from the agenda while x1 awaited the board.
    f.act(propose('again'), 'ann');
    f.decide('s1', 'ann', { motion: 'r', ratifies: x1 }, ALL_AYE);
    f.refuses(
      'conflict',
      { type: 'vote.open', payload: { session: 's1', motion: 'again' } },
      'ann',
    );
    expect(f.circulation('x1').ratification).toMatchObject({
      status: 'ratified',
      decidedBy: { session: 's1', motion: 'r' },
    });
  });

  it('records such a motion from minutes, flags it, and leaves the decision it names alone', () => {
    const f = awaitingBoard();
    f.decide('s1', 'ann', { motion: 'r', ratifies: x1 }, ALL_AYE);
    f.act(
      { type: 'session.open', payload: { session: 'm1', body: 'board', mode: 'minutes' } },
      'ann',
    );
    for (const p of ['ann', 'bob', 'cy'])
      f.act({ type: 'attendance.arrive', payload: { session: 'm1', person: p } }, p);
    const again = f.decide(
      'm1',
      'ann',
      { motion: 'again', ratifies: x1 },
      { ann: 'nay', bob: 'nay' },
    );
    expect(again.decision!.outcome).toBe('rejected');
    expect(again.decision!.flags).toEqual([
      'again ratifies circulation x1, which awaits no ratification by board',
    ]);
    expect(f.circulation('x1').ratification).toMatchObject({
      status: 'ratified',
      decidedBy: { session: 's1', motion: 'r' },
    });
  });
});

describe('chainOf', () => {
  it('follows a decision back through what it ratifies or follows, and forward to all that continue it', () => {
    const f = awaitingBoard();
    f.decide('s1', 'ann', { motion: 'r', ratifies: x1 }, ALL_AYE);
    f.act(open({ circulation: 'c2', follows: { session: 's1', motion: 'r' } }), 'ann');
    f.decide('s1', 'ann', { motion: 'other' }, ALL_AYE);
    f.act(open({ circulation: 'x3', body: 'exec', follows: x1 }), 'ann');
    f.act(
      {
        type: 'motion.propose',
        payload: { session: 's1', motion: 'n', text: 'Next.', follows: { circulation: 'c2' } },
      },
      'ann',
    );
    const chain = [
      x1,
      { session: 's1', motion: 'r' },
      { circulation: 'c2' },
      { circulation: 'x3' },
      { session: 's1', motion: 'n' },
    ];
    for (const ref of chain) expect(chainOf(f.state, ref).map((d) => d.ref)).toEqual(chain);
    expect(chainOf(f.state, { session: 's1', motion: 'other' }).map((d) => d.ref)).toEqual([
      { session: 's1', motion: 'other' },
    ]);
    expect(chainOf(f.state, { circulation: 'zz' })).toEqual([]);
    // Views are made of the chain's decisions only: the other motions' rolls are not read.
    const other = f.state.motions.get(refKey({ session: 's1', motion: 'other' }))!;
    Object.defineProperty(other, 'ballots', {
      get: () => expect.fail('the roll of a motion outside the chain was read'),
    });
    expect(chainOf(f.state, x1).map((d) => d.ref)).toEqual(chain);
    expect(chainOf(f.state, x1).find((d) => refKey(d.ref) === refKey(x1))).toMatchObject({
      index: f.circulation('x1').openedAt,
      text: f.circulation('x1').text,
    });
  });
});
