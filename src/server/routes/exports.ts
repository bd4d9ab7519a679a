/**
 * The record as CSV for the people who work with numbers: GET /api/exports/votes.csv,
 * decisions.csv and attendance.csv, of one session, one body or between two days, as
 * `collegium export` writes them (app/exports.ts). Downloads, read as every read is.
 */
import type { FastifyInstance } from 'fastify';
import { exportQuery } from '../../api/decisions.js';
import type { ExportQuery } from '../../api/decisions.js';
import { EXPORT_TABLES, exportCsv, exportFileName } from '../../app/exports.js';
import type { ExportTable } from '../../app/exports.js';
import { withoutUndefined } from '../../core/json.js';
import type { Context } from '../context.js';
import { contentDisposition } from './dispatches.js';
import { READER } from './reading.js';

const SUMMARY: Readonly<Record<ExportTable, string>> = {
  votes:
    'the ballots of closed votes as CSV, one row per ballot: session, body, date, motion, voter and name, choice, the proxy holder who cast it, time (sessions recorded live), entry, the voter’s seat (a candidate’s ballot is no vote)',
  decisions:
    'the decisions taken as CSV, one row per decision: session or circulation, body, date, motion, text, outcome, counts, explanation in words, ratification, entry, what the minutes state and the flags',
  attendance:
    'attendance as CSV, one row per person per session: present, also present (without a seat on the body), excused or absent, arrival and departure, entry, seat (voting member, or candidate: a voice and no vote)',
};

/** The three CSV downloads, one route each (their names are the files'). */
export function exportRoutes(fastify: FastifyInstance, ctx: Context): void {
  for (const table of EXPORT_TABLES)
    fastify.get<{ Querystring: ExportQuery }>(
      `/api/exports/${table}.csv`,
      {
        schema: { summary: SUMMARY[table], tags: ['reading'], querystring: exportQuery },
        config: { ...READER, produces: 'text/csv' },
      },
      async (request, reply) => {
        const filter = withoutUndefined(request.query);
        const csv = exportCsv(ctx.ledger.state, table, filter);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', contentDisposition(exportFileName(table, filter)))
          .header('x-content-type-options', 'nosniff')
          .send(csv);
      },
    );
}
