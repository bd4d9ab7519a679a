/**
 * What recorded acts mean for those watching a session: the live events derived from them, and
 * their Server-Sent Events bytes. The hub derives them as acts are recorded, and from the record
 * when a listener catches up, in the same way.
 */
import type { InstrumentEvent } from '../api/instruments.js';
import type { ActType } from '../core/acts.js';
import { requiredPresent } from '../core/rules/quorum.js';
import { bodyOf, dispatchStatus, motionKey } from '../core/state/index.js';
import type { SessionState, State } from '../core/state/index.js';
import { formingOf } from './circulation-views.js';
import { NOTICE_EVENTS } from './notice-events.js';
import { charterOf, decisionView, shownTally } from './views.js';

type EventKind =
  | 'attendance'
  | 'motion'
  | 'vote-opened'
  | 'ballot'
  | 'decision'
  | 'session'
  | 'organization'
  | 'proxies'
  | 'circulation'
  | 'dispatch'
  | 'instrument'
  | 'notice'
  | 'minutes';

export interface LiveEvent {
  /** The index of the entry that caused it. */
  readonly id: number;
  readonly kind: EventKind;
  readonly data: Readonly<Record<string, unknown>>;
}

/** An act as recorded: enough of it to say what happened. */
export interface RecordedRef {
  readonly index: number;
  readonly type: ActType;
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * The acts that say how members voted: their events are coalesced per motion (each changes only a
 * count), and they are withheld while a secret vote is open (readers.ts).
 */
export const BALLOT_ACTS: ReadonlySet<ActType> = new Set<ActType>([
  'ballot.cast',
  'vote.count',
  'vote.casting',
]);

/**
 * The events that `acts` (in record order) cause, read from `state`, which has them all. Ballot
 * events are coalesced per motion into one, where the motion's last ballot among `acts` is.
 */
export function deriveEvents(
  acts: readonly RecordedRef[],
  state: State,
  /** Whether to count ballot events' data now; the hub counts when it sends. */
  countBallots = true,
): LiveEvent[] {
  const events: (LiveEvent | null)[] = [];
  const ballotAt = new Map<string, number>();
  const attendance = attendanceEvents(acts, state);
  for (const act of acts) {
    if (BALLOT_ACTS.has(act.type)) {
      const p = act.payload as { session?: string; motion?: string };
      const key = motionKey(p.session ?? '', p.motion ?? '');
      const before = ballotAt.get(key);
      if (before !== undefined) events[before] = null;
      ballotAt.set(key, events.length);
      events.push(
        countBallots
          ? ballotEvent(state, key, act.index)
          : { id: act.index, kind: 'ballot', data: { session: p.session ?? '', motion: p.motion } },
      );
      continue;
    }
    const event = eventOf(act, state, attendance);
    if (event) events.push(event);
  }
  return events.filter((e): e is LiveEvent => e !== null);
}

/** The event an act other than a ballot causes, if any. */
function eventOf(
  act: RecordedRef,
  state: State,
  attendance: ReadonlyMap<number, LiveEvent>,
): LiveEvent | undefined {
  const p = act.payload as { session?: string; motion?: string };
  const session = p.session ?? '';
  const id = act.index;
  switch (act.type) {
    case 'session.open':
    case 'session.close':
      return { id, kind: 'session', data: { session, open: act.type === 'session.open' } };
    case 'attendance.arrive':
    case 'attendance.depart':
      return attendance.get(act.index);
    case 'motion.propose':
      return {
        id,
        kind: 'motion',
        data: { session, motion: p.motion, text: (act.payload as { text?: string }).text },
      };
    case 'vote.open': {
      const m = state.motions.get(motionKey(session, p.motion ?? ''));
      return {
        id,
        kind: 'vote-opened',
        data: { session, motion: p.motion, present: m?.presentAtOpen.length ?? 0 },
      };
    }
    case 'vote.close': {
      const m = state.motions.get(motionKey(session, p.motion ?? ''));
      const decision = m && decisionView(m);
      return decision
        ? { id, kind: 'decision', data: { session, motion: m.id, ...decision } }
        : undefined;
    }
    // The organization changed: clients read it again (its people, bodies and their keys).
    case 'charter.amend':
      return { id, kind: 'organization', data: { change: 'charter', session, motion: p.motion } };
    case 'member.enrol':
    case 'member.revoke':
      return { id, kind: 'organization', data: { change: 'keys', person: act.payload['person'] } };
    // A proxy given or taken back: pages that list grants read them again.
    case 'proxy.grant':
    case 'proxy.revoke': {
      const grant = state.grants.get(String(act.payload['grant']));
      return grant
        ? {
            id,
            kind: 'proxies',
            data: {
              grant: grant.id,
              body: grant.body,
              ...(grant.session !== undefined ? { session: grant.session } : {}),
              granted: act.type === 'proxy.grant',
            },
          }
        : undefined;
    }
    default:
      return NOTICE_EVENTS[act.type]?.(act, state) ?? betweenSessionsEvent(act, state);
  }
}

/**
 * The event of a circulation's, a dispatch's or an instrument's act (a circulation's close by the
 * organization at the deadline included): where it stands now, for pages that show it (and the
 * signing queues it is in) to read it again.
 */
function betweenSessionsEvent(act: RecordedRef, state: State): LiveEvent | undefined {
  const id = act.index;
  if (act.type.startsWith('circulation.')) {
    const c = state.circulations.get(String(act.payload['circulation']));
    if (!c) return undefined;
    const { presentVoting, votingMembers } = formingOf(c).quorum;
    return {
      id,
      kind: 'circulation',
      data: {
        id: c.id,
        status: c.status,
        answered: presentVoting,
        asked: votingMembers,
        ...(c.decision ? { outcome: c.decision.outcome } : {}),
      },
    };
  }
  if (act.type.startsWith('dispatch.')) {
    const d = state.dispatches.get(String(act.payload['dispatch']));
    return d && { id, kind: 'dispatch', data: { id: d.id, status: dispatchStatus(d) } };
  }
  if (act.type.startsWith('instrument.')) {
    const i = state.instruments.get(String(act.payload['instrument']));
    if (!i) return undefined;
    const data: InstrumentEvent = { id: i.id, status: i.status, signatures: i.signatures.length };
    return { id, kind: 'instrument', data };
  }
  return undefined;
}

/** A motion's ballot event as the state now has it. */
export function ballotEvent(state: State, key: string, id: number): LiveEvent {
  const m = state.motions.get(key);
  if (!m) return { id, kind: 'ballot', data: {} };
  const tally = shownTally(state, m);
  return {
    id,
    kind: 'ballot',
    data: {
      session: m.session,
      motion: m.id,
      voted: m.counts ? Object.values(m.counts).reduce((a, b) => a + b, 0) : m.ballots.size,
      ...(tally ? { tally } : {}),
    },
  };
}

/**
 * The attendance events among `acts`, each with who was present just after it. Each session's
 * attendance is walked once, counting as it goes: a batch of many arrivals costs no more than one.
 */
function attendanceEvents(acts: readonly RecordedRef[], state: State): Map<number, LiveEvent> {
  const wanted = new Map<string, Set<number>>();
  for (const act of acts) {
    if (act.type !== 'attendance.arrive' && act.type !== 'attendance.depart') continue;
    const session = String(act.payload['session']);
    const set = wanted.get(session) ?? new Set<number>();
    set.add(act.index);
    wanted.set(session, set);
  }
  const events = new Map<number, LiveEvent>();
  for (const [id, indexes] of wanted) {
    const session = state.sessions.get(id);
    if (session) walkAttendance(state, session, indexes, events);
  }
  return events;
}

function walkAttendance(
  state: State,
  session: SessionState,
  indexes: ReadonlySet<number>,
  events: Map<number, LiveEvent>,
): void {
  const body = bodyOf(charterOf(state), session.body);
  const voting = new Set(body.votingMembers.filter((p) => !body.candidates.includes(p)));
  const required = requiredPresent(body.quorum, voting.size);
  const present = new Set<string>();
  let presentVoting = 0;
  for (const a of session.attendance) {
    const arriving = a.kind === 'arrive';
    if (arriving !== present.has(a.person) && voting.has(a.person))
      presentVoting += arriving ? 1 : -1;
    if (arriving) present.add(a.person);
    else present.delete(a.person);
    if (!indexes.has(a.index)) continue;
    events.set(a.index, {
      id: a.index,
      kind: 'attendance',
      data: {
        session: session.id,
        person: a.person,
        kind: a.kind,
        present: present.size,
        quorum: {
          required,
          presentVoting,
          votingMembers: voting.size,
          met: presentVoting >= required,
        },
      },
    });
  }
}

export function serializeEvent(event: LiveEvent): Buffer {
  return Buffer.from(
    `id: ${event.id}\nevent: ${event.kind}\ndata: ${JSON.stringify(event.data)}\n\n`,
  );
}
