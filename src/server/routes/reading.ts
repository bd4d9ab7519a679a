/** Reading the record: the organization, sessions and motions, the log, proofs, bundles. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { exportRange, sessionRange } from '../../app/export.js';
import { checkpointAt, proveConsistency, proveInclusion } from '../../app/proofs.js';
import { closeVote } from '../../app/proceedings.js';
import { fail } from '../../core/errors.js';
import type { Context } from '../context.js';
import { refuse } from '../errors.js';
import { id, index } from '../schemas.js';
import { motionOf, motionView, organizationView, sessionSummary, sessionView } from '../views.js';

const LOG_PAGE = 500;

export function readingRoutes(fastify: FastifyInstance, ctx: Context): void {
  const state = () => ctx.ledger.state;
  const store = ctx.ledger.store;

  fastify.get(
    '/api/organization',
    {
      schema: {
        summary:
          'the organization: its people (and who has a key enrolled) and bodies with their rules in words',
        tags: ['reading'],
      },
    },
    async () => organizationView(state()),
  );

  fastify.get(
    '/api/sessions',
    { schema: { summary: 'every session, oldest first', tags: ['reading'] } },
    async () => [...state().sessions.values()].map(sessionSummary),
  );

  fastify.get<{ Params: { id: string } }>(
    '/api/sessions/:id',
    {
      schema: {
        summary: 'a session: attendance, quorum, motions',
        tags: ['reading'],
        params: z.strictObject({ id }),
      },
    },
    async (request) => sessionView(state(), request.params.id),
  );

  const motionParams = z.strictObject({ id, motion: id });
  fastify.get<{ Params: { id: string; motion: string } }>(
    '/api/sessions/:id/motions/:motion',
    {
      schema: {
        summary:
          'a motion: who has voted (never how while the vote is open), the tally where it may be shown, the decision once closed',
        tags: ['reading'],
        params: motionParams,
      },
    },
    async (request) =>
      motionView(state(), motionOf(state(), request.params.id, request.params.motion)),
  );

  fastify.get<{ Params: { id: string; motion: string } }>(
    '/api/sessions/:id/motions/:motion/closing',
    {
      schema: {
        summary:
          'the vote.close payload with the decision as it would be recorded now: what an officer signs to close the vote',
        tags: ['reading'],
        params: motionParams,
        response: { 200: z.object({ payload: z.record(z.string(), z.unknown()) }) },
      },
    },
    async (request) => {
      const { id: session, motion } = request.params;
      motionOf(state(), session, motion);
      const draft = closeVote(session, motion);
      const made = typeof draft === 'function' ? draft(state()) : draft;
      return { payload: made.act.payload };
    },
  );

  fastify.get<{ Querystring: { from?: number; limit?: number } }>(
    '/api/log',
    {
      schema: {
        summary: `entries of the record: their exact bytes (base64, the Merkle leaves) and parsed (limit ≤ ${LOG_PAGE})`,
        tags: ['record'],
        querystring: z.strictObject({ from: index.optional(), limit: index.optional() }),
      },
    },
    async (request) => {
      const size = state().size;
      const from = request.query.from ?? 0;
      const limit = request.query.limit ?? 100;
      if (limit > LOG_PAGE) refuse('invalid-input', `limit is at most ${LOG_PAGE}`);
      const entries = [];
      for await (const stored of store.entries(from, Math.min(size, from + limit))) {
        const bytes = Buffer.from(
          stored.bytes.buffer,
          stored.bytes.byteOffset,
          stored.bytes.length,
        );
        entries.push({
          index: stored.index,
          leaf: bytes.toString('base64'),
          entry: JSON.parse(bytes.toString('utf8')) as unknown,
        });
      }
      return { size, entries };
    },
  );

  fastify.get(
    '/api/checkpoint',
    { schema: { summary: 'the latest signed checkpoint (C2SP signed note)', tags: ['record'] } },
    async () => {
      const { size, note } = await checkpointAt(store);
      return { size, note };
    },
  );

  fastify.get(
    '/api/log-key',
    { schema: { summary: 'the log’s verifier key (name+keyid+base64)', tags: ['record'] } },
    async () => ({ logKey: state().logKey ?? fail('conflict', 'the record has no log key') }),
  );

  fastify.get<{ Params: { index: number }; Querystring: { size?: number } }>(
    '/api/proofs/inclusion/:index',
    {
      schema: {
        summary: 'an inclusion proof of an entry, as collegium prove',
        tags: ['record'],
        params: z.strictObject({ index }),
        querystring: z.strictObject({ size: index.optional() }),
      },
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
    },
    async (request) => proveConsistency(store, request.query.old, request.query.new),
  );

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
    },
    async (request) => {
      const { session, size } = request.query;
      if (
        session !== undefined &&
        (request.query.from !== undefined || request.query.to !== undefined)
      )
        refuse('invalid-input', 'give session or from/to, not both');
      const latest = (await checkpointAt(store, size)).size;
      const { first, last } =
        session !== undefined
          ? sessionRange(state(), session, latest)
          : { first: request.query.from ?? 0, last: request.query.to ?? latest - 1 };
      return exportRange(store, state(), first, last, size);
    },
  );
}
