/** The options and arguments several commands share, defined and parsed once. */
import type { Command } from 'commander';
import type { RegisterFilter } from '../app/registers.js';
import { dayOf, isDayOrTime, isIsoDay } from '../core/calendar.js';
import { instantOf } from '../core/proceedings/moments.js';
import type { RecordOptions } from './context.js';
import { usage } from './io.js';

export const DB_HELP = 'SQLite file or postgres:// URL (env COLLEGIUM_DB; default ./collegium.db)';

/** --db: the record a command works on. */
export function dbOption(command: Command): Command {
  return command.option('--db <path>', DB_HELP);
}

/** The options of a command that records an act, as commander gives them. */
export type RecordingOptions = RecordOptions & { as?: string };

/**
 * --db, --key and --as: the options of a command that records an act. The help of --key and
 * --as says whose key and who acts, which differs from command to command; every --key is
 * read from COLLEGIUM_KEY when not given, so each help says so.
 */
export function recordingOptions(
  command: Command,
  keyHelp = 'private key file(s) of whoever signs',
  asHelp = 'who acts (default: the body secretary, else its chair)',
): Command {
  return dbOption(command)
    .option('--key <file...>', `${keyHelp} (env COLLEGIUM_KEY)`)
    .option('--as <person>', asHelp);
}

/** What the ids that commands take as arguments name, said alike in every command's help. */
export const ARGUMENT = {
  session: 'the session, by its id (collegium protocol lists them)',
  motion: 'the motion, by its id in the session',
  circulation: 'the circulation, by its id (collegium circulations lists them)',
  instrument: 'the instrument, by its id (collegium instruments lists them)',
  dispatch: 'the dispatch, by its id (collegium dispatch list lists them)',
  person: 'a person of the charter, by their id (collegium people lists them)',
  people: 'people of the charter, by their ids',
} as const;

/** Examples shown after a command's help, one command line each. */
export function withExamples(command: Command, examples: readonly string[]): Command {
  return command.addHelpText(
    'after',
    ['', 'Examples:', ...examples.map((example) => `  $ ${example}`)].join('\n'),
  );
}

/** --from and --to, as every command takes them: the first and the last, both included. */
export interface Range {
  from?: number;
  to?: number;
}

export function checkRange({ from, to }: Range): void {
  if (from !== undefined && to !== undefined && to < from)
    usage(`--to ${to} is before --from ${from}`);
}

/** A range as the command was given it: "from 500 to 600", "from 500". */
export function rangeInWords({ from, to }: Range): string {
  return [from === undefined ? '' : `from ${from}`, to === undefined ? '' : `to ${to}`]
    .filter(Boolean)
    .join(' ');
}

/**
 * Whether an option's value is a whole number, 0 or more (or 1 or more, without a leading 0),
 * that reads as itself: past 2^53, 99999999999999999999 would read as another number, and a
 * refusal or an act would name that one.
 */
export function isWholeNumber(value: string, least: 0 | 1 = 0): boolean {
  return (least === 1 ? /^[1-9]\d*$/ : /^\d+$/).test(value) && Number.isSafeInteger(Number(value));
}

export function parseIndex(value: string): number {
  if (!isWholeNumber(value)) usage(`'${value}' is not an entry index (a whole number, 0 or more)`);
  return Number(value);
}

/**
 * The forms of a moment to come an option takes (--deadline, a proxy's --until), as app's
 * parseMoment reads them; a day alone is through that day.
 */
export const MOMENT_FORMS =
  '2026-12-10T18:00 (UTC unless a zone is given), 2026-12-10 (the end of that day), or 48h, 3d, 90m from now';

/**
 * A moment to come as users write it, for a deadline or a proxy's end (`what` names the option;
 * one it cannot read is a usage error, as any option's value): an ISO date-time
 * (`2026-12-10T18:00`, taken as UTC unless it names a zone), a date (the end of that day, UTC:
 * "until 10 December" is through that day), or a span from `now` (`48h`, `3d`, `90m`).
 */
export function parseMoment(text: string, now: Date, what: string): string {
  const span = /^(\d+)([mhd])$/.exec(text.trim());
  if (span) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[span[2] as 'm' | 'h' | 'd'];
    // A span of any length is one (525600m is a year); one that ends past the last date a
    // calendar can hold is said to, not thrown as an invalid date.
    const end = new Date(now.getTime() + Number(span[1]) * unit);
    if (Number.isNaN(end.getTime()) || end.getUTCFullYear() > 9999)
      usage(`${what} "${text}": a span that ends after the year 9999: give a shorter one`);
    return end.toISOString();
  }
  // A date is through its end, as the minutes' deadlines read one.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? instantOf(text, true) : text;
  return timeOrUsage(
    timeOf(date),
    `${what} "${text}"`,
    'give a date-time (2026-12-10T18:00), a date (2026-12-10) or a span (48h, 3d)',
  );
}

/** A moment as users write it (`2026-12-10T18:00`, UTC unless it names a zone), as ISO. */
export function parseTime(text: string, what: string): string {
  return timeOrUsage(
    timeOf(text),
    `${what} "${text}"`,
    'give a date-time, as 2026-12-10T18:00 (UTC) or 2026-12-10T18:00+01:00',
  );
}

/**
 * A date-time read as ISO (`time`), or not: `notADay` is the day it begins with where the
 * calendar lacks it (2026-02-30), as a usage error says.
 */
type TimeRead =
  { readonly time: string } | { readonly time?: undefined; readonly notADay?: string };

/** The time read, or a usage error on `given`: the day the calendar lacks, else what to `give`. */
function timeOrUsage(read: TimeRead, given: string, give: string): string {
  if (read.time !== undefined) return read.time;
  return usage(
    read.notADay === undefined
      ? `${given}: ${give}`
      : `${given}: ${read.notADay} is not a day of the calendar`,
  );
}

function timeOf(text: string): TimeRead {
  // A date parser takes 30 February for 2 March: the calendar is checked first.
  if (!isDayOrTime(text)) {
    const day = dayOf(text);
    return day !== undefined && !isIsoDay(day) ? { notADay: day } : {};
  }
  if (!text.includes('T')) return {};
  const zoned = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text}Z` : text;
  const time = /^\d{4}-\d{2}-\d{2}T/.test(zoned) ? Date.parse(zoned) : NaN;
  return Number.isNaN(time) ? {} : { time: new Date(time).toISOString() };
}

/** An option's value as a refusal repeats it: an empty one is seen as '' rather than as nothing. */
function valueShown(value: string): string {
  return value === '' ? "''" : value;
}

/** A date an option gives: a day (2026-12-01) or a date-time; anything else is a usage error. */
export function checkDate(option: string, value: string): string {
  if (!isDayOrTime(value))
    usage(
      `${option} ${valueShown(value)}: give a real date (2026-12-01) or date-time (2026-12-01T18:00)`,
    );
  return value;
}

/** A day an option gives (2027-11-20), as the filters by date take it; anything else is a usage
 * error. */
export function parseDay(option: string, value: string): string {
  if (!isIsoDay(value)) usage(`${option} ${valueShown(value)}: give a day as 2027-11-20`);
  return value;
}

/**
 * An origin an option or a variable gives (http:// or https://, a host and maybe a port, no
 * path): logins are signed for it and invitation links point to it, so anything else is a usage
 * error, told before anything is recorded.
 */
export function checkOrigin(name: string, value: string): string {
  const problem = originProblem(value);
  if (problem) usage(`${name}: '${value}' ${problem}`);
  return value;
}

const NOT_AN_ORIGIN = 'is not an origin (http:// or https://, a host and maybe a port, no path)';

/** What keeps `text` from being an origin a browser reaches and writes as it is, if anything. */
function originProblem(text: string): string | undefined {
  if (!URL.canParse(text)) return NOT_AN_ORIGIN;
  const url = new URL(text);
  if (!/^https?:$/.test(url.protocol)) return NOT_AN_ORIGIN;
  const given = text.replace(/\/$/, '');
  if (url.origin === given)
    // A link to port 0 reaches no server; it is an origin only in its spelling.
    return url.port === '0'
      ? 'names port 0, which no browser reaches: give the port served on'
      : undefined;
  // A browser writes an origin without its scheme's own port (443 for https): the one given would
  // match no request's Origin.
  return url.port === '' && given.replace(/:\d+$/, '') === url.origin
    ? `is written without its scheme's own port, as browsers send it: ${url.origin}`
    : NOT_AN_ORIGIN;
}

/** --from and --to as days: the range may not end before it begins. */
export function checkDayRange({ from, to }: { from?: string; to?: string }): void {
  if (from !== undefined && to !== undefined && to < from)
    usage(`--to ${to} is before --from ${from}`);
}

/** --body and --search, as every register takes them. */
export function filterOptions(command: Command): Command {
  return command
    .option('--body <body>', 'of this body only')
    .option('--search <text>', 'words that must all appear (in any case) in its id or text');
}

export type FilterOptions = RecordOptions & { body?: string; search?: string };

export function filterOf(o: FilterOptions): RegisterFilter {
  return {
    ...(o.body !== undefined ? { body: o.body } : {}),
    ...(o.search !== undefined ? { text: o.search } : {}),
  };
}

/**
 * Names separated by commas, as --to and --at-hand take them (spaces around each left out). A
 * list that names none (empty, or only commas and spaces) is a usage error, `what` saying what
 * it names: an option given says someone is meant; to mean no one, it is left out.
 */
export function listOf(option: string, text: string, what: string): string[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0)
    usage(
      `${option} '${text}': the list is empty: name one or more ${what}, comma-separated, or leave ${option} out`,
    );
  return names;
}
