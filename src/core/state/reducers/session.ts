/** Sessions of a body: convened with a notice, opened and closed by its officers. */
import type { Acts, RecordedAct } from '../../acts.js';
import type { Body } from '../../charter/model.js';
import { fail } from '../../errors.js';
import { withoutUndefined } from '../../json.js';
import { dayInWords } from '../../minutes/words.js';
import { instantOf } from '../../proceedings/moments.js';
import { instantMillis, plural } from '../../words.js';
import { dayOf, isDayOrTime } from '../../calendar.js';
import { checkAttachedOnce } from '../attachments.js';
import { checkSigner, requireOfficer } from '../authority.js';
import { bodyOf } from '../body.js';
import { checkCalendarDate, checkDayAgainstAct, latestMeetingDay } from '../bounds.js';
import { bodyName, motionInWords, personName, sessionInWords } from '../names.js';
import { openSession } from '../lookup.js';
import { checkAtHand } from '../roster.js';
import type { SessionNotice, SessionState, State } from '../model.js';
import type { CharterReducer } from './reducer.js';

const DAY = 86_400_000;

/**
 * A notice convening a session, or revising the notice of one not opened yet. The agenda's
 * references (dispatches, decisions to ratify, minutes to approve) are checked when a motion puts
 * them; a notice only announces them.
 */
export const sessionConvene: CharterReducer<'session.convene'> = (
  state,
  act,
  charter,
  admitting,
) => {
  const p = act.payload;
  const body = bodyOf(charter, p.body);
  if (state.sessions.has(p.session))
    fail(
      'conflict',
      `session '${p.session}' has opened already: ${sessionInWords(state, p.session)}`,
    );
  const earlier = state.convened.get(p.session);
  if (earlier && earlier.body !== p.body) fail('conflict', convenedFor(state, p, earlier.body));
  checkChair(state, body, p.chair);
  const items = new Set<string>();
  for (const item of p.agenda) {
    if (items.has(item.item)) fail('conflict', `agenda item '${item.item}' is listed twice`);
    items.add(item.item);
  }
  checkSigner(state, act, body, undefined);
  requireConvener(state, act, body, p.chair, admitting);
  if (admitting)
    p.agenda.forEach((item, i) =>
      checkAttachedOnce(`payload.agenda.${i}.attachments`, item.attachments),
    );
  if (admitting && p.noticed === undefined) checkDateToCome(p.date, act.time);
  if (admitting && p.noticed !== undefined)
    checkDayAgainstAct('by', 'payload.noticed', p.noticed, act.time, {
      what: 'it is recorded',
      why: 'a notice is recorded once it was sent',
    });
  state.convened.set(p.session, {
    ...withoutUndefined({ title: p.title, place: p.place, chair: p.chair }),
    session: p.session,
    body: p.body,
    date: p.date,
    agenda: p.agenda,
    noticed: p.noticed ?? act.time,
    by: act.actor,
    index: act.index,
    // A revised notice keeps the apologies sent on the first.
    excused: earlier?.excused ?? new Map(),
  });
};

/**
 * A notice sent now convenes a meeting to come, within a year, on a day of the calendar: its date
 * may not be past. A day's grace, since the record keeps UTC and the body's evening may be the
 * next day there. A notice sent earlier (minutes, `noticed` given) is recorded as it was, its
 * date in words where the minutes give it so.
 */
function checkDateToCome(date: string, now: string): void {
  const day = dayOf(date);
  if (day === undefined || !isDayOrTime(date))
    fail(
      'invalid-input',
      `payload.date: "${date}" is not a day of the calendar (YYYY-MM-DD): a notice sent now convenes a meeting on a day to come (a date in words is for a notice transcribed from minutes, which gives the day it was sent)`,
      'payload.date',
    );
  const dayStart = (iso: string) => instantMillis(`${iso}T00:00:00.000Z`);
  if (dayStart(day) < dayStart(now.slice(0, 10)) - DAY)
    fail(
      'invalid-input',
      `the session's date, ${dayInWords(day)}, is past: a notice convenes a meeting to come (a notice sent earlier gives the day it was sent)`,
      'payload.date',
    );
  const latest = latestMeetingDay(now);
  if (day > latest)
    fail(
      'invalid-input',
      `the session's date, ${dayInWords(day)}, is more than a year ahead: a notice convenes a meeting within a year, by ${dayInWords(latest)}`,
      'payload.date',
    );
}

/** A session convened for one body that an act would hold for another, in words. */
function convenedFor(state: State, p: { session: string; body: string }, convened: string): string {
  return `session '${p.session}' is convened for ${bodyName(state, convened)}, not ${bodyName(state, p.body)}`;
}

/** A session's chair must be a voting member of the body. */
function checkChair(state: State, body: Body, chair: string | undefined): void {
  if (chair !== undefined && !body.votingMembers.includes(chair))
    fail(
      'not-member',
      `the chair, ${personName(state, chair)}, is not a voting member of ${body.name}`,
    );
}

/** Minutes transcribe a session that has met: its day is not after the day they are recorded. */
const TRANSCRIBED = { what: 'it is recorded', why: 'minutes transcribe a session that has met' };

export const sessionOpen: CharterReducer<'session.open'> = (state, act, charter, admitting) => {
  const p = act.payload;
  const body = bodyOf(charter, p.body);
  if (state.sessions.has(p.session))
    fail('conflict', `session '${p.session}' exists already: ${sessionInWords(state, p.session)}`);
  const notice = state.convened.get(p.session);
  if (notice && notice.body !== p.body) fail('conflict', convenedFor(state, p, notice.body));
  checkChair(state, body, p.chair);
  checkSigner(state, act, body, undefined);
  requireConvener(state, act, body, p.chair, admitting);
  if (admitting && p.mode === 'live') {
    checkAtHand(charter, body, p.atHand);
    // A live session is dated the day it meets, by the calendar: the day it opens, or one either
    // side.
    checkCalendarDate('payload.date', p.date, 'a session opened now');
    checkDayAgainstAct('on', 'payload.date', p.date, act.time, {
      what: 'the session is opened',
      why: 'a session is dated the day it meets',
    });
  }
  if (admitting && p.mode === 'minutes')
    checkDayAgainstAct('by', 'payload.date', p.date, act.time, TRANSCRIBED);
  state.convened.delete(p.session);
  state.sessions.set(p.session, {
    id: p.session,
    body: p.body,
    mode: p.mode,
    ...withoutUndefined({
      title: p.title ?? notice?.title,
      date: p.date,
      place: p.place ?? notice?.place,
      chair: p.chair,
      atHand: p.atHand,
      notice,
    }),
    openedAt: act.index,
    openedTime: act.time,
    present: new Set(),
    attendance: [],
    excused: new Map(notice?.excused),
    flags: noticeFlags(body, notice, openingTime(p.date, act.time)),
    minutes: { approvals: [], signatures: [], objections: [] },
    motions: [],
  });
};

/**
 * Who may convene or open a session: an officer of the body (in a body with none, any voting
 * member); or the chair the act names when an officer recorded it for them (minutes name who took
 * the chair), never a member who names themself chair. checkSigner, run before, has made sure that
 * only an officer records an act for another. (Records written before this rule let a member name
 * themself chair: replayed, they still do.)
 */
function requireConvener(
  state: State,
  act: RecordedAct,
  body: Body,
  chair: string | undefined,
  admitting: boolean,
): void {
  const recorded = act.signer !== act.actor || !admitting;
  requireOfficer(state, act, body, chair && recorded ? ({ chair } as SessionState) : undefined);
}

/** When the session opened: the day its minutes give, where they give one, else its entry's time. */
function openingTime(date: string | undefined, entryTime: string): string {
  const at = date === undefined ? undefined : instantOf(date);
  return at !== undefined && !Number.isNaN(instantMillis(at)) ? at : entryTime;
}

/** What the opening breaks of the charter's notice period: none when it sets none. */
function noticeFlags(body: Body, notice: SessionNotice | undefined, opened: string): string[] {
  if (body.noticeDays === undefined || body.noticeDays === 0) return [];
  const needed = plural(body.noticeDays, 'day');
  if (!notice) return [`opened without notice: the charter requires ${needed}' notice`];
  const given = (instantMillis(opened) - instantMillis(notice.noticed)) / DAY;
  if (!(given >= body.noticeDays)) {
    const days = Math.max(0, Math.floor(given));
    return [
      `opened ${plural(days, 'day')} after its notice of ${dayInWords(notice.noticed.slice(0, 10))}: the charter requires ${needed}' notice`,
    ];
  }
  return [];
}

export const sessionClose: CharterReducer<'session.close'> = (state, act, charter, admitting) => {
  const { session, body } = openSession(state, charter, act.payload.session);
  checkSigner(state, act, body, session);
  requireOfficer(state, act, body, session);
  if (admitting && session.mode === 'minutes') checkChairAttended(state, session);
  const open = session.motions.flatMap((k) => {
    const motion = state.motions.get(k);
    return motion?.status === 'open' ? [motionInWords(state, motion, false)] : [];
  });
  if (open.length > 0) fail('conflict', `close the vote on ${open.join(', ')} first`);
  session.closedAt = act.index;
  session.closedTime = act.time;
};

/**
 * Minutes name a chair who presided, and so was there: among those present at some point (new
 * acts only: a record written before keeps its sessions, the chair shown among the absent).
 */
function checkChairAttended(state: State, session: SessionState): void {
  const chair = session.chair;
  if (chair === undefined || session.attendance.some((a) => a.person === chair)) return;
  fail(
    'invalid-input',
    `the chair, ${personName(state, chair)}, is not among those present at ${sessionInWords(state, session.id)}: a chair who presided was there`,
  );
}

/** The agenda item a motion names: refused live when the session's notice has none such. */
export function checkAgendaItem(
  state: State,
  session: SessionState,
  p: Acts['motion.propose'],
): void {
  if (p.item === undefined || session.mode !== 'live') return;
  if (!session.notice?.agenda.some((i) => i.item === p.item))
    fail('not-found', `the agenda of ${sessionInWords(state, session.id)} has no item '${p.item}'`);
}
