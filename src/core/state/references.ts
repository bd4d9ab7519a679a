/**
 * What an act names that the record must hold already: its session, motion, circulation,
 * dispatch, instrument or proxy grant. A command checks them before it asks for a key, so that a
 * mistyped id is told as such, not as a key missing; the reducers refuse the same acts anyway.
 */
import type { Act, ActType } from '../acts.js';
import { fail } from '../errors.js';
import { circulationOf, dispatchOf, instrumentOf, motionOf } from './lookup.js';
import type { State } from './model.js';

type Reference = 'session' | 'motion' | 'circulation' | 'dispatch' | 'instrument' | 'grant';

/** The acts that bring what they name into the record, rather than name what is there. */
const NEW: Partial<Record<ActType, Reference>> = {
  'session.open': 'session',
  'session.convene': 'session',
  'motion.propose': 'motion',
  'circulation.open': 'circulation',
  'dispatch.register': 'dispatch',
  'instrument.draft': 'instrument',
  'proxy.grant': 'grant',
};

/** Refuses an act that names something the record does not hold, as its reducer would. */
export function requireKnownReferences(state: State, act: Act): void {
  const p = act.payload as Partial<Record<Reference, unknown>>;
  const named = (field: Reference): string | undefined =>
    NEW[act.type] !== field && typeof p[field] === 'string' ? p[field] : undefined;
  const session = named('session');
  // A session convened and not opened yet is known: apologies are sent to it.
  if (session !== undefined && !state.sessions.has(session) && !state.convened.has(session))
    fail('not-found', `no session '${session}'`);
  const motion = named('motion');
  if (motion !== undefined && session !== undefined) motionOf(state, { session, motion });
  const circulation = named('circulation');
  if (circulation !== undefined) circulationOf(state, circulation);
  const dispatch = named('dispatch');
  if (dispatch !== undefined) dispatchOf(state, dispatch);
  const instrument = named('instrument');
  if (instrument !== undefined) instrumentOf(state, instrument);
  const grant = named('grant');
  if (grant !== undefined && !state.grants.has(grant))
    fail('not-found', `no proxy grant '${grant}'`);
}
