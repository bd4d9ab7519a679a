/**
 * Instruments, the documents a body issues: the register, one instrument with its signing rule
 * and who may sign next, and a member's signing queue. They are drafted, signed, issued, revoked,
 * settled and annulled through POST /api/acts (a draft with its files, see sent-files.ts), in the
 * shapes of the API contract (src/api/instruments.ts).
 */
import type { FastifyInstance } from 'fastify';
import {
  instrumentQuery,
  instrumentRegister as registerShape,
  instrumentView as viewShape,
  signingQueue,
} from '../../api/instruments.js';
import type { InstrumentQuery } from '../../api/instruments.js';
import { instrumentRegister } from '../../app/registers.js';
import { instrumentOf } from '../../core/state/index.js';
import { signedIn } from '../context.js';
import type { Context } from '../context.js';
import { instrumentSummary, instrumentView, signingQueueOf } from '../instrument-views.js';
import { idParams } from '../schemas.js';
import { READER } from './reading.js';

export function instrumentRoutes(fastify: FastifyInstance, ctx: Context): void {
  const now = () => new Date(ctx.now()).toISOString();

  fastify.get<{ Querystring: InstrumentQuery }>(
    '/api/instruments',
    {
      schema: {
        summary:
          'the register of instruments, in the order drafted: of one body, of one kind, in one state, on one question (a dispatch, a circulation or SESSION/MOTION); searched for words',
        tags: ['instruments'],
        querystring: instrumentQuery,
        response: { 200: registerShape },
      },
      config: READER,
    },
    async (request) => {
      const state = ctx.ledger.state;
      const at = now();
      return {
        instruments: instrumentRegister(state, request.query).map((i) =>
          instrumentSummary(state, i, at),
        ),
      };
    },
  );

  fastify.get<{ Params: { id: string } }>(
    '/api/instruments/:id',
    {
      schema: {
        summary:
          'an instrument: its text and particulars, its signatures in order with the rule they answer to, who may sign next and what they sign over (content, nextAfter), and its life after issue',
        tags: ['instruments'],
        params: idParams,
        response: { 200: viewShape },
      },
      config: READER,
    },
    async (request) => {
      const state = ctx.ledger.state;
      return instrumentView(state, instrumentOf(state, request.params.id), now());
    },
  );

  fastify.get(
    '/api/queue',
    {
      schema: {
        summary:
          'the signed-in person’s signing queue: the instruments they may sign now, oldest draft first, each with what they sign over and their place among those who may still sign',
        tags: ['instruments'],
        response: { 200: signingQueue },
      },
      // A member's own signatures to give, whatever the charter lets them read of the record.
      config: { access: 'own' },
    },
    async (request) => signingQueueOf(ctx.ledger.state, signedIn(request).person, now()),
  );
}
