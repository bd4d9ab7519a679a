/** A session and its live updates, shared by the console, ballot, projector and protocol. */
import { getJson, seg } from '../lib/api.js';
import { useLiveEvents } from '../lib/events.js';
import { useResource } from '../lib/resource.js';
import type { Resource } from '../lib/resource.js';
import type { Motion, Session } from '../lib/types.js';

export function useSession(id: string): Resource<Session> {
  const session = useResource(() => getJson<Session>(`/api/sessions/${seg(id)}`), id);
  useLiveEvents(id, () => session.reload());
  return session;
}

/** The motion a screen should show: the one being voted on, else the latest. */
export function currentMotion(session: Session): Motion | undefined {
  const motions = session.motions;
  return motions.find((m) => m.status === 'open') ?? motions[motions.length - 1];
}
