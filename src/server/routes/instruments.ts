/**
 * Instruments, the documents a body issues: the register, one instrument with its signing rule
 * and who may sign next, its bundle for offline verification, and a member's signing queue. They are drafted, signed, issued, revoked,
 * settled and annulled through POST /api/acts (a draft with its files, see sent-files.ts), in the
 * shapes of the API contract (src/api/instruments.ts).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  instrumentQuery,
  instrumentRegister as registerShape,
  instrumentView as viewShape,
  signingQueue,
} from '../../api/instruments.js';
import type { InstrumentQuery } from '../../api/instruments.js';
import { exportInstrument } from '../../app/instrument-export.js';
import { instrumentRegister } from '../../app/registers.js';
import { instrumentOf } from '../../core/state/index.js';
import { signedIn } from '../context.js';
import type { Context } from '../context.js';
import { instrumentSummary, instrumentView, signingQueueOf } from '../instrument-views.js';
import { idParams, index } from '../schemas.js';
import { contentDisposition } from './dispatches.js';
import { READER } from './reading.js';

export function instrumentRoutes(fastify: FastifyInstance, ctx: Context): void {
  registerRoutes(fastify, ctx);
  bundleRoute(fastify, ctx);
  queueRoute(fastify, ctx);
}

function nowOf(ctx: Context): () => string {
  return () => new Date(ctx.now()).toISOString();
}

function registerRoutes(fastify: FastifyInstance, ctx: Context): void {
  const now = nowOf(ctx);
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
}

function bundleRoute(fastify: FastifyInstance, ctx: Context): void {
  fastify.get<{ Params: { id: string }; Querystring: { size?: number } }>(
    '/api/instruments/:id/bundle',
    {
      schema: {
        summary:
          'the instrument’s bundle (collegium-instrument-bundle/1), as collegium export instrument: its entries and those of the decisions it rests on, each proven against the checkpoint of `size` (default the latest), with the charter and key changes; verifies offline under a trust policy. A download, <id>.bundle.json',
        tags: ['instruments'],
        params: idParams,
        querystring: z.strictObject({ size: index.optional() }),
      },
      config: { ...READER, rateLimit: { max: ctx.bundles.perMinute, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const { id } = request.params;
      const bundle = await exportInstrument(
        ctx.ledger.store,
        ctx.ledger.state,
        id,
        request.query.size,
      );
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', contentDisposition(`${id}.bundle.json`))
        .send(bundle);
    },
  );
}

function queueRoute(fastify: FastifyInstance, ctx: Context): void {
  const now = nowOf(ctx);
  fastify.get(
    '/api/queue',
    {
      schema: {
        summary:
          'the signed-in person’s signing queue: the instruments they may sign now, oldest draft first, each with what they sign over and their place, from 1, among those who could sign it now, in the rule’s order',
        tags: ['instruments'],
        response: { 200: signingQueue },
      },
      // A member's own signatures to give, whatever the charter lets them read of the record.
      config: { access: 'own' },
    },
    async (request) => signingQueueOf(ctx.ledger.state, signedIn(request).person, now()),
  );
}
