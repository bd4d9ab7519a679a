/**
 * Words every rendering of the minutes shares: days and times as a reader writes them, the
 * status line, names in a row, and the link to an entry's proof.
 */
import type { MinutesDocument, PersonRef } from '../../core/minutes/document.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "1918-01-24" as "24 January 1918"; anything else as it is given. */
export function dayInWords(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : day;
}

/**
 * A time as the record writes it (`2027-11-20T18:05:00.000Z`, in UTC) or as a notice gives it
 * (`2027-11-20T18:00`, the local time of the meeting, no zone): "20 November 2027, 18:05 UTC".
 */
export function timeInWords(time: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?(Z)?$/.exec(time);
  if (!m) return dayInWords(time);
  return `${dayInWords(m[1]!)}, ${m[2]}${m[5] ? ' UTC' : ''}`;
}

/** Only the time of day of a time on the session's own day ("18:05 UTC"), else the whole. */
export function timeOnDay(time: string, day: string): string {
  const words = timeInWords(time);
  return time.startsWith(`${day}T`) ? words.slice(words.indexOf(', ') + 2) : words;
}

/** Where the minutes stand, in the words their first lines give. */
export function statusLine(doc: MinutesDocument): string {
  if (doc.status === 'in-progress') return 'Draft, session in progress';
  const approved = doc.approval.approved;
  if (doc.status === 'approved' && approved)
    return `Approved on ${dayInWords(approved.date)} by ${approved.decision}`;
  return 'Draft, not yet approved';
}

/** Names in a row: "Ada Okafor, Ben Lindqvist"; "none" for no one. */
export function namesInRow(people: readonly PersonRef[]): string {
  return people.length === 0 ? 'none' : people.map((p) => p.name).join(', ');
}

/**
 * The link to an entry's proof, on the web app's entry page under `base` (an http or https
 * origin, with or without a path); none without a base.
 */
export function proofLink(base: string | undefined, entry: number): string | undefined {
  return base === undefined ? undefined : `${base.replace(/\/+$/, '')}/record/${entry}`;
}

/** Whether a link may be followed from a document: http and https only, never a script. */
export function isWebLink(link: string): boolean {
  return /^https?:\/\/[^\s"'<>]+$/i.test(link);
}

/** The title the document carries in its metadata and first heading. */
export function documentTitle(doc: MinutesDocument): string {
  return `Minutes: ${doc.body.name}, ${doc.session.title ?? `session ${doc.session.id}`}`;
}
