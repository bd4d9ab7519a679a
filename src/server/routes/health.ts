/**
 * Health for load balancers and supervisors: liveness (the process answers) and readiness (it
 * can serve: its database answers). Neither needs a session, and neither reveals the record.
 */
import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';

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
        summary: 'readiness: the database answers (503 database-unavailable when it does not)',
        tags: ['health'],
      },
      config: { access: 'anyone' },
    },
    // A store that cannot be reached throws StoreUnavailable, answered 503 by the error handler.
    async () => ({ status: 'ready', size: await ctx.ledger.store.size() }),
  );
}
