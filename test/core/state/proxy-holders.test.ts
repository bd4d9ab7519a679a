/**
 * A live ballot by proxy is cast by a holder who is a voting member of the body as the vote
 * opened: one an amendment made a candidate, or took off the body, is refused at the ballot, not
 * admitted and then left uncounted. A record that holds such a ballot replays, uncounted.
 */
import { describe, expect, it } from 'vitest';
import type { Act } from '../../../src/core/acts.js';
import { decideMotion } from '../../../src/core/state/index.js';
import { usableInVote } from '../../../src/core/state/proxies.js';
import { BOARD, charterJson, Fold } from './fold.js';

const PROXIES = { ...BOARD, proxies: { 'max-per-holder': 1 } };
const ref = { session: 's', motion: 'm' };

/** Dee, absent, gives cy her proxy; an amendment then makes the board `amended`; a vote opens. */
function amendedBeforeTheVote(amended: object): Fold {
  const f = new Fold({ board: PROXIES });
  f.meet('s', 'board', 'ann', ['ann', 'bob', 'cy']);
  f.act(
    {
      type: 'proxy.grant',
      payload: { grant: 'dee-cy', body: 'board', holder: 'cy', session: 's' },
    },
    'dee',
  );
  const ayes = { ann: 'aye', bob: 'aye', cy: 'aye' } as const;
  f.decide('s', 'ann', { motion: 'amend', amends: charterJson({ board: amended }) }, ayes);
  f.act({ type: 'charter.amend', payload: { session: 's', motion: 'amend' } } as Act, null);
  f.act({ type: 'motion.propose', payload: { ...ref, text: 'Resolved.' } } as Act, 'ann');
  f.act({ type: 'vote.open', payload: ref }, 'ann');
  return f;
}

const byProxy: Act = {
  type: 'ballot.cast',
  payload: { ...ref, voter: 'dee', choice: 'aye', castBy: 'cy' },
};

/** Whether the grant is offered for the vote, as GET /api/sessions/:id/proxies offers it. */
function offered(f: Fold, grant = 'dee-cy'): boolean {
  const m = f.motion('s', 'm');
  const g = f.state.grants.get(grant)!;
  return usableInVote(f.state, g, m, m.bodyAtOpen!, '2026-01-01T00:00:00Z');
}

/** Dee, then eve, absent, give cy their proxies under a limit of two; an amendment lowers it to
 * one; a vote opens. */
function limitLoweredBeforeTheVote(): Fold {
  const five = { ...BOARD, members: ['ann', 'bob', 'cy', 'dee', 'eve'] };
  const f = new Fold({ board: { ...five, proxies: { 'max-per-holder': 2 } } });
  f.meet('s', 'board', 'ann', ['ann', 'bob', 'cy']);
  for (const grantor of ['dee', 'eve'])
    f.act(
      {
        type: 'proxy.grant',
        payload: { grant: `${grantor}-cy`, body: 'board', holder: 'cy', session: 's' },
      },
      grantor,
    );
  const amended = { ...five, proxies: { 'max-per-holder': 1 } };
  const ayes = { ann: 'aye', bob: 'aye', cy: 'aye' } as const;
  f.decide('s', 'ann', { motion: 'amend', amends: charterJson({ board: amended }) }, ayes);
  f.act({ type: 'charter.amend', payload: { session: 's', motion: 'amend' } } as Act, null);
  f.act({ type: 'motion.propose', payload: { ...ref, text: 'Resolved.' } } as Act, 'ann');
  f.act({ type: 'vote.open', payload: ref }, 'ann');
  return f;
}

describe('a live ballot by proxy', () => {
  it('is offered to a holder who is a voting member as the vote opened, and to no other', () => {
    expect(
      offered(amendedBeforeTheVote({ ...PROXIES, members: ['ann', 'bob', 'cy', 'dee'] })),
    ).toBe(true);
    const candidate = { ...PROXIES, members: ['ann', 'bob', 'dee'], candidates: ['cy'] };
    expect(offered(amendedBeforeTheVote(candidate))).toBe(false);
    expect(offered(amendedBeforeTheVote({ ...PROXIES, members: ['ann', 'bob', 'dee'] }))).toBe(
      false,
    );
  });

  it('is refused from a holder an amendment made a candidate', () => {
    const f = amendedBeforeTheVote({
      ...PROXIES,
      members: ['ann', 'bob', 'dee'],
      candidates: ['cy'],
    });
    expect(() => f.act(byProxy, 'cy')).toThrow(
      'the proxy holder cy is a candidate of Board as the vote opened: voice, no vote, and no proxy',
    );
    f.refuses('candidate-no-vote', byProxy, 'cy');
  });

  it('is refused from a holder an amendment took off the body; a record holding one replays', () => {
    const f = amendedBeforeTheVote({ ...PROXIES, members: ['ann', 'bob', 'dee'] });
    expect(() => f.act(byProxy, 'cy')).toThrow(
      'the proxy holder cy is not a voting member of Board as the vote opened: a proxy is held by one',
    );
    f.refuses('not-member', byProxy, 'cy');
    // Recorded before the rule: it replays, and is not counted.
    f.replays(byProxy, 'cy');
    const decision = decideMotion(f.state, f.state.charter!, f.motion('s', 'm'));
    expect(decision.excluded).toEqual([{ voter: 'dee', reason: 'proxy-holder-not-a-member' }]);
  });

  it('is refused, and not offered, under a grant given after the first N its holder holds; a record holding one replays', () => {
    const f = limitLoweredBeforeTheVote();
    expect(offered(f, 'dee-cy')).toBe(true);
    expect(offered(f, 'eve-cy')).toBe(false);
    const eve: Act = {
      type: 'ballot.cast',
      payload: { ...ref, voter: 'eve', choice: 'aye', castBy: 'cy' },
    };
    expect(() => f.act(eve, 'cy')).toThrow(
      'cy was given 1 proxy for motion 2 ("Resolved") before eve-cy (dee-cy, of dee), the most Board allows as the vote opened (max-per-holder: 1): a ballot under eve-cy would not be counted',
    );
    f.refuses('charter-rule', eve, 'cy');
    // Recorded before the rule: it replays, and the count leaves it out.
    f.replays(eve, 'cy');
    const decision = decideMotion(f.state, f.state.charter!, f.motion('s', 'm'));
    expect(decision.excluded).toEqual([{ voter: 'eve', reason: 'proxy-limit' }]);
  });
});
