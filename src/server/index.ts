/**
 * The HTTP API of docs/api.md over one opened ledger. `buildServer` answers the Fastify instance
 * ready to `listen` (or to be asked with `inject` in tests); it writes through the group commit,
 * tells listeners what was recorded, and serves the web app beside the API.
 */
import { availableParallelism } from 'node:os';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { maxAttachmentBytes } from '../app/attachments.js';
import type { Ledger } from '../app/ledger.js';
import type { SnapshotEvent } from '../app/snapshots.js';
import { ID_MAX_LENGTH } from '../core/id-rule.js';
import { holdsKey } from '../core/state/index.js';
import { inlineSignatureVerifier, signatureVerifier } from '../app/verify-pool.js';
import type { SignatureVerifier } from '../app/verify-pool.js';
import { checkAccess, noUndeclaredQueries, requireDeclaredAccess } from './access.js';
import { Acting } from './acting.js';
import { Sessions } from './auth.js';
import { CommitQueue } from './commit.js';
import { DEFAULT_WEB_ROOT, DEFAULTS } from './config.js';
import { DeadlineCloser, databaseNow } from './deadlines.js';
import type { ServerOptions } from './config.js';
import type { Context } from './context.js';
import { ApiError, DATABASE_RETRY_AFTER_S } from './errors.js';
import { EventHub } from './events.js';
import { absentBodiesAsEmpty, countedJsonBodies } from './json-bodies.js';
import { LogFollower } from './log-following.js';
import { routeMethods } from './methods.js';
import { sharedRateLimitStore } from './rate-limits.js';
import { RefusedActs } from './refused-acts.js';
import { PersonKeys } from './keys.js';
import { openApi } from './openapi.js';
import { countActsComing } from './routes/acting.js';
import { apiRoutes } from './routes/index.js';
import { rehearseLogged } from './rehearsal.js';
import { check } from './schemas.js';
import {
  answerClientError,
  refuseExpectation,
  refuseConnect,
  securityHeaders,
  setSecurityHeaders,
} from './security.js';
import { refusalsOrPage, webApp } from './static.js';
import { Witnessing } from './witnessing.js';

export type { ServerOptions } from './config.js';

export function buildServer(options: ServerOptions): FastifyInstance {
  const ledger = options.ledger;
  const now = options.clock ? () => options.clock!().getTime() : Date.now;
  if (options.demo) ledger.useKeys(options.demo.keys);

  // Read before anything starts: a bad COLLEGIUM_MAX_ATTACHMENT must not leave threads running.
  const maxBytes = options.maxAttachmentBytes ?? maxAttachmentBytes();
  const fastify = createFastify(options);
  const threads = options.verifyThreads ?? availableParallelism();
  const verifier = threads > 0 ? signatureVerifier(threads) : inlineSignatureVerifier();
  const witnessing = new Witnessing(ledger.store, options.witnesses ?? [], fastify.log, {
    retryMs: DEFAULTS.witnessRetryMs,
    maxRetryMs: DEFAULTS.witnessMaxRetryMs,
    timeoutMs: DEFAULTS.witnessTimeoutMs,
  });
  const ctx = buildContext(
    options,
    now,
    verifier,
    fastify.log,
    () => witnessing.notify(),
    maxBytes,
  );

  requireDeclaredAccess(fastify);
  noUndeclaredQueries(fastify);
  const methodsOf = routeMethods(fastify);
  registerApi(fastify, ctx);
  webApp(fastify, options.webRoot ?? DEFAULT_WEB_ROOT, methodsOf);
  const forgetting = forgetAcceptedActs(fastify, ledger, now);
  const follower = new LogFollower(ledger, {
    pollMs: options.followPollMs ?? DEFAULTS.followPollMs,
    log: fastify.log,
  });
  // What other writers recorded is told as if recorded here, and its checkpoint witnessed: a
  // command recording beside the server signs checkpoints no witness is otherwise offered.
  const unfollow = ledger.onMoved((acts) => {
    ctx.hub.publish(acts);
    ctx.deadlines.rearm();
    witnessing.notify();
  });
  const unsnapshot = ledger.onSnapshot((event) => logSnapshot(fastify.log, event));
  let unkeepSessions: (() => Promise<void>) | undefined;
  let closing = false;
  let keysReady: Promise<unknown> | undefined;
  if (ledger.opening) logSnapshot(fastify.log, { kind: 'opened', report: ledger.opening });

  // Once ready, the circulations whose deadline passed while the server was down are closed.
  fastify.addHook('onReady', async () => {
    if (options.rehearse) await rehearseLogged(verifier, fastify.log);
    // The latest checkpoint may not be cosigned yet (the server stopped before it was).
    witnessing.notify();
    await follower.start();
    unkeepSessions = await ctx.sessions.follow();
    await ctx.deadlines.start();
    keysReady = ctx.keys
      .makeAllReady(
        () => ledger.state,
        () => closing,
      )
      .catch((error: unknown) => fastify.log.warn({ err: error }, 'making keys ready failed'));
  });
  fastify.addHook('preClose', async () => ctx.hub.close());
  fastify.addHook('onClose', async () => {
    closing = true;
    await keysReady;
    clearInterval(forgetting);
    await follower.stop();
    await unkeepSessions?.();
    unfollow();
    unsnapshot();
    // A snapshot being written is let finish: the store is closed after the server.
    await ledger.snapshotsSettled();
    await witnessing.close();
    await ctx.deadlines.stop();
    await ctx.queue.drain();
    await verifier.close();
  });
  return fastify;
}

/** Fastify, with the routes' zod schemas as validators, JSON answers, errors, and headers. */
function createFastify(options: ServerOptions): FastifyInstance {
  const refused = refusalsOrPage(options.webRoot ?? DEFAULT_WEB_ROOT);
  const requestTimeout = options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
  // Given to node:http when it makes the server: set on the server after, it is not applied.
  // node:http looks for requests past their time this often (30 s unless told, which would let
  // one overstay its time by a quarter): every 5 s.
  const timing = {
    // A request without Host is refused by the hooks instead, with every header (security.ts).
    requireHostHeader: false,
    requestTimeout,
    connectionsCheckingInterval: Math.min(5_000, Math.ceil(requestTimeout / 4)),
  };
  const fastify = Fastify({
    logger: options.logger ?? false,
    // One line a request, when it is answered (requestLog), instead of two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? DEFAULTS.bodyLimit,
    trustProxy: trustedProxies(options.trustProxy),
    requestTimeout,
    ...(options.https ? { https: { ...options.https, ...timing } } : { http: timing }),
    // Streams of events never go idle: they are ended when the server closes (preClose).
    forceCloseConnections: 'idle',
    // Requests that come while it drains are refused in the API's shape (refusedWhileClosing).
    return503OnClosing: false,
    // Every path parameter is an id, a hash or an index: one longer than any id names nothing.
    routerOptions: { maxParamLength: ID_MAX_LENGTH },
    // The router's own refusals (a path that is not percent-encoded UTF-8, a parameter too long)
    // leave like every other refusal, with the same headers.
    frameworkErrors: (error, request, reply) => {
      setSecurityHeaders(request, reply);
      void refused(error, request, reply);
    },
    // And node:http's, of requests it could not parse.
    clientErrorHandler: answerClientError,
    // Typed as the plain HTTP instance whether or not it serves HTTPS: routes do not differ.
  }) as unknown as FastifyInstance;
  fastify.server.on('connect', refuseConnect);
  fastify.server.on('checkExpectation', refuseExpectation);

  // Requests are checked with the zod schemas the routes declare; answers are written as JSON.
  // A body's fields are named from its top (`files.0.name`), as the acts' refusals name them.
  fastify.setValidatorCompiler(
    ({ schema, httpPart }) =>
      (data) =>
        check(
          schema as unknown as z.ZodType,
          data,
          httpPart === 'body' ? '' : (httpPart ?? 'request'),
        ),
  );
  fastify.setSerializerCompiler(() => (data) => JSON.stringify(data));
  countedJsonBodies(fastify);
  absentBodiesAsEmpty(fastify);
  fastify.setErrorHandler(refused);
  // Told no origin, the server is on loopback (collegium serve requires one otherwise): a page
  // of another site whose name leads here must not read it or act through it.
  securityHeaders(fastify, options.origin === undefined);
  refusedWhileClosing(fastify);
  requestLog(fastify);
  return fastify;
}

/**
 * Behind proxies, those in front are trusted, and no address before them: each proxy appends to
 * X-Forwarded-For the address it saw, so the address before the last proxy trusted is the
 * client's; those before it are the client's to write, and taken for its own address they would
 * let it choose the address every limit per address counts (fastify's `true` took the first).
 * Trusted: so many proxies from the one that connects (true: that one), or those at the
 * addresses given. Fastify's own count of hops trusts no one, not even the one that connects.
 */
function trustedProxies(
  trust: ServerOptions['trustProxy'],
): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === undefined || trust === false) return false;
  if (typeof trust === 'object') return [...trust];
  const hops = trust === true ? 1 : trust;
  return (_address, hop) => hop < hops;
}

/** At `info`, each request in one line once answered: method, URL, status and milliseconds taken. */
function requestLog(fastify: FastifyInstance): void {
  // Not even a hook below `info`: every request would run it for nothing.
  if (!['info', 'debug', 'trace'].includes(fastify.log.level)) return;
  fastify.addHook('onResponse', (request, reply, done) => {
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    const { method, url } = request;
    request.log.info({ method, url, status: reply.statusCode, ms }, 'request');
    done();
  });
  fastify.addHook('preClose', (done) => {
    fastify.log.info('stopping: no new connections; the acts accepted are written, then it exits');
    done();
  });
}

/**
 * A request that comes while the server drains (SIGTERM) is refused, as every refusal is, with
 * the connection closed: its client sends it again, to another instance or to this one restarted.
 */
function refusedWhileClosing(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!closing) return done();
    if (request.raw.httpVersionMajor === 1) void reply.header('connection', 'close');
    void reply.header('retry-after', String(DATABASE_RETRY_AFTER_S));
    done(new ApiError('unavailable', 'the server is stopping: send the request again shortly'));
  });
}

/** What the routes share: the event hub, the group commit, sessions, keys, limits. */
function buildContext(
  options: ServerOptions,
  now: () => number,
  verifier: SignatureVerifier,
  log: FastifyBaseLogger,
  /** Told after each commit: a new checkpoint was signed. */
  recorded: () => void,
  /** The largest file a dispatch may carry. */
  maxBytes: number,
): Context {
  const ledger = options.ledger;
  const demo = options.demo !== undefined;
  const holds = (person: string, key: string | null) =>
    key === null ? demo : holdsKey(ledger.state, person, key);
  const sessions = new Sessions(
    ledger.store.webSessions(),
    now,
    DEFAULTS.sessionIdleMs,
    DEFAULTS.challengeMs,
    holds,
    options.origin?.startsWith('https://') === true,
  );
  const hub = new EventHub(ledger, {
    keepAliveMs: options.keepAliveMs ?? DEFAULTS.keepAliveMs,
    ballotEventMs: options.ballotEventMs ?? DEFAULTS.ballotEventMs,
    ballotEventWrites: options.ballotEventWrites ?? DEFAULTS.ballotEventWrites,
    now,
    streamsPerAddress: options.eventStreamsPerAddress ?? DEFAULTS.eventStreamsPerAddress,
    streams: options.eventStreams ?? DEFAULTS.eventStreams,
    catchUpPage: options.catchUpPage ?? DEFAULTS.catchUpPage,
    catchUpMax: options.catchUpMax ?? DEFAULTS.catchUpMax,
    sessionExpiry: (cookie) => sessions.expiry(cookie),
  });
  const queue = new CommitQueue(
    ledger,
    verifier,
    {
      windowMs: options.commitWindowMs ?? DEFAULTS.commitWindowMs,
      maxBatch: options.commitMaxBatch ?? DEFAULTS.commitMaxBatch,
    },
    (acts) => {
      hub.publish(acts);
      deadlines.rearm();
      recorded();
    },
  );
  const deadlines = new DeadlineCloser(ledger, queue, {
    now,
    sharedNow: () => databaseNow(ledger.store),
    maxWaitMs: options.deadlineCheckMs ?? DEFAULTS.deadlineCheckMs,
    retryMs: DEFAULTS.deadlineRetryMs,
    log,
  });
  const keys = new PersonKeys();
  // A stream read under a session ends with it.
  sessions.whenEnded((cookie) => hub.sessionEnded(cookie));
  return {
    ledger,
    demo,
    sessions,
    keys,
    acting: new Acting(ledger, keys, { demo, now, skewMs: DEFAULTS.timeSkewMs }),
    queue,
    hub,
    deadlines,
    now,
    loginsPerMinute: options.loginsPerMinute ?? DEFAULTS.loginsPerMinute,
    refusedActs: new RefusedActs(
      options.refusedActsPerMinute ?? DEFAULTS.refusedActsPerMinute,
      now,
    ),
    invitationMs: DEFAULTS.invitationMs,
    bodyLimit: options.bodyLimit ?? DEFAULTS.bodyLimit,
    amendmentBodyLimit: options.amendmentBodyLimit ?? DEFAULTS.amendmentBodyLimit,
    maxAttachmentBytes: maxBytes,
    // One file of the largest size, in base64, with the rest of the act.
    attachmentBodyLimit: 4 * Math.ceil(maxBytes / 3) + (options.bodyLimit ?? DEFAULTS.bodyLimit),
    bundles: {
      maxEntries: options.bundleMaxEntries ?? DEFAULTS.bundleMaxEntries,
      perMinute: options.bundlesPerMinute ?? DEFAULTS.bundlesPerMinute,
    },
    origin: (request) => options.origin ?? `${request.protocol}://${request.host}`,
  };
}

/** The cookie and rate-limit plugins, then the API: its access check, its document, its routes. */
function registerApi(fastify: FastifyInstance, ctx: Context): void {
  void fastify.register(fastifyCookie);
  // Counted in the database: every instance of the record shares each limit.
  void fastify.register(fastifyRateLimit, {
    global: false,
    store: sharedRateLimitStore(ctx.ledger.store.webSessions(), ctx.now),
  });
  void fastify.register(async (api) => {
    // Acts are counted as they arrive, before the access check reads their sessions.
    api.addHook('onRequest', countActsComing(ctx.queue));
    // In this context, after the cookie plugin's own hook has read the cookies.
    api.addHook('onRequest', checkAccess(ctx));
    openApi(api, () => ({ title: 'Collegium', version: '1' }));
    apiRoutes(api, ctx);
  });
}

/** How the ledger opened, and the snapshots it writes: a snapshot refused or not written is a warning. */
function logSnapshot(log: FastifyBaseLogger, event: SnapshotEvent): void {
  if (event.kind === 'opened') {
    const { rejected, writeFailed, ...report } = event.report;
    if (rejected)
      log.warn(
        { snapshot: rejected, ...report },
        `the latest snapshot (size ${rejected.size}) was not used: ${rejected.reason}; the state was folded from entry 0`,
      );
    else log.info({ ...report }, 'record opened');
    if (writeFailed) log.warn({ reason: writeFailed }, 'no snapshot written on opening');
  } else if (event.kind === 'written') log.info({ snapshot: event }, 'snapshot written');
  else log.warn({ snapshot: event }, `snapshot of size ${event.size} not written: ${event.reason}`);
}

/**
 * An act is refused once its time is further than the allowed skew from the clock, so its
 * signature need not be remembered after that (with one skew more to spare): the act is
 * accepted once, ever, all the same.
 */
function forgetAcceptedActs(
  fastify: FastifyInstance,
  ledger: Ledger,
  now: () => number,
): NodeJS.Timeout {
  return setInterval(() => {
    ledger.forgetAccepted(now() - DEFAULTS.timeSkewMs).catch((error: unknown) => {
      fastify.log.warn({ err: error }, 'accepted acts not forgotten yet');
    });
  }, DEFAULTS.timeSkewMs).unref();
}
