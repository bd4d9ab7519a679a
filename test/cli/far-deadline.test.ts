/**
 * A circulation a record written before holds with a deadline in 9999 (new questions are put for
 * a year at most) is shown with "more than a year left", not millions of days.
 */
import { describe, expect, it } from 'vitest';
import { circulationLines } from '../../src/cli/format-circulations.js';
import { BOARD, Fold, openAct } from '../core/state/fold.js';

describe('the time left before a circulation’s deadline', () => {
  it('says more than a year for a deadline further ahead, and counts a nearer one', () => {
    const f = new Fold({ board: BOARD });
    f.replays(openAct({ circulation: 'far', deadline: '9999-12-31T23:59:59.000Z' }), 'ann');
    f.act(openAct({ circulation: 'near', deadline: '2026-12-03T12:00:00.000Z' }), 'ann');
    const now = '2026-12-01T12:00:00.000Z';
    const shown = (id: string) => circulationLines(f.state, f.circulation(id), now).join('\n');
    expect(shown('far')).toContain('deadline 31 December 9999, 23:59 UTC (more than a year left)');
    expect(shown('near')).toContain('deadline 3 December 2026, 12:00 UTC (2 d left)');
  });
});
