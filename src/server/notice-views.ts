/**
 * What the reading endpoints show of notices and apologies: a session's notice with its agenda
 * (each item with the minutes it puts for approval as they read now), the sessions convened and
 * not opened yet, and who sent apologies.
 */
import type { AgendaItem } from '../core/acts.js';
import { withoutUndefined } from '../core/json.js';
import type { SessionNotice, SessionState, State } from '../core/state/index.js';
import { minutesRefOf } from '../app/minutes.js';

/** A notice as GET /api/sessions/:id gives it (null fields where the notice has none). */
export function noticeView(state: State, notice: SessionNotice) {
  return {
    date: notice.date,
    title: notice.title ?? null,
    place: notice.place ?? null,
    chair: notice.chair ?? null,
    noticed: notice.noticed,
    by: notice.by,
    entry: notice.index,
    agenda: notice.agenda.map((item) => agendaItemView(state, item)),
  };
}

/** An agenda item, and the minutes it puts for approval over their content as read now. */
function agendaItemView(state: State, item: AgendaItem) {
  const approves =
    item.minutes !== undefined && state.sessions.has(item.minutes)
      ? minutesRefOf(state, item.minutes)
      : undefined;
  return { ...item, ...withoutUndefined({ approves }) };
}

/** A session convened and not opened yet, in the shape of GET /api/sessions' other items. */
export function convenedSummary(state: State, notice: SessionNotice) {
  return {
    id: notice.session,
    body: notice.body,
    title: notice.title ?? null,
    date: notice.date,
    mode: null,
    open: false,
    convened: true,
    present: 0,
    notice: noticeView(state, notice),
  };
}

/** Who sent apologies for absence, in the order recorded. */
export function excusedView(session: SessionState) {
  return [...session.excused]
    .map(([person, e]) => ({ person, reason: e.reason ?? null, entry: e.index }))
    .sort((a, b) => a.entry - b.entry);
}
