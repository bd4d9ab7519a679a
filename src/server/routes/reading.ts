/** Reading the organization: its people and bodies, its sessions and their motions. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { closeVote } from '../../app/proceedings.js';
import { requireOfficer } from '../../core/state/authority.js';
import { bodyOf, isSealed } from '../../core/state/index.js';
import { reader } from '../context.js';
import type { Context } from '../context.js';
import { refuse } from '../errors.js';
import { convenedSummary } from '../notice-views.js';
import { id } from '../schemas.js';
import {
  charterOf,
  motionOf,
  motionView,
  organizationView,
  sessionOf,
  sessionSummary,
  sessionView,
} from '../views.js';

/** Every route that reads the record: whoever the charter lets read it may. */
export const READER = { access: 'reader' } as const;

export function readingRoutes(fastify: FastifyInstance, ctx: Context): void {
  organizationRoute(fastify, ctx);
  sessionRoutes(fastify, ctx);
  motionRoutes(fastify, ctx);
}

function organizationRoute(fastify: FastifyInstance, ctx: Context): void {
  fastify.get(
    '/api/organization',
    {
      schema: {
        summary:
          'the organization: its people (and who has a key enrolled) and bodies with their rules in words',
        tags: ['reading'],
      },
      config: READER,
    },
    async () => organizationView(ctx.ledger.state),
  );
}

function sessionRoutes(fastify: FastifyInstance, ctx: Context): void {
  fastify.get(
    '/api/sessions',
    {
      schema: {
        summary:
          'every session, oldest first, then the sessions convened and not opened yet (convened: true, with their notice)',
        tags: ['reading'],
      },
      config: READER,
    },
    async () => {
      const state = ctx.ledger.state;
      return [
        ...[...state.sessions.values()].map(sessionSummary),
        ...[...state.convened.values()].map((n) => convenedSummary(state, n)),
      ];
    },
  );

  fastify.get<{ Params: { id: string } }>(
    '/api/sessions/:id',
    {
      schema: {
        summary: 'a session: attendance, quorum, motions',
        tags: ['reading'],
        params: z.strictObject({ id }),
      },
      config: READER,
    },
    async (request) => sessionView(ctx.ledger.state, request.params.id),
  );
}

const motionParams = z.strictObject({ id, motion: id });

function motionRoutes(fastify: FastifyInstance, ctx: Context): void {
  fastify.get<{ Params: { id: string; motion: string } }>(
    '/api/sessions/:id/motions/:motion',
    {
      schema: {
        summary:
          'a motion: who has voted (never how while the vote is open), the tally where it may be shown, the decision once closed',
        tags: ['reading'],
        params: motionParams,
      },
      config: READER,
    },
    async (request) => {
      const state = ctx.ledger.state;
      return motionView(state, motionOf(state, request.params.id, request.params.motion));
    },
  );

  fastify.get<{ Params: { id: string; motion: string } }>(
    '/api/sessions/:id/motions/:motion/closing',
    {
      schema: {
        summary:
          'the vote.close payload with the decision as it would be recorded now: what an officer signs to close the vote',
        tags: ['reading'],
        params: motionParams,
        response: { 200: z.object({ payload: z.record(z.string(), z.unknown()) }) },
      },
      config: READER,
    },
    async (request) => {
      // The close is refused unless its decision is the log's: read what other instances
      // recorded first, so that the decision offered here is not a stale one.
      await ctx.ledger.catchUp();
      const state = ctx.ledger.state;
      const { id: session, motion } = request.params;
      const m = motionOf(state, session, motion);
      // The decision carries the tally: where it is hidden while the vote is open, only those who
      // close the vote see it before the close.
      if (isSealed(state, m)) {
        const who = reader(request);
        if (who === null) refuse('unauthenticated', 'sign in as an officer of the session');
        // What they would sign is the vote's close, which only an officer records.
        const closing = { actor: who, type: 'vote.close' } as const;
        requireOfficer(state, closing, bodyOf(charterOf(state), m.body), sessionOf(state, session));
      }
      const draft = closeVote(session, motion);
      const made = typeof draft === 'function' ? draft(state) : draft;
      return { payload: made.act.payload };
    },
  );
}
