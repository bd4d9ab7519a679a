/** Who arrives at and departs from a session: the person themself, or an officer for them. */
import type { Charter } from '../../charter/model.js';
import { fail } from '../../errors.js';
import { checkSigner, requireOfficer } from '../authority.js';
import { openSession } from '../lookup.js';
import { personName, sessionInWords } from '../names.js';
import { bodyOf } from '../body.js';
import type { SessionState, State } from '../model.js';
import { requirePerson } from '../roster.js';
import type { CharterReducer, RecordedActOf } from './reducer.js';

export const attendanceArrive: CharterReducer<'attendance.arrive'> = recordAttendance;
export const attendanceDepart: CharterReducer<'attendance.depart'> = recordAttendance;

/** An arrival or a departure; in a live session, only of someone absent or present respectively. */
function recordAttendance(
  state: State,
  act: RecordedActOf<'attendance.arrive' | 'attendance.depart'>,
  charter: Charter,
): void {
  const p = act.payload;
  const { session, body } = openSession(state, charter, p.session);
  checkSigner(state, act, body, session);
  if (act.actor !== p.person) requireOfficer(state, act, body, session);
  requirePerson(charter, p.person);
  const arriving = act.type === 'attendance.arrive';
  if (session.mode === 'live' && arriving === session.present.has(p.person)) {
    fail(
      'conflict',
      `${personName(state, p.person)} is ${arriving ? 'present already' : 'not present'} at ${sessionInWords(state, session.id)}`,
    );
  }
  if (arriving) session.present.add(p.person);
  else session.present.delete(p.person);
  session.attendance.push({
    person: p.person,
    kind: arriving ? 'arrive' : 'depart',
    index: act.index,
    time: act.time,
  });
}

/** An apology for absence: from the member, or recorded by an officer; not of someone present. */
export const attendanceExcuse: CharterReducer<'attendance.excuse'> = (state, act, charter) => {
  const p = act.payload;
  // Apologies are sent once a session is convened, before it opens, or while it sits.
  const notice = state.sessions.has(p.session) ? undefined : state.convened.get(p.session);
  const { session, body } = notice
    ? { session: undefined, body: bodyOf(charter, notice.body) }
    : openSession(state, charter, p.session);
  checkSigner(state, act, body, session);
  if (act.actor !== p.person)
    requireOfficer(
      state,
      act,
      body,
      notice?.chair ? ({ chair: notice.chair } as SessionState) : session,
    );
  requirePerson(charter, p.person);
  if (session?.mode === 'live' && session.present.has(p.person))
    fail(
      'conflict',
      `${personName(state, p.person)} is present at ${sessionInWords(state, session.id)}`,
    );
  (session ?? notice!).excused.set(p.person, {
    ...(p.reason !== undefined ? { reason: p.reason } : {}),
    index: act.index,
  });
};
