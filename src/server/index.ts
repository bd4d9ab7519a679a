/**
 * The HTTP API of docs/api.md over one opened ledger. `buildServer` answers the Fastify instance
 * ready to `listen` (or to be asked with `inject` in tests); it writes through the group commit,
 * tells listeners what was recorded, and serves the web app beside the API.
 */
import { availableParallelism } from 'node:os';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { inlineSignatureVerifier, signatureVerifier } from '../app/verify-pool.js';
import { Acting } from './acting.js';
import { Sessions } from './auth.js';
import { CommitQueue } from './commit.js';
import { DEFAULT_WEB_ROOT, DEFAULTS } from './config.js';
import type { ServerOptions } from './config.js';
import type { Context } from './context.js';
import { errorHandler, refuse } from './errors.js';
import { EventHub } from './events.js';
import { PersonKeys } from './keys.js';
import { checkReader } from './readers.js';
import { openApi } from './openapi.js';
import { actingRoutes } from './routes/acting.js';
import { identityRoutes } from './routes/identity.js';
import { readingRoutes } from './routes/reading.js';
import { check } from './schemas.js';
import { securityHeaders } from './security.js';
import { webApp } from './static.js';

export type { ServerOptions } from './config.js';

export function buildServer(options: ServerOptions): FastifyInstance {
  const ledger = options.ledger;
  const now = options.clock ? () => options.clock!().getTime() : Date.now;
  const demo = options.demo !== undefined;
  if (options.demo) ledger.useKeys(options.demo.keys);

  const fastify = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULTS.bodyLimit,
    trustProxy: options.trustProxy ?? false,
    ...(options.https ? { https: options.https } : {}),
    // Streams of events never go idle: they are ended when the server closes (preClose below).
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Typed as the plain HTTP instance whether or not it serves HTTPS: routes do not differ.
  }) as unknown as FastifyInstance;

  // Requests are checked with the zod schemas the routes declare; answers are written as JSON.
  fastify.setValidatorCompiler(
    ({ schema, httpPart }) =>
      (data) =>
        check(schema as unknown as z.ZodType, data, httpPart ?? 'request'),
  );
  fastify.setSerializerCompiler(() => (data) => JSON.stringify(data));
  fastify.setErrorHandler(errorHandler);
  securityHeaders(fastify);

  const threads = options.verifyThreads ?? availableParallelism();
  const verifier = threads > 0 ? signatureVerifier(threads) : inlineSignatureVerifier();
  const hub = new EventHub(ledger, {
    keepAliveMs: options.keepAliveMs ?? DEFAULTS.keepAliveMs,
    ballotEventMs: options.ballotEventMs ?? DEFAULTS.ballotEventMs,
    now,
    streamsPerAddress: options.eventStreamsPerAddress ?? DEFAULTS.eventStreamsPerAddress,
    streams: options.eventStreams ?? DEFAULTS.eventStreams,
    catchUpPage: options.catchUpPage ?? DEFAULTS.catchUpPage,
    catchUpMax: options.catchUpMax ?? DEFAULTS.catchUpMax,
  });
  const queue = new CommitQueue(
    ledger,
    verifier,
    {
      windowMs: options.commitWindowMs ?? DEFAULTS.commitWindowMs,
      maxBatch: options.commitMaxBatch ?? DEFAULTS.commitMaxBatch,
    },
    (acts) => hub.publish(acts),
  );
  const keys = new PersonKeys();
  const ctx: Context = {
    ledger,
    demo,
    sessions: new Sessions(now, DEFAULTS.sessionIdleMs, DEFAULTS.challengeMs),
    keys,
    acting: new Acting(ledger, keys, { demo, now, skewMs: DEFAULTS.timeSkewMs }),
    queue,
    hub,
    now,
    loginsPerMinute: options.loginsPerMinute ?? DEFAULTS.loginsPerMinute,
    invitationMs: DEFAULTS.invitationMs,
    bundles: {
      maxEntries: options.bundleMaxEntries ?? DEFAULTS.bundleMaxEntries,
      perMinute: options.bundlesPerMinute ?? DEFAULTS.bundlesPerMinute,
    },
    origin: (request) => options.origin ?? `${request.protocol}://${request.host}`,
  };

  // Every route of the API says who may call it; the check runs before the body is even read:
  // 401 without a signed-in person (or reader the charter names), 403 for one it does not name or
  // without the CSRF token of the cookie.
  fastify.decorateRequest('visitor', null);
  fastify.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.access)
      throw new Error(`${route.url}: a route of the API must declare its access`);
  });
  void fastify.register(fastifyCookie);
  void fastify.register(fastifyRateLimit, { global: false });
  void fastify.register(async (api) => {
    // In this context, after the cookie plugin's own hook has read the cookies.
    api.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config?.access ?? 'anyone';
      if (access === 'anyone') return;
      const visitor = ctx.sessions.visitor(request);
      if (access === 'reader') {
        checkReader(ledger.state, visitor?.person ?? null);
        request.visitor = visitor ?? null;
        return;
      }
      if (access === 'person' && !visitor?.person) refuse('unauthenticated', 'sign in first');
      ctx.sessions.checkCsrf(request, visitor);
      request.visitor = visitor ?? null;
    });
    openApi(api, () => ({ title: 'Collegium', version: '1' }));
    identityRoutes(api, ctx);
    readingRoutes(api, ctx);
    actingRoutes(api, ctx);
  });
  webApp(fastify, options.webRoot ?? DEFAULT_WEB_ROOT);

  // An act is refused once its time is further than the allowed skew from the clock, so its
  // signature need not be remembered after that (with one skew more to spare): the act is
  // accepted once, ever, all the same.
  const forgetting = setInterval(() => {
    ledger.forgetAccepted(now() - DEFAULTS.timeSkewMs).catch((error: unknown) => {
      fastify.log.warn({ err: error }, 'accepted acts not forgotten yet');
    });
  }, DEFAULTS.timeSkewMs).unref();

  fastify.addHook('preClose', async () => hub.close());
  fastify.addHook('onClose', async () => {
    clearInterval(forgetting);
    await queue.drain();
    await verifier.close();
  });
  return fastify;
}
