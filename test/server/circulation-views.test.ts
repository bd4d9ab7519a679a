/**
 * A question in writing as the API shows it, where members of the parent are drawn in: heard,
 * not counted. Its summary counts the members asked with a vote beside the answers that count,
 * and its rule says whom its majority and quorum are of, in the same words as the command line.
 */
import { describe, expect, it } from 'vitest';
import { circulationRuleWords, withVoteOf } from '../../src/core/state/index.js';
import { circulationSummary, circulationView } from '../../src/server/circulation-views.js';
import { BOARD, BUREAU, Fold, answerAct as answer, openAct as open } from '../core/state/fold.js';

/** The bureau of ann and bob puts an urgent question with cy of the board drawn in. */
function drawnIn(rule: object | string): Fold {
  const f = new Fold({ board: BOARD, bureau: { ...BUREAU, circulation: { rule } } });
  f.act(open({ body: 'bureau', power: 'urgent', atHand: ['cy'], to: ['ann', 'bob', 'cy'] }), 'ann');
  return f;
}

describe('a question with a member drawn in, as the API shows it', () => {
  it('counts the members asked with a vote, against the answers that count', () => {
    const f = drawnIn({ majority: 'votes-cast', quorum: { count: 2 } });
    f.act(answer('cy', 'aye'), 'cy');
    f.act(answer('ann', 'aye'), 'ann');
    const summary = circulationSummary(f.state, f.circulation(), new Date().toISOString());
    expect(summary).toMatchObject({ asked: 2, answered: 1 });
    const view = circulationView(f.state, 'c1', new Date().toISOString());
    expect(view.rule).toEqual({
      kind: 'majority',
      words: 'a majority of votes cast, with a quorum of 2 of 2 members asked with a vote',
    });
    // The command line says the same rule in the same words.
    expect(view.rule?.words).toBe(circulationRuleWords(f.circulation()));
  });

  it('says unanimous consent is of every member asked with a vote', () => {
    const f = drawnIn('unanimous');
    const view = circulationView(f.state, 'c1', new Date().toISOString());
    expect(view.rule?.words).toBe('unanimous consent of every member asked with a vote');
    expect(view.asked).toBe(2);
  });

  it('counts those asked with a vote as the command line does, open and closed', () => {
    const f = drawnIn({ majority: 'votes-cast' });
    const now = new Date().toISOString();
    expect(circulationSummary(f.state, f.circulation(), now).asked).toBe(2);
    expect(withVoteOf(f.circulation())).toBe(2);
    f.act(answer('ann', 'aye'), 'ann');
    f.act(answer('bob', 'aye'), 'bob');
    f.act(answer('cy', 'nay'), 'cy');
    f.close('c1', 'ann');
    expect(f.circulation().status).toBe('closed');
    expect(f.circulation().decision?.quorum.votingMembers).toBe(withVoteOf(f.circulation()));
  });
});
