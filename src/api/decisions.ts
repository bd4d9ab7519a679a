/**
 * The register of decisions as the server answers it and the web reads it: the query GET
 * /api/decisions takes, the query of the CSV exports, and the shape of a decision in the
 * register, as zod schemas (the server validates and documents with them, the web infers its
 * types from them). Optional fields are left out when absent. Imports nothing that needs Node:
 * the browser bundles it.
 */
import { z } from 'zod';
import { isIsoDay } from '../core/calendar.js';
import { id, text } from '../core/payloads.js';
import { decisionRef } from './instruments.js';

/** A day as ISO 8601 writes it, checked against the calendar. */
export const isoDay = z
  .string()
  .max(10)
  .refine(isIsoDay, 'a day of the calendar, as 2027-11-20')
  .describe('a day, as 2027-11-20');

/** GET /api/decisions: filters, each optional, all of them applied. */
export const decisionQuery = z.strictObject({
  body: id.optional().describe('the body that decided'),
  from: isoDay.optional().describe('taken on this day or after (the session’s or circulation’s)'),
  to: isoDay.optional().describe('taken on this day or before'),
  outcome: text(100)
    .optional()
    .describe('adopted, rejected, not-decided, advisory, or the alternative chosen'),
  text: text(200)
    .optional()
    .describe(
      'words that must all appear (in any case) in its text or its session, motion or circulation id',
    ),
});
export type DecisionQuery = z.infer<typeof decisionQuery>;

/** GET /api/exports/*.csv: what the export covers, each optional. */
export const exportQuery = z.strictObject({
  session: id.optional().describe('one session (404 not-found when the record has none such)'),
  body: id.optional().describe('one body'),
  from: isoDay.optional().describe('sessions and decisions of this day or after'),
  to: isoDay.optional().describe('of this day or before'),
});
export type ExportQuery = z.infer<typeof exportQuery>;

/** A decision taken, as the register lists it. */
export const registeredDecision = z.strictObject({
  ref: decisionRef,
  body: id,
  bodyName: z.string(),
  /** For a motion: the title of its session, else its id. */
  sessionTitle: z.string().optional(),
  date: z.string().describe('the session’s own date, or the circulation’s'),
  text: z.string(),
  outcome: z.string(),
  explanation: z.string().describe('the outcome in words a person can check'),
  tally: z.record(z.string(), z.int()),
  ratification: z.enum(['provisional', 'ratified', 'annulled']).optional(),
  index: z.int().describe('the entry that put the question'),
  entry: z.int().describe('the entry that recorded the decision'),
});
export type RegisteredDecision = z.infer<typeof registeredDecision>;

/** GET /api/decisions: each decision also named in words (its motion and session, or its question). */
export const decisionRegister = z.strictObject({
  decisions: z.array(
    registeredDecision.extend({
      named: z.string().describe('in words: its motion and session, or the question put'),
    }),
  ),
});
export type DecisionRegister = z.infer<typeof decisionRegister>;
