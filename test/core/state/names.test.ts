/**
 * Refusals name people, bodies, sessions, motions and acts as the charter and the record name
 * them (names, titles, texts, days in words), never by the ids the record keys them by.
 */
import { describe, expect, it } from 'vitest';
import type { Act } from '../../../src/core/acts.js';
import {
  actInWords,
  bodyName,
  bodyNameIn,
  decisionInWords,
  motionInWords,
  namesOf,
  personName,
  personNameIn,
  quotedText,
  sessionInWords,
} from '../../../src/core/state/index.js';
import { BOARD, charterJson, Fold } from './fold.js';

const NAMES = { ann: 'Ann Arbour', bob: 'Bob Bright', cy: 'Cy Crane', dee: 'Dee Dale' };

/** A board whose members have names of their own, met in a session with a title. */
function board(): Fold {
  const f = new Fold({ board: { ...BOARD, name: 'Board of Directors' } }, NAMES);
  const open = { session: 's1', body: 'board', mode: 'live', title: 'Autumn meeting' };
  f.act({ type: 'session.open', payload: open } as Act, 'ann');
  for (const p of ['ann', 'bob', 'cy'])
    f.act({ type: 'attendance.arrive', payload: { session: 's1', person: p } }, p);
  return f;
}

function propose(f: Fold, motion: string, text: string): void {
  f.act({ type: 'motion.propose', payload: { session: 's1', motion, text } } as Act, 'ann');
}

function refusal(f: Fold, act: Act, actor: string | null): string {
  try {
    f.act(act, actor);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the act was not refused');
}

describe('names in words', () => {
  it('name people and bodies by one charter, or by the latest that has them; by id if none', () => {
    const f = board();
    const charter = f.state.charter;
    expect(personNameIn(charter, 'bob')).toBe('Bob Bright');
    expect(personNameIn(charter, 'zed')).toBe('zed');
    expect(personNameIn(charter, null)).toBeNull();
    expect(personNameIn(undefined, 'bob')).toBe('bob');
    expect(['ann', 'zed'].map(namesOf(charter))).toEqual(['Ann Arbour', 'zed']);
    expect(bodyNameIn(charter, 'board')).toBe('Board of Directors');
    expect(bodyNameIn(charter, 'council')).toBe('council');
    expect(personName(f.state, 'cy')).toBe('Cy Crane');
    expect(bodyName(f.state, 'board')).toBe('Board of Directors');
    expect(bodyName(f.state, 'council')).toBe('council');
  });

  it('name a session by its body, its day and its title; a motion by its place and text', () => {
    const f = board();
    propose(f, 'roof', 'Repair the north roof before winter.');
    expect(sessionInWords(f.state, 's1')).toBe(
      'the session of Board of Directors on 1 December 2026 (Autumn meeting)',
    );
    expect(motionInWords(f.state, { session: 's1', motion: 'roof' })).toBe(
      'motion 1 ("Repair the north roof before winter") of the session of Board of Directors on 1 December 2026 (Autumn meeting)',
    );
    expect(decisionInWords(f.state, { session: 's1', motion: 'roof' })).toBe(
      motionInWords(f.state, { session: 's1', motion: 'roof' }),
    );
    // What the record lacks is named by the id given: there is nothing else to name it by.
    expect(sessionInWords(f.state, 's9')).toBe('session s9');
    expect(motionInWords(f.state, { session: 's1', motion: 'x' }, false)).toBe('motion x');
  });

  it('quote a long text by how it begins, cut at a word', () => {
    const long = `Resolved, ${'that the board shall consider the matter '.repeat(4)}again.`;
    const quoted = quotedText(long);
    expect(quoted).toMatch(/^"Resolved, that the board shall consider the matter that .*…"$/);
    expect(quoted.length).toBeLessThanOrEqual(83);
    expect(quoted).not.toMatch(/ …"$/);
  });

  it('say an act type in words', () => {
    expect(actInWords('vote.open')).toBe("a vote's opening");
    expect(actInWords('dispatch.register')).toBe("a dispatch's registration");
    expect(actInWords('no.such')).toBe('"no.such"');
  });
});

describe('refusals', () => {
  it('name the motion whose vote is not open, and the voter and the body', () => {
    const f = board();
    propose(f, 'roof', 'Repair the north roof.');
    const ballot = { session: 's1', motion: 'roof', voter: 'bob', choice: 'aye' } as const;
    expect(refusal(f, { type: 'ballot.cast', payload: ballot }, 'bob')).toBe(
      'the vote on motion 1 ("Repair the north roof") is not open yet',
    );
    f.act({ type: 'vote.open', payload: { session: 's1', motion: 'roof' } }, 'ann');
    const eve = { ...ballot, voter: 'eve' };
    expect(refusal(f, { type: 'ballot.cast', payload: eve }, 'eve')).toBe(
      'eve is not a voting member of Board of Directors',
    );
    const late = { ...ballot, voter: 'dee' };
    expect(refusal(f, { type: 'ballot.cast', payload: late }, 'dee')).toBe(
      'Dee Dale was not present when the vote on motion 1 ("Repair the north roof") opened',
    );
    f.act({ type: 'ballot.cast', payload: ballot }, 'bob');
    const close = { type: 'session.close', payload: { session: 's1' } } as const;
    expect(refusal(f, close, 'ann')).toBe(
      'close the vote on motion 1 ("Repair the north roof") first',
    );
  });

  it('name a closed session and a motion missing from it by the session’s day and title', () => {
    const f = board();
    f.act({ type: 'session.close', payload: { session: 's1' } }, 'ann');
    const arrive = {
      type: 'attendance.arrive',
      payload: { session: 's1', person: 'dee' },
    } as const;
    expect(refusal(f, arrive, 'dee')).toBe(
      'the session of Board of Directors on 1 December 2026 (Autumn meeting) is closed',
    );
    const open = { type: 'vote.open', payload: { session: 's1', motion: 'nope' } } as const;
    expect(refusal(f, open, 'ann')).toMatch(/^the session of Board of Directors on .* is closed$/);
  });

  it('name a chair who is no member by name, and the body by its name', () => {
    const f = board();
    const open = { session: 's2', body: 'board', mode: 'live', chair: 'eve' };
    expect(refusal(f, { type: 'session.open', payload: open } as Act, 'ann')).toBe(
      'the chair, eve, is not a voting member of Board of Directors',
    );
  });

  it('name what may not come before an amendment in force, in words, not act types', () => {
    const f = board();
    const amends = charterJson({ board: { ...BOARD, name: 'Board' } }, NAMES);
    const motion = { motion: 'amend', text: 'Rename the board.', amends };
    f.decide('s1', 'ann', motion, { ann: 'aye', bob: 'aye', cy: 'aye' });
    const close = { type: 'session.close', payload: { session: 's1' } } as const;
    expect(refusal(f, close, 'ann')).toBe(
      'the amendment adopted by motion 1 ("Rename the board") of the session of Board of Directors on 1 December 2026 (Autumn meeting) comes into force with the next entry, before anything else: not a session\'s close',
    );
  });
});
