/**
 * The minutes in words, as every rendering of them says it: days and times as a reader writes
 * them, the status line and names in a row. Pure, so the web's minutes page says exactly what the
 * documents say.
 */
import { capitalized, kindInWords, outcomeSaid, plural } from '../words.js';
import type {
  MemberRef,
  MinutesApproval,
  MinutesDocument,
  MinutesInstrument,
  MinutesMovement,
  PersonRef,
} from './document.js';

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

/** Whether a quoted text already ends its sentence, so that no full stop follows the quote. */
export function endsSentence(text: string): boolean {
  return /[.!?…]$/.test(text.trim());
}

/** "1918-01-24" as "24 January 1918"; anything else as it is given. */
export function dayInWords(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : day;
}

/** A time as the record writes it or a notice gives it: day, hours and minutes, seconds and
 * their fraction, zone. */
const TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** How finely a time is said: to the minute, as everywhere, or finer where that would mislead. */
export type TimePrecision = 'minute' | 'second' | 'millisecond';

/**
 * A time as the record writes it (`2027-11-20T18:05:00.000Z`, in UTC) or as a notice gives it
 * (`2027-11-20T18:00`, the local time of the meeting, no zone): "20 November 2027, 18:05 UTC";
 * to the second, "20 November 2027, 18:05:00 UTC".
 */
export function timeInWords(time: string, precision: TimePrecision = 'minute'): string {
  const m = TIME.exec(time);
  if (!m) return dayInWords(time);
  const second = precision === 'minute' ? '' : `:${m[3] ?? '00'}`;
  const fraction =
    precision === 'millisecond' ? `.${(m[4]?.slice(1) ?? '').padEnd(3, '0').slice(0, 3)}` : '';
  // A time given with its offset from UTC is said at that offset, as given.
  const zone = m[5] === undefined ? '' : m[5] === 'Z' ? ' UTC' : ` UTC${m[5]}`;
  return `${dayInWords(m[1]!)}, ${m[2]}${second}${fraction}${zone}`;
}

/**
 * A time in words beside others it is compared with (a late answer, its deadline): as
 * finely as it takes for none of them to read as the same moment, so that an answer at 12:00:01
 * reads "answered 12:00:01, after the deadline" of 12:00:00, never "answered 12:00".
 */
export function timeBeside(time: string, others: readonly string[]): string {
  const differing = others.filter((o) => toTheMillisecond(o) !== toTheMillisecond(time));
  const precision = (['minute', 'second'] as const).find((p) =>
    differing.every((o) => timeInWords(o, p) !== timeInWords(time, p)),
  );
  return timeInWords(time, precision ?? 'millisecond');
}

/** A time's moment, comparable with another's of the same form: its words to the millisecond. */
const toTheMillisecond = (time: string): string => timeInWords(time, 'millisecond');

/** A session as its minutes head it: its title, else its day ("session of 5 May 1920"). */
export function sessionHeading(session: {
  readonly title?: string;
  readonly date: string;
}): string {
  return session.title ?? `session of ${dayInWords(session.date)}`;
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
    return `Approved on ${dayInWords(approved.date)} by ${approved.decision}${provisionally(approved)}`;
  return 'Draft, not yet approved';
}

/** ", provisionally, awaiting ratification by a session of ..." for a decision yet to be ratified. */
export function provisionally(approved: { readonly provisional?: string }): string {
  return approved.provisional === undefined ? '' : `, provisionally, ${approved.provisional}`;
}

/** "Instrument 2026/3: Payment order": an instrument's heading, its kind as the document names it. */
export function instrumentHeading(i: MinutesInstrument): string {
  return `Instrument ${i.number}: ${capitalized(kindInWords(i.kind))}`;
}

/** "the decision on motion 1 (roof-budget)": the decision of the session an instrument rests on,
 * by its number in the minutes as their headings give it. */
export function restsOnInWords(doc: MinutesDocument, i: MinutesInstrument): string | undefined {
  if (i.restsOn === undefined) return undefined;
  const item = doc.items.find((it) => it.motion === i.restsOn);
  return `the decision on motion ${item ? `${item.n} (${i.restsOn})` : i.restsOn}`;
}

/** Names in a row: "Ada Okafor, Ben Lindqvist"; "none" for no one. */
export function namesInRow(people: readonly PersonRef[]): string {
  return people.length === 0 ? 'none' : people.map((p) => p.name).join(', ');
}

/** Who has still to sign: "Not yet signed by: Ada Okafor, Ben Lindqvist.", or any one of them. */
export function unsignedInWords(a: MinutesApproval): string | undefined {
  if (a.unsigned.length === 0) return undefined;
  const names = namesInRow(a.unsigned);
  return a.anyOneSigns
    ? `Not yet signed: any one of ${names} signs for all.`
    : `Not yet signed by: ${names}.`;
}

/** The outcome as a sentence says it: "Adopted", "Not decided", "Chosen: north-roofing". */
export function outcomeInWords(
  alternatives: readonly string[] | undefined,
  outcome: string,
): string {
  if (alternatives?.includes(outcome)) return `Chosen: ${outcome}`;
  return capitalized(outcomeSaid(outcome));
}

/**
 * What the written minutes state, beside what the rules give when they differ: "The written
 * minutes state: adopted; the rules give rejected."
 */
export function statedInWords(stated: string, outcome: string): string {
  return `The written minutes state: ${stated}${stated === outcome ? '' : `; the rules give ${outcome}`}.`;
}

/** An arrival or departure: "Dana Ilves left at 19:10 UTC, before motion budget." */
export function movementInWords(m: MinutesMovement, day: string): string {
  const what = m.kind === 'arrive' ? 'arrived' : 'left';
  const when = m.time !== undefined ? ` at ${timeOnDay(m.time, day)}` : '';
  const before = m.beforeMotion !== undefined ? `, before motion ${m.beforeMotion}` : '';
  return `${m.person.name} ${what}${when}${before}.`;
}

/** A signature of the minutes: "Signed by Ada Okafor, chair, on 20 November 2027, 19:30 UTC, recorded by …". */
export function signatureInWords(s: MinutesApproval['signatures'][number]): string {
  const when = `, on ${timeInWords(s.time)}`;
  const recorded = s.recordedBy ? `, recorded by ${s.recordedBy.name}` : '';
  return `Signed by ${s.signer.name}, ${s.role}${when}${recorded}.`;
}

/** What introduces a member's objection: "Objection of Fay Osei, on 21 November 2027, 10:00 UTC:". */
export function objectionLead(o: MinutesApproval['objections'][number]): string {
  return `Objection of ${o.member.name}, on ${timeInWords(o.time)}:`;
}

/** A member's name, "(candidate)" after it where they have a voice and no vote. */
export function memberName(m: MemberRef): string {
  return m.candidate ? `${m.name} (candidate)` : m.name;
}

function membersInRow(members: readonly MemberRef[]): string {
  return members.map(memberName).join(', ');
}

/** A row of the attendance: its label, the name of its field, and what it says. */
export interface AttendanceRow {
  readonly field: 'present' | 'also-present' | 'absent' | 'excused';
  readonly label: string;
  readonly value: string;
}

/**
 * The attendance in rows, as every rendering gives it: the members present, those present who
 * are not of the body (where there are any), the members absent, and those excused (with why).
 */
export function attendanceRows(a: MinutesDocument['attendance']): AttendanceRow[] {
  const group = (n: number, names: string) =>
    n === 0 ? 'none' : `${plural(n, 'member')}: ${names}`;
  const excused = a.excused.map((p) =>
    p.reason ? `${memberName(p)} (${p.reason})` : memberName(p),
  );
  return [
    { field: 'present', label: 'Present', value: group(a.present.length, membersInRow(a.present)) },
    ...(a.alsoPresent.length > 0
      ? [
          {
            field: 'also-present',
            label: 'Also present',
            value: namesInRow(a.alsoPresent),
          } as const,
        ]
      : []),
    { field: 'absent', label: 'Absent', value: group(a.absent.length, membersInRow(a.absent)) },
    ...(excused.length > 0
      ? [
          {
            field: 'excused',
            label: 'Excused',
            value: group(excused.length, excused.join(', ')),
          } as const,
        ]
      : []),
  ];
}
