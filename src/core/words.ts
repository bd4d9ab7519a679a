/** Words shared by every rendering of the record. */
import type { Channel } from './acts.js';

/** "1 day", "3 days", "0 ayes": the count with its noun in the right number. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A wait of more than a year (366 days, in milliseconds), said as such: a count of days would
 * mean nothing (a record written before questions were bounded may hold a deadline in 9999).
 * Undefined for a shorter wait, which the caller counts.
 */
export function moreThanAYear(ms: number): string | undefined {
  return ms > 366 * 86_400_000 ? 'more than a year' : undefined;
}

/** A sentence's words with a capital first letter: "Motion 1 of …", "The question …". */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A text a refusal repeats, cut to its first `max` characters and `…` when longer: what a
 * request sent (a path, a field's name) is never echoed at its own length.
 */
export function cutTo(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Words that end a sentence, with their full stop: a reason given with its own (`Put to the
 * sitting instead.`), or ending in `!`, `?` or `…`, is not given a second.
 */
export function withStop(text: string): string {
  return /[.!?…]["'”’)]*$/u.test(text) ? text : `${text}.`;
}

/**
 * An outcome as a sentence says it: "not decided" for the record's `not-decided`, the others as
 * they are written ("adopted", "rejected", "advisory", "withdrawn").
 */
export function outcomeSaid(outcome: string): string {
  return outcome.replace(/-/g, ' ');
}

/**
 * A kind of instrument as a reader reads it: "payment order" for the id payment-order. For what
 * is shown only (lines, refusals): texts the state keeps name the kind by its id
 * (state/names.ts instrumentInWords).
 */
export function kindInWords(kind: string): string {
  return kind.replace(/-/g, ' ');
}

/** The units a size is said in beyond bytes, largest first: binary, as limits are set (10 MiB). */
const SIZE_UNITS = [
  ['GiB', 1024 ** 3],
  ['MiB', 1024 ** 2],
  ['KiB', 1024],
] as const;

/**
 * "1 byte", "812 bytes", "13.9 KiB", "10 MiB": a size as people read it, to a tenth of the
 * largest unit it rounds to one of (".0" left out: the default limit of a file reads "10 MiB"
 * wherever it is said).
 */
export function sizeInWords(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte');
  for (const [unit, size] of SIZE_UNITS) {
    const tenths = Math.round((bytes / size) * 10) / 10;
    if (tenths >= 1) return `${String(tenths)} ${unit}`;
  }
  return plural(bytes, 'byte');
}

/** A size as a limit is said: in words, and exactly ("10 MiB (10,485,760 bytes)"). */
export function exactSize(bytes: number): string {
  const words = sizeInWords(bytes);
  return bytes < 1024 ? words : `${words} (${bytes.toLocaleString('en')} bytes)`;
}

/**
 * Milliseconds since 1970 of an ISO instant as the record writes it (`2027-11-20T18:00:00.000Z`),
 * computed from the calendar (the core reads no clock); NaN for anything else.
 */
export function instantMillis(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z$/.exec(iso);
  if (!m) return NaN;
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Days from the civil calendar (proleptic Gregorian), counted from 1970-01-01.
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return ((days * 24 + h) * 60 + mi) * 60_000 + s * 1000 + ms;
}

/**
 * Words by choice, looked up with an alternative's id too: it holds only its own keys, as an
 * alternative may be called 'constructor', which every plain object answers to.
 */
const byChoice = (words: Record<string, string>): Readonly<Record<string, string>> =>
  Object.freeze(Object.assign(Object.create(null) as Record<string, string>, words));

/**
 * A choice as a ballot, a tally, an answer or a casting vote says it: "Aye", "Abstain", "No
 * answer". Shared by every rendering (pages, the CLI), so that a choice reads the same wherever
 * it is shown; an alternative is said as the record names it.
 */
export const CHOICE_LABEL = byChoice({
  aye: 'Aye',
  nay: 'Nay',
  abstain: 'Abstain',
  'not-voting': 'Not voting',
  declined: 'Declined',
  'no-answer': 'No answer',
});

export function choiceLabel(choice: string): string {
  return CHOICE_LABEL[choice] ?? choice;
}

/** How minutes and protocols head those who made each choice: "Ayes", "Abstaining". */
export const CHOICE_HEADING = byChoice({
  aye: 'Ayes',
  nay: 'Nays',
  abstain: 'Abstaining',
  'not-voting': 'Not voting',
  declined: 'Declined to vote',
});

/** A channel's name in words, as a list of channels gives it: "direct wire", "in person". */
export const CHANNEL_LABEL: Readonly<Record<Channel, string>> = {
  letter: 'letter',
  telegram: 'telegram',
  'direct-wire': 'direct wire',
  telephone: 'telephone',
  email: 'email',
  'in-person': 'in person',
};

/** How an answer, a signature or a dispatch came: "by direct wire", "in person" (not "by in person"). */
export function channelInWords(channel: Channel): string {
  return channel === 'in-person' ? 'in person' : `by ${CHANNEL_LABEL[channel]}`;
}

const CHOICE_ORDER: readonly string[] = ['aye', 'nay', 'abstain', 'not-voting', 'declined'];

/**
 * A vote's choices in the order minutes give them: ayes, nays, abstaining, not voting, declined
 * (with alternatives, the alternatives as put, then abstentions), whatever order the record holds
 * them in: counts come in canonical JSON's alphabetical order, ballots in the order cast.
 */
export function inChoiceOrder<T>(
  entries: Iterable<readonly [string, T]>,
  alternatives?: readonly string[],
): [string, T][] {
  const order = alternatives ? [...alternatives, 'abstain'] : CHOICE_ORDER;
  const rank = (choice: string): number => {
    const i = order.indexOf(choice);
    return i < 0 ? order.length : i;
  };
  return [...entries].map(([c, v]): [string, T] => [c, v]).sort(([a], [b]) => rank(a) - rank(b));
}

/**
 * A register number as a sentence gives it: "no. 517", or as written where it carries its own sign
 * ("№ 517/сек", "No. 4"), which a second would only double. `sign` is the one to add ("No." to
 * head a document).
 */
export function numbered(number: string, sign = 'no.'): string {
  return /^\s*(№|no\.|nr\.|n°|#)/i.test(number) ? number : `${sign} ${number}`;
}
