/**
 * Keys: an invitation (by any officer, by a member for another device of theirs, or by the
 * organization on an adopted motion), its lookup by token, the enrolment that redeems it (a key
 * added to the person's), revocation of one named key.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  invite,
  inviteOnDecision,
  keyToRevoke,
  newInvitationToken,
  revokeKey,
  tokenHash,
} from '../../app/enrolment.js';
import { bodyOf, invitationUsed, personKeys, personNameIn } from '../../core/state/index.js';
import { dayInWords } from '../../core/minutes/words.js';
import { DomainError } from '../../core/errors.js';
import { signedIn } from '../context.js';
import type { Context } from '../context.js';
import { enrolledBefore } from '../enrolled-before.js';
import { refuse } from '../errors.js';
import {
  decisionBody,
  enrolBody,
  id,
  invitationBody,
  receipt,
  revokeBody,
  tokenBody,
} from '../schemas.js';
import type { Acts } from '../../core/acts.js';
import type { Body } from '../../core/charter/model.js';
import { charterOf, motionOf, organizationOf } from '../views.js';
import { personOf } from './sign-in.js';

export function enrolmentRoutes(fastify: FastifyInstance, ctx: Context): void {
  invitationRoute(fastify, ctx);
  decisionInvitationRoute(fastify, ctx);
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

/** The link of an invitation recorded as `entry`, as the invitation routes answer it. */
function invitationLink(ctx: Context, request: FastifyRequest, token: string) {
  return { url: `${ctx.origin(request)}/enrol#${token}`, token };
}

function invitationRoute(fastify: FastifyInstance, ctx: Context): void {
  fastify.post<{ Body: z.infer<typeof invitationBody> }>(
    '/api/invitations',
    {
      schema: {
        summary:
          'an officer invites a person to enrol a key, or a member themself for another device (records member.invite). One who signs on their own device makes the token and sends token, expires, time and sig (signing the member.invite act with token = hex SHA-256 of the token); in demo mode the server makes the token and signs',
        tags: ['identity'],
        body: invitationBody,
        response: { 201: invitationAnswer },
      },
      config: { access: 'person' },
    },
    async (request, reply) => {
      const officer = signedIn(request);
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
          invite(body.person, tokenHash(token), expires, officer.person),
        ),
      );
      void reply.code(201);
      return { ...invitationLink(ctx, request, token), expires, entry: recorded.entry };
    },
  );
}

/**
 * The organization's invitation on an adopted motion that re-invites a person (where no officer
 * holds a key to invite them): any member of the motion's body may have it recorded, once.
 */
function decisionInvitationRoute(fastify: FastifyInstance, ctx: Context): void {
  fastify.post<{ Body: z.infer<typeof decisionBody> }>(
    '/api/invitations/decision',
    {
      schema: {
        summary:
          'records the invitation an adopted motion with invites authorizes (member.invite with decision, signed with the custodial key), once per motion; any member of its body may ask. Answers the link',
        tags: ['identity'],
        body: decisionBody,
        response: { 201: invitationAnswer.extend({ person: id }) },
      },
      config: { access: 'person' },
    },
    async (request, reply) => {
      const { session, motion } = request.body;
      const state = ctx.ledger.state;
      const m = motionOf(state, session, motion);
      const person = m.invites ?? refuse('charter-rule', `motion ${m.id} re-invites no one`);
      const who = signedIn(request).person;
      if (!sitsOn(bodyOf(charterOf(state), m.body), who))
        refuse('forbidden', `${who} is not a member of ${m.body}, which decided ${m.id}`);
      const token = newInvitationToken();
      const expires = new Date(ctx.now() + ctx.invitationMs).toISOString();
      const decision = { session, motion };
      const recorded = await ctx.queue.submit({
        draft: inviteOnDecision(person, tokenHash(token), expires, decision),
        type: 'member.invite',
        payload: { person, token: tokenHash(token), expires, decision },
      });
      void reply.code(201);
      return { person, ...invitationLink(ctx, request, token), expires, entry: recorded.entry };
    },
  );
}

/** Whether `person` sits on the body: an officer of it, a voting member or a candidate. */
function sitsOn(body: Body, person: string): boolean {
  return (
    body.chair === person ||
    body.secretary === person ||
    body.officers.includes(person) ||
    body.votingMembers.includes(person) ||
    body.candidates.includes(person)
  );
}

// The token travels in a body, never in a URL, where proxies and logs would keep it.
function invitationLookupRoute(fastify: FastifyInstance, ctx: Context): void {
  fastify.post<{ Body: z.infer<typeof tokenBody> }>(
    '/api/invitations/lookup',
    {
      schema: {
        summary:
          'an open invitation, by its token (the fragment of the link): whom it is for, and the keys the person holds already (an enrolment adds one)',
        tags: ['identity'],
        body: tokenBody,
        response: {
          200: z.object({
            person: id,
            name: z.string(),
            organization: z.object({ id, name: z.string(), log: z.string() }),
            expires: z.string(),
            keys: z
              .array(z.string())
              .describe(
                'the keys the record has for the person, base64, newest first: they stay theirs',
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
      if (!open) refuse('not-found', 'no invitation with that token');
      if (open.used) refuse('not-found', invitationUsed(open.used));
      if (open.expires < new Date(ctx.now()).toISOString())
        refuse('not-found', `the invitation expired on ${dayInWords(open.expires.slice(0, 10))}`);
      return {
        person: open.person,
        name: personNameIn(charterOf(state), open.person),
        organization: organizationOf(state),
        expires: open.expires,
        keys: personKeys(state, open.person),
      };
    },
  );
}

const enrolled = receipt.extend({ csrf: z.string() });

function enrolRoute(fastify: FastifyInstance, ctx: Context): void {
  fastify.post<{ Body: z.infer<typeof enrolBody> }>(
    '/api/enrol',
    {
      schema: {
        summary:
          'redeems an invitation: act is the member.enrol act signed with the new key (payload.invitation = hex SHA-256 of the token), which is added to the person’s keys; answers the receipt (201) and signs the person in with it. The same act signed again with that key after the enrolment was recorded (its answer lost) answers the recorded receipt (200) and signs the person in',
        tags: ['identity'],
        body: enrolBody,
        response: { 200: enrolled, 201: enrolled },
      },
      config: { access: 'visitor' },
    },
    async (request, reply) => {
      const { token, act: sent } = request.body;
      const act = ctx.acting.act('member.enrol', sent.payload);
      const payload = act.payload as Acts['member.enrol'];
      if (payload.invitation !== tokenHash(token))
        refuse('invalid-input', 'payload.invitation must be the hex SHA-256 of the token');
      const submission = ctx.acting.signed(payload.person, act, sent.time, sent.sig, payload.key);
      let status = 201;
      const recorded = await ctx.queue.submit(submission).catch(async (refusal: unknown) => {
        // Recorded before, its answer lost: a retry must not leave the key enrolled unsigned in.
        const before =
          refusal instanceof DomainError
            ? await enrolledBefore(ctx.ledger, submission, payload)
            : undefined;
        if (!before) throw refusal;
        status = 200;
        return before;
      });
      const visitor = await ctx.sessions.start(request, reply, payload.person, payload.key);
      void reply.code(status);
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
          'an officer (or the person themself) revokes one of the person’s keys (member.revoke of key, which may be left out when they hold one only); signed on the device with time and sig, or by the server in demo mode. A session signed in with that key ends',
        tags: ['identity'],
        params: z.strictObject({ id }),
        body: revokeBody,
        response: { 201: receipt },
      },
      config: { access: 'person', bodiless: true },
    },
    async (request, reply) => {
      const officer = signedIn(request);
      const person = request.params.id;
      personOf(ctx.ledger.state, person);
      const key = keyToRevoke(ctx.ledger.state, person, request.body.key);
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
          revokeKey(person, { key, ...(reason ? { reason } : {}), actor: officer.person }),
        ),
      );
      void reply.code(201);
      return recorded;
    },
  );
}
