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
});
