/**
 * Health for load balancers and supervisors: liveness (the process answers) and readiness (it
 * can serve: its database answers). Neither needs a session, and neither reveals the record.
 */
import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import { ApiError, DATABASE_RETRY_AFTER_S, RECORD_DAMAGED } from '../errors.js';

const UNWRITABLE =
  'the record’s database cannot be written (its disk is full or failing, or it takes only reads): acts are refused until a write succeeds';

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
          'readiness: the database answers (503 database-unavailable when it does not), the record can be followed (503 record-damaged when it cannot) written by this version (503 record-upgraded when a newer one upgraded it) and written at all (503 database-unavailable while the last write found the disk full or failing, or the database taking only reads, until one succeeds or for 30 s)',
        tags: ['health'],
      },
      config: { access: 'anyone' },
    },
    // A store that cannot be reached throws StoreUnavailable, and one a newer version upgraded
    // StoreUpgraded (it would refuse every act), each answered 503 by the error handler.
    async () => {
      const [size] = await Promise.all([ctx.ledger.store.size(), ctx.ledger.store.checkSchema()]);
      if (ctx.ledger.damage !== undefined) throw new ApiError('record-damaged', RECORD_DAMAGED);
      // Reads answer on a full disk, where every act is refused: not ready to record.
      if (ctx.ledger.store.writeFailure() !== undefined)
        throw new ApiError('database-unavailable', UNWRITABLE, {
          'retry-after': String(DATABASE_RETRY_AFTER_S),
        });
      return { status: 'ready', size };
    },
  );
}
