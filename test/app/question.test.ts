/** One question by its name, as `collegium question` and GET /api/question gather it. */
import { describe, expect, it } from 'vitest';
import type { Act } from '../../src/core/acts.js';
import { questionOf } from '../../src/app/registers.js';
import { BOARD, Fold, openAct } from '../core/state/fold.js';

const register = (dispatch: string): Act =>
  ({
    type: 'dispatch.register',
    payload: {
      dispatch,
      body: 'board',
      number: `2026/${dispatch}`,
      received: '2026-12-01',
      from: 'A farmer',
      channel: 'letter',
      text: 'Please mend the fence.',
    },
  }) as Act;

describe('a question by its name', () => {
  it('shows a circulation bearing a dispatch’s id with that dispatch, as a record may hold them', () => {
    const f = new Fold({ board: BOARD });
    f.act(register('fence'), 'ann');
    f.act(openAct({ circulation: 'mend', dispatch: 'fence' }), 'ann');
    // Held by a record written before ids were kept apart: the same id, on no dispatch.
    f.replays(openAct({ circulation: 'fence', text: 'Paint the fence?' }), 'ann');
    const question = questionOf(f.state, 'fence')!;
    expect(question.dispatch?.id).toBe('fence');
    expect(question.decisions.map((d) => d.ref)).toEqual([
      { circulation: 'mend' },
      { circulation: 'fence' },
    ]);
  });

  it('is a decision’s chain when the name is a circulation’s alone', () => {
    const f = new Fold({ board: BOARD });
    f.act(openAct({ circulation: 'paint' }), 'ann');
    const question = questionOf(f.state, 'paint')!;
    expect(question.dispatch).toBeUndefined();
    expect(question.decisions.map((d) => d.ref)).toEqual([{ circulation: 'paint' }]);
    expect(questionOf(f.state, 'nothing')).toBeUndefined();
  });
});
