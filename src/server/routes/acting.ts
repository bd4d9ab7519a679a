/** Acting: every act goes through POST /api/acts, and the live events come out of GET /api/events. */
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../core/errors.js';
import { exactSize, plural } from '../../core/words.js';
import { signedIn } from '../context.js';
import type { Context } from '../context.js';
import type { CommitQueue } from '../commit.js';
import type { SentClose } from '../acting.js';
import { ApiError, refuse } from '../errors.js';
import { receivedBytes } from '../json-bodies.js';
import { actBody, index, receipt } from '../schemas.js';
import { ACTS_WITH_FILES, filesToStore, withFiles } from '../sent-files.js';
import type { ActBody } from '../schemas.js';

/** The acts received and not yet submitted, each counted from the moment it arrives. */
const actsComing = new WeakMap<FastifyRequest, () => void>();

/**
 * The hook that counts each act as it arrives (CommitQueue.expect), before its session is read:
 * registered ahead of the access check. An act refused before it is submitted is no longer
 * counted once its answer is sent, or its connection closed.
 */
export function countActsComing(queue: CommitQueue): onRequestHookHandler {
  return (request, reply, done) => {
    if (request.method === 'POST' && request.routeOptions.url === '/api/acts') {
      const submitted = queue.expect();
      actsComing.set(request, submitted);
      reply.raw.once('close', submitted);
    }
    done();
  };
}

export function actingRoutes(fastify: FastifyInstance, ctx: Context): void {
  fastify.post<{ Body: ActBody }>(
    '/api/acts',
    {
      schema: {
        summary:
          'records an act by the signed-in member, signed on their device (time, sig) with the key they signed in with; in demo mode unsigned acts are signed by the server. Answers the receipt',
        tags: ['acting'],
        body: actBody,
        response: { 201: receipt },
      },
      config: { access: 'person', tooLarge: tooLargeAct(ctx) },
      // An amendment carries a whole charter, a dispatch or a draft its files: the route takes that much,
      // and refuses any other act past the server's usual limit (checkSize).
      bodyLimit: Math.max(ctx.amendmentBodyLimit, ctx.attachmentBodyLimit),
    },
    async (request, reply) => {
      // A member whose acts keep being refused is refused at once for a while (refused-acts.ts).
      const { person } = signedIn(request);
      ctx.refusedActs.admit(person);
      try {
        return await recordAct(ctx, request, reply);
      } catch (error) {
        ctx.refusedActs.refused(person, error);
        throw error;
      }
    },
  );

  fastify.get<{ Querystring: { lastEventId?: number } }>(
    '/api/events',
    {
      schema: {
        summary:
          'live events (text/event-stream): attendance, motion, vote-opened, ballot, decision, session, organization (the charter amended, a key enrolled or revoked), proxies, circulation, dispatch, instrument, notice (a session convened), minutes (signed or objected to); each id is the index of the entry behind it. Send Last-Event-ID (or ?lastEventId=) to receive what was missed',
        tags: ['events'],
        querystring: z.strictObject({ lastEventId: index.optional() }),
      },
      config: { access: 'reader' },
      // A HEAD would open a stream that sends nothing and holds one of the address's places.
      exposeHeadRoute: false,
    },
    async (request, reply) => {
      await ctx.hub.connect(request, reply, lastEventHeader(request) ?? request.query.lastEventId);
    },
  );
}

/** Records the act sent, and answers its receipt; throws its refusal. */
async function recordAct(
  ctx: Context,
  request: FastifyRequest<{ Body: ActBody }>,
  reply: FastifyReply,
) {
  const { type, payload, time, sig, actor, files } = request.body;
  checkSize(request, ctx, { type, payload, files: files !== undefined && files.length > 0 });
  const act = ctx.acting.act(type, payload);
  await ctx.acting.checkCloseByClocks(act);
  const stored = await filesToStore(ctx.ledger.store, ctx.maxAttachmentBytes, act, files);
  try {
    const submission = ctx.acting.submission(signedIn(request), act, { time, sig, actor });
    actsComing.get(request)?.();
    const recorded = await ctx.queue.submit(withFiles(submission, stored));
    void reply.code(201);
    return recorded;
  } catch (error) {
    // A vote.close's payload was checked by its schema (ctx.acting.act above).
    const sent = payload as unknown as SentClose;
    const signedOver = () =>
      ctx.acting.closeSignedOver(signedIn(request), sent, { time, sig, actor });
    throw signedCloseChanged(type, sig, error, signedOver) ?? error;
  }
}

/** An act larger than the route takes at all, refused with the limits that matter to its sender. */
function tooLargeAct(ctx: Context): string {
  const most = Math.max(ctx.amendmentBodyLimit, ctx.attachmentBodyLimit);
  return `the act is larger than the server takes: a file it carries may have at most ${exactSize(ctx.maxAttachmentBytes)}, and the act with its files ${exactSize(most)} as sent (files in base64)`;
}

/** The Last-Event-ID a reconnecting stream sends; refused, as the query's is, if it is no index. */
function lastEventHeader(request: FastifyRequest): number | undefined {
  const header = request.headers['last-event-id'];
  if (typeof header !== 'string' || header === '') return undefined;
  if (!/^\d{1,15}$/.test(header))
    refuse('invalid-input', 'Last-Event-ID: not an event id (the index of an entry)');
  return Number(header);
}

/**
 * A close signed on the device over a decision that is no longer the one its rule gives (a vote's
 * signature then does not verify, a circulation's decision differs): the client asks again. A
 * vote's close that verifies over neither that decision nor the one sent with it is no one's.
 */
function signedCloseChanged(
  type: string,
  sig: string | undefined,
  error: unknown,
  signedOverSent: () => boolean,
) {
  if (!sig || !(error instanceof DomainError)) return undefined;
  if (type === 'vote.close' && error.code === 'unauthenticated')
    return signedOverSent()
      ? new ApiError(
          'conflict',
          'the decision is not the one signed: it changed since GET …/closing, ask again and sign that',
        )
      : new ApiError(
          'unauthenticated',
          'the signature verifies over neither the decision closing the vote gives now nor the decision sent with it: sign the payload GET …/closing gives, and send it whole',
        );
  if (type === 'circulation.close' && error.code === 'charter-rule')
    return new ApiError(
      'conflict',
      `the decision signed is no longer the one the rule gives (${error.message}): read the circulation again and sign its decision`,
    );
  return undefined;
}

/**
 * Refuses an act larger than the server's usual body limit unless it carries an amended charter
 * (as large as a charter file) or files (a dispatch's or a draft's: as large as the largest file,
 * in base64). The act beside its files is held to the usual limit: files lift it for themselves.
 */
function checkSize(
  request: FastifyRequest,
  ctx: Context,
  act: { type: string; payload: Record<string, unknown>; files: boolean },
): void {
  const size = receivedBytes(request);
  if (act.type === 'motion.propose' && act.payload['amends'] !== undefined) {
    if (size > ctx.amendmentBodyLimit)
      refuse(
        'too-large',
        `a motion of ${size} bytes: an amended charter may take ${ctx.amendmentBodyLimit}`,
      );
    return;
  }
  if (ACTS_WITH_FILES.has(act.type) && act.files) {
    if (size > ctx.attachmentBodyLimit)
      refuse(
        'too-large',
        `an act of ${size} bytes with its files: the files of one act may take ${ctx.attachmentBodyLimit} bytes in base64 (each file at most ${plural(ctx.maxAttachmentBytes, 'byte')})`,
      );
    const withoutFiles = Buffer.byteLength(
      JSON.stringify({ ...(request.body as object), files: [] }),
    );
    if (withoutFiles > ctx.bodyLimit)
      refuse(
        'too-large',
        `an act of ${withoutFiles} bytes beside its files: only its files may take it past ${ctx.bodyLimit}`,
      );
    return;
  }
  if (size > ctx.bodyLimit)
    refuse(
      'too-large',
      `an act of ${size} bytes: only a motion that amends the charter may be larger than ${ctx.bodyLimit} (or an act with its files)`,
    );
}
