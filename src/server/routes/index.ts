/**
 * Every route group of the API, in the order they are registered (the order of the OpenAPI
 * document). Each group is a function given the API's Fastify context and the shared `Context`.
 */
import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import { actingRoutes } from './acting.js';
import { circulationRoutes } from './circulations.js';
import { dispatchRoutes } from './dispatches.js';
import { enrolmentRoutes } from './enrolment.js';
import { healthRoutes } from './health.js';
import { exportRoutes } from './exports.js';
import { instrumentRoutes } from './instruments.js';
import { minuteDocumentRoutes } from './minute-documents.js';
import { minutesRoutes } from './minutes.js';
import { proxyRoutes } from './proxies.js';
import { readingRoutes } from './reading.js';
import { recordRoutes } from './record.js';
import { registerRoutes } from './registers.js';
import { signInRoutes } from './sign-in.js';

type RouteGroup = (api: FastifyInstance, ctx: Context) => void;

/**
 * The route groups, registered by `apiRoutes` in this order.
 *
 * A new act type needs no route: it is sent to POST /api/acts once its payload is in
 * core/payloads.ts. A new read (or a write that is not a plain act) is added in a group, or a new
 * group listed here. A route declares its zod schemas, taken from src/server/schemas.ts (they
 * validate the request and make the OpenAPI document, which docs/api.md must match), and its
 * `config: { access }` ('anyone', 'reader', 'own', 'visitor' or 'person': checked before the body is
 * read, see access.ts); its handler asks the app layer and answers what it returns. For example:
 *
 * ```ts
 * // schemas.ts
 * export const circulationParams = z.strictObject({ id });
 *
 * // routes/circulations.ts
 * export function circulationRoutes(fastify: FastifyInstance, ctx: Context): void {
 *   fastify.get<{ Params: { id: string } }>(
 *     '/api/circulations/:id',
 *     {
 *       schema: {
 *         summary: 'a circulation and its replies',
 *         tags: ['reading'],
 *         params: circulationParams,
 *       },
 *       config: { access: 'reader' },
 *     },
 *     async (request) => circulationView(ctx.ledger.state, request.params.id),
 *   );
 * }
 *
 * // here
 * const ROUTE_GROUPS = [signInRoutes, ..., actingRoutes, circulationRoutes];
 * ```
 *
 * A route that records an act (access 'person') builds it with `ctx.acting.act(type, payload)`
 * and records it through the group commit with the app's use case for the demo mode's unsigned
 * draft, as routes/enrolment.ts does:
 * `await ctx.queue.submit(ctx.acting.submission(signedIn(request), act, request.body, invite(...)))`.
 */
const ROUTE_GROUPS: readonly RouteGroup[] = [
  healthRoutes,
  signInRoutes,
  enrolmentRoutes,
  readingRoutes,
  minutesRoutes,
  minuteDocumentRoutes,
  proxyRoutes,
  recordRoutes,
  actingRoutes,
  circulationRoutes,
  dispatchRoutes,
  instrumentRoutes,
  registerRoutes,
  exportRoutes,
];

/** Registers every route of the API. */
export function apiRoutes(api: FastifyInstance, ctx: Context): void {
  for (const group of ROUTE_GROUPS) group(api, ctx);
}
