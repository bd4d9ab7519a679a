/** Who is asking and signing in: /api/me, the login challenge, logins (demo too), logout. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/rate-limit';
import { z } from 'zod';
import { personKeys, personName } from '../../core/state/index.js';
import type { State } from '../../core/state/index.js';
import type { Visitor } from '../auth.js';
import type { Context } from '../context.js';
import { ApiError, refuse } from '../errors.js';
import { loginBody, personBody } from '../schemas.js';
import { charterOf, organizationOf, rolesOf } from '../views.js';
import { meAnswer } from '../../api/me.js';
import type { Me } from '../../api/me.js';

function meView(ctx: Context, visitor: Visitor): Me {
  const state = ctx.ledger.state;
  const person = visitor.person;
  return {
    person,
    name: person ? (charterOf(state).people.get(person)?.name ?? null) : null,
    roles: person ? (rolesOf(state, person) as Me['roles']) : [],
    demo: ctx.demo,
    csrf: visitor.csrf,
    organization: organizationOf(state),
    key: visitor.key,
    keys: person ? personKeys(state, person) : [],
    limits: { attachmentBytes: ctx.maxAttachmentBytes },
  };
}

/** Refuses a person the charter does not name. */
export function personOf(state: State, person: string): void {
  if (!charterOf(state).people.has(person)) refuse('not-found', `no person '${person}'`);
}

export function signInRoutes(fastify: FastifyInstance, ctx: Context): void {
  meRoute(fastify, ctx);
  challengeRoute(fastify, ctx);
  loginRoute(fastify, ctx);
  demoLoginRoute(fastify, ctx);
  logoutRoute(fastify, ctx);
}

/**
 * Login attempts, counted per address (docs/api.md): one count per route. Not per person: anyone
 * may ask in a person's name, so a count of theirs would let anyone keep them from signing in,
 * and no number of attempts makes a signature of their key.
 */
function loginLimit(fastify: FastifyInstance, ctx: Context, step: 'challenge' | 'login') {
  // Each step counts apart, by its name in the key: the instances share the counters by key.
  const limiter = fastify.createRateLimit({
    max: ctx.loginsPerMinute,
    timeWindow: 60_000,
    keyGenerator: (r) => `${step}:address:${r.ip}`,
  });
  return async (request: FastifyRequest): Promise<void> => {
    const result = await limiter(request);
    if (!result.isAllowed && result.isExceeded)
      throw new ApiError(
        'rate-limited',
        `too many login attempts: try again in ${result.ttlInSeconds} s`,
        { 'retry-after': String(result.ttlInSeconds) },
      );
  };
}

function meRoute(fastify: FastifyInstance, ctx: Context): void {
  fastify.get(
    '/api/me',
    {
      schema: {
        summary: 'who is asking, the CSRF token, the organization; starts a visitor’s cookie',
        tags: ['identity'],
        response: { 200: meAnswer },
      },
      // Before signing in: the cookie, the token, the organization's name.
      config: { access: 'anyone' },
    },
    async (request, reply) => {
      const visitor =
        (await ctx.sessions.visitor(request)) ?? (await ctx.sessions.start(request, reply, null));
      return meView(ctx, visitor);
    },
  );
}

function challengeRoute(fastify: FastifyInstance, ctx: Context): void {
  fastify.post<{ Body: z.infer<typeof personBody> }>(
    '/api/login/challenge',
    {
      schema: {
        summary: 'a challenge to sign for a login: random base64, good for 2 minutes, once',
        tags: ['identity'],
        body: personBody,
        response: { 200: z.object({ challenge: z.string() }) },
      },
      config: { access: 'visitor' },
      preHandler: loginLimit(fastify, ctx, 'challenge'),
    },
    async (request) => {
      const { person } = request.body;
      personOf(ctx.ledger.state, person);
      if (!personKeys(ctx.ledger.state, person)[0])
        refuse(
          'conflict',
          `${personName(ctx.ledger.state, person)} has no key enrolled (every one was revoked, or none yet): ask an officer for an invitation, and open it on your device`,
        );
      return { challenge: await ctx.sessions.challenge(person) };
    },
  );
}

function loginRoute(fastify: FastifyInstance, ctx: Context): void {
  fastify.post<{ Body: z.infer<typeof loginBody> }>(
    '/api/login',
    {
      schema: {
        summary:
          'signs in: signature is Ed25519 over "collegium/login/v1\\n" + origin + "\\n" + challenge, by key, one of the person’s enrolled keys (which may be left out by one who holds a single key); the session signs with that key',
        tags: ['identity'],
        body: loginBody,
        response: { 200: meAnswer },
      },
      config: { access: 'visitor' },
      preHandler: loginLimit(fastify, ctx, 'login'),
    },
    async (request, reply) => {
      const { person, challenge, signature } = request.body;
      const state = ctx.ledger.state;
      personOf(state, person);
      const key = ctx.keys.toProve(state, person, request.body.key);
      await ctx.sessions.checkLogin(
        { id: person, name: personName(state, person) },
        { challenge, signature, origin: ctx.origin(request) },
        key?.object,
      );
      // checkLogin refused a key the person does not hold: the session signs with this one.
      const visitor = await ctx.sessions.start(request, reply, person, key!.base64);
      return meView(ctx, visitor);
    },
  );
}

function demoLoginRoute(fastify: FastifyInstance, ctx: Context): void {
  fastify.post<{ Body: z.infer<typeof personBody> }>(
    '/api/demo/login',
    {
      schema: {
        summary: 'demo mode only: signs in as anyone of the demo organization',
        tags: ['identity'],
        body: personBody,
        response: { 200: meAnswer },
      },
      config: { access: 'visitor' },
    },
    async (request, reply) => {
      if (!ctx.demo) refuse('not-found', 'this server is not in demo mode');
      personOf(ctx.ledger.state, request.body.person);
      return meView(ctx, await ctx.sessions.start(request, reply, request.body.person));
    },
  );
}

function logoutRoute(fastify: FastifyInstance, ctx: Context): void {
  fastify.post(
    '/api/logout',
    {
      schema: {
        summary: 'ends the session; answers the visitor as now (not signed in)',
        tags: ['identity'],
        // Nothing to say, as every route refuses what it does not know.
        body: z.strictObject({}),
        response: { 200: meAnswer },
      },
      config: { access: 'visitor', bodiless: true },
    },
    async (request, reply) => meView(ctx, await ctx.sessions.start(request, reply, null)),
  );
}
