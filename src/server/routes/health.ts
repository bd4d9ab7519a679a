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
          'readiness: the database answers (503 database-unavailable when it does not), the record can be followed (503 record-damaged when it cannot) and written by this version (503 record-upgraded when a newer one upgraded it)',
        tags: ['health'],
      },
      config: { access: 'anyone' },
    },
    // A store that cannot be reached throws StoreUnavailable, and one a newer version upgraded
    // StoreUpgraded (it would refuse every act), each answered 503 by the error handler.
    async () => {
      const [size] = await Promise.all([ctx.ledger.store.size(), ctx.ledger.store.checkSchema()]);
      if (ctx.ledger.damage !== undefined) throw new ApiError('record-damaged', RECORD_DAMAGED);
      return { status: 'ready', size };
    },
  );
}
