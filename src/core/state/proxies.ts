/** Proxy grants in force: which grant lets a holder vote for a grantor, and which overlap. */
import type { Body } from '../charter/model.js';
import { motionKey } from './model.js';
import type { MotionState, ProxyGrant, State } from './model.js';
import { listed } from './roster.js';

/** Where and when a ballot by proxy is cast. */
export interface ProxyOccasion {
  readonly body: string;
  readonly session: string;
  readonly motion: string;
  /** The ballot's time (ISO). */
  readonly time: string;
}

/** The vote on `motion` as a ballot cast in it at `time` reads a grant against it. */
export function occasionOf(motion: MotionState, time: string): ProxyOccasion {
  return { body: motion.body, session: motion.session, motion: motion.id, time };
}

/** Whether a grant, not revoked, covers a vote: its session (or motion), or its time. */
export function covers(grant: ProxyGrant, at: ProxyOccasion): boolean {
  if (grant.revokedAt !== undefined || grant.body !== at.body) return false;
  if (grant.session !== undefined)
    return grant.session === at.session && (grant.motion ?? at.motion) === at.motion;
  return grant.until === undefined || at.time <= grant.until;
}

/** The grant under which `holder` may vote for `grantor` on that occasion, if any. */
export function grantInForce(
  state: State,
  grantor: string,
  holder: string,
  at: ProxyOccasion,
): ProxyGrant | undefined {
  for (const grant of state.grants.values())
    if (grant.grantor === grantor && grant.holder === holder && covers(grant, at)) return grant;
  return undefined;
}

/**
 * The grants between voting members (`voting`) that the holder of `grant` was given before it and
 * that cover the same vote at `at`, used or not: with the charter's N of them or more, a ballot
 * under `grant` is not counted (a holder over the limit keeps the first N given).
 */
export function heldBefore(
  grants: Iterable<ProxyGrant>,
  grant: ProxyGrant,
  voting: ReadonlySet<string>,
  at: ProxyOccasion,
): ProxyGrant[] {
  const held: ProxyGrant[] = [];
  for (const g of grants)
    if (
      g.holder === grant.holder &&
      g.grantedAt < grant.grantedAt &&
      voting.has(g.grantor) &&
      voting.has(g.holder) &&
      covers(g, at)
    )
      held.push(g);
  return held;
}

/**
 * Whether `grant` lets its holder cast the grantor's ballot in the open vote `motion` at `time`,
 * as a live ballot is admitted: the grant covers the vote, both are voting members of `body` as
 * the vote opened, the holder was present then and the grantor not (who votes in person), and the
 * holder was given fewer than the body's N grants for the vote before this one.
 */
export function usableInVote(
  state: State,
  grant: ProxyGrant,
  motion: MotionState,
  body: Body,
  time: string,
): boolean {
  const voting = new Set(body.votingMembers);
  return (
    covers(grant, occasionOf(motion, time)) &&
    voting.has(grant.holder) &&
    voting.has(grant.grantor) &&
    listed(motion.presentAtOpen, grant.holder) &&
    !listed(motion.presentAtOpen, grant.grantor) &&
    limitFilledBefore(state, grant, motion, body, time) === undefined
  );
}

/**
 * The grants for the vote on `motion` that filled the holder's N (of `body`, as the vote opened)
 * before `grant` was given, as the count reads them; undefined when `grant` is among the first N,
 * and a ballot under it counts.
 */
export function limitFilledBefore(
  state: State,
  grant: ProxyGrant,
  motion: MotionState,
  body: Body,
  time: string,
): ProxyGrant[] | undefined {
  const voting = new Set(body.votingMembers);
  const before = heldBefore(state.grants.values(), grant, voting, occasionOf(motion, time));
  return before.length < (body.proxies?.maxPerHolder ?? 0) ? undefined : before;
}

/**
 * A grant not revoked by which `grantor` let `holder` vote for them in `body`, in force at `time`
 * (one for a session, whatever its session): what a holder who records the grantor's answer to a
 * question in writing may take for leave to, which it is not (a proxy is for votes in session).
 */
export function grantHeld(
  state: State,
  grantor: string,
  holder: string,
  body: string,
  time: string,
): ProxyGrant | undefined {
  for (const g of state.grants.values())
    if (
      g.grantor === grantor &&
      g.holder === holder &&
      g.body === body &&
      g.revokedAt === undefined &&
      (g.until === undefined || time <= g.until)
    )
      return g;
  return undefined;
}

/** Whether two grants of one body could both apply to one vote. */
export function overlap(a: ProxyGrant, b: ProxyGrant): boolean {
  if (a.body !== b.body) return false;
  if (a.session === undefined || b.session === undefined) return true;
  return a.session === b.session && (a.motion ?? b.motion) === (b.motion ?? a.motion);
}

/**
 * The grants in force at `time` that overlap `grant`: not revoked, not past their end, and not
 * spent (their session closed, or their motion decided), which could cover no vote any more.
 */
export function overlapping(state: State, grant: ProxyGrant, time: string): ProxyGrant[] {
  return [...state.grants.values()].filter(
    (g) =>
      g.revokedAt === undefined &&
      (g.until === undefined || g.until >= time) &&
      !spent(state, g) &&
      overlap(g, grant),
  );
}

function spent(state: State, grant: ProxyGrant): boolean {
  if (grant.session === undefined) return false;
  if (state.sessions.get(grant.session)?.closedAt !== undefined) return true;
  const motion =
    grant.motion === undefined
      ? undefined
      : state.motions.get(motionKey(grant.session, grant.motion));
  return motion?.status === 'closed';
}
