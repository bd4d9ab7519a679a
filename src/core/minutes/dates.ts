/**
 * The dates of sessions and decisions as minutes, registers and exports give them: the record's
 * own day for each (for history transcribed from minutes, the historical day, never the day it
 * was replayed), and the check of a day a reader filters by.
 */
import type { DecisionRef } from '../acts.js';
import { isIsoDay } from '../calendar.js';
import { fail } from '../errors.js';
import { isCirculationRef, motionKey } from '../state/index.js';
import { circulationDate, sessionDate } from '../state/names.js';
import type { State } from '../state/index.js';

/**
 * The day a decision was taken: its session's own date for a motion, the circulation's date for
 * a circulation; undefined when the record has no such decision.
 */
export function decisionDate(state: State, ref: DecisionRef): string | undefined {
  if (isCirculationRef(ref)) {
    const c = state.circulations.get(ref.circulation);
    return c && circulationDate(c);
  }
  const m = state.motions.get(motionKey(ref.session, ref.motion));
  const s = m && state.sessions.get(m.session);
  return s && sessionDate(s);
}

/**
 * Whether a date falls within `from` and `to` (ISO days, both included; either may be absent).
 * A date that does not begin with an ISO day (free text from old minutes) falls within no range.
 */
export function withinDays(date: string, range: { from?: string; to?: string }): boolean {
  if (range.from === undefined && range.to === undefined) return true;
  const day = date.slice(0, 10);
  if (!isIsoDay(day)) return false;
  return (
    (range.from === undefined || day >= range.from) && (range.to === undefined || day <= range.to)
  );
}

/** Refuses (`invalid-input`) a range whose ends are not days, or that ends before it begins. */
export function checkDays(range: { from?: string; to?: string }): void {
  for (const [name, day] of [
    ['from', range.from],
    ['to', range.to],
  ] as const)
    if (day !== undefined && !isIsoDay(day))
      fail('invalid-input', `${name} '${day}' is not a day: give one as 2027-11-20`);
  if (range.from !== undefined && range.to !== undefined && range.to < range.from)
    fail('invalid-input', `to ${range.to} is before from ${range.from}`);
}
