/**
 * The minutes of a session as the document model every rendering renders (the web's minutes
 * page among them), in the shape of the API contract (src/api/minutes.ts).
 */
import type { FastifyInstance } from 'fastify';
import { minutesDocument } from '../../api/minutes.js';
import { minutesOf } from '../../app/minutes.js';
import type { Context } from '../context.js';
import { idParams } from '../schemas.js';
import { READER } from './reading.js';

export function minutesRoutes(fastify: FastifyInstance, ctx: Context): void {
  fastify.get<{ Params: { id: string } }>(
    '/api/sessions/:id/minutes',
    {
      schema: {
        summary:
          'the minutes of a session as a document: header, status, attendance, agenda, motions with their votes and decisions, instruments, approval and the appendix of proofs',
        tags: ['reading'],
        params: idParams,
        response: { 200: minutesDocument },
      },
      config: READER,
    },
    async (request) => minutesOf(ctx.ledger.state, ctx.ledger.store, request.params.id),
  );
}
