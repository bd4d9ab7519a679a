/**
 * Circulations, questions put outside a session: the register, one circulation with its answers
 * and its outcome as it forms, the close an officer signs, and a member's inbox. They are put,
 * answered and closed through POST /api/acts; the server closes them at their deadline itself
 * (deadlines.ts).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { closeCirculation } from '../../app/circulations.js';
import { circulationOf } from '../../core/state/index.js';
import { circulationRegister } from '../../app/registers.js';
import type { CirculationFilter } from '../../app/registers.js';
import { circulationSummary, circulationView, inboxOf } from '../circulation-views.js';
import { signedIn } from '../context.js';
import type { Context } from '../context.js';
import { refuse } from '../errors.js';
import { circulationQuery, idParams } from '../schemas.js';
import { READER } from './reading.js';

export function circulationRoutes(fastify: FastifyInstance, ctx: Context): void {
  const now = () => new Date(ctx.now()).toISOString();

  fastify.get<{ Querystring: z.infer<typeof circulationQuery> }>(
    '/api/circulations',
    {
      schema: {
        summary:
          'the register of circulations, in record order: open, overdue (open past the deadline), closed or withdrawn; of one body; searched for words',
        tags: ['reading'],
        querystring: circulationQuery,
      },
      config: READER,
    },
    async (request) => {
      const { state: which, body, q } = request.query;
      const filter: CirculationFilter = { state: which, body, text: q, now: now() };
      const state = ctx.ledger.state;
      return circulationRegister(state, filter).map((c) => circulationSummary(state, c, now()));
    },
  );

  fastify.get<{ Params: { id: string } }>(
    '/api/circulations/:id',
    {
      schema: {
        summary:
          'a circulation: who was asked and how each answered, its rule in words, the outcome as it forms (or as decided), its chain of decisions',
        tags: ['reading'],
        params: idParams,
      },
      config: READER,
    },
    async (request) => circulationView(ctx.ledger.state, request.params.id, now()),
  );

  fastify.get<{ Params: { id: string } }>(
    '/api/circulations/:id/closing',
    {
      schema: {
        summary:
          'the circulation.close payload with the decision as it would be recorded now: what an officer signs to close it',
        tags: ['reading'],
        params: idParams,
        response: { 200: z.object({ payload: z.record(z.string(), z.unknown()) }) },
      },
      config: READER,
    },
    async (request) => {
      // What is signed is checked against the log: read what other instances recorded first.
      await ctx.ledger.catchUp();
      const state = ctx.ledger.state;
      const c = circulationOf(state, request.params.id);
      if (c.status !== 'open') refuse('conflict', `circulation '${c.id}' is ${c.status}`);
      const draft = closeCirculation(c.id, { actor: null });
      return { payload: (typeof draft === 'function' ? draft(state) : draft).act.payload };
    },
  );

  fastify.get(
    '/api/inbox',
    {
      schema: {
        summary:
          'the signed-in person’s questions: the open circulations that ask them (unanswered first, then by deadline), and answers an officer recorded for them to confirm or dispute',
        tags: ['reading'],
      },
      // A member's own questions, whatever the charter lets them read of the record.
      config: { access: 'own' },
    },
    async (request) => {
      const { person } = signedIn(request);
      return inboxOf(ctx.ledger.state, person, now());
    },
  );
}
