/** Acting: every act goes through POST /api/acts, and the live events come out of GET /api/events. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../core/errors.js';
import { me } from '../context.js';
import type { Context } from '../context.js';
import { ApiError } from '../errors.js';
import { actBody, index, receipt } from '../schemas.js';
import type { ActBody } from '../schemas.js';

export function actingRoutes(fastify: FastifyInstance, ctx: Context): void {
  fastify.post<{ Body: ActBody }>(
    '/api/acts',
    {
      schema: {
        summary:
          'records an act by the signed-in member, signed on their device (time, sig); in demo mode unsigned acts are signed by the server. Answers the receipt',
        tags: ['acting'],
        body: actBody,
        response: { 201: receipt },
      },
      config: { access: 'person' },
    },
    async (request, reply) => {
      const person = me(request);
      const { type, payload, time, sig } = request.body;
      const act = ctx.acting.act(type, payload);
      try {
        const recorded = await ctx.queue.submit(ctx.acting.submission(person, act, { time, sig }));
        void reply.code(201);
        return recorded;
      } catch (error) {
        // A close's signature covers the decision the server computes when it records it: one
        // that does not verify was most likely made over a decision that has changed since.
        if (
          type === 'vote.close' &&
          sig &&
          error instanceof DomainError &&
          error.code === 'unauthenticated'
        )
          throw new ApiError(
            'conflict',
            'the decision is not the one signed: it changed since GET …/closing, ask again and sign that',
          );
        throw error;
      }
    },
  );

  fastify.get<{ Querystring: { lastEventId?: number } }>(
    '/api/events',
    {
      schema: {
        summary:
          'live events (text/event-stream): attendance, motion, vote-opened, ballot, decision, session; each id is the index of the entry behind it. Send Last-Event-ID (or ?lastEventId=) to receive what was missed',
        tags: ['events'],
        querystring: z.strictObject({ lastEventId: index.optional() }),
      },
      config: { access: 'reader' },
    },
    async (request, reply) => {
      const header = request.headers['last-event-id'];
      const fromHeader =
        typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
      await ctx.hub.connect(request, reply, fromHeader ?? request.query.lastEventId);
    },
  );
}
