/** A session and its live updates, shared by the console, ballot, projector and protocol. */
import { getJson, seg } from '../lib/api.js';
import { useLiveEvents } from '../lib/events.js';
import { useResource } from '../lib/resource.js';
import type { Resource } from '../lib/resource.js';
import type { LiveEvents, Motion, Session } from '../lib/types.js';

export function useSession(id: string): Resource<Session> {
  const session = useResource(() => getJson<Session>(`/api/sessions/${seg(id)}`), id);
  useLiveEvents(id, (kind, data) => {
    // A decision is shown the moment it arrives; the session read after it brings the rest.
    if (kind === 'decision') session.update((s) => withDecision(s, data as LiveEvents['decision']));
    session.reload();
  });
  return session;
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
