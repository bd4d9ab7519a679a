/** Sessions of a body: opened and closed by its officers. */
import { fail } from '../../errors.js';
import { checkSigner, requireOfficer } from '../authority.js';
import { bodyOf } from '../body.js';
import { openSession } from '../lookup.js';
import type { SessionState } from '../model.js';
import type { CharterReducer } from './reducer.js';

export const sessionOpen: CharterReducer<'session.open'> = (state, act, charter) => {
  const p = act.payload;
  const body = bodyOf(charter, p.body);
  if (state.sessions.has(p.session)) fail('conflict', `session '${p.session}' exists already`);
  if (p.chair && !body.votingMembers.includes(p.chair))
    fail('not-member', `the chair '${p.chair}' is not a voting member of ${body.id}`);
  checkSigner(state, act, body, undefined);
  requireOfficer(act.actor, body, p.chair ? ({ chair: p.chair } as SessionState) : undefined);
  state.sessions.set(p.session, {
    id: p.session,
    body: p.body,
    mode: p.mode,
    ...(p.title !== undefined ? { title: p.title } : {}),
    ...(p.date !== undefined ? { date: p.date } : {}),
    ...(p.place !== undefined ? { place: p.place } : {}),
    ...(p.chair !== undefined ? { chair: p.chair } : {}),
    ...(p.atHand !== undefined ? { atHand: p.atHand } : {}),
    openedAt: act.index,
    present: new Set(),
    attendance: [],
    motions: [],
  });
};

export const sessionClose: CharterReducer<'session.close'> = (state, act, charter) => {
  const { session, body } = openSession(state, charter, act.payload.session);
  checkSigner(state, act, body, session);
  requireOfficer(act.actor, body, session);
  const open = session.motions.flatMap((k) => {
    const motion = state.motions.get(k);
    return motion?.status === 'open' ? [motion.id] : [];
  });
  if (open.length > 0) fail('conflict', `close the vote on ${open.join(', ')} first`);
  session.closedAt = act.index;
};
