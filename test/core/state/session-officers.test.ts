/**
 * Who may convene and open a session: an officer of the body, or the chair an officer's record
 * names (minutes say who took the chair); never a member who names themself chair.
 */
import { describe, it, expect } from 'vitest';
import type { Act } from '../../../src/core/acts.js';
import { sessionDate } from '../../../src/core/state/names.js';
import { BOARD, BUREAU, Fold } from './fold.js';

const open = (session: string, mode: 'live' | 'minutes', chair?: string): Act =>
  ({
    type: 'session.open',
    payload: { session, body: 'board', mode, ...(chair ? { chair } : {}) },
  }) as Act;

const convene = (chair: string | undefined, title: string, extra: object = {}): Act =>
  ({
    type: 'session.convene',
    payload: {
      session: 's1',
      body: 'board',
      date: '2026-12-20',
      title,
      agenda: [],
      ...(chair ? { chair } : {}),
      ...extra,
    },
  }) as Act;

describe('a session’s convener', () => {
  it('is refused to a member who names themself chair, live or in minutes', () => {
    const fold = new Fold({ board: BOARD });
    fold.refuses('forbidden', open('taken', 'live', 'bob'), 'bob');
    fold.refuses('forbidden', open('taken', 'minutes', 'bob'), 'bob');
    fold.refuses('forbidden', convene('bob', 'Taken over'), 'bob');
    fold.act(convene(undefined, 'Winter meeting'), 'ann');
    // Nor may a member revise an officer's notice by naming themself chair.
    fold.refuses('forbidden', convene('bob', 'Taken over'), 'bob');
    expect(fold.state.convened.get('s1')?.title).toBe('Winter meeting');
  });

  it('is an officer naming another chair, or the named chair when an officer records it', () => {
    const fold = new Fold({ board: BOARD });
    fold.act(open('deputized', 'live', 'bob'), 'ann');
    expect(fold.state.sessions.get('deputized')?.chair).toBe('bob');
    // Minutes: "bob in the chair", transcribed by the chair of the board for him.
    fold.act(open('1918-01-24', 'minutes', 'bob'), 'bob', 'ann');
    expect(fold.state.sessions.get('1918-01-24')?.chair).toBe('bob');
    // Recorded for a member the act does not name chair: no.
    fold.refuses('forbidden', open('1918-01-25', 'minutes', 'cy'), 'bob', 'ann');
  });
});

describe('a refusal to one who does not run the body', () => {
  it('names the officers, the signer and the body as the charter does, not by id', () => {
    const names = { ann: 'Ann Arbour', bob: 'Bob Bright', dee: 'Dee Dale' };
    const fold = new Fold({ board: { ...BOARD, secretary: 'dee' } }, names);
    expect(() => fold.act(open('s2', 'live'), 'bob')).toThrow(
      "Bob Bright may not record a session's opening: only Ann Arbour or Dee Dale of Board may",
    );
    expect(() => fold.act(open('s2', 'live'), 'ann', 'bob')).toThrow(
      'Bob Bright may not sign for Ann Arbour: only the chair or secretary of Board records for others',
    );
    fold.act(open('s2', 'live'), 'ann');
    const vote: Act = { type: 'vote.open', payload: { session: 's2', motion: 'm1' } } as Act;
    fold.act(
      { type: 'motion.propose', payload: { session: 's2', motion: 'm1', text: 'Buy.' } } as Act,
      'ann',
    );
    expect(() => fold.act(vote, 'bob')).toThrow(
      "Bob Bright may not record a vote's opening: only Ann Arbour or Dee Dale of Board may",
    );
  });
});

describe('a session’s date', () => {
  it('is not past when a notice convenes it now, but a notice sent earlier is recorded as it was', () => {
    // The fold's clock: 2026-12-01, late morning UTC.
    const fold = new Fold({ board: BOARD });
    expect(() => fold.act(convene(undefined, 'Late', { date: '2026-11-29' }), 'ann')).toThrow(
      "the session's date, 29 November 2026, is past: a notice convenes a meeting to come",
    );
    expect(fold.state.convened.size).toBe(0);
    // The day before, in UTC, may still be the body's evening.
    fold.act(convene(undefined, 'Tonight', { date: '2026-11-30T19:00' }), 'ann');
    fold.act(convene(undefined, 'Minuted', { date: '2026-11-20', noticed: '2026-11-10' }), 'ann');
    expect(fold.state.convened.get('s1')?.title).toBe('Minuted');
  });

  it('is, convened now, a day of the calendar; a notice transcribed may give it in words', () => {
    const fold = new Fold({ board: BOARD });
    for (const date of ['next Tuesday', '..', '-000001-01-01', '2026-02-30'])
      expect(() => fold.act(convene(undefined, 'Vague', { date }), 'ann')).toThrow(
        `payload.date: "${date}" is not a day of the calendar (YYYY-MM-DD): a notice sent now convenes a meeting on a day to come`,
      );
    expect(fold.state.convened.size).toBe(0);
    fold.act(convene(undefined, 'Minuted', { date: 'the 3rd', noticed: '1918-02-01' }), 'ann');
    expect(fold.state.convened.get('s1')?.date).toBe('the 3rd');
  });

  it('is, convened now, not further ahead than a year', () => {
    const fold = new Fold({ board: BOARD });
    expect(() => fold.act(convene(undefined, 'Far', { date: '2027-12-03' }), 'ann')).toThrow(
      "the session's date, 3 December 2027, is more than a year ahead: a notice convenes a meeting within a year, by 1 December 2027",
    );
    expect(fold.state.convened.size).toBe(0);
    fold.act(convene(undefined, 'Annual', { date: '2027-12-01' }), 'ann');
    expect(fold.state.convened.get('s1')?.title).toBe('Annual');
  });
});

describe('a live session’s own date', () => {
  it('is the day it opens on, or one either side, by the calendar; minutes may give it in words', () => {
    // The fold's clock: 2026-12-01, late morning UTC.
    const fold = new Fold({ board: BOARD });
    const dated = (session: string, date: string): Act =>
      ({ type: 'session.open', payload: { session, body: 'board', mode: 'live', date } }) as Act;
    fold.refuses('invalid-input', dated('far', '9999-12-31'), 'ann');
    expect(() => fold.act(dated('far', '2026-12-03'), 'ann')).toThrow(
      'payload.date: 3 December 2026 is not the day the session is opened (1 December 2026): a session is dated the day it meets',
    );
    fold.refuses('invalid-input', dated('past', '1900-12-01'), 'ann');
    fold.refuses('invalid-input', dated('past', '2026-11-29'), 'ann');
    fold.act(dated('west', '2026-11-30'), 'ann');
    fold.act(dated('east', '2026-12-02'), 'ann');
    // Opened now, it is dated by the calendar, as a dispatch registered now is: not in words.
    expect(() => fold.act(dated('words', 'the first Tuesday of December'), 'ann')).toThrow(
      'payload.date: "the first Tuesday of December" is not a day as 2026-12-01, or a time of it as 2026-12-01T18:00: a session opened now is dated by the calendar',
    );
    // In minutes, history is recorded as written, on any day it has happened by.
    const transcribed = (session: string, date: string): Act =>
      ({ type: 'session.open', payload: { session, body: 'board', mode: 'minutes', date } }) as Act;
    fold.act(transcribed('old', '1918-01-05'), 'ann');
    fold.act(transcribed('words', 'the first Tuesday of December'), 'ann');
    fold.refuses('invalid-input', transcribed('ahead', '2027-01-05'), 'ann');
  });

  it('is the day it opened where that is not the day its notice named, within a day', () => {
    const fold = new Fold({ board: BOARD });
    const noticeFor = (session: string, date: string, extra: object = {}): Act =>
      ({
        type: 'session.convene',
        payload: { session, body: 'board', date, agenda: [], ...extra },
      }) as Act;
    const opening = (session: string, mode: 'live' | 'minutes' = 'live'): Act =>
      ({ type: 'session.open', payload: { session, body: 'board', mode } }) as Act;
    fold.act(noticeFor('early', '2027-06-01'), 'ann');
    // A notice in words is one transcribed, with the day it was sent.
    fold.act(noticeFor('words', 'next Friday', { noticed: '2026-11-27' }), 'ann');
    fold.act(noticeFor('east', '2026-12-02T09:00'), 'ann');
    fold.act(noticeFor('later', '2026-12-03'), 'ann');
    fold.act(noticeFor('minuted', '2026-12-20'), 'ann');
    for (const session of ['early', 'words', 'east']) fold.act(opening(session), 'ann');
    fold.act(opening('minuted', 'minutes'), 'ann');
    fold.at('2026-12-08T10:00:00.000Z');
    fold.act(opening('later'), 'ann');
    const dateOf = (session: string) => sessionDate(fold.state.sessions.get(session)!);
    expect(dateOf('early')).toBe('2026-12-01');
    expect(dateOf('words')).toBe('2026-12-01');
    // The office east of Greenwich: its morning is still UTC's day before.
    expect(dateOf('east')).toBe('2026-12-02');
    // Postponed, it met the day it opened.
    expect(dateOf('later')).toBe('2026-12-08');
    // Transcribed from minutes, it met the day the notice named.
    expect(dateOf('minuted')).toBe('2026-12-20');
  });
});

describe('a session’s people at hand', () => {
  it('are, live, people of the charter and members of the parent the body draws in', () => {
    const fold = new Fold({ board: BOARD, bureau: BUREAU });
    const openWith = (session: string, atHand: string[]): Act =>
      ({
        type: 'session.open',
        payload: { session, body: 'bureau', mode: 'live', atHand },
      }) as Act;
    expect(() => fold.act(openWith('b1', ['zed']), 'ann')).toThrow(
      "no person 'zed' in the charter",
    );
    expect(() => fold.act(openWith('b1', ['eve']), 'ann')).toThrow(
      'eve, said to be at hand, is not a voting member of Board, whose members Bureau draws in',
    );
    fold.act(openWith('b1', ['cy']), 'ann');
    expect(fold.state.sessions.get('b1')?.atHand).toEqual(['cy']);
  });
});

describe('the chair of a session transcribed from minutes', () => {
  const arrive = (session: string, person: string): Act => ({
    type: 'attendance.arrive',
    payload: { session, person },
  });
  const close = (session: string): Act => ({ type: 'session.close', payload: { session } });

  it('was there: a session whose chair is never among those present is not closed', () => {
    const fold = new Fold({ board: BOARD });
    fold.act(open('1918-01-24', 'minutes', 'bob'), 'bob', 'ann');
    fold.act(arrive('1918-01-24', 'ann'), 'ann');
    fold.act(arrive('1918-01-24', 'cy'), 'cy', 'ann');
    expect(() => fold.act(close('1918-01-24'), 'ann')).toThrow(
      'the chair, bob, is not among those present at the session of Board on 1 December 2026: a chair who presided was there',
    );
    fold.refuses('invalid-input', close('1918-01-24'), 'ann');
    // Arriving late, the chair was there all the same.
    fold.act(arrive('1918-01-24', 'bob'), 'bob', 'ann');
    fold.act(close('1918-01-24'), 'ann');
  });

  it('is held to it in new acts only: a record written before keeps its session', () => {
    const fold = new Fold({ board: BOARD });
    fold.replays(open('1918-01-24', 'minutes', 'bob'), 'bob', 'ann');
    fold.replays(arrive('1918-01-24', 'ann'), 'ann');
    fold.replays(close('1918-01-24'), 'ann');
    expect(fold.state.sessions.get('1918-01-24')?.closedAt).toBeDefined();
  });
});
