/** Circulations as the fold checks and records them: each refusal leaves the state as it was. */
import { describe, expect, it } from 'vitest';
import type { Act } from '../../../src/core/acts.js';
import {
  decideCirculationIn,
  isSettled,
  openMembers,
  overdueCirculations,
  stillOpenInWords,
} from '../../../src/core/state/index.js';
import {
  BOARD,
  BUREAU,
  CUSTODIAN,
  DEADLINE,
  Fold,
  KEYS,
  answerAct as answer,
  openAct as open,
} from './fold.js';

/** The board, deciding between meetings under `circulation` (null: it has no rule for that). */
function board(circulation: object | null = { rule: 'unanimous', ratify: 'next-session' }) {
  return new Fold({ board: { ...BOARD, ...(circulation ? { circulation } : {}) } });
}

/** A board, and a bureau of two it delegates urgent matters to, which must draw in the board. */
function delegated(): Fold {
  return new Fold({
    board: BOARD,
    bureau: { ...BUREAU, circulation: { rule: { majority: 'votes-cast' } } },
  });
}

const withdraw = (reason?: string): Act => ({
  type: 'circulation.withdraw',
  payload: { circulation: 'c1', ...(reason ? { reason } : {}) },
});
const confirm = (member: string): Act => ({
  type: 'circulation.confirm',
  payload: { circulation: 'c1', member },
});
const dispute = (member: string, reason?: string): Act => ({
  type: 'circulation.dispute',
  payload: { circulation: 'c1', member, ...(reason ? { reason } : {}) },
});

describe('circulations', () => {
  it('passes by unanimous consent once every member has answered aye, provisionally', () => {
    const f = board();
    f.act(open(), 'ann');
    for (const m of ['ann', 'bob', 'cy']) f.act(answer(m, 'aye'), m);
    const c = f.circulation();
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
    const c = f.circulation();
    expect(isSettled(c)).toBe(true);
    expect(decideCirculationIn(c).explanation).toMatch(/^rejected: unanimous consent/);
    f.close('c1', 'ann');
    expect(c.ratification).toBeUndefined();
  });

  it('asks the members named, or else every voting member, under its own rule or the body’s', () => {
    const f = board({ rule: { majority: 'membership' } });
    f.act(open({ to: ['dee', 'bob'], rule: 'unanimous' }), 'ann');
    f.act(open({ circulation: 'c2' }), 'ann');
    expect(f.circulation().asked).toEqual(['dee', 'bob']);
    expect(f.circulation().rule).toEqual({ kind: 'unanimous' });
    expect(f.circulation('c2').asked).toEqual(['ann', 'bob', 'cy', 'dee']);
    expect(f.circulation('c2').rule).toEqual({ kind: 'majority', majority: 'membership' });
  });

  it('advises without deciding where neither it nor its body has a rule', () => {
    const f = board(null);
    f.act(open({ to: ['bob', 'cy'] }), 'ann');
    f.act(answer('bob', 'nay'), 'bob');
    f.act(answer('cy', 'aye'), 'cy');
    // Everyone asked has answered: the advice can no longer change.
    expect(isSettled(f.circulation())).toBe(true);
    f.close('c1', 'ann');
    expect(f.circulation().decision).toMatchObject({ outcome: 'advisory' });
    expect(f.circulation().decision!.explanation).toMatch(/decides nothing$/);
    expect(f.circulation().ratification).toBeUndefined();
  });
});

describe('a question to the whole body, which has no rule for it', () => {
  const WORDS = '1 aye (ann), 1 nay (bob), no answer from cy and dee; 2 of 4 asked answered';
  const asked = (f: Fold) => {
    f.act(open(), 'ann');
    f.act(answer('ann', 'aye'), 'ann');
    f.act(answer('bob', 'nay'), 'bob');
    f.at('2026-12-10T12:00:00.000Z');
  };
  const closeWith = (explanation: string, f: Fold): Act => ({
    type: 'circulation.close',
    payload: {
      circulation: 'c1',
      decision: { ...decideCirculationIn(f.circulation()), explanation },
    },
  });

  it('is advice, not called a consultation: no members were chosen', () => {
    const f = board(null);
    asked(f);
    expect(decideCirculationIn(f.circulation()).explanation).toBe(
      `advisory: ${WORDS}; the body has no rule for questions put between sessions, so the answers decide nothing`,
    );
    // Closed now, the decision calls it what it is; the words of before are not taken.
    f.refuses(
      'charter-rule',
      closeWith(`advisory: ${WORDS}; a consultation without a rule decides nothing`, f),
      'ann',
    );
    f.close('c1', 'ann');
    expect(f.circulation().decision!.outcome).toBe('advisory');
  });

  it('says which part of a decision recorded differs from what the rule gives', () => {
    const f = board(null);
    asked(f);
    const given = decideCirculationIn(f.circulation());
    const closing = (decision: typeof given): Act => ({
      type: 'circulation.close',
      payload: { circulation: 'c1', decision },
    });
    expect(() => f.act(closing({ ...given, flags: ['made up'] }), 'ann')).toThrow(
      'is not what the rule gives: both advisory, but its flags differ: recorded ["made up"]; the rule gives []',
    );
    expect(() => f.act(closing({ ...given, explanation: 'advice' }), 'ann')).toThrow(
      `is not what the rule gives: both advisory, but its explanation differs: recorded "advice"; the rule gives ${JSON.stringify(given.explanation)}`,
    );
    expect(() => f.act(closing({ ...given, outcome: 'adopted' }), 'ann')).toThrow(
      'is not what the rule gives: recorded adopted, the rule gives advisory',
    );
    f.refuses('charter-rule', closing({ ...given, flags: ['made up'] }), 'ann');
  });

  it('keeps the words a record written before gave its advice', () => {
    const f = board(null);
    asked(f);
    const before = `advisory: ${WORDS}; a consultation without a rule decides nothing`;
    f.replays(closeWith(before, f), 'ann');
    expect(f.circulation().decision!.explanation).toBe(before);
  });
});

describe('refusals when putting a question', () => {
  it('refuses a second circulation of the same id, an unknown body, dispatch or decision', () => {
    const f = board();
    f.act(open(), 'ann');
    f.refuses('conflict', open(), 'ann');
    f.refuses('not-found', open({ circulation: 'c2', body: 'council' }), 'ann');
    f.refuses('not-found', open({ circulation: 'c2', dispatch: 'd9' }), 'ann');
    f.refuses('not-found', open({ circulation: 'c2', follows: { circulation: 'c9' } }), 'ann');
    f.refuses(
      'not-found',
      open({ circulation: 'c2', follows: { session: 's', motion: 'm' } }),
      'ann',
    );
  });

  it('refuses a deadline that has come, to the minute', () => {
    const f = board();
    f.at('2026-12-05T09:00:00.000Z');
    f.refuses('deadline-passed', open({ deadline: '2026-12-05T09:00:00.000Z' }), 'ann');
    f.refuses('deadline-passed', open({ deadline: '2026-11-01T00:00:00.000Z' }), 'ann');
    f.at('2026-12-05T09:00:00.000Z');
    f.act(open({ deadline: '2026-12-05T09:00:00.001Z' }), 'ann');
  });

  it('refuses to ask someone who is not a voting member, someone unknown, or someone twice', () => {
    const f = board();
    f.refuses('not-member', open({ to: ['bob', 'eve'] }), 'ann');
    f.refuses('not-found', open({ to: ['bob', 'zed'] }), 'ann');
    f.refuses('invalid-input', open({ to: ['bob', 'cy', 'bob'] }), 'ann');
  });

  it('refuses, live, a quorum of answers larger than the members asked', () => {
    // The board's rule needs three answers: a consultation of two could never meet it.
    const f = board({ rule: { majority: 'votes-cast', quorum: { count: 3 } } });
    f.refuses('charter-rule', open({ to: ['bob', 'cy'] }), 'ann');
    f.refuses(
      'charter-rule',
      open({ rule: { majority: 'votes-cast', quorum: { count: 5 } } }),
      'ann',
    );
    f.act(open({ to: ['bob', 'cy', 'dee'] }), 'ann');
    f.act(answer('bob', 'aye'), 'bob');
    expect(isSettled(f.circulation())).toBe(false);
    // Its own rule may ask for fewer; a transcription records what the minutes say.
    f.act(
      open({
        circulation: 'c2',
        to: ['bob'],
        rule: { majority: 'votes-cast', quorum: { count: 1 } },
      }),
      'ann',
    );
    f.act(open({ circulation: 'c3', mode: 'minutes', to: ['bob', 'cy'] }), 'ann');
    expect(f.circulation('c3').asked).toEqual(['bob', 'cy']);
  });

  it('asks each member named once, saying who is named twice', () => {
    const f = board();
    expect(() => f.act(open({ to: ['bob', 'cy', 'bob'] }), 'ann')).toThrow(
      "payload.to: 'bob' is named twice: a member is asked once",
    );
  });

  it('lets only officers put a question, unless the charter lets members put it', () => {
    const f = board();
    f.refuses('forbidden', open(), 'bob');
    f.refuses('forbidden', open(), null, null);
    // Signed by an officer for a member with a key of her own: she signs her own acts.
    f.refuses('forbidden', open(), 'dee', 'ann');
    // Said in names, with who may put it.
    expect(() => f.act(open(), 'bob')).toThrow(
      "bob may not put a question to Board: only ann may (its officers; the charter's put-by: members would let its voting members)",
    );

    const m = board({ rule: 'unanimous', 'put-by': 'members' });
    expect(() => m.act(open(), 'eve')).toThrow(
      'eve may not put a question to Board: only ann or a voting member may',
    );
    m.act(open(), 'bob');
    expect(m.circulation().by).toBe('bob');
    m.refuses('forbidden', open({ circulation: 'c2' }), 'eve');
    // Whoever put it may withdraw it; so may an officer; another member may not.
    m.refuses('forbidden', withdraw(), 'cy');
    m.act(withdraw('asked in error'), 'bob');
    expect(m.circulation()).toMatchObject({
      status: 'withdrawn',
      withdrawn: { reason: 'asked in error' },
    });
    m.act(open({ circulation: 'c2' }), 'bob');
    m.act({ type: 'circulation.withdraw', payload: { circulation: 'c2' } }, 'ann');
    expect(m.circulation('c2').status).toBe('withdrawn');
  });

  it('refuses a delegated body’s question outside its powers, or without the parent at hand', () => {
    const f = delegated();
    f.refuses('charter-rule', open({ body: 'bureau' }), 'ann');
    f.refuses('charter-rule', open({ body: 'bureau', power: 'budget' }), 'ann');
    f.refuses('charter-rule', open({ body: 'bureau', power: 'urgent', atHand: ['cy'] }), 'ann');
    // The parent's members may be asked: the bureau must draw them in.
    f.refuses('not-member', open({ body: 'bureau', power: 'urgent', to: ['ann', 'eve'] }), 'ann');
    // Only people of the charter, and members of the parent, are at hand to be drawn in.
    expect(() => f.act(open({ body: 'bureau', power: 'urgent', atHand: ['zed'] }), 'ann')).toThrow(
      "no person 'zed' in the charter",
    );
    expect(() => f.act(open({ body: 'bureau', power: 'urgent', atHand: ['eve'] }), 'ann')).toThrow(
      'eve, said to be at hand, is not a voting member of Board, whose members Bureau draws in',
    );
    f.act(
      open({ body: 'bureau', power: 'urgent', atHand: ['cy'], to: ['ann', 'bob', 'cy'] }),
      'ann',
    );
    expect(f.circulation().asked).toEqual(['ann', 'bob', 'cy']);
    expect(decideCirculationIn(f.circulation()).flags).toEqual([]);
  });
});

describe('refusals of answers', () => {
  function asked(): Fold {
    const f = board();
    f.act(open({ to: ['bob', 'cy', 'dee'] }), 'ann');
    return f;
  }

  it('refuses an answer from someone not asked, by someone else, or to no open question', () => {
    const f = asked();
    f.refuses('not-asked', answer('ann', 'aye'), 'ann');
    f.refuses('not-asked', answer('eve', 'aye'), 'eve');
    f.refuses('forbidden', answer('bob', 'aye'), 'cy');
    // Someone who is not an officer does not record answers for others.
    f.refuses('forbidden', answer('bob', 'aye', { channel: 'telephone' }), 'bob', 'cy');
    f.refuses('not-found', answer('bob', 'aye', {}, 'c9'), 'bob');
    f.act(withdraw(), 'ann');
    f.refuses('conflict', answer('bob', 'aye'), 'bob');
  });

  it('refuses a second answer, unless the body lets a second one replace the first', () => {
    const f = asked();
    f.act(answer('bob', 'aye'), 'bob');
    f.refuses('duplicate-answer', answer('bob', 'nay'), 'bob');
    f.refuses('duplicate-answer', answer('bob', 'aye'), 'bob');

    const r = new Fold({
      board: { ...BOARD, 'second-ballot': 'replace', circulation: { rule: 'unanimous' } },
    });
    r.act(open(), 'ann');
    r.act(answer('bob', 'aye'), 'bob');
    r.act(answer('bob', 'nay', { comment: 'on reflection' }), 'bob');
    expect(r.circulation().answers.get('bob')).toMatchObject({
      choice: 'nay',
      comment: 'on reflection',
    });
    // Their own answer is theirs to change: an officer recording one for them is refused; one
    // the officer recorded may be recorded again.
    const phoned = (choice: 'aye' | 'nay') => answer('bob', choice, { channel: 'telephone' });
    expect(() => r.act(phoned('aye'), 'bob', 'ann')).toThrow(
      'bob gave their answer to the question "Buy a tractor?" put to Board (1 December 2026) themself: only they may change it',
    );
    r.act(answer('cy', 'aye', { channel: 'telephone' }), 'cy', 'ann');
    r.act(answer('cy', 'nay', { channel: 'telephone' }), 'cy', 'ann');
    expect(r.circulation().answers.get('cy')).toMatchObject({ choice: 'nay', recordedBy: 'ann' });
    // Anyone may still change their mind: not settled until the deadline, even on a nay.
    expect(openMembers(r.circulation())).toEqual(['ann', 'bob', 'cy', 'dee']);
    expect(isSettled(r.circulation())).toBe(false);
  });

  it('refuses an answer after the deadline, by the entry’s time or the time it gives', () => {
    const f = asked();
    // A time it gives past the deadline, before the deadline, is a time still to come.
    f.refuses('invalid-input', answer('bob', 'aye', { at: '2026-12-10T12:00:00.001Z' }), 'bob');
    f.at('2026-12-10T12:00:00.000Z');
    f.act(answer('bob', 'aye'), 'bob');
    f.refuses('deadline-passed', answer('cy', 'aye', { at: '2026-12-09T00:00:00.000Z' }), 'cy');
    expect(f.circulation().answers.get('bob')).toMatchObject({ at: DEADLINE, late: false });
  });

  it('says the times of its refusals in words, as the record’s readers say them', () => {
    const f = asked();
    const refusal = (act: Act, actor: string): string => {
      try {
        f.act(act, actor);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('not refused');
    };
    expect(refusal(answer('bob', 'aye', { at: '2026-12-01T09:00:00.000Z' }), 'bob')).toBe(
      'an answer comes after its question, put on 1 December 2026, 10:02 UTC',
    );
    expect(refusal(answer('bob', 'aye', { at: '2026-12-02T09:30:00.000Z' }), 'bob')).toBe(
      'the answer is said to be given at 2 December 2026, 09:30 UTC, later than it is recorded (1 December 2026, 10:03 UTC): an answer is recorded once given',
    );
    f.at('2026-12-10T12:05:00.000Z');
    expect(refusal(answer('bob', 'aye'), 'bob')).toBe(
      'the question "Buy a tractor?" put to Board (1 December 2026) took answers until 10 December 2026, 12:00 UTC',
    );
    expect(refusal(open({ circulation: 'c2' }), 'ann')).toBe(
      'the deadline, 10 December 2026, 12:00 UTC, is in the past (it is 10 December 2026, 12:05 UTC)',
    );
  });

  it('needs the channel of an answer an officer records live', () => {
    const f = asked();
    f.refuses('invalid-input', answer('bob', 'aye'), 'bob', 'ann');
    f.act(answer('bob', 'aye', { channel: 'letter' }), 'bob', 'ann');
    expect(f.circulation().answers.get('bob')).toMatchObject({
      choice: 'aye',
      channel: 'letter',
      recordedBy: 'ann',
    });
  });
});

describe('answers recorded by an officer', () => {
  /** Everyone asked has answered aye; dee's answer came by telephone, recorded by ann. */
  function recorded(): Fold {
    const f = board();
    f.act(open(), 'ann');
    for (const m of ['ann', 'bob', 'cy']) f.act(answer(m, 'aye'), m);
    f.act(
      answer('dee', 'aye', { channel: 'telephone', at: '2026-12-01T10:04:00.000Z' }),
      'dee',
      'ann',
    );
    return f;
  }

  it('counts it, but keeps the member open until they confirm it with their own key', () => {
    const f = recorded();
    const c = f.circulation();
    expect(c.answers.get('dee')).toMatchObject({
      recordedBy: 'ann',
      at: '2026-12-01T10:04:00.000Z',
    });
    expect(decideCirculationIn(c).outcome).toBe('adopted');
    expect(openMembers(c)).toEqual(['dee']);
    expect(isSettled(c)).toBe(false);
    f.refuses(
      'conflict',
      {
        type: 'circulation.close',
        payload: { circulation: 'c1', decision: decideCirculationIn(c) },
      },
      'ann',
    );

    f.act(confirm('dee'), 'dee');
    expect(c.answers.get('dee')!.confirmedAt).toBe(f.state.size - 1);
    expect(openMembers(c)).toEqual([]);
    expect(isSettled(c)).toBe(true);
    f.close('c1', 'ann');
    expect(c.decision!.outcome).toBe('adopted');
  });

  it('says what an early close waits for: answers not given, not confirmed, or disputed', () => {
    const f = board();
    f.act(open(), 'ann');
    f.act(answer('ann', 'aye'), 'ann');
    f.act(answer('dee', 'aye', { channel: 'telephone' }), 'dee', 'ann');
    const c = f.circulation();
    // dee has a key of her own: she may confirm now.
    expect(stillOpenInWords(f.state, c)).toBe(
      'no answer yet from bob and cy; the answer an officer recorded for dee is not confirmed yet',
    );
    // cy has none: he confirms once he enrols one.
    const g = board();
    g.act(open(), 'ann');
    g.act(answer('cy', 'aye', { channel: 'telephone' }), 'cy', 'ann');
    expect(stillOpenInWords(g.state, g.circulation())).toBe(
      'no answer yet from ann, bob and dee; the answer an officer recorded for cy is not confirmed yet (a member without a key of their own confirms once they enrol one)',
    );
    g.act(answer('dee', 'aye', { channel: 'telephone' }), 'dee', 'ann');
    expect(stillOpenInWords(g.state, g.circulation())).toBe(
      'no answer yet from ann and bob; the answers an officer recorded for cy and dee are not confirmed yet (cy, without a key of their own, confirms once they enrol one)',
    );
    f.act(dispute('dee', 'I said nay'), 'dee');
    const waits =
      'no answer yet from bob and cy; dee disputed the answer recorded and may answer again';
    expect(stillOpenInWords(f.state, c)).toBe(waits);
    const close: Act = {
      type: 'circulation.close',
      payload: { circulation: 'c1', decision: decideCirculationIn(c) },
    };
    expect(() => f.act(close, 'ann')).toThrow(
      expect.objectContaining({
        code: 'conflict',
        message: expect.stringMatching(
          new RegExp(`can still change until it closes on .*: ${waits}$`),
        ),
      }),
    );
  });

  it('refuses a confirmation or dispute by anyone but the member with a key of their own', () => {
    const f = recorded();
    f.refuses('forbidden', confirm('dee'), 'ann');
    f.refuses('forbidden', confirm('dee'), 'dee', 'ann');
    f.refuses('forbidden', confirm('dee'), 'dee', 'dee', CUSTODIAN);
    f.refuses('forbidden', dispute('dee'), 'dee', 'dee', CUSTODIAN);
    // bob gave his answer himself, and has no key to confirm with anyway.
    f.refuses('forbidden', confirm('bob'), 'bob');
    f.refuses(
      'not-found',
      { type: 'circulation.confirm', payload: { circulation: 'c9', member: 'dee' } },
      'dee',
    );
    // Withdrawn, the question decides nothing: its answers are no longer confirmed or disputed.
    f.act(withdraw(), 'ann');
    f.refuses('conflict', confirm('dee'), 'dee');
    f.refuses('conflict', dispute('dee'), 'dee');
  });

  it('refuses to confirm an answer the member gave themself, or one confirmed or disputed already', () => {
    const f = board();
    f.act(open(), 'ann');
    f.refuses('not-found', confirm('dee'), 'dee');
    f.act(answer('dee', 'nay'), 'dee');
    f.refuses('conflict', confirm('dee'), 'dee');
    f.refuses('conflict', dispute('dee'), 'dee');
    // Each says what it is refused.
    expect(() => f.act(dispute('dee'), 'dee')).toThrow(
      'dee gave that answer themself: there is nothing to dispute',
    );
    expect(() => f.act(confirm('dee'), 'dee')).toThrow(
      'dee gave that answer themself: there is nothing to confirm',
    );

    const g = recorded();
    g.act(confirm('dee'), 'dee');
    g.refuses('conflict', confirm('dee'), 'dee');
    g.refuses('conflict', dispute('dee'), 'dee');
  });

  it('no longer counts a disputed answer; the member may then answer again', () => {
    const f = recorded();
    f.act(dispute('dee', 'I said nay'), 'dee');
    const c = f.circulation();
    expect(c.answers.get('dee')!.disputed).toEqual({
      reason: 'I said nay',
      index: f.state.size - 1,
    });
    const decision = decideCirculationIn(c);
    expect(decision.outcome).toBe('rejected');
    expect(decision.tally).toEqual({ aye: 3, nay: 0, abstain: 0, 'no-answer': 1 });
    expect(decision.excluded).toEqual([{ voter: 'dee', reason: 'disputed' }]);
    expect(decision.flags).toEqual([
      'dee disputed the answer recorded for them: answer not counted',
    ]);
    expect(isSettled(c)).toBe(false);
    f.refuses('conflict', dispute('dee'), 'dee');

    f.act(answer('dee', 'nay'), 'dee');
    expect(c.answers.get('dee')).toMatchObject({ choice: 'nay', late: false });
    expect(c.answers.get('dee')!.disputed).toBeUndefined();
    expect(decideCirculationIn(c)).toMatchObject({ outcome: 'rejected', excluded: [], flags: [] });
    expect(isSettled(c)).toBe(true);
    f.refuses('duplicate-answer', answer('dee', 'aye'), 'dee');
  });

  it('refuses a dispute after the deadline, before the close as after it', () => {
    const f = recorded();
    f.at(DEADLINE);
    f.act(dispute('dee', 'I said nay'), 'dee');
    expect(decideCirculationIn(f.circulation()).outcome).toBe('rejected');

    // Past the deadline, while the server has yet to close it, the answers have decided it.
    const g = recorded();
    g.at('2026-12-10T12:00:00.001Z');
    g.refuses('deadline-passed', dispute('dee'), 'dee');
    // Only dee may dispute dee's answer, at any time.
    g.refuses('forbidden', dispute('dee'), 'ann');
    expect(decideCirculationIn(g.circulation()).outcome).toBe('adopted');
    g.close('c1', null);
    expect(g.circulation().decision!.outcome).toBe('adopted');
  });

  it('folds, replayed, a dispute an earlier version admitted after the deadline', () => {
    // The record holds what it admitted: a rule added since does not make it unreadable.
    const f = recorded();
    f.at('2026-12-10T12:00:00.001Z');
    f.replays(dispute('dee', 'I said nay'), 'dee');
    expect(f.circulation().answers.get('dee')!.disputed).toMatchObject({ reason: 'I said nay' });
    expect(decideCirculationIn(f.circulation()).outcome).toBe('rejected');
  });

  it('refuses a dispute once the circulation is closed', () => {
    const f = recorded();
    f.at(DEADLINE);
    f.close('c1', null);
    f.refuses('conflict', dispute('dee'), 'dee');
  });
});

describe('withdrawing', () => {
  it('ends the question: no answer, close or second withdrawal after it', () => {
    const f = board();
    f.act(open(), 'ann');
    f.refuses('forbidden', withdraw(), 'bob');
    f.refuses('not-found', { type: 'circulation.withdraw', payload: { circulation: 'c9' } }, 'ann');
    f.act(withdraw('overtaken by events'), 'ann');
    expect(f.circulation()).toMatchObject({
      status: 'withdrawn',
      withdrawn: { reason: 'overtaken by events', index: 2 },
    });
    f.refuses('conflict', answer('bob', 'aye'), 'bob');
    f.refuses('conflict', withdraw(), 'ann');
    f.at(DEADLINE);
    f.refuses(
      'conflict',
      {
        type: 'circulation.close',
        payload: { circulation: 'c1', decision: decideCirculationIn(f.circulation()) },
      },
      null,
    );
    expect(overdueCirculations(f.state, DEADLINE)).toEqual([]);
  });
});

describe('withdrawing after the deadline', () => {
  it('is refused: a question past its deadline is closed with the outcome its answers give', () => {
    const f = board({ rule: { majority: 'votes-cast' } });
    f.act(open(), 'ann');
    f.act(answer('bob', 'nay'), 'bob');
    f.at(DEADLINE);
    f.refuses('deadline-passed', withdraw('we lost'), 'ann');
    const replayed = board({ rule: { majority: 'votes-cast' } });
    replayed.act(open(), 'ann');
    replayed.at(DEADLINE);
    replayed.replays(withdraw('we lost'), 'ann');
    expect(replayed.circulation().status).toBe('withdrawn');
    f.act(
      {
        type: 'circulation.close',
        payload: { circulation: 'c1', decision: decideCirculationIn(f.circulation()) },
      },
      null,
    );
    expect(f.circulation()).toMatchObject({ status: 'closed', decision: { outcome: 'rejected' } });
  });
});

describe('closing', () => {
  function majority(): Fold {
    const f = board({ rule: { majority: 'votes-cast' } });
    f.act(open(), 'ann');
    f.act(answer('bob', 'aye'), 'bob');
    return f;
  }
  const close = (f: Fold, extra: object = {}): Act => ({
    type: 'circulation.close',
    payload: { circulation: 'c1', decision: decideCirculationIn(f.circulation()), ...extra },
  });

  it('refuses an officer’s close before the deadline while the outcome can still change', () => {
    const f = majority();
    f.refuses('conflict', close(f), 'ann');
    f.refuses('conflict', close(f), null);
    f.at('2026-12-10T11:59:59.999Z');
    f.refuses('conflict', close(f), 'ann');
  });

  it('is closed at the deadline by the organization, with the custodial key and no actor', () => {
    const f = majority();
    expect(overdueCirculations(f.state, '2026-12-10T11:59:59.999Z')).toEqual([]);
    expect(overdueCirculations(f.state, DEADLINE).map((c) => c.id)).toEqual(['c1']);
    f.at(DEADLINE);
    f.refuses('forbidden', close(f), null, null, KEYS.dee);
    f.refuses('forbidden', close(f), null, 'ann');
    f.refuses('forbidden', close(f), 'bob');
    f.act(close(f, { stated: 'adopted' }), null);
    expect(f.circulation()).toMatchObject({ status: 'closed', stated: 'adopted', closedAt: 3 });
    expect(f.circulation().decision!.explanation).toMatch(
      /^adopted: 1 aye \(bob\), no answer from ann, cy and dee; 1 of 4 asked answered/,
    );
    expect(overdueCirculations(f.state, DEADLINE)).toEqual([]);
    f.refuses('conflict', close(f), null);
    f.refuses('conflict', close(f), 'ann');
  });

  it('takes an officer’s close after the deadline, and refuses a decision the rule does not give', () => {
    const f = majority();
    f.at(DEADLINE);
    const decision = decideCirculationIn(f.circulation());
    f.refuses('charter-rule', close(f, { decision: { ...decision, outcome: 'rejected' } }), 'ann');
    f.refuses(
      'charter-rule',
      close(f, { decision: { ...decision, explanation: 'adopted' } }),
      'ann',
    );
    f.act(close(f), 'ann');
    expect(f.circulation().decision).toEqual(decision);
  });

  it('takes a close before the deadline once the outcome is settled', () => {
    const f = majority();
    f.act(answer('cy', 'aye'), 'cy');
    expect(isSettled(f.circulation())).toBe(false);
    f.act(answer('dee', 'aye'), 'dee');
    // 3 ayes of 4: ann's answer can no longer change the outcome.
    expect(openMembers(f.circulation())).toEqual(['ann']);
    expect(isSettled(f.circulation())).toBe(true);
    f.act(close(f), 'ann');
    expect(f.circulation().decision!.outcome).toBe('adopted');
  });
});

describe('a transcription of minutes', () => {
  const minutes = (extra: object = {}) =>
    open({ mode: 'minutes', deadline: '1920-09-25T12:00:00.000Z', ...extra });

  it('records what a live question would refuse, and flags it in the decision', () => {
    const f = delegated();
    f.act(minutes({ body: 'bureau', to: ['bob', 'eve'], atHand: ['cy'] }), 'bob');
    const c = f.circulation();
    expect(c.flags).toEqual(['bob may not put a question to bureau']);
    // Eve, asked without a vote, is flagged once, when it is decided: by her answer if she gives one.
    expect(c.notVoting).toEqual(['eve']);
    expect(decideCirculationIn(c).flags).toContain('eve is not a voting member of bureau');
    f.act(answer('bob', 'aye', { at: '1920-09-24T20:00:00.000Z' }), 'bob', 'ann');
    f.act(answer('eve', 'aye', { at: '1920-09-25T12:00:00.000Z' }), 'eve', 'ann');
    f.act(answer('ann', 'nay', { at: '1920-09-25T11:00:00.000Z' }), 'ann');
    f.act(
      answer('cy', 'nay', { channel: 'telegram', at: '1920-09-26T08:00:00.000Z' }),
      'cy',
      'ann',
    );
    expect(c.answers.get('cy')).toMatchObject({ late: true, channel: 'telegram' });
    const decision = decideCirculationIn(c);
    expect(decision.outcome).toBe('adopted');
    // eve, asked without a vote in the bureau, is not counted: bob's aye alone decides it.
    expect(decision.tally).toEqual({ aye: 1, nay: 0, abstain: 0, 'no-answer': 0 });
    expect(decision.flags).toEqual([
      'bob may not put a question to bureau',
      'ann answered without being asked: answer not counted',
      'cy answered without being asked: answer not counted',
      'eve is not a voting member: answer not counted',
      'bureau decided outside its delegated powers (urgent)',
      'bureau did not draw in cy of its parent, who were at hand',
    ]);
    f.close('c1', 'ann');
    expect(c.decision).toEqual(decision);
  });

  it('records a late answer and one by someone not asked, counting neither', () => {
    const f = board({ rule: { majority: 'votes-cast' } });
    f.act(minutes({ to: ['bob', 'cy'] }), 'ann');
    f.act(answer('bob', 'nay', { at: '1920-09-25T12:00:00.000Z' }), 'bob', 'ann');
    f.act(answer('cy', 'aye', { at: '1920-09-25T12:00:00.001Z' }), 'cy', 'ann');
    f.act(answer('dee', 'aye', { at: '1920-09-25T10:00:00.000Z' }), 'dee', 'ann');
    const decision = decideCirculationIn(f.circulation());
    expect(decision.outcome).toBe('rejected');
    expect(decision.excluded).toEqual([
      { voter: 'cy', reason: 'late' },
      { voter: 'dee', reason: 'not-asked' },
    ]);
    expect(decision.flags).toEqual([
      'cy answered after the deadline: answer not counted',
      'dee answered without being asked: answer not counted',
    ]);
    // A transcription closes whenever the minutes say, the deadline long past.
    f.close('c1', 'ann');
    expect(f.circulation().status).toBe('closed');
  });
});

describe('a question the minutes put to someone without a vote', () => {
  const minutes = (extra: object = {}) =>
    open({ mode: 'minutes', deadline: '1920-09-25T12:00:00.000Z', ...extra });
  const quorumOfThree = { rule: { majority: 'votes-cast', quorum: { count: 3 } } };

  it('counts neither their answer nor them among those asked', () => {
    const f = board(quorumOfThree);
    // eve is no member of the board: with her, three of three would have answered.
    f.act(minutes({ to: ['ann', 'bob', 'eve'] }), 'ann');
    f.act(answer('ann', 'aye'), 'ann');
    f.act(answer('bob', 'aye'), 'bob', 'ann');
    f.act(answer('eve', 'nay'), 'eve', 'ann');
    const decision = decideCirculationIn(f.circulation());
    expect(decision.outcome).toBe('not-decided');
    expect(decision.tally).toEqual({ aye: 2, nay: 0, abstain: 0, 'no-answer': 0 });
    expect(decision.quorum).toMatchObject({ required: 3, presentVoting: 2, votingMembers: 2 });
    expect(decision.excluded).toEqual([{ voter: 'eve', reason: 'not-a-member' }]);
    expect(decision.flags).toEqual(['eve is not a voting member: answer not counted']);
    f.close('c1', 'ann');
    expect(f.circulation().decision!.outcome).toBe('not-decided');
  });

  it('replays the decision a record written before holds, which counted them', () => {
    const f = board(quorumOfThree);
    f.replays(minutes({ to: ['ann', 'bob', 'eve'] }), 'ann');
    f.replays(answer('ann', 'aye'), 'ann');
    f.replays(answer('bob', 'aye'), 'bob', 'ann');
    f.replays(answer('eve', 'nay'), 'eve', 'ann');
    const { notVoting: _, ...counting } = f.circulation();
    const before = decideCirculationIn(counting);
    expect(before.outcome).toBe('adopted');
    const close = { type: 'circulation.close' as const, payload: { circulation: 'c1' } };
    // New, only the decision the rules give now is taken; replayed, the one recorded stands.
    f.refuses('charter-rule', { ...close, payload: { ...close.payload, decision: before } }, 'ann');
    f.replays({ ...close, payload: { ...close.payload, decision: before } }, 'ann');
    expect(f.circulation().decision!.outcome).toBe('adopted');
  });

  it('replays the decision a record written before holds, which flagged them twice', () => {
    const f = board(quorumOfThree);
    f.replays(minutes({ to: ['ann', 'bob', 'eve'] }), 'ann');
    for (const [member, choice] of [
      ['ann', 'aye'],
      ['bob', 'aye'],
      ['eve', 'nay'],
    ] as const)
      f.replays(answer(member, choice), member, 'ann');
    const twice = { ...decideCirculationIn(f.circulation()) };
    twice.flags = ['eve is not a voting member of board', ...twice.flags];
    const close = { type: 'circulation.close' as const, payload: { circulation: 'c1' } };
    f.refuses('charter-rule', { ...close, payload: { ...close.payload, decision: twice } }, 'ann');
    f.replays({ ...close, payload: { ...close.payload, decision: twice } }, 'ann');
    expect(f.circulation().decision!.flags).toEqual([
      'eve is not a voting member of board',
      'eve is not a voting member: answer not counted',
    ]);
  });
});

describe('a question a delegated body puts to the members of its parent it draws in', () => {
  const drawingIn = open({
    body: 'bureau',
    power: 'urgent',
    atHand: ['cy'],
    to: ['ann', 'bob', 'cy'],
  });

  it('hears their answers and, as their ballots at a sitting, does not count them', () => {
    const f = delegated();
    f.act(drawingIn, 'ann');
    f.act(answer('ann', 'aye'), 'ann');
    f.act(answer('cy', 'nay'), 'cy');
    const decision = decideCirculationIn(f.circulation());
    // The bureau's two decide: one aye, bob yet to answer; cy's nay is heard, not counted.
    expect(decision.tally).toEqual({ aye: 1, nay: 0, abstain: 0, 'no-answer': 1 });
    expect(decision.quorum).toMatchObject({ presentVoting: 1, votingMembers: 2 });
    expect(decision.excluded).toEqual([{ voter: 'cy', reason: 'not-a-member' }]);
    expect(decision.flags).toEqual(['cy is not a voting member: answer not counted']);
    // Asked as the bureau must ask them: not flagged for being asked.
    f.act(answer('bob', 'nay'), 'bob');
    expect(decideCirculationIn(f.circulation()).outcome).toBe('rejected');
  });

  it('replays the decision a record written before holds, which counted them', () => {
    const f = delegated();
    f.replays(drawingIn, 'ann');
    f.replays(answer('ann', 'aye'), 'ann');
    f.replays(answer('bob', 'nay'), 'bob');
    f.replays(answer('cy', 'aye'), 'cy');
    const { drawnIn: _, ...counting } = f.circulation();
    const before = decideCirculationIn(counting);
    expect(before.outcome).toBe('adopted');
    expect(decideCirculationIn(f.circulation()).outcome).toBe('rejected');
    f.at(DEADLINE);
    const close = { type: 'circulation.close' as const, payload: { circulation: 'c1' } };
    f.refuses('charter-rule', { ...close, payload: { ...close.payload, decision: before } }, 'ann');
    f.replays({ ...close, payload: { ...close.payload, decision: before } }, 'ann');
    expect(f.circulation().decision!.outcome).toBe('adopted');
  });
});

describe('when an answer was given', () => {
  it('refuses, live, an answer dated before its question was put', () => {
    const f = board();
    f.act(open(), 'ann');
    f.refuses('invalid-input', answer('bob', 'aye', { at: '2020-01-01T00:00:00.000Z' }), 'bob');
    expect(f.circulation().answers.size).toBe(0);
  });
});
