/**
 * The organization (GET /api/organization), loaded once for every page: names, bodies, roles;
 * loaded again when the record says it changed (an amended charter, someone's keys).
 */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { getJson } from './api.js';
import { useReloadOn } from './events.js';
import { useMe } from './me.js';
import { useResource } from './resource.js';
import type { BodyInfo, MotionKindInfo, Organization } from './types.js';

interface OrgState {
  readonly org?: Organization;
  readonly error?: unknown;
  readonly reload: () => void;
}

const OrgContext = createContext<OrgState>({ reload: () => {} });

export function OrgProvider({ children }: { children: ReactNode }) {
  // Loaded again for whoever signs in: a record open to its members answers them only.
  const person = useMe().me?.person ?? '';
  const { data, error, reload } = useResource(
    () => getJson<Organization>('/api/organization'),
    `organization:${person}`,
  );
  useReloadOn('organization', reload);
  return <OrgContext.Provider value={{ org: data, error, reload }}>{children}</OrgContext.Provider>;
}

export function useOrg(): OrgState {
  return useContext(OrgContext);
}

// Kept in a module of their own, so that words built with them are tested without React.
export { bodyOf, nameOf } from './names.js';

/** Who runs the body's sessions: its chair, secretary and other officers (and a session's own
 * chair); a body with none is run by any of its voting members. */
export function officersOf(body: BodyInfo, sessionChair?: string | null): string[] {
  const officers = [body.chair, body.secretary, ...(body.officers ?? []), sessionChair].filter(
    (p): p is string => !!p,
  );
  return officers.length > 0 ? officers : body.members.filter((p) => !body.candidates.includes(p));
}

export function isOfficer(
  person: string | null | undefined,
  body: BodyInfo | undefined,
  sessionChair?: string | null,
): boolean {
  return !!person && !!body && officersOf(body, sessionChair).includes(person);
}

/** Whether the record holds a key of the person's own: an officer records acts only for those
 * without one. */
export function hasOwnKey(org: Organization | undefined, person: string): boolean {
  return !!org?.people.find((p) => p.id === person)?.keys?.length;
}

/** Members who are not candidates vote. */
export function isVotingMember(person: string | null | undefined, body: BodyInfo | undefined) {
  return !!person && !!body?.members.includes(person) && !body.candidates.includes(person);
}

/** Whether `person` holds an office in some body: any officer invites, enrols and revokes keys. */
export function isRegistrar(person: string | null | undefined, org: Organization): boolean {
  return (
    !!person &&
    org.bodies.some(
      (b) => b.chair === person || b.secretary === person || !!b.officers?.includes(person),
    )
  );
}

/** The kind of motion a body that is no one's delegate decides amendments of its charter as,
 * where its charter names it (`amendment`, as src/core/state/reducers/motion.ts has it). */
export function amendmentKind(body: BodyInfo): MotionKindInfo | undefined {
  return body.parent ? undefined : body.motionKinds.find((k) => k.id === 'amendment');
}
