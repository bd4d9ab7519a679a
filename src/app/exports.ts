/**
 * Exports for the people who work with numbers: the ballots, the decisions and the attendance of
 * the record as rows, and as CSV that opens in a spreadsheet. Rows come from the same model the
 * minutes render (names from the charter, the session's own date), so they say what the minutes
 * say. Shared by the command line and the server.
 */
import { stringify } from 'csv-stringify/sync';
import { fail } from '../core/errors.js';
import { minutesAttendance, seatInSession } from '../core/minutes/attendance.js';
import { ballotChoice } from '../core/minutes/build.js';
import { checkDays, decisionDate, withinDays } from '../core/minutes/dates.js';
import {
  bodyAtOpening,
  bodyName,
  isCirculationRef,
  motionOf,
  personName,
} from '../core/state/index.js';
import type { DecisionRef } from '../core/acts.js';
import type { SessionState, State } from '../core/state/index.js';
import { sessionDate } from '../core/state/names.js';
import { inChoiceOrder } from '../core/words.js';
import { seatOn } from '../core/state/roster.js';
import type { Seat } from '../core/state/roster.js';
import { checkBody, decidedAt, filteredDecisions } from './registers.js';
import { statedFlag } from './replay-between.js';

/** The tables an export can be of. */
export const EXPORT_TABLES = ['votes', 'decisions', 'attendance'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/** What an export covers: one session, one body, the days from and to (ISO, both included). */
export interface ExportFilter {
  readonly session?: string;
  readonly body?: string;
  readonly from?: string;
  readonly to?: string;
}

/** One ballot of a closed vote: the latest each voter cast. */
export interface VoteRow {
  readonly session: string;
  readonly body: string;
  readonly date: string;
  readonly motion: string;
  readonly voter: string;
  readonly voterName: string;
  /** aye, nay, abstain, not-voting, declined, or the alternative chosen. */
  readonly choice: string;
  /** The proxy holder who cast it for the voter, if one did. */
  readonly byProxy: string;
  readonly byProxyName: string;
  /** When it was cast, for a session recorded live; empty for one transcribed from minutes. */
  readonly time: string;
  readonly entry: number;
  /** The voter's seat on the body when the vote opened: a candidate's ballot is no vote. */
  readonly seat: Seat;
}

/** One decision, taken in a session or by circulation. */
export interface DecisionRow {
  readonly session: string;
  readonly circulation: string;
  readonly body: string;
  readonly bodyName: string;
  /** The session's own date, or the circulation's. */
  readonly date: string;
  readonly motion: string;
  readonly text: string;
  readonly outcome: string;
  readonly ayes: number | '';
  readonly nays: number | '';
  readonly abstentions: number | '';
  /** Every count of the tally: "aye 5; nay 2; abstain 1". */
  readonly tally: string;
  readonly explanation: string;
  /** provisional, ratified or annulled, where the decision needs ratifying. */
  readonly ratification: string;
  /** The entry that recorded the decision. */
  readonly entry: number;
  /** The outcome the minutes state, for a decision transcribed from them. */
  readonly stated: string;
  /** What the record holds against the rules or the minutes, "; " between them. */
  readonly flags: string;
}

/** One person at (or away from) one session. */
export interface AttendanceRow {
  readonly session: string;
  readonly body: string;
  readonly date: string;
  readonly person: string;
  readonly name: string;
  /** `also-present`: present without a seat on the body (a secretary, a member drawn in, a guest). */
  readonly status: 'present' | 'also-present' | 'absent' | 'excused';
  /** Times of the first arrival and of a departure not followed by a return (live sessions). */
  readonly arrived: string;
  readonly departed: string;
  /** The entry of that departure, in either kind of session. */
  readonly departedEntry: number | '';
  /** The first arrival, or the apology; empty for an absence. */
  readonly entry: number | '';
  /** `voting member`, or `candidate` (a voice and no vote), or empty for no seat on the body. */
  readonly seat: Seat;
}

/**
 * Refuses a filter that names a day that is not one (`invalid-input`), a range that ends before
 * it begins, or a session or body the record does not have (`not-found`).
 */
export function checkExportFilter(state: State, filter: ExportFilter): void {
  checkDays(filter);
  if (filter.session !== undefined && !state.sessions.has(filter.session))
    fail('not-found', `no session '${filter.session}' in the record`);
  checkBody(state, filter.body);
}

/** The sessions a filter covers, in the order they opened. */
function sessionsOf(state: State, filter: ExportFilter): SessionState[] {
  checkExportFilter(state, filter);
  return [...state.sessions.values()].filter(
    (s) =>
      (filter.session === undefined || s.id === filter.session) &&
      (filter.body === undefined || s.body === filter.body) &&
      withinDays(sessionDate(s), filter),
  );
}

/** The ballots of every closed vote of the sessions covered; ballots of open votes may change. */
export function voteRows(state: State, filter: ExportFilter = {}): VoteRow[] {
  return sessionsOf(state, filter).flatMap((s) => {
    const live = s.mode === 'live';
    return s.motions.flatMap((key) => {
      const m = state.motions.get(key);
      if (!m || m.status !== 'closed') return [];
      const body = m.bodyAtOpen ?? bodyAtOpening(state, s);
      return [...m.ballots.values()].map((b) => ({
        session: s.id,
        body: s.body,
        date: sessionDate(s),
        motion: m.id,
        voter: b.voter,
        voterName: personName(state, b.voter),
        choice: ballotChoice(m, b),
        byProxy: b.castBy ?? '',
        byProxyName: b.castBy === undefined ? '' : personName(state, b.castBy),
        time: live ? b.time : '',
        entry: b.index,
        seat: seatOn(body, b.voter),
      }));
    });
  });
}

/** The decisions taken (motions of the sessions covered, and circulations unless one session is). */
export function decisionRows(state: State, filter: ExportFilter = {}): DecisionRow[] {
  // The export's own check covers the register's (days and body) and the session too: one check.
  checkExportFilter(state, filter);
  const { session, ...register } = filter;
  return filteredDecisions(state, { ...register, decided: true })
    .filter((d) => session === undefined || (!isCirculationRef(d.ref) && d.ref.session === session))
    .map((d) => {
      const tally = d.decision!.tally;
      const count = (choice: string): number | '' => tally[choice] ?? '';
      return {
        session: isCirculationRef(d.ref) ? '' : d.ref.session,
        circulation: isCirculationRef(d.ref) ? d.ref.circulation : '',
        body: d.body,
        bodyName: bodyName(state, d.body),
        date: decisionDate(state, d.ref) ?? '',
        motion: isCirculationRef(d.ref) ? '' : d.ref.motion,
        text: d.text,
        outcome: d.decision!.outcome,
        ayes: count('aye'),
        nays: count('nay'),
        abstentions: count('abstain'),
        tally: inChoiceOrder(Object.entries(tally), alternativesOf(state, d.ref))
          .map(([choice, n]) => `${choice} ${n}`)
          .join('; '),
        explanation: d.decision!.explanation,
        ratification: d.ratification?.status ?? '',
        entry: decidedAt(state, d.ref) ?? d.index,
        stated: d.stated ?? '',
        flags: [
          ...d.decision!.flags,
          ...(d.countFlags ?? []),
          statedFlag(d.stated, d.decision!.outcome),
        ]
          .filter((flag) => flag !== undefined)
          .join('; '),
      };
    });
}

/** A motion's alternatives, in the order put (none for a yes-or-no motion or a circulation). */
function alternativesOf(state: State, ref: DecisionRef): readonly string[] | undefined {
  return isCirculationRef(ref) ? undefined : motionOf(state, ref).alternatives;
}

/**
 * Everyone present, excused or absent at each session covered: present first, by arrival, then
 * those present who have no seat on the body, as the minutes list them ("Also present").
 */
export function attendanceRows(state: State, filter: ExportFilter = {}): AttendanceRow[] {
  return sessionsOf(state, filter).flatMap((s) => {
    const body = bodyAtOpening(state, s);
    const who = minutesAttendance(state, s, body);
    const present = new Set(who.present.map((p) => p.id));
    const row = (id: string, name: string, status: AttendanceRow['status']): AttendanceRow => ({
      session: s.id,
      body: s.body,
      date: sessionDate(s),
      person: id,
      name,
      status,
      ...comings(s, id),
      seat: seatInSession(state, s, body, id),
      // An apology is the entry of a member excused; anyone else's is their first arrival.
      ...(status === 'excused' ? { entry: s.excused.get(id)?.index ?? '' } : {}),
    });
    return [
      ...who.present.map((p) => row(p.id, p.name, 'present')),
      ...who.alsoPresent.map((p) => row(p.id, p.name, 'also-present')),
      ...who.excused.filter((p) => !present.has(p.id)).map((p) => row(p.id, p.name, 'excused')),
      ...who.absent.map((p) => row(p.id, p.name, 'absent')),
    ];
  });
}

/** A person's first arrival and a last departure they did not return from. */
function comings(
  s: SessionState,
  person: string,
): Pick<AttendanceRow, 'arrived' | 'departed' | 'departedEntry' | 'entry'> {
  const events = s.attendance.filter((a) => a.person === person);
  const first = events.find((a) => a.kind === 'arrive');
  const last = events.at(-1);
  const left = last?.kind === 'depart' ? last : undefined;
  const time = (t: string | undefined) => (s.mode === 'live' && t !== undefined ? t : '');
  return {
    arrived: time(first?.time),
    departed: time(left?.time),
    departedEntry: left?.index ?? '',
    entry: first?.index ?? '',
  };
}

/** The columns of each table: the row's field and the CSV header's snake_case name. */
const COLUMNS: Readonly<Record<ExportTable, readonly string[]>> = {
  votes: [
    'session',
    'body',
    'date',
    'motion',
    'voter',
    'voterName',
    'choice',
    'byProxy',
    'byProxyName',
    'time',
    'entry',
    'seat',
  ],
  decisions: [
    'session',
    'circulation',
    'body',
    'bodyName',
    'date',
    'motion',
    'text',
    'outcome',
    'ayes',
    'nays',
    'abstentions',
    'tally',
    'explanation',
    'ratification',
    'entry',
    'stated',
    'flags',
  ],
  attendance: [
    'session',
    'body',
    'date',
    'person',
    'name',
    'status',
    'arrived',
    'departed',
    'departedEntry',
    'entry',
    'seat',
  ],
};

/** The rows of a table, as the filter selects them (checked first). */
export function exportRows(
  state: State,
  table: ExportTable,
  filter: ExportFilter = {},
): readonly object[] {
  if (table === 'votes') return voteRows(state, filter);
  if (table === 'decisions') return decisionRows(state, filter);
  return attendanceRows(state, filter);
}

/**
 * A table as CSV (RFC 4180): a header row in snake_case, CRLF line ends, fields quoted where they
 * hold a comma, quote or line break, and a cell that a spreadsheet would take for a formula
 * (starting = + - @, a tab or a carriage return) led by an apostrophe.
 */
export function exportCsv(state: State, table: ExportTable, filter: ExportFilter = {}): string {
  return csvText(table, exportRows(state, table, filter));
}

/** Rows of a table as CSV, as `exportCsv` writes them. */
export function csvText(table: ExportTable, rows: readonly object[]): string {
  const columns = COLUMNS[table].map((key) => ({ key, header: snakeCase(key) }));
  return stringify(rows as Record<string, unknown>[], {
    header: true,
    columns,
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
  });
}

/** The file an export is downloaded as: `votes.csv`, or `votes-SESSION.csv` for one session. */
export function exportFileName(table: ExportTable, filter: ExportFilter = {}): string {
  return `${table}${filter.session !== undefined ? `-${filter.session}` : ''}.csv`;
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
