/** The session, motion and vote an act names, refused when missing, closed or not open. */
import type { Body, Charter } from '../charter/model.js';
import { fail } from '../errors.js';
import { bodyOf } from './body.js';
import { motionKey } from './model.js';
import { bodyName, dispatchInWords, motionInWords, sessionInWords } from './names.js';
import type {
  CirculationState,
  DispatchState,
  InstrumentState,
  MotionState,
  SessionState,
  State,
} from './model.js';

/** A session still open, with the body it is a session of. */
export function openSession(
  state: State,
  charter: Charter,
  id: string,
): { session: SessionState; body: Body } {
  const session = state.sessions.get(id) ?? fail('not-found', `no session '${id}'`);
  if (session.closedAt !== undefined) fail('conflict', `${sessionInWords(state, id)} is closed`);
  return { session, body: bodyOf(charter, session.body) };
}

/** A motion of a session still open. */
export function motionIn(
  state: State,
  charter: Charter,
  p: { session: string; motion: string },
): { session: SessionState; body: Body; motion: MotionState } {
  const { session, body } = openSession(state, charter, p.session);
  return { session, body, motion: motionOf(state, p) };
}

/** A motion of the record, in any session, open or closed. */
export function motionOf(state: State, p: { session: string; motion: string }): MotionState {
  return (
    state.motions.get(motionKey(p.session, p.motion)) ??
    fail('not-found', `no motion '${p.motion}' in ${sessionInWords(state, p.session)}`)
  );
}

/** Refuses an act on a vote that is not open: not yet, or no longer. */
export function requireOpenVote(state: State, motion: MotionState): void {
  if (motion.status !== 'open')
    fail(
      'vote-not-open',
      `the vote on ${motionInWords(state, { session: motion.session, motion: motion.id }, false)} is ${motion.status === 'closed' ? 'closed' : 'not open yet'}`,
    );
}

/** A circulation of the record, in any state. */
export function circulationOf(state: State, id: string): CirculationState {
  return state.circulations.get(id) ?? fail('not-found', `no circulation '${id}'`);
}

/** A dispatch in the register, open or closed. */
export function dispatchOf(state: State, id: string): DispatchState {
  return state.dispatches.get(id) ?? fail('not-found', `no dispatch '${id}' in the register`);
}

/**
 * The dispatch a motion or a question of `body` answers: live, one still open, in the body's own
 * register or referred to it. Minutes record what was answered as written.
 */
export function dispatchAnswered(
  state: State,
  id: string,
  body: string,
  live: boolean,
): DispatchState {
  const dispatch = dispatchOf(state, id);
  if (!live) return dispatch;
  if (dispatch.closed)
    fail(
      'conflict',
      `${dispatchInWords(state, id)} was closed (${dispatch.closed.reason}): it takes no more answers`,
    );
  if (dispatch.body !== body && !dispatch.referrals.some((r) => r.body === body))
    fail(
      'charter-rule',
      `${dispatchInWords(state, id)} is in the register of ${bodyName(state, dispatch.body)} and was not referred to ${bodyName(state, body)}`,
    );
  return dispatch;
}

/** An instrument of the record, in any state. */
export function instrumentOf(state: State, id: string): InstrumentState {
  return state.instruments.get(id) ?? fail('not-found', `no instrument '${id}'`);
}
