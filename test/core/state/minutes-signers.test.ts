/**
 * Who signs a session's minutes: the chair who sat and the secretary of the body as it sat, even
 * when an amendment has changed its officers by the time the minutes are signed.
 */
import { describe, expect, it } from 'vitest';
import type { Act } from '../../../src/core/acts.js';
import { minutesContentHash } from '../../../src/core/minutes/content.js';
import { BOARD, charterJson, Fold } from './fold.js';

const SECRETARY_BOB = { ...BOARD, secretary: 'bob' };

function signAct(f: Fold, session: string): Act {
  const content = minutesContentHash(f.state, f.state.sessions.get(session)!);
  return { type: 'minutes.sign', payload: { session, content } } as Act;
}

describe('the signers of minutes', () => {
  it('are the officers of the body as it sat, not as an amendment made it since', () => {
    const f = new Fold({ board: SECRETARY_BOB });
    f.meet('s1', 'board', 'ann', ['ann', 'bob', 'cy']);
    f.act({ type: 'session.close', payload: { session: 's1' } }, 'ann');

    // At the next session, cy becomes the secretary.
    f.meet('s2', 'board', 'ann', ['ann', 'bob', 'cy']);
    const amended = charterJson({ board: { ...BOARD, secretary: 'cy' } });
    const ballots = { ann: 'aye', bob: 'aye', cy: 'aye' } as const;
    f.decide('s2', 'ann', { motion: 'amend', amends: amended }, ballots);
    f.act({ type: 'charter.amend', payload: { session: 's2', motion: 'amend' } } as Act, null);
    expect(f.state.charter!.bodies.get('board')!.secretary).toBe('cy');

    expect(() => f.act(signAct(f, 's1'), 'cy')).toThrow(
      'cy may not sign the minutes of the session of Board on 1 December 2026: ann and bob sign them',
    );
    f.act(signAct(f, 's1'), 'bob');
    f.act(signAct(f, 's1'), 'ann');
    const signers = f.state.sessions.get('s1')!.minutes.signatures.map((s) => s.signer);
    expect(signers).toEqual(['bob', 'ann']);
  });

  it('name the one who signs where only the chair does', () => {
    const f = new Fold({ board: BOARD });
    f.meet('s1', 'board', 'ann', ['ann', 'bob', 'cy']);
    f.act({ type: 'session.close', payload: { session: 's1' } }, 'ann');
    expect(() => f.act(signAct(f, 's1'), 'bob')).toThrow(
      'bob may not sign the minutes of the session of Board on 1 December 2026: ann signs them',
    );
  });

  it('sign or object on a day the session has met by and the act is recorded by', () => {
    const f = new Fold({ board: SECRETARY_BOB });
    f.meet('s1', 'board', 'ann', ['ann', 'bob', 'cy']);
    f.act({ type: 'session.close', payload: { session: 's1' } }, 'ann');
    const signed = (date: string) => {
      const act = signAct(f, 's1');
      return { ...act, payload: { ...act.payload, date } } as Act;
    };
    const objection = (date: string) =>
      ({ type: 'minutes.object', payload: { session: 's1', text: 'No.', date } }) as Act;
    expect(() => f.act(signed('0001-01-01'), 'bob')).toThrow(
      'payload.date: 1 January 0001 is before the session of Board on 1 December 2026 met: its minutes are signed after it',
    );
    expect(() => f.act(objection('9999-01-01'), 'cy')).toThrow(
      /^payload\.date: 1 January 9999 is after the day it is recorded \(1 December 2026\)/,
    );
    // A day either way of UTC's is the office's own.
    f.act(signed('2026-11-30'), 'bob');
    f.act(objection('2026-12-02'), 'cy');
    // What the record holds is replayed as it was admitted.
    f.replays(objection('0001-01-01'), 'cy');
    expect(f.state.sessions.get('s1')!.minutes.objections.map((o) => o.date)).toEqual([
      '2026-12-02',
      '0001-01-01',
    ]);
  });
});
