/**
 * Who may put a motion: someone with a voice in the body (a member, a candidate, an officer, or
 * a member of a parent it draws in who is at hand), not someone from outside it. A rule for new
 * live motions: minutes name the proposers they name, and a record that holds one folds as it did.
 */
import { describe, expect, it } from 'vitest';
import type { Act } from '../../../src/core/acts.js';
import { motionKey } from '../../../src/core/state/index.js';
import { BOARD, BUREAU, Fold } from './fold.js';

const propose = (session: string, proposer: string, extra: object = {}): Act =>
  ({
    type: 'motion.propose',
    payload: { session, motion: `by-${proposer}`, text: 'Resolved.', proposer, ...extra },
  }) as Act;

function sitting(mode: 'live' | 'minutes'): Fold {
  const f = new Fold({ board: { ...BOARD, candidates: ['eve'] } });
  f.act({ type: 'session.open', payload: { session: 's', body: 'board', mode } }, 'ann');
  return f;
}

describe('the proposer of a live motion', () => {
  it('is a member, a candidate or an officer of the body', () => {
    const f = sitting('live');
    for (const p of ['bob', 'eve', 'ann']) f.act(propose('s', p), p);
    expect(f.state.motions.size).toBe(3);
  });

  it('is not someone from outside the body, proposing or named by an officer', () => {
    const f = sitting('live');
    f.refuses('not-member', propose('s', 'fay'), 'fay');
    f.refuses('not-member', propose('s', 'fay'), 'ann');
    expect(() => f.act(propose('s', 'fay'), 'fay')).toThrow(
      /fay may not propose a motion in Board: only its members, candidates and officers do/,
    );
  });

  it('is a member of the parent drawn in, at hand', () => {
    const f = new Fold({ board: BOARD, bureau: BUREAU });
    f.act(
      {
        type: 'session.open',
        payload: { session: 'b', body: 'bureau', mode: 'live', atHand: ['cy'] },
      },
      'ann',
    );
    f.act({ type: 'attendance.arrive', payload: { session: 'b', person: 'cy' } }, 'cy');
    f.act(propose('b', 'cy', { power: 'urgent' }), 'cy');
    f.refuses('not-member', propose('b', 'dee', { power: 'urgent' }), 'ann');
  });

  it('held by a record already, or named by minutes, is taken as it stands', () => {
    const live = sitting('live');
    live.replays(propose('s', 'fay'), 'fay');
    expect(live.state.motions.get(motionKey('s', 'by-fay'))?.proposer).toBe('fay');
    const minutes = sitting('minutes');
    minutes.act(propose('s', 'fay'), 'ann');
    expect(minutes.state.motions.size).toBe(1);
  });
});
