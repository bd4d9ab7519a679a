/**
 * The inbox as the server builds it from the state: a question is the member's to answer only
 * while an answer would be taken, and a question transcribed from minutes asks no one now.
 */
import { describe, expect, it } from 'vitest';
import { inboxOf } from '../../src/server/circulation-views.js';
import { BOARD, DEADLINE, Fold, openAct } from '../core/state/fold.js';

const ids = (inbox: ReturnType<typeof inboxOf>) => inbox.questions.map((q) => q.id);

describe('the inbox', () => {
  it('has a question to answer until its deadline, not after, and no transcribed question', () => {
    const f = new Fold({ board: BOARD });
    f.act(openAct(), 'ann');
    f.act(openAct({ circulation: 'c1918', mode: 'minutes' }), 'ann');
    const before = inboxOf(f.state, 'bob', '2026-12-10T11:59:00.000Z');
    expect(ids(before)).toEqual(['c1']);
    expect(before.questions[0]).toMatchObject({ toAnswer: true, overdue: false });
    // Past the deadline and not yet closed: listed, but an answer would be refused.
    const after = inboxOf(f.state, 'bob', DEADLINE);
    expect(after.questions[0]).toMatchObject({ id: 'c1', toAnswer: false, overdue: true });
  });
});
