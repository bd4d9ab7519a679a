/** Keys: an officer's invitation, its lookup by token, the enrolment that redeems it, revocation. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invite, newInvitationToken, revokeKey, tokenHash } from '../../app/enrolment.js';
import { personKeys } from '../../core/state/index.js';
import { me } from '../context.js';
import type { Context } from '../context.js';
import { refuse } from '../errors.js';
import { enrolBody, id, invitationBody, receipt, revokeBody, tokenBody } from '../schemas.js';
import { charterOf, organizationOf } from '../views.js';
import { personOf } from './sign-in.js';

export function enrolmentRoutes(fastify: FastifyInstance, ctx: Context): void {
  invitationRoute(fastify, ctx);
  invitationLookupRoute(fastify, ctx);
  enrolRoute(fastify, ctx);
  revokeRoute(fastify, ctx);
}

const invitationAnswer = z.object({
  url: z.string().describe('the link to send: origin + /enrol#token'),
  token: z.string(),
  expires: z.string(),
  entry: z.int().describe('the entry that records the invitation'),
});

function invitationRoute(fastify: FastifyInstance, ctx: Context): void {
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
}

// The token travels in a body, never in a URL, where proxies and logs would keep it.
function invitationLookupRoute(fastify: FastifyInstance, ctx: Context): void {
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
      const state = ctx.ledger.state;
      const open = state.invitations.get(tokenHash(request.body.token));
      if (!open || open.expires < new Date(ctx.now()).toISOString())
        refuse('not-found', 'no open invitation with that token (used, expired, or never issued)');
      return {
        person: open.person,
        name: charterOf(state).people.get(open.person)?.name ?? open.person,
        organization: organizationOf(state),
        expires: open.expires,
        key: personKeys(state, open.person)[0] ?? null,
      };
    },
  );
}

function enrolRoute(fastify: FastifyInstance, ctx: Context): void {
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
}

function revokeRoute(fastify: FastifyInstance, ctx: Context): void {
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
      personOf(ctx.ledger.state, person);
      const key =
        personKeys(ctx.ledger.state, person)[0] ??
        refuse('not-found', `${person} has no key to revoke`);
      const reason = request.body.reason;
      const act = ctx.acting.act('member.revoke', {
        person,
        key,
        ...(reason !== undefined ? { reason } : {}),
      });
      const recorded = await ctx.queue.submit(
        ctx.acting.submission(
          officer,
          act,
          request.body,
          revokeKey(person, { ...(reason ? { reason } : {}), actor: officer }),
        ),
      );
      void reply.code(201);
      return recorded;
    },
  );
}
