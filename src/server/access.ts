/**
 * Every route of the API says who may call it (`config: { access }`, see context.ts); the check
 * runs before the body is even read: 401 without a signed-in person (or reader the charter
 * names), 403 for one it does not name or without the CSRF token of the cookie.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Visitor } from './auth.js';
import type { Context } from './context.js';
import { refuse } from './errors.js';
import { checkReader } from './readers.js';

/** Refuses to register a route of the API that does not declare its access. */
export function requireDeclaredAccess(fastify: FastifyInstance): void {
  fastify.decorateRequest('visitor', null);
  fastify.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.access)
      throw new Error(`${route.url}: a route of the API must declare its access`);
  });
}

/**
 * A route of the API that declares no query takes none: `?x=1` is refused as an unknown field
 * there, as on the routes that declare theirs. Call before any route is registered.
 */
export function noUndeclaredQueries(fastify: FastifyInstance): void {
  const none = z.strictObject({});
  fastify.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && route.schema?.querystring === undefined)
      route.schema = { ...route.schema, querystring: none };
  });
}

/** The `onRequest` hook that checks the route's access and sets `request.visitor`. */
export function checkAccess(ctx: Context): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    request.visitor = await visitorAllowed(ctx, request);
  };
}

/** The visitor a request comes from, once the route's access lets them in (else a refusal). */
async function visitorAllowed(ctx: Context, request: FastifyRequest): Promise<Visitor | null> {
  const access = request.routeOptions.config?.access ?? 'anyone';
  if (access === 'anyone') return request.visitor;
  // Read from the database the instances share (see auth.ts): the one wait of this hook.
  const visitor = await ctx.sessions.visitor(request);
  if (access === 'reader') {
    checkReader(ctx.ledger.state, visitor?.person ?? null);
    return visitor ?? null;
  }
  // A read of one's own changes nothing: no CSRF token, whatever the charter lets one read.
  if (access === 'own') {
    if (!visitor?.person) refuse('unauthenticated', 'sign in first');
    return visitor;
  }
  if (access === 'person' && !visitor?.person) refuse('unauthenticated', 'sign in first');
  ctx.sessions.checkCsrf(request, visitor);
  return visitor ?? null;
}
