/**
 * Proxy grants in force: what a member has given and holds, and for a session, which ballots a
 * holder may cast for whom now. Grants are given and taken back as acts (proxy.grant,
 * proxy.revoke through POST /api/acts); these routes only read them.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { grantScopeInWords } from '../../core/state/index.js';
import { bodyOf } from '../../core/state/body.js';
import { usableInVote } from '../../core/state/proxies.js';
import type { MotionState, ProxyGrant, State } from '../../core/state/index.js';
import type { Context } from '../context.js';
import { id } from '../schemas.js';
import { charterOf, sessionOf } from '../views.js';
import { READER } from './reading.js';

export function proxyRoutes(fastify: FastifyInstance, ctx: Context): void {
  fastify.get(
    '/api/proxies',
    {
      schema: {
        summary:
          'the proxy grants in force: not revoked, not past their end, their session not closed',
        tags: ['reading'],
      },
      config: READER,
    },
    async () => {
      const state = ctx.ledger.state;
      const now = new Date(ctx.now()).toISOString();
      return [...state.grants.values()]
        .filter((g) => inForce(state, g, now))
        .map((g) => grantView(state, g));
    },
  );

  fastify.get<{ Params: { id: string } }>(
    '/api/sessions/:id/proxies',
    {
      schema: {
        summary:
          'the proxy grants in force that may be used in the session, each with the open votes its holder may cast the grantor’s ballot in now (both voting members as the vote opened, the holder present then, the grantor not)',
        tags: ['reading'],
        params: z.strictObject({ id }),
      },
      config: READER,
    },
    async (request) => {
      const state = ctx.ledger.state;
      const session = sessionOf(state, request.params.id);
      const now = new Date(ctx.now()).toISOString();
      const open = session.motions
        .map((key) => state.motions.get(key)!)
        .filter((m) => m.status === 'open');
      return [...state.grants.values()]
        .filter((g) => g.body === session.body && inForce(state, g, now))
        .filter((g) => g.session === undefined || g.session === session.id)
        .map((g) => ({ ...grantView(state, g), motions: usableIn(state, g, open, now) }));
    },
  );
}

/** A grant as the API shows it; `entry` is the one that granted it. */
function grantView(state: State, g: ProxyGrant) {
  return {
    id: g.id,
    body: g.body,
    grantor: g.grantor,
    holder: g.holder,
    session: g.session ?? null,
    motion: g.motion ?? null,
    until: g.until ?? null,
    named: grantScopeInWords(state, g),
    entry: g.grantedAt,
  };
}

/** Not revoked, not past its end, and its session (if it names one) not closed. */
function inForce(state: State, g: ProxyGrant, now: string): boolean {
  if (g.revokedAt !== undefined || (g.until !== undefined && g.until < now)) return false;
  return g.session === undefined || state.sessions.get(g.session)?.closedAt === undefined;
}

/** The open votes the grant lets its holder vote in for the grantor now. */
function usableIn(
  state: State,
  g: ProxyGrant,
  open: readonly MotionState[],
  now: string,
): string[] {
  return open
    .filter((m) => {
      // Who votes is the roster of the vote's opening, as the ballot is admitted.
      const body = m.bodyAtOpen ?? bodyOf(charterOf(state), m.body);
      return usableInVote(state, g, m, body, now);
    })
    .map((m) => m.id);
}
