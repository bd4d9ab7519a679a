/** Acting: every act goes through POST /api/acts, and the live events come out of GET /api/events. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../core/errors.js';
import { signedIn } from '../context.js';
import type { Context } from '../context.js';
import { ApiError, refuse } from '../errors.js';
import { actBody, index, receipt } from '../schemas.js';
import type { ActBody } from '../schemas.js';

export function actingRoutes(fastify: FastifyInstance, ctx: Context): void {
  fastify.post<{ Body: ActBody }>(
    '/api/acts',
    {
      schema: {
        summary:
          'records an act by the signed-in member, signed on their device (time, sig) with the key they signed in with; in demo mode unsigned acts are signed by the server. Answers the receipt',
        tags: ['acting'],
        body: actBody,
        response: { 201: receipt },
      },
      config: { access: 'person' },
      // An amendment carries a whole charter: the route takes that much, and refuses any other
      // act past the server's usual limit (checkSize).
      bodyLimit: ctx.amendmentBodyLimit,
    },
    async (request, reply) => {
      const { type, payload, time, sig, actor } = request.body;
      checkSize(request, type, payload, ctx.bodyLimit);
      const act = ctx.acting.act(type, payload);
      try {
        const recorded = await ctx.queue.submit(
          ctx.acting.submission(signedIn(request), act, { time, sig, actor }),
        );
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
          'live events (text/event-stream): attendance, motion, vote-opened, ballot, decision, session, organization (the charter amended, a key enrolled or revoked); each id is the index of the entry behind it. Send Last-Event-ID (or ?lastEventId=) to receive what was missed',
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

/**
 * Refuses an act larger than the server's usual body limit unless it carries an amended charter,
 * the one act that may be as large as a charter file.
 */
function checkSize(
  request: FastifyRequest,
  type: string,
  payload: Record<string, unknown>,
  limit: number,
): void {
  if (type === 'motion.propose' && payload['amends'] !== undefined) return;
  const header = Number(request.headers['content-length']);
  const size = Number.isSafeInteger(header)
    ? header
    : Buffer.byteLength(JSON.stringify(request.body));
  if (size > limit)
    refuse(
      'too-large',
      `an act of ${size} bytes: only a motion that amends the charter may be larger than ${limit}`,
    );
}
