/** A session and its live updates, shared by the console, ballot, projector and minutes. */
import { getJson, seg } from '../lib/api.js';
import { useLiveEvents } from '../lib/events.js';
import { useLaterReload, useResource } from '../lib/resource.js';
import type { Resource } from '../lib/resource.js';
import type { LiveEvents, Motion, Session } from '../lib/types.js';

/** How long ballots may arrive before the session is read again (their events carry the count
 * and tally meanwhile), so that thousands of ballots cost each page one read a second. */
export const BALLOT_READ_MS = 1_000;

export function useSession(id: string): Resource<Session> {
  const session = useResource(() => getJson<Session>(`/api/sessions/${seg(id)}`), id);
  const later = useLaterReload(session.reload, BALLOT_READ_MS);
  useLiveEvents(
    id,
    (kind, data) => {
      if (kind === 'ballot') {
        session.update((s) => withBallot(s, data as LiveEvents['ballot']));
        return later();
      }
      // A decision is shown the moment it arrives; the session read after it brings the rest.
      if (kind === 'decision')
        session.update((s) => withDecision(s, data as LiveEvents['decision']));
      session.reload();
    },
    session.reload,
  );
  return session;
}

/** How many have voted on a motion, by the latest word. */
export function votedCount(motion: Motion): number {
  return motion.votedCount ?? motion.voted?.length ?? 0;
}

function withBallot(session: Session, event: LiveEvents['ballot']): Session {
  return {
    ...session,
    motions: session.motions.map((m) =>
      m.id === event.motion
        ? { ...m, votedCount: event.voted, tally: event.tally ?? m.tally ?? null }
        : m,
    ),
  };
}

function withDecision(session: Session, event: LiveEvents['decision']): Session {
  const { motion, outcome, explanation, entry } = event;
  return {
    ...session,
    motions: session.motions.map((m) =>
      m.id === motion
        ? { ...m, status: 'closed' as const, decision: { outcome, explanation, entry } }
        : m,
    ),
  };
}

/** The motion a screen should show: the one being voted on, else the latest. */
export function currentMotion(session: Session): Motion | undefined {
  const motions = session.motions;
  return motions.find((m) => m.status === 'open') ?? motions[motions.length - 1];
}
