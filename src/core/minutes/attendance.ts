/** Who attended a session, who did not and who sent apologies, and who came and went when. */
import type { Body } from '../charter/model.js';
import { charterAt, personName } from '../state/index.js';
import { seatOn, type Seat } from '../state/roster.js';
import type { SessionState, State } from '../state/index.js';
import type { MemberRef, MinutesDocument, MinutesMovement } from './document.js';

/**
 * The seat a person held on the session's body when they came in, by the charter in force at
 * their first arrival: one co-opted while the session sat, who then came, sits as a member, not
 * as a guest. Anyone who did not come, by the body as it sat at the opening (`body`).
 */
export function seatInSession(
  state: State,
  session: SessionState,
  body: Body,
  person: string,
): Seat {
  const arrival = session.attendance.find((a) => a.kind === 'arrive' && a.person === person);
  const atArrival = arrival && charterAt(state, arrival.index)?.charter.bodies.get(session.body);
  return seatOn(atArrival ?? body, person);
}

/** A person at a session, marked a candidate where they sat as one: a voice and no vote. */
export function memberInSession(
  state: State,
  session: SessionState,
  body: Body,
  person: string,
): MemberRef {
  const ref = { id: person, name: personName(state, person) };
  return seatInSession(state, session, body, person) === 'candidate'
    ? { ...ref, candidate: true }
    : ref;
}

/**
 * Present: the body's members who attended at some point, in order of arrival; also present,
 * anyone else who did (a guest, a reporter). Movements: arrivals once the business began (after
 * the first motion was put) and every departure, with the motion they came before. Absent:
 * members of the body (at the opening) never present and not excused. Excused: those who sent
 * apologies and did not come after all.
 */
export function minutesAttendance(
  state: State,
  session: SessionState,
  body: Body,
): MinutesDocument['attendance'] {
  const ref = (id: string) => ({ id, name: personName(state, id) });
  const seat = (id: string) => seatInSession(state, session, body, id);
  // A candidate is a member with a voice and no vote: the minutes say which they are.
  const member = (id: string): MemberRef => memberInSession(state, session, body, id);
  const proposals = session.motions.flatMap((k) => {
    const m = state.motions.get(k);
    return m ? [{ id: m.id, at: m.proposedAt }] : [];
  });
  const businessFrom = proposals[0]?.at ?? Infinity;
  const present: string[] = [];
  const movements: MinutesMovement[] = [];
  for (const a of session.attendance) {
    if (a.kind === 'arrive' && !present.includes(a.person)) present.push(a.person);
    if (a.kind === 'depart' || a.index > businessFrom) {
      const before = proposals.find((p) => p.at > a.index)?.id;
      movements.push({
        person: ref(a.person),
        kind: a.kind,
        ...(session.mode === 'live' ? { time: a.time } : {}),
        ...(before !== undefined ? { beforeMotion: before } : {}),
        entry: a.index,
      });
    }
  }
  const members = new Set([...body.votingMembers, ...body.candidates]);
  return {
    present: present.filter((p) => seat(p) !== '').map(member),
    alsoPresent: present.filter((p) => seat(p) === '').map(ref),
    absent: [...members].filter((m) => !present.includes(m) && !session.excused.has(m)).map(member),
    excused: [...session.excused]
      .filter(([id]) => !present.includes(id))
      .map(([id, e]) => ({
        ...member(id),
        ...(e.reason !== undefined ? { reason: e.reason } : {}),
      })),
    movements,
  };
}
