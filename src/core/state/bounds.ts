/**
 * How far from an act's own time the times it gives may lie. The act's time is the signing
 * device's, which the server holds to its own clock (within minutes), so these bounds need no
 * clock here. They are asked of new acts only: records written before keep what they hold.
 */
import { dayAfter, dayOf, isDayOrTime, isIsoDay, withinADay, yearAfter } from '../calendar.js';
import { fail } from '../errors.js';
import { dayInWords, timeInWords } from '../minutes/words.js';

/**
 * The latest deadline of a live question put at `time` (an ISO time): a year after it. A question
 * is asked of the members who sit when it is put, and a body that means to wait longer meets
 * first; a deadline further ahead is nearly always a mistyped year (9999, 2062 for 2026), and
 * would hold the question open, and its countdown running, for ever.
 */
export function latestDeadline(time: string): string {
  return yearAfter(time);
}

/**
 * Refuses `value` (the payload's `field`) later than a year after `time`: `what` says what it is
 * and `rule` what a year bounds, in words.
 */
function checkWithinYear(field: string, value: string, time: string, what: string, rule: string) {
  const latest = yearAfter(time);
  if (value > latest)
    fail(
      'invalid-input',
      `payload.${field}: ${timeInWords(value)} is more than a year after ${what}: ${rule}, until ${timeInWords(latest)}`,
    );
}

/** Refuses a live question's deadline later than `latestDeadline` of the time it is put. */
export function checkDeadlineWithin(deadline: string, time: string): void {
  checkWithinYear(
    'deadline',
    deadline,
    time,
    'the question is put',
    'a question takes answers for a year at most',
  );
}

/**
 * Refuses an invitation good for more than a year after it is issued at `time`: whoever holds its
 * link enrols a key for the person until it expires, and a year mistyped (9999) would keep a lost
 * link good for ever. The command line gives 365 days at most.
 */
export function checkInvitationWithin(expires: string, time: string): void {
  checkWithinYear(
    'expires',
    expires,
    time,
    'the invitation is issued',
    'an invitation is good for a year at most',
  );
}

/**
 * The last day a notice sent at `time` (an ISO time) may convene a meeting for: a year ahead. An
 * annual meeting is convened within its year; a date further ahead is a mistyped year, and would
 * stand on the body's list of meetings to come for ever.
 */
export function latestMeetingDay(time: string): string {
  return yearAfter(time).slice(0, 10);
}

/**
 * Refuses a date given live (a dispatch registered as it comes, a live instrument's days) that is
 * not a day of the calendar or a time of one as ISO 8601 writes them: a date in words is for
 * minutes transcribed, which give one so, and one given now would be neither checked against the
 * act's day nor numbered by its year. `what` names what gives it.
 */
export function checkCalendarDate(field: string, date: string | undefined, what: string): void {
  if (date === undefined || isDayOrTime(date)) return;
  fail(
    'invalid-input',
    `${field}: ${JSON.stringify(date)} is not a day as 2026-12-01, or a time of it as 2026-12-01T18:00: ${what} is dated by the calendar (a date in words is for minutes transcribed)`,
    field,
  );
}

/**
 * How a day given stands to the day of the act that records it (UTC's), the office's own day
 * being up to a day from UTC's (ahead of it east of Greenwich):
 * - `by`: when something happened, on the act's day or before it (the day after it taken too): a
 *   year mistyped (2062 for 2026) would be kept for ever;
 * - `on`: the day of what is done live (a session opened, a question put), a day either side taken,
 *   not a day to come nor one long past.
 */
export type DayOfAct = 'by' | 'on';

const DAY_OF_ACT: Record<
  DayOfAct,
  {
    holds(day: string, actDay: string): boolean;
    /** The refusal in words: the day given, how it fails, the act's day. */
    given(date: string, day: string): string;
    fails: string;
    actDay(day: string): string;
  }
> = {
  by: {
    holds: (day, actDay) => !isIsoDay(actDay) || day <= dayAfter(actDay),
    given: (date) => timeInWords(date),
    fails: 'is after',
    actDay: timeInWords,
  },
  on: {
    holds: withinADay,
    given: (_date, day) => dayInWords(day),
    fails: 'is not',
    actDay: dayInWords,
  },
};

/**
 * Refuses a day (the act's `field` gives `date`) that is not `relation` the day of the act, `time`
 * (DayOfAct). A date in words (old minutes') is not checked. `what` says what the act does ("the
 * session is opened", "it is recorded"), `why` why the day stands so to it.
 */
export function checkDayAgainstAct(
  relation: DayOfAct,
  field: string,
  date: string | undefined,
  time: string,
  said: { what: string; why: string },
): void {
  const day = dayOf(date);
  const actDay = time.slice(0, 10);
  const r = DAY_OF_ACT[relation];
  if (day === undefined || r.holds(day, actDay)) return;
  fail(
    'invalid-input',
    `${field}: ${r.given(date!, day)} ${r.fails} the day ${said.what} (${r.actDay(actDay)}): ${said.why}`,
    field,
  );
}
