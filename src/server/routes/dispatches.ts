/**
 * The register of dispatches: the incoming requests of each body, one dispatch, and the files
 * they carry, kept beside the record by their SHA-256. Dispatches are registered, referred and
 * closed through POST /api/acts (with their files, see sent-files.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { dispatchOf } from '../../core/state/index.js';
import { dispatchRegister } from '../../app/registers.js';
import type { Context } from '../context.js';
import { attachmentName, dispatchView } from '../dispatch-views.js';
import { refuse } from '../errors.js';
import { keptFileProblem } from '../../app/attachments.js';
import { attachmentParams, dispatchQuery, idParams } from '../schemas.js';
import { READER } from './reading.js';

export function dispatchRoutes(fastify: FastifyInstance, ctx: Context): void {
  fastify.get<{ Querystring: z.infer<typeof dispatchQuery> }>(
    '/api/dispatches',
    {
      schema: {
        summary:
          'the register of dispatches, in record order: open (not closed), registered, referred or closed; of one body; searched for words',
        tags: ['reading'],
        querystring: dispatchQuery,
      },
      config: READER,
    },
    async (request) => {
      const { state: which, body, q } = request.query;
      const state = ctx.ledger.state;
      return dispatchRegister(state, { state: which, body, text: q }).map((d) =>
        dispatchView(state, d),
      );
    },
  );

  fastify.get<{ Params: { id: string } }>(
    '/api/dispatches/:id',
    {
      schema: {
        summary:
          'a dispatch: its number, sender, text and attachments, its referrals, the circulations and motions put on it',
        tags: ['reading'],
        params: idParams,
      },
      config: READER,
    },
    async (request) => {
      const state = ctx.ledger.state;
      return dispatchView(state, dispatchOf(state, request.params.id));
    },
  );

  fastify.get<{ Params: { hash: string } }>(
    '/api/attachments/:hash',
    {
      schema: {
        summary:
          'a file a dispatch or an instrument carries, by the hex SHA-256 its entry names: its bytes, as a download',
        tags: ['reading'],
        params: attachmentParams,
      },
      config: READER,
    },
    async (request, reply) => {
      const { hash } = request.params;
      const bytes = await ctx.ledger.store.attachment(hash);
      if (!bytes) refuse('not-found', `the record keeps no file with sha256 ${hash}`);
      // Never served as the file its entry names: bytes changed behind the record's back.
      const problem = keptFileProblem(hash, bytes);
      if (problem) refuse('record-damaged', `${problem}; collegium audit names every such file`);
      const name = attachmentName(ctx.ledger.state, hash) ?? hash;
      return reply
        .type('application/octet-stream')
        .header('content-disposition', contentDisposition(name))
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );
}

const LONE_SURROGATE = /\p{Surrogate}/gu;

/** A download under its name: plain ASCII for old clients, and the name itself (RFC 6266). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\;]/g, '_');
  // RFC 8187 takes fewer characters bare than encodeURIComponent leaves: ' ( ) * are encoded too.
  // A lone half of a surrogate pair has no UTF-8 (encodeURIComponent throws): an old record's
  // name may hold one, written before texts were checked.
  const encoded = encodeURIComponent(name.replace(LONE_SURROGATE, '\ufffd')).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
