/** A body's register of dispatches as the fold keeps it: each refusal leaves the state as it was. */
import { describe, expect, it } from 'vitest';
import type { Act } from '../../../src/core/acts.js';
import {
  dispatchStatus,
  namedFile,
  namedFiles,
  nextDispatchNumber,
} from '../../../src/core/state/index.js';
import { BOARD, Fold, openAct } from './fold.js';

const RULES = { quorum: 'majority', majority: 'votes-cast' };

/** The board's register, and the council's of eve and fay. */
function registers(): Fold {
  return new Fold({
    board: BOARD,
    council: { name: 'Council', members: ['eve', 'fay'], chair: 'eve', ...RULES },
  });
}
const register = (extra: object = {}): Act =>
  ({
    type: 'dispatch.register',
    payload: {
      dispatch: 'd1',
      body: 'board',
      number: '2026/1',
      received: '2026-12-01',
      from: 'A farmer',
      channel: 'letter',
      text: 'Please mend the fence.',
      ...extra,
    },
  }) as Act;
const refer = (extra: object): Act =>
  ({
    type: 'dispatch.refer',
    payload: { dispatch: 'd1', inscription: 'To the board', ...extra },
  }) as Act;
const close = (dispatch = 'd1'): Act => ({
  type: 'dispatch.close',
  payload: { dispatch, reason: 'answered' },
});

describe('the register of dispatches', () => {
  it('refuses a dispatch named as a circulation is, and a circulation named as a dispatch is', () => {
    const f = registers();
    f.act(register(), 'ann');
    f.act(openAct({ circulation: 'c1' }), 'ann');
    // `question NAME` names a question by either: one name may not name both.
    f.refuses('conflict', openAct({ circulation: 'd1' }), 'ann');
    f.refuses('conflict', register({ dispatch: 'c1', number: '2026/2' }), 'ann');
    expect(() => f.act(openAct({ circulation: 'd1' }), 'ann')).toThrow(
      "'d1' is a dispatch's id already: a circulation takes another, as a question is named by either",
    );
    // A record written before that holds both still replays.
    f.replays(register({ dispatch: 'c1', number: '2026/2' }), 'ann');
    f.replays(openAct({ circulation: 'd1' }), 'ann');
    expect(f.state.dispatches.has('c1') && f.state.circulations.has('d1')).toBe(true);
  });

  it('names one file as the record names them all: by its first mention', () => {
    const f = registers();
    const [map, letter] = ['ab'.repeat(32), 'cd'.repeat(32)];
    f.act(register({ attachments: [{ name: 'map.png', hash: map, size: 10 }] }), 'ann');
    f.act(
      register({
        dispatch: 'd2',
        number: '2026/2',
        attachments: [
          { name: 'letter.pdf', hash: letter, size: 20 },
          { name: 'copy.png', hash: map, size: 10 },
        ],
      }),
      'ann',
    );
    expect(namedFile(f.state, map)).toEqual({ name: 'map.png', by: 'dispatch d1' });
    expect(namedFile(f.state, letter)).toEqual({ name: 'letter.pdf', by: 'dispatch d2' });
    expect(namedFile(f.state, 'ef'.repeat(32))).toBeUndefined();
    for (const [hash, named] of namedFiles(f.state))
      expect(namedFile(f.state, hash)).toEqual(named);
  });

  it('registers, refers and closes a dispatch, with what was put on it', () => {
    const f = registers();
    const hash = 'ab'.repeat(32);
    f.act(register({ attachments: [{ name: 'map.png', hash, size: 10 }] }), 'ann');
    const d = f.state.dispatches.get('d1')!;
    expect(d).toMatchObject({
      number: '2026/1',
      attachments: [{ name: 'map.png', hash, size: 10 }],
      registeredBy: 'ann',
      registeredAt: 1,
    });
    expect(dispatchStatus(d)).toBe('registered');
    f.act(refer({ inscription: "I'll ask bob", people: ['bob'] }), 'ann');
    f.act(refer({ inscription: 'and the council', body: 'council' }), 'ann');
    expect(d.referrals).toEqual([
      { by: 'ann', inscription: "I'll ask bob", people: ['bob'], index: 2 },
      { by: 'ann', inscription: 'and the council', people: [], body: 'council', index: 3 },
    ]);
    expect(dispatchStatus(d)).toBe('referred');
    f.act(openAct({ dispatch: 'd1', to: ['bob'] }), 'ann');
    f.act({ type: 'session.open', payload: { session: 's1', body: 'board', mode: 'live' } }, 'ann');
    f.act(
      {
        type: 'motion.propose',
        payload: { session: 's1', motion: 'fence', text: 'Mend it.', dispatch: 'd1' },
      },
      'ann',
    );
    expect(d.circulations).toEqual(['c1']);
    expect(d.motions).toEqual([JSON.stringify(['s1', 'fence'])]);
    f.act(close(), 'ann');
    expect(d.closed).toEqual({ reason: 'answered', index: 7, by: 'ann' });
    expect(dispatchStatus(d)).toBe('closed');
  });

  it('refuses a registration by someone not an officer, of an id or a number taken, or to no body', () => {
    const f = registers();
    f.refuses('forbidden', register(), 'bob');
    f.refuses('forbidden', register({ body: 'council' }), 'ann');
    f.refuses('not-found', register({ body: 'nowhere' }), 'ann');
    f.act(register(), 'ann');
    f.refuses('conflict', register({ number: '2026/2' }), 'ann');
    f.refuses('conflict', register({ dispatch: 'd2' }), 'ann');
    // Each body keeps its own register and numbers.
    f.act(register({ dispatch: 'd2', body: 'council' }), 'eve');
    expect(f.state.dispatches.get('d2')!.number).toBe('2026/1');
  });

  it('refuses a referral to no one, to someone or a body unknown, or by someone not an officer', () => {
    const f = registers();
    f.refuses('not-found', refer({ people: ['bob'] }), 'ann');
    f.act(register(), 'ann');
    f.refuses('invalid-input', refer({}), 'ann');
    f.refuses('not-found', refer({ people: ['bob', 'zed'] }), 'ann');
    f.refuses('not-found', refer({ body: 'nowhere' }), 'ann');
    f.refuses('not-found', refer({ people: ['bob'], body: 'nowhere' }), 'ann');
    f.refuses('forbidden', refer({ people: ['bob'] }), 'bob');
    f.refuses('forbidden', refer({ people: ['bob'] }), 'eve');
  });

  it('refuses a close by someone not an officer, of no dispatch, or of one closed', () => {
    const f = registers();
    f.act(register(), 'ann');
    f.refuses('not-found', close('d9'), 'ann');
    f.refuses('forbidden', close(), 'cy');
    f.act(close(), 'ann');
    f.refuses('conflict', close(), 'ann');
    f.refuses('conflict', refer({ people: ['bob'] }), 'ann');
  });

  it('refuses, live, an answer to a dispatch closed, or of another register not referred there', () => {
    const f = registers();
    const session = (id: string, body: string, by: string) =>
      f.act({ type: 'session.open', payload: { session: id, body, mode: 'live' } }, by);
    const motion = (s: string, dispatch: string): Act => ({
      type: 'motion.propose',
      payload: { session: s, motion: 'm', text: 'Answer it.', dispatch },
    });
    f.act(register(), 'ann');
    f.act(register({ dispatch: 'd2', number: '2026/2' }), 'ann');
    session('s1', 'board', 'ann');
    session('c-s1', 'council', 'eve');
    // The council answers none of the board's letters, unless one is referred to it.
    f.refuses('charter-rule', motion('c-s1', 'd1'), 'eve');
    f.refuses('charter-rule', openAct({ body: 'council', dispatch: 'd1' }), 'eve');
    f.act(refer({ body: 'council' }), 'ann');
    f.act(motion('c-s1', 'd1'), 'eve');
    f.act(openAct({ body: 'council', dispatch: 'd1' }), 'eve');
    // A dispatch closed takes no more answers.
    f.act(close('d2'), 'ann');
    f.refuses('conflict', motion('s1', 'd2'), 'ann');
    f.refuses('conflict', openAct({ circulation: 'c2', dispatch: 'd2' }), 'ann');
    expect(f.state.dispatches.get('d2')!).toMatchObject({ motions: [], circulations: [] });
  });

  it('numbers a dispatch one after the body’s dispatches of its year, skipping numbers taken', () => {
    const f = registers();
    const next = (received: string, body = 'board') => nextDispatchNumber(f.state, body, received);
    expect(next('2026-12-01')).toBe('2026/1');
    f.act(register(), 'ann');
    expect(next('2026-12-02')).toBe('2026/2');
    f.act(register({ dispatch: 'd2', number: '2026/3' }), 'ann');
    // Two of 2026 in the register: the third would be 2026/3, which is taken.
    expect(next('2026-12-03')).toBe('2026/4');
    expect(next('2025-12-31')).toBe('2025/1');
    expect(next('2026-12-03', 'council')).toBe('2026/1');
    // A date without a year: numbers without one.
    expect(next('the 3rd')).toBe('3');
  });
});
