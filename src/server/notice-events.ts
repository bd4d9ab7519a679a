/**
 * The live events of notices, apologies and the minutes' signatures and objections, one small
 * handler per act: a page listing sessions reads them again on `notice`, a console on its
 * session's `attendance`, an open minutes page on `minutes`.
 */
import type { ActType } from '../core/acts.js';
import type { State } from '../core/state/index.js';
import type { LiveEvent, RecordedRef } from './event-derivation.js';
import { presentAt, quorumView } from './views.js';

type Handler = (act: RecordedRef, state: State) => LiveEvent | undefined;

const str = (act: RecordedRef, field: string): string => String(act.payload[field] ?? '');

/** A session convened (or its notice revised): when, and how many items its agenda has. */
const notice: Handler = (act) => ({
  id: act.index,
  kind: 'notice',
  data: {
    session: str(act, 'session'),
    body: str(act, 'body'),
    date: str(act, 'date'),
    items: (act.payload['agenda'] as readonly unknown[] | undefined)?.length ?? 0,
  },
});

/** An apology for absence: an attendance event whose `kind` is `excuse`, present unchanged. */
const excuse: Handler = (act, state) => {
  const session = state.sessions.get(str(act, 'session'));
  if (!session) return undefined;
  const reason = act.payload['reason'];
  return {
    id: act.index,
    kind: 'attendance',
    data: {
      session: session.id,
      person: str(act, 'person'),
      kind: 'excuse',
      ...(typeof reason === 'string' ? { reason } : {}),
      present: presentAt(session, act.index).size,
      quorum: quorumView(state, session, act.index),
    },
  };
};

/** The minutes of a session signed by an officer, or objected to by a member. */
const minutes =
  (change: 'signed' | 'objected'): Handler =>
  (act) => ({
    id: act.index,
    kind: 'minutes',
    data: { session: str(act, 'session'), change },
  });

export const NOTICE_EVENTS: Partial<Record<ActType, Handler>> = {
  'session.convene': notice,
  'attendance.excuse': excuse,
  'minutes.sign': minutes('signed'),
  'minutes.object': minutes('objected'),
};
