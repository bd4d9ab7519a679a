/** Reading the record itself: the log's entries, its checkpoint and key, proofs, bundles. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { exportRange, sessionRange } from '../../app/export.js';
import { logPage as logPageShape } from '../../api/log.js';
import { checkpointAt, proveConsistency, proveInclusion } from '../../app/proofs.js';
import { fail } from '../../core/errors.js';
import { reader } from '../context.js';
import type { Context } from '../context.js';
import { refuse } from '../errors.js';
import { bundleRange, logPage } from '../record-reads.js';
import { id, index } from '../schemas.js';
import { READER } from './reading.js';

const LOG_PAGE = 500;

export function recordRoutes(fastify: FastifyInstance, ctx: Context): void {
  logRoutes(fastify, ctx);
  proofRoutes(fastify, ctx);
  bundleRoute(fastify, ctx);
}

function logRoutes(fastify: FastifyInstance, ctx: Context): void {
  const store = ctx.ledger.store;
  fastify.get<{ Querystring: { from?: number; limit?: number } }>(
    '/api/log',
    {
      schema: {
        summary: `entries of the record: their exact bytes (base64, the Merkle leaves), parsed, and what each acts on named in words (limit ≤ ${LOG_PAGE})`,
        tags: ['record'],
        querystring: z.strictObject({ from: index.optional(), limit: index.optional() }),
        response: { 200: logPageShape },
      },
      config: READER,
    },
    async (request) => {
      const state = ctx.ledger.state;
      const size = state.size;
      const from = request.query.from ?? 0;
      const limit = request.query.limit ?? 100;
      if (limit > LOG_PAGE) refuse('invalid-input', `limit is at most ${LOG_PAGE}`);
      const to = Math.min(size, from + limit);
      return { size, entries: await logPage(store, state, from, to, reader(request)) };
    },
  );

  fastify.get(
    '/api/checkpoint',
    {
      schema: {
        summary:
          'the latest signed checkpoint (C2SP signed note), with the cosignatures of the witnesses that cosigned it',
        tags: ['record'],
        response: {
          200: z.object({
            size: z.number().int().describe('the tree size'),
            note: z
              .string()
              .describe(
                'the checkpoint (c2sp.org/tlog-checkpoint) signed by the log key, then one signature line per witness cosignature (c2sp.org/tlog-cosignature, Ed25519, type 0x04)',
              ),
            cosigned: z
              .array(z.string())
              .describe('the key names of the witnesses whose cosignatures the note carries'),
          }),
        },
      },
      config: READER,
    },
    async () => {
      const { size, note, cosigned } = await checkpointAt(store);
      return { size, note, cosigned };
    },
  );

  fastify.get(
    '/api/log-key',
    {
      schema: { summary: 'the log’s verifier key (name+keyid+base64)', tags: ['record'] },
      config: READER,
    },
    async () => ({
      logKey: ctx.ledger.state.logKey ?? fail('conflict', 'the record has no log key'),
    }),
  );
}

function proofRoutes(fastify: FastifyInstance, ctx: Context): void {
  const store = ctx.ledger.store;
  fastify.get<{ Params: { index: number }; Querystring: { size?: number } }>(
    '/api/proofs/inclusion/:index',
    {
      schema: {
        summary: 'an inclusion proof of an entry, as collegium prove',
        tags: ['record'],
        params: z.strictObject({ index }),
        querystring: z.strictObject({ size: index.optional() }),
      },
      config: READER,
    },
    async (request) => proveInclusion(store, request.params.index, request.query.size),
  );

  fastify.get<{ Querystring: { old: number; new?: number } }>(
    '/api/proofs/consistency',
    {
      schema: {
        summary: 'a consistency proof between two signed tree sizes, as collegium consistency',
        tags: ['record'],
        querystring: z.strictObject({ old: index, new: index.optional() }),
      },
      config: READER,
    },
    async (request) => proveConsistency(store, request.query.old, request.query.new),
  );
}

function bundleRoute(fastify: FastifyInstance, ctx: Context): void {
  const store = ctx.ledger.store;
  fastify.get<{ Querystring: { session?: string; from?: number; to?: number; size?: number } }>(
    '/api/bundle',
    {
      schema: {
        summary:
          'an export bundle of a session, or of entries from..to, as collegium export bundle: verifies offline',
        tags: ['record'],
        querystring: z.strictObject({
          session: id.optional(),
          from: index.optional(),
          to: index.optional(),
          size: index.optional(),
        }),
      },
      config: {
        ...READER,
        rateLimit: { max: ctx.bundles.perMinute, timeWindow: 60_000 },
      },
    },
    async (request) => {
      const { session, from, to, size } = request.query;
      if (session !== undefined && (from !== undefined || to !== undefined))
        refuse('invalid-input', 'give session or from/to, not both');
      const latest = (await checkpointAt(store, size)).size;
      const asked =
        session !== undefined
          ? { ...sessionRange(ctx.ledger.state, session, latest), lastNamed: false }
          : { first: from ?? 0, last: to ?? latest - 1, lastNamed: to !== undefined };
      const { first, last } = await bundleRange(
        store,
        ctx.ledger.state,
        asked,
        ctx.bundles.maxEntries,
      );
      return exportRange(store, ctx.ledger.state, first, last, size);
    },
  );
}
