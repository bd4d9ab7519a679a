/**
 * Days and times as ISO 8601 writes them, checked against the calendar: a shape alone would take
 * 30 February, which a date parser then turns into 2 March without a word.
 */

/** The days of `month` (1 to 12) in `year`; 0 for a month that is none. */
export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `text` is a day of the calendar written as ISO 8601 does (2027-11-20). */
export function isIsoDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The day an ISO date or time begins with (2027-11-20); undefined for a date in words. */
export function dayOf(date: string | undefined): string | undefined {
  return date === undefined ? undefined : /^\d{4}-\d{2}-\d{2}/.exec(date)?.[0];
}

/** The day after `day` (an ISO day, 2027-11-20), as ISO 8601 writes it. */
export function dayAfter(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  if (date < daysInMonth(year, month)) return isoDay(year, month, date + 1);
  return month < 12 ? isoDay(year, month + 1, 1) : isoDay(year + 1, 1, 1);
}

/**
 * Whether `a` and `b` are ISO days at most one day apart: the same day for an office whose own
 * day may be a day from UTC's, either way.
 */
export function withinADay(a: string, b: string): boolean {
  return isIsoDay(a) && isIsoDay(b) && a <= dayAfter(b) && b <= dayAfter(a);
}

/**
 * The same moment a year after `time` (an ISO time as the record writes it); from 29 February,
 * 28 February of the next year, which has no 29th.
 */
export function yearAfter(time: string): string {
  const year = Number(time.slice(0, 4)) + 1;
  const rest = time.slice(4);
  const leapDay = rest.startsWith('-02-29') && daysInMonth(year, 2) === 28;
  return `${String(year).padStart(4, '0')}${leapDay ? `-02-28${rest.slice(6)}` : rest}`;
}

const isoDay = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

function isRealDay(year: number, month: number, day: number): boolean {
  return day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Whether `text` is a real day (2027-11-20) or a real time of one: 2027-11-20T19:30, with
 * seconds and their fraction if given, and a zone if known (Z, +01:00).
 */
export function isDayOrTime(text: string): boolean {
  const m = DAY_OR_TIME.exec(text);
  if (!m) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0, zoneHours = 0, zoneMinutes = 0] = m
    .slice(1)
    .map((field) => (field === undefined ? undefined : Number(field))) as number[];
  return (
    isRealDay(year!, month!, day!) &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    zoneHours <= 14 &&
    zoneMinutes < 60
  );
}

const DAY_OR_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))?)?$/;

/**
 * Whether a date as an act gives it (the day a document bears, a dispatch came, a session met)
 * may be recorded: free text where old minutes give one ("the night of 25 October"), but one
 * written as an ISO day must be a real day, and, with a time after it, a real time. One that opens
 * as a day in numbers (+02026-12-07, 2026-1-5, 07-12-2026) is written YYYY-MM-DD: another spelling
 * would be neither read as a day, to be checked and ordered, nor plainly words.
 */
export function isGivenDate(text: string): boolean {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(text);
  if (!day) return !/^[+-]?\d+-\d+-\d/.test(text);
  const rest = text.slice(day[0].length);
  return rest.startsWith('T') ? isDayOrTime(text) : isIsoDay(day[0]) && !/^\d/.test(rest);
}
