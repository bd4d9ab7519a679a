/** Who is asking: /api/me, logins, invitations, enrolment and revocation of keys. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/rate-limit';
import { z } from 'zod';
import { invite, newInvitationToken, revokeKey, tokenHash } from '../../app/enrolment.js';
import { personKey } from '../../core/state/index.js';
import type { State } from '../../core/state/index.js';
import type { Visitor } from '../auth.js';
import { me } from '../context.js';
import type { Context } from '../context.js';
import { ApiError, refuse } from '../errors.js';
import {
  enrolBody,
  id,
  invitationBody,
  loginBody,
  personBody,
  receipt,
  revokeBody,
  tokenBody,
} from '../schemas.js';
import { charterOf, organizationOf, rolesOf } from '../views.js';

const meAnswer = z.object({
  person: id.nullable(),
  name: z.string().nullable(),
  roles: z.array(
    z.object({ body: id, role: z.enum(['chair', 'secretary', 'member', 'candidate']) }),
  ),
  demo: z.boolean(),
  csrf: z.string().describe('send as X-CSRF-Token with every POST'),
  organization: z.object({ id, name: z.string(), log: z.string() }),
  key: z.string().nullable().describe('the key the record has for the person, base64'),
});

export function meView(state: State, visitor: Visitor, demo: boolean): z.infer<typeof meAnswer> {
  const person = visitor.person;
  return {
    person,
    name: person ? (charterOf(state).people.get(person)?.name ?? null) : null,
    roles: person ? (rolesOf(state, person) as z.infer<typeof meAnswer>['roles']) : [],
    demo,
    csrf: visitor.csrf,
    organization: organizationOf(state),
    key: person ? (personKey(state, person) ?? null) : null,
  };
}

function personOf(state: State, person: string): void {
  if (!charterOf(state).people.has(person)) refuse('not-found', `no person '${person}'`);
}

export function identityRoutes(fastify: FastifyInstance, ctx: Context): void {
  const state = () => ctx.ledger.state;

  /** Login attempts, counted per address and per person (docs/api.md). */
  const loginLimit = () => {
    const limit = (key: (r: FastifyRequest) => string) =>
      fastify.createRateLimit({ max: ctx.loginsPerMinute, timeWindow: 60_000, keyGenerator: key });
    const limiters = [
      limit((r) => `address:${r.ip}`),
      limit((r) => `person:${(r.body as { person?: string } | undefined)?.person ?? ''}`),
    ];
    return async (request: FastifyRequest): Promise<void> => {
      for (const limiter of limiters) {
        const result = await limiter(request);
        if (!result.isAllowed && result.isExceeded)
          throw new ApiError(
            'rate-limited',
            `too many login attempts: try again in ${result.ttlInSeconds} s`,
            {
              'retry-after': String(result.ttlInSeconds),
            },
          );
      }
    };
  };

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
      const visitor = ctx.sessions.visitor(request) ?? ctx.sessions.start(request, reply, null);
      return meView(state(), visitor, ctx.demo);
    },
  );

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
      preHandler: loginLimit(),
    },
    async (request) => {
      const { person } = request.body;
      personOf(state(), person);
      if (!personKey(state(), person))
        refuse('conflict', `${person} has no key enrolled: enrol with an invitation first`);
      return { challenge: ctx.sessions.challenge(person) };
    },
  );

  fastify.post<{ Body: z.infer<typeof loginBody> }>(
    '/api/login',
    {
      schema: {
        summary:
          'signs in: signature is Ed25519 over "collegium/login/v1\\n" + origin + "\\n" + challenge, by the person’s enrolled key',
        tags: ['identity'],
        body: loginBody,
        response: { 200: meAnswer },
      },
      config: { access: 'visitor' },
      preHandler: loginLimit(),
    },
    async (request, reply) => {
      const { person, challenge, signature } = request.body;
      personOf(state(), person);
      const key = ctx.keys.of(state(), person);
      ctx.sessions.checkLogin(person, challenge, signature, ctx.origin(request), key?.object);
      return meView(state(), ctx.sessions.start(request, reply, person), ctx.demo);
    },
  );

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
      personOf(state(), request.body.person);
      return meView(state(), ctx.sessions.start(request, reply, request.body.person), true);
    },
  );

  fastify.post(
    '/api/logout',
    {
      schema: {
        summary: 'ends the session; answers the visitor as now (not signed in)',
        tags: ['identity'],
        response: { 200: meAnswer },
      },
      config: { access: 'visitor' },
    },
    async (request, reply) => meView(state(), ctx.sessions.start(request, reply, null), ctx.demo),
  );

  const invitationAnswer = z.object({
    url: z.string().describe('the link to send: origin + /enrol#token'),
    token: z.string(),
    expires: z.string(),
    entry: z.int().describe('the entry that records the invitation'),
  });

  fastify.post<{ Body: z.infer<typeof invitationBody> }>(
    '/api/invitations',
    {
      schema: {
        summary:
          'an officer invites a person to enrol a key (records member.invite). An officer who signs on their own device makes the token and sends token, expires, time and sig (signing the member.invite act with token = hex SHA-256 of the token); in demo mode the server makes the token and signs',
        tags: ['identity'],
        body: invitationBody,
        response: { 201: invitationAnswer },
      },
      config: { access: 'person' },
    },
    async (request, reply) => {
      const officer = me(request);
      const body = request.body;
      const onDevice = body.sig !== undefined || body.time !== undefined;
      if (onDevice && (body.token === undefined || body.expires === undefined))
        refuse('invalid-input', 'an invitation signed on a device gives its token and expires');
      const token = body.token ?? newInvitationToken();
      const expires = body.expires ?? new Date(ctx.now() + ctx.invitationMs).toISOString();
      const act = ctx.acting.act('member.invite', {
        person: body.person,
        token: tokenHash(token),
        expires,
      });
      const recorded = await ctx.queue.submit(
        ctx.acting.submission(
          officer,
          act,
          body,
          invite(body.person, tokenHash(token), expires, officer),
        ),
      );
      void reply.code(201);
      return {
        url: `${ctx.origin(request)}/enrol#${token}`,
        token,
        expires,
        entry: recorded.entry,
      };
    },
  );

  // The token travels in a body, never in a URL, where proxies and logs would keep it.
  fastify.post<{ Body: z.infer<typeof tokenBody> }>(
    '/api/invitations/lookup',
    {
      schema: {
        summary:
          'an open invitation, by its token (the fragment of the link): whom it is for, and the key an enrolment replaces',
        tags: ['identity'],
        body: tokenBody,
        response: {
          200: z.object({
            person: id,
            name: z.string(),
            organization: z.object({ id, name: z.string(), log: z.string() }),
            expires: z.string(),
            key: z
              .string()
              .nullable()
              .describe(
                'the key the record has for the person, base64: the enrolment gives it as payload.replaces',
              ),
          }),
        },
      },
      // Whoever holds the secret token: the person enrolling, not yet signed in.
      config: { access: 'visitor' },
    },
    async (request) => {
      const open = state().invitations.get(tokenHash(request.body.token));
      if (!open || open.expires < new Date(ctx.now()).toISOString())
        refuse('not-found', 'no open invitation with that token (used, expired, or never issued)');
      return {
        person: open.person,
        name: charterOf(state()).people.get(open.person)?.name ?? open.person,
        organization: organizationOf(state()),
        expires: open.expires,
        key: personKey(state(), open.person) ?? null,
      };
    },
  );

  fastify.post<{ Body: z.infer<typeof enrolBody> }>(
    '/api/enrol',
    {
      schema: {
        summary:
          'redeems an invitation: act is the member.enrol act signed with the new key (payload.invitation = hex SHA-256 of the token); answers the receipt and signs the person in',
        tags: ['identity'],
        body: enrolBody,
        response: { 201: receipt.extend({ csrf: z.string() }) },
      },
      config: { access: 'visitor' },
    },
    async (request, reply) => {
      const { token, act: sent } = request.body;
      const act = ctx.acting.act('member.enrol', sent.payload);
      const payload = act.payload as { person: string; key: string; invitation?: string };
      if (payload.invitation !== tokenHash(token))
        refuse('invalid-input', 'payload.invitation must be the hex SHA-256 of the token');
      const recorded = await ctx.queue.submit(
        ctx.acting.signed(payload.person, act, sent.time, sent.sig, payload.key),
      );
      const visitor = ctx.sessions.start(request, reply, payload.person);
      void reply.code(201);
      return { ...recorded, csrf: visitor.csrf };
    },
  );

  fastify.post<{ Params: { id: string }; Body: z.infer<typeof revokeBody> }>(
    '/api/people/:id/revoke',
    {
      schema: {
        summary:
          'an officer revokes the person’s key (member.revoke of the key the record has for them); signed on the officer’s device with time and sig, or by the server in demo mode',
        tags: ['identity'],
        params: z.strictObject({ id }),
        body: revokeBody,
        response: { 201: receipt },
      },
      config: { access: 'person' },
    },
    async (request, reply) => {
      const officer = me(request);
      const person = request.params.id;
      personOf(state(), person);
      const key =
        personKey(state(), person) ?? refuse('not-found', `${person} has no key to revoke`);
      const reason = request.body.reason;
      const act = ctx.acting.act('member.revoke', {
        person,
        key,
        ...(reason !== undefined ? { reason } : {}),
      });
      const recorded = await ctx.queue.submit(
        ctx.acting.submission(officer, act, request.body, revokeKey(person, reason, officer)),
      );
      void reply.code(201);
      return recorded;
    },
  );
}
