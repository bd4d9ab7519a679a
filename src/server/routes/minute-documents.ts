/**
 * The minutes of a session as files to download: Markdown, HTML and PDF, their proof links on
 * this server's web app (the origin the request was made to, unless configured).
 */
import type { FastifyInstance } from 'fastify';
import {
  MINUTES_FORMATS,
  minutesFileName,
  minutesStyleSource,
  renderMinutes,
} from '../../app/documents/index.js';
import type { MinutesFormat } from '../../app/documents/index.js';
import { minutesOf } from '../../app/minutes.js';
import type { Context } from '../context.js';
import { idParams } from '../schemas.js';
import { CONTENT_SECURITY_POLICY } from '../security.js';
import { contentDisposition } from './dispatches.js';
import { READER } from './reading.js';

const SUMMARIES: Readonly<Record<MinutesFormat, string>> = {
  md: 'the minutes of a session as Markdown, as a download',
  html: 'the minutes of a session as a standalone HTML document (print stylesheet), as a download',
  pdf: 'the minutes of a session as PDF (pages numbered, QR codes of the proof links), as a download',
};

/** The server's policy, allowing the minutes' own stylesheet (inline, by its hash) besides. */
const HTML_POLICY = CONTENT_SECURITY_POLICY.replace(
  "style-src 'self'",
  `style-src 'self' ${minutesStyleSource()}`,
);

export function minuteDocumentRoutes(fastify: FastifyInstance, ctx: Context): void {
  for (const format of MINUTES_FORMATS) minutesFileRoute(fastify, ctx, format);
}

function minutesFileRoute(fastify: FastifyInstance, ctx: Context, format: MinutesFormat): void {
  fastify.get<{ Params: { id: string } }>(
    `/api/sessions/:id/minutes.${format}`,
    {
      schema: { summary: SUMMARIES[format], tags: ['reading'], params: idParams },
      config: READER,
    },
    async (request, reply) => {
      const session = request.params.id;
      const doc = await minutesOf(ctx.ledger.state, ctx.ledger.store, session);
      const file = await renderMinutes(doc, format, { proofBase: ctx.origin(request) });
      void reply
        .type(file.contentType)
        .header('content-disposition', contentDisposition(minutesFileName(session, format)));
      if (format === 'html') void reply.header('content-security-policy', HTML_POLICY);
      const data = file.data;
      return reply.send(
        typeof data === 'string'
          ? data
          : Buffer.from(data.buffer, data.byteOffset, data.byteLength),
      );
    },
  );
}
