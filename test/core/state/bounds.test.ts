/**
 * How far from its own time a new act's times may lie: a live question's deadline at most a year
 * after it is put, and the days that say when something happened (a dispatch received, a live
 * instrument dated, issued, revoked or settled) not after the day the act records them, the next
 * day allowed for time zones, transcriptions alike (minutes record what has happened). Records
 * written before replay as they were.
 */
import { describe, expect, it } from 'vitest';
import type { Act } from '../../../src/core/acts.js';
import { latestDeadline } from '../../../src/core/state/bounds.js';
import { nextAfter } from '../../../src/core/state/index.js';
import { BOARD, draftAct, Fold, openAct } from './fold.js';

/** The board, which issues mandates and receipts one member signs. */
function board(): Fold {
  const f = new Fold({
    board: {
      ...BOARD,
      instruments: {
        mandate: { signers: { 'at-least': 1, of: 'members' }, 'rests-on': 'none' },
        receipt: { signers: { 'at-least': 1, of: 'members' }, 'rests-on': 'none' },
      },
    },
  });
  // Every act of these tests comes at this time: a Tuesday, 1 December 2026, 10:00 UTC.
  f.at('2026-12-01T10:00:00.000Z');
  return f;
}

/** Admits `act` at the board's fixed time. */
function actNow(f: Fold, act: Act, actor: string): void {
  f.at('2026-12-01T10:00:00.000Z');
  f.act(act, actor);
  f.at('2026-12-01T10:00:00.000Z');
}

describe('a live question’s deadline', () => {
  it('is at most a year after the question is put', () => {
    const f = board();
    expect(latestDeadline('2026-12-01T10:00:00.000Z')).toBe('2027-12-01T10:00:00.000Z');
    f.refuses('invalid-input', openAct({ deadline: '9999-12-31T23:59:59.000Z' }), 'ann');
    expect(() => f.act(openAct({ deadline: '9999-12-31T23:59:59.000Z' }), 'ann')).toThrow(
      'payload.deadline: 31 December 9999, 23:59 UTC is more than a year after the question is put: a question takes answers for a year at most, until 1 December 2027, 10:00 UTC',
    );
    f.at('2026-12-01T10:00:00.000Z');
    f.refuses('invalid-input', openAct({ deadline: '2027-12-01T10:00:00.001Z' }), 'ann');
    f.at('2026-12-01T10:00:00.000Z');
    f.act(openAct({ deadline: '2027-12-01T10:00:00.000Z' }), 'ann');
  });

  it('is taken as a record written before holds it, and as minutes give it', () => {
    const f = board();
    f.replays(openAct({ deadline: '9999-12-31T23:59:59.000Z' }), 'ann');
    expect(f.circulation().deadline).toBe('9999-12-31T23:59:59.000Z');
    f.act(
      openAct({ circulation: 'c2', mode: 'minutes', deadline: '9999-12-31T23:59:59.000Z' }),
      'ann',
    );
  });

  it('counts a year from 29 February to 28 February', () => {
    expect(latestDeadline('2028-02-29T08:00:00.000Z')).toBe('2029-02-28T08:00:00.000Z');
  });
});

const register = (received: string, dispatch = 'd1'): Act =>
  ({
    type: 'dispatch.register',
    payload: {
      dispatch,
      body: 'board',
      number: dispatch,
      received,
      from: 'A farmer',
      channel: 'letter',
      text: 'Please mend the fence.',
    },
  }) as Act;

describe('the day a dispatch was received', () => {
  it('is not after the day it is registered, but may be the next (east of Greenwich)', () => {
    const f = board();
    f.refuses('invalid-input', register('2026-12-03'), 'ann');
    expect(() => f.act(register('2062-12-01T09:00'), 'ann')).toThrow(
      'payload.received: 1 December 2062, 09:00 is after the day the dispatch is registered (1 December 2026): a dispatch is registered once received',
    );
    actNow(f, register('2026-12-02'), 'ann');
    f.replays(register('2062-12-01', 'd2'), 'ann');
  });
});

describe('the day of a session or a question transcribed from minutes', () => {
  const session = (date: string, id = 's1'): Act => ({
    type: 'session.open',
    payload: { session: id, body: 'board', mode: 'minutes', date },
  });

  it('is not after the day the minutes are recorded, but may be the next', () => {
    const f = board();
    expect(() => f.act(session('9999-12-30'), 'ann')).toThrow(
      'payload.date: 30 December 9999 is after the day it is recorded (1 December 2026): minutes transcribe a session that has met',
    );
    f.refuses('invalid-input', session('2026-12-03'), 'ann');
    actNow(f, session('2026-12-02'), 'ann');
    actNow(f, session('7 November 1917', 's2'), 'ann');
    f.replays(session('9999-12-30', 's3'), 'ann');
  });

  it('of a question put is not after the day it is recorded either', () => {
    const f = board();
    const put = (date: string, circulation = 'c1') =>
      openAct({ circulation, mode: 'minutes', date, deadline: '9999-12-31T23:59:59.000Z' });
    expect(() => f.act(put('9999-12-31T10:00'), 'ann')).toThrow(
      'payload.date: 31 December 9999, 10:00 is after the day it is recorded (1 December 2026): minutes transcribe a question that has been put',
    );
    actNow(f, put('1920-09-24'), 'ann');
    f.replays(put('9999-12-31', 'c2'), 'ann');
  });
});

// A mandate's last day is ahead, as far as the body likes: not a day that happened.
const draft = (extra: object = {}): Act => draftAct({ until: '2099-12-31', ...extra });

function signed(f: Fold, extra: object = {}): void {
  actNow(f, draft(extra), 'ann');
  const i = f.state.instruments.get('i1')!;
  const sign = { instrument: 'i1', content: i.content, after: nextAfter(i) };
  actNow(f, { type: 'instrument.sign', payload: sign }, 'bob');
}

describe('the days an instrument gives', () => {
  it('refuses a document dated after the day it is drafted', () => {
    const f = board();
    f.refuses('invalid-input', draft({ date: '9999-12-31' }), 'ann');
    expect(() => f.act(draft({ date: '2027-03-01' }), 'ann')).toThrow(
      'payload.date: 1 March 2027 is after the day it is drafted (1 December 2026): a document bears a day it was written on',
    );
    actNow(f, draft({ date: '2026-12-02' }), 'ann');
  });

  it('refuses an issue, a revocation or a settlement dated after the act that records it', () => {
    const f = board();
    signed(f);
    const issue = (date: string): Act => ({
      type: 'instrument.issue',
      payload: { instrument: 'i1', date },
    });
    f.refuses('invalid-input', issue('2030-01-01'), 'ann');
    expect(() => f.act(issue('2026-12-03'), 'ann')).toThrow(
      'payload.date: 3 December 2026 is after the day its issue is recorded (1 December 2026): an instrument is recorded as issued once it is',
    );
    actNow(f, issue('2026-12-02'), 'ann');
    const revoke: Act = {
      type: 'instrument.revoke',
      payload: { instrument: 'i1', date: '2030-01-01' },
    };
    f.refuses('invalid-input', revoke, 'ann');
    f.replays(revoke, 'ann');
    expect(f.state.instruments.get('i1')!.revoked?.date).toBe('2030-01-01');

    const g = board();
    signed(g, {
      kind: 'receipt',
      holder: undefined,
      until: undefined,
      amount: { value: 5, unit: 'EUR' },
    });
    actNow(g, { type: 'instrument.issue', payload: { instrument: 'i1' } }, 'ann');
    const settle = (date: string): Act => ({
      type: 'instrument.settle',
      payload: { instrument: 'i1', date },
    });
    g.refuses('invalid-input', settle('2027-01-01'), 'ann');
    actNow(g, settle('2026-12-01'), 'ann');
  });

  it('are taken as a record written before holds them; minutes give days that have come', () => {
    const f = board();
    f.replays(draft({ date: '9999-12-31' }), 'ann');
    expect(f.state.instruments.get('i1')!.draft.date).toBe('9999-12-31');
    const g = board();
    // Minutes record what has happened, as a session's or a question's do: a year mistyped.
    expect(() => g.act(draft({ mode: 'minutes', date: '2027-10-14' }), 'ann')).toThrow(
      'payload.date: 14 October 2027 is after the day it is drafted (1 December 2026): a document bears a day it was written on',
    );
    signed(g, { mode: 'minutes', date: '1917-11-21' });
    actNow(
      g,
      { type: 'instrument.issue', payload: { instrument: 'i1', date: '1917-11-22' } },
      'ann',
    );
    g.refuses(
      'invalid-input',
      { type: 'instrument.revoke', payload: { instrument: 'i1', date: '2027-11-01' } },
      'ann',
    );
    actNow(
      g,
      { type: 'instrument.revoke', payload: { instrument: 'i1', date: '1918-03-01' } },
      'ann',
    );
  });
});

describe('a date given live', () => {
  const words =
    '"the night of 25 October" is not a day as 2026-12-01, or a time of it as 2026-12-01T18:00';

  it('of a dispatch is a day of the calendar; a record written before keeps one in words', () => {
    const f = board();
    for (const received of ['the night of 25 October', '2026-11-30 evening', '30/11/2026'])
      f.refuses('invalid-input', register(received), 'ann');
    expect(() => f.act(register('the night of 25 October'), 'ann')).toThrow(
      `payload.received: ${words}: a dispatch registered now is dated by the calendar`,
    );
    actNow(f, register('2026-11-30T18:00:00+01:00'), 'ann');
    f.replays(register('the night of 25 October', 'd2'), 'ann');
    expect(f.state.dispatches.get('d2')!.received).toBe('the night of 25 October');
  });

  it('of a live question is the day it is put, or one either side; a record written before keeps another', () => {
    const f = board();
    expect(() => f.act(openAct({ date: '1900-01-01' }), 'ann')).toThrow(
      'payload.date: 1 January 1900 is not the day the question is put (1 December 2026): a question is dated the day it is put',
    );
    f.refuses('invalid-input', openAct({ date: '2026-12-03' }), 'ann');
    expect(() => f.act(openAct({ date: 'the night of 25 October' }), 'ann')).toThrow(
      `payload.date: ${words}: a question put now is dated by the calendar`,
    );
    actNow(f, openAct({ date: '2026-12-02' }), 'ann');
    f.replays(openAct({ circulation: 'c2', date: '1900-01-01' }), 'ann');
    expect(f.circulation('c2').date).toBe('1900-01-01');
  });

  it('of a live instrument is one too: its date, its last day, the day it is issued', () => {
    const f = board();
    expect(() => f.act(draft({ date: 'the night of 25 October' }), 'ann')).toThrow(
      `payload.date: ${words}: a live instrument is dated by the calendar`,
    );
    f.refuses('invalid-input', draft({ until: 'until revoked' }), 'ann');
    signed(f);
    f.refuses(
      'invalid-input',
      { type: 'instrument.issue', payload: { instrument: 'i1', date: 'today' } },
      'ann',
    );
  });
});

describe('an invitation’s expiry', () => {
  const invite = (expires: string, token = 'a'.repeat(64)): Act => ({
    type: 'member.invite',
    payload: { person: 'eve', token, expires },
  });

  it('is at most a year after it is issued; a record written before keeps a later one', () => {
    const f = board();
    f.refuses('invalid-input', invite('9999-12-31T23:59:59.000Z'), 'ann');
    f.refuses('invalid-input', invite('2027-12-01T10:00:00.001Z'), 'ann');
    expect(() => f.act(invite('2027-12-02T09:00:00.000Z'), 'ann')).toThrow(
      'payload.expires: 2 December 2027, 09:00 UTC is more than a year after the invitation is issued: an invitation is good for a year at most, until 1 December 2027, 10:00 UTC',
    );
    actNow(f, invite('2027-12-01T10:00:00.000Z'), 'ann');
    f.replays(invite('9999-12-31T23:59:59.000Z', 'b'.repeat(64)), 'ann');
    expect(f.state.invitations.get('b'.repeat(64))?.expires).toBe('9999-12-31T23:59:59.000Z');
  });
});

describe('when a notice was sent', () => {
  const notice = (noticed: string, session = 's1'): Act =>
    ({
      type: 'session.convene',
      payload: { session, body: 'board', date: '2026-12-20', agenda: [], noticed },
    }) as Act;

  it('is not after the day it is recorded, but may be the next; a record written before keeps it', () => {
    const f = board();
    f.refuses('invalid-input', notice('9999-01-01T00:00:00.000Z'), 'ann');
    expect(() => f.act(notice('2026-12-03T00:00:00.000Z'), 'ann')).toThrow(
      'payload.noticed: 3 December 2026, 00:00 UTC is after the day it is recorded (1 December 2026): a notice is recorded once it was sent',
    );
    actNow(f, notice('2026-12-02T00:00:00.000Z'), 'ann');
    actNow(f, notice('1918-02-01T00:00:00.000Z', 's2'), 'ann');
    f.replays(notice('9999-01-01T00:00:00.000Z', 's3'), 'ann');
    expect(f.state.convened.get('s3')?.noticed).toBe('9999-01-01T00:00:00.000Z');
  });
});

describe('the files an act attaches', () => {
  const hash = 'a'.repeat(64);
  const file = (name: string, h = hash) => ({ name, hash: h, size: 5 });

  it('are each named once, in a dispatch, an instrument and an agenda item; a record keeps what it holds', () => {
    const f = board();
    const twice = (dispatch: string): Act => {
      const act = register('2026-11-30', dispatch);
      return {
        ...act,
        payload: { ...act.payload, attachments: [file('a.pdf'), file('b.pdf')] },
      } as Act;
    };
    expect(() => f.act(twice('d1'), 'ann')).toThrow(
      `payload.attachments.1: b.pdf (sha256 ${hash}) is attached already, as payload.attachments.0: a file is attached once`,
    );
    f.refuses('invalid-input', draft({ attachments: [file('a.pdf'), file('a.pdf')] }), 'ann');
    const notice = {
      type: 'session.convene',
      payload: {
        session: 's1',
        body: 'board',
        date: '2026-12-20',
        agenda: [{ item: 'i1', title: 'Roof', attachments: [file('a.pdf'), file('a.pdf')] }],
      },
    } as Act;
    expect(() => f.act(notice, 'ann')).toThrow(/^payload\.agenda\.0\.attachments\.1: a\.pdf/);
    // One file under two items is each item's.
    const items = [
      { item: 'i1', title: 'Roof', attachments: [file('a.pdf')] },
      { item: 'i2', title: 'Budget', attachments: [file('a.pdf'), file('c.pdf', 'c'.repeat(64))] },
    ];
    actNow(f, { ...notice, payload: { ...notice.payload, agenda: items } } as Act, 'ann');
    f.replays(twice('d2'), 'ann');
    expect(f.state.dispatches.get('d2')!.attachments).toHaveLength(2);
  });
});
