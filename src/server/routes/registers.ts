/**
 * The registers of decisions across sessions and circulations: every decision taken, filtered by
 * body, days, outcome and words; those that stand provisionally
 * until a session ratifies them, and everything on one question (a dispatch, or a decision and
 * the chain it belongs to).
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { decisionQuery, decisionRegister as registerShape } from '../../api/decisions.js';
import type { DecisionQuery } from '../../api/decisions.js';
import { decisionRegister, provisionalRegister, questionOf } from '../../app/registers.js';
import { withoutUndefined } from '../../core/json.js';
import { decisionInWords } from '../../core/state/index.js';
import type { Context } from '../context.js';
import { decisionItem, registeredDecision } from '../decision-views.js';
import { dispatchView } from '../dispatch-views.js';
import { instrumentSummary } from '../instrument-views.js';
import { refuse } from '../errors.js';
import { provisionalQuery, questionQuery } from '../schemas.js';
import { charterOf } from '../views.js';
import { READER } from './reading.js';

export function registerRoutes(fastify: FastifyInstance, ctx: Context): void {
  fastify.get<{ Querystring: DecisionQuery }>(
    '/api/decisions',
    {
      schema: {
        summary:
          'the register of decisions taken, in sessions or by circulation, in record order: of one body, between two days (the session’s own date or the circulation’s), with one outcome, searched for words',
        tags: ['reading'],
        querystring: decisionQuery,
        response: { 200: registerShape },
      },
      config: READER,
    },
    async (request) => {
      const state = ctx.ledger.state;
      const { body, from, to, outcome, text } = request.query;
      const charter = charterOf(state);
      const found = decisionRegister(state, {
        ...withoutUndefined({ body, from, to, outcome, text }),
        decided: true,
      });
      return {
        decisions: found.map((d) => ({
          ...registeredDecision(state, charter, d),
          named: decisionInWords(state, d.ref),
        })),
      };
    },
  );

  fastify.get<{ Querystring: z.infer<typeof provisionalQuery> }>(
    '/api/decisions/provisional',
    {
      schema: {
        summary:
          'decisions that stand provisionally until a session ratifies them, oldest first; of one ratifying body',
        tags: ['reading'],
        querystring: provisionalQuery,
      },
      config: READER,
    },
    async (request) => {
      const state = ctx.ledger.state;
      return provisionalRegister(state, { body: request.query.body }).map((d) =>
        decisionItem(state, d),
      );
    },
  );

  fastify.get<{ Querystring: z.infer<typeof questionQuery> }>(
    '/api/question',
    {
      schema: {
        summary:
          'everything on one question: a dispatch with the decisions put on it, or a decision with its chain (what it continues or ratifies, and what continued it), in record order, and the instruments that answer the dispatch or rest on those decisions',
        tags: ['reading'],
        querystring: questionQuery,
      },
      config: READER,
    },
    async (request) => {
      const state = ctx.ledger.state;
      const { name } = request.query;
      const question =
        questionOf(state, name) ??
        refuse(
          'not-found',
          `the record has no dispatch, circulation or motion (SESSION/MOTION) named '${name}'`,
        );
      const now = new Date(ctx.now()).toISOString();
      return {
        ...(question.dispatch ? { dispatch: dispatchView(state, question.dispatch) } : {}),
        decisions: question.decisions.map((d) => decisionItem(state, d)),
        instruments: question.instruments.map((i) => instrumentSummary(state, i, now)),
      };
    },
  );
}
