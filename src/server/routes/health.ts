/**
 * Health for load balancers and supervisors: liveness (the process answers) and readiness (it
 * can serve: its database answers). Neither needs a session, and neither reveals the record.
 */
import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import { ApiError, RECORD_DAMAGED } from '../errors.js';

export function healthRoutes(fastify: FastifyInstance, ctx: Context): void {
  fastify.get(
    '/api/health',
    {
      schema: { summary: 'liveness: the process answers', tags: ['health'] },
      config: { access: 'anyone' },
    },
    async () => ({ status: 'ok' }),
  );
  fastify.get(
    '/api/ready',
    {
      schema: {
        summary:
          'readiness: the database answers (503 database-unavailable when it does not) and the record can be followed (503 record-damaged when it cannot)',
        tags: ['health'],
      },
      config: { access: 'anyone' },
    },
    // A store that cannot be reached throws StoreUnavailable, answered 503 by the error handler.
    async () => {
      const size = await ctx.ledger.store.size();
      if (ctx.ledger.damage !== undefined) throw new ApiError('record-damaged', RECORD_DAMAGED);
      return { status: 'ready', size };
    },
  );
}
