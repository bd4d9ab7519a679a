/** Reading the record: the organization, sessions and motions, the log, proofs, bundles. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { exportRange, sessionRange } from '../../app/export.js';
import { checkpointAt, proveConsistency, proveInclusion } from '../../app/proofs.js';
import { closeVote } from '../../app/proceedings.js';
import { fail } from '../../core/errors.js';
import { requireOfficer } from '../../core/state/authority.js';
import { bodyOf } from '../../core/state/index.js';
import { reader } from '../context.js';
import type { Context } from '../context.js';
import { refuse } from '../errors.js';
import { sealedMotions } from '../readers.js';
import { bundleRange, logPage } from '../record-reads.js';
import { id, index } from '../schemas.js';
import {
  charterOf,
  motionOf,
  motionView,
  organizationView,
  sessionOf,
  sessionSummary,
  sessionView,
} from '../views.js';

const LOG_PAGE = 500;
/** Every route here reads the record: whoever the charter lets read it may. */
const READER = { access: 'reader' } as const;

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
      config: READER,
    },
    async () => organizationView(state()),
  );

  fastify.get(
    '/api/sessions',
    { schema: { summary: 'every session, oldest first', tags: ['reading'] }, config: READER },
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
      config: READER,
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
      config: READER,
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
      config: READER,
    },
    async (request) => {
      const { id: session, motion } = request.params;
      const m = motionOf(state(), session, motion);
      // The decision carries the tally: where it is hidden while the vote is open, only those who
      // close the vote see it before the close.
      if (sealedMotions(state()).has(m.key)) {
        const who = reader(request);
        if (who === null) refuse('unauthenticated', 'sign in as an officer of the session');
        requireOfficer(who, bodyOf(charterOf(state()), m.body), sessionOf(state(), session));
      }
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
      config: READER,
    },
    async (request) => {
      const size = state().size;
      const from = request.query.from ?? 0;
      const limit = request.query.limit ?? 100;
      if (limit > LOG_PAGE) refuse('invalid-input', `limit is at most ${LOG_PAGE}`);
      const to = Math.min(size, from + limit);
      return { size, entries: await logPage(store, state(), from, to, reader(request)) };
    },
  );

  fastify.get(
    '/api/checkpoint',
    {
      schema: { summary: 'the latest signed checkpoint (C2SP signed note)', tags: ['record'] },
      config: READER,
    },
    async () => {
      const { size, note } = await checkpointAt(store);
      return { size, note };
    },
  );

  fastify.get(
    '/api/log-key',
    {
      schema: { summary: 'the log’s verifier key (name+keyid+base64)', tags: ['record'] },
      config: READER,
    },
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
          ? { ...sessionRange(state(), session, latest), lastNamed: false }
          : { first: from ?? 0, last: to ?? latest - 1, lastNamed: to !== undefined };
      const { first, last } = await bundleRange(store, state(), asked, ctx.bundles.maxEntries);
      return exportRange(store, state(), first, last, size);
    },
  );
}
