/** Circulations, dispatches and ratification as the fold checks and records them. */
import { describe, expect, it } from 'vitest';
import type { Act, RecordedAct } from '../../../src/core/acts.js';
import {
  applyAct,
  decideCirculationIn,
  decideMotion,
  emptyState,
  isSettled,
} from '../../../src/core/state/index.js';
import type { State } from '../../../src/core/state/index.js';

const CUSTODIAN = 'c'.repeat(43) + '=';
const charter = (circulation: unknown) => ({
  collegium: 1,
  organization: { id: 'coop', name: 'Coop' },
  people: Object.fromEntries(['ann', 'bob', 'cy', 'dee', 'eve'].map((p) => [p, { name: p }])),
  bodies: {
    board: {
      name: 'Board',
      members: ['ann', 'bob', 'cy', 'dee'],
      chair: 'ann',
      quorum: 'majority',
      majority: 'votes-cast',
      ...(circulation ? { circulation } : {}),
    },
  },
});

class Fold {
  state: State = emptyState();
  time = Date.parse('2026-12-01T10:00:00.000Z');
  act(act: Act, actor: string | null, signer: string | null = actor): void {
    this.time += 60_000;
    const recorded = {
      ...act,
      index: this.state.size,
      time: new Date(this.time).toISOString(),
      actor,
      signer,
      key: CUSTODIAN,
    } as RecordedAct;
    applyAct(this.state, recorded);
  }
}

function board(circulation: unknown = { rule: 'unanimous', ratify: 'next-session' }): Fold {
  const f = new Fold();
  f.act(
    {
      type: 'charter.adopt',
      payload: {
        charter: charter(circulation),
        custodian: CUSTODIAN,
        log: `coop+00000000+${'A'.repeat(44)}`,
      },
    },
    null,
  );
  return f;
}

const open = (extra: object = {}): Act => ({
  type: 'circulation.open',
  payload: {
    circulation: 'c1',
    body: 'board',
    mode: 'live',
    text: 'Buy a tractor?',
    deadline: '2026-12-10T12:00:00.000Z',
    ...extra,
  },
});
const answer = (member: string, choice: 'aye' | 'nay' | 'abstain'): Act => ({
  type: 'circulation.answer',
  payload: { circulation: 'c1', member, choice },
});

describe('circulations', () => {
  it('passes by unanimous consent once every member has answered aye, provisionally', () => {
    const f = board();
    f.act(open(), 'ann');
    for (const m of ['ann', 'bob', 'cy']) f.act(answer(m, 'aye'), m);
    const c = f.state.circulations.get('c1')!;
    expect(isSettled(c)).toBe(false);
    f.act(answer('dee', 'aye'), 'dee');
    expect(isSettled(c)).toBe(true);
    const decision = decideCirculationIn(c);
    expect(decision.outcome).toBe('adopted');
    f.act({ type: 'circulation.close', payload: { circulation: 'c1', decision } }, 'ann');
    expect(c.status).toBe('closed');
    expect(c.ratification).toEqual({ by: 'board', status: 'provisional' });
  });

  it('is rejected as soon as one member answers nay under unanimity', () => {
    const f = board();
    f.act(open(), 'ann');
    f.act(answer('bob', 'nay'), 'bob');
    const c = f.state.circulations.get('c1')!;
    expect(isSettled(c)).toBe(true);
    expect(decideCirculationIn(c).explanation).toMatch(/^rejected: unanimous consent/);
  });

  it('refuses an answer from someone not asked, a second answer, and a deadline in the past', () => {
    const f = board();
    expect(() => f.act(open({ deadline: '2026-11-01T00:00:00.000Z' }), 'ann')).toThrow(
      expect.objectContaining({ code: 'deadline-passed' }),
    );
    f.act(open({ to: ['bob', 'cy'] }), 'ann');
    expect(() => f.act(answer('dee', 'aye'), 'dee')).toThrow(
      expect.objectContaining({ code: 'not-asked' }),
    );
    f.act(answer('bob', 'aye'), 'bob');
    expect(() => f.act(answer('bob', 'nay'), 'bob')).toThrow(
      expect.objectContaining({ code: 'duplicate-answer' }),
    );
  });

  it('refuses a close before the deadline while the outcome can still change', () => {
    const f = board({ rule: { majority: 'votes-cast' } });
    f.act(open(), 'ann');
    f.act(answer('bob', 'aye'), 'bob');
    const decision = decideCirculationIn(f.state.circulations.get('c1')!);
    expect(() =>
      f.act({ type: 'circulation.close', payload: { circulation: 'c1', decision } }, 'ann'),
    ).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it('is ratified by an adopted motion of the next session', () => {
    const f = board();
    f.act(open(), 'ann');
    for (const m of ['ann', 'bob', 'cy', 'dee']) f.act(answer(m, 'aye'), m);
    f.act(
      {
        type: 'circulation.close',
        payload: {
          circulation: 'c1',
          decision: decideCirculationIn(f.state.circulations.get('c1')!),
        },
      },
      'ann',
    );
    f.act({ type: 'session.open', payload: { session: 's1', body: 'board', mode: 'live' } }, 'ann');
    for (const p of ['ann', 'bob', 'cy'])
      f.act({ type: 'attendance.arrive', payload: { session: 's1', person: p } }, 'ann');
    f.act(
      {
        type: 'motion.propose',
        payload: { session: 's1', motion: 'r', text: 'Ratify', ratifies: { circulation: 'c1' } },
      },
      'ann',
    );
    f.act({ type: 'vote.open', payload: { session: 's1', motion: 'r' } }, 'ann');
    for (const p of ['ann', 'bob', 'cy'])
      f.act(
        { type: 'ballot.cast', payload: { session: 's1', motion: 'r', voter: p, choice: 'aye' } },
        p,
      );

    const decision = decideMotion(
      f.state,
      f.state.charter!,
      f.state.motions.get(JSON.stringify(['s1', 'r']))!,
    );
    f.act({ type: 'vote.close', payload: { session: 's1', motion: 'r', decision } }, 'ann');
    expect(f.state.circulations.get('c1')!.ratification).toMatchObject({
      status: 'ratified',
      decidedBy: { session: 's1', motion: 'r' },
    });
  });

  it('registers, refers and closes dispatches', () => {
    const f = board();
    f.act(
      {
        type: 'dispatch.register',
        payload: {
          dispatch: 'd1',
          body: 'board',
          number: '2026/1',
          received: '2026-12-01',
          from: 'A farmer',
          channel: 'letter',
          text: 'Please',
        },
      },
      'ann',
    );
    expect(() =>
      f.act(
        {
          type: 'dispatch.register',
          payload: {
            dispatch: 'd2',
            body: 'board',
            number: '2026/1',
            received: '2026-12-01',
            from: 'X',
            channel: 'letter',
            text: 'Y',
          },
        },
        'ann',
      ),
    ).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() =>
      f.act(
        {
          type: 'dispatch.refer',
          payload: { dispatch: 'd1', inscription: 'to zed', people: ['zed'] },
        },
        'ann',
      ),
    ).toThrow(expect.objectContaining({ code: 'not-found' }));
    f.act(
      {
        type: 'dispatch.refer',
        payload: { dispatch: 'd1', inscription: 'ask bob', people: ['bob'] },
      },
      'ann',
    );
    f.act(open({ dispatch: 'd1' }), 'ann');
    expect(f.state.dispatches.get('d1')!.circulations).toEqual(['c1']);
    f.act({ type: 'dispatch.close', payload: { dispatch: 'd1', reason: 'answered' } }, 'ann');
    expect(f.state.dispatches.get('d1')!.closed?.reason).toBe('answered');
  });
});
