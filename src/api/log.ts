/**
 * The log's entries as GET /api/log answers them and the web reads them: each entry's exact bytes,
 * its parsed form, and what it acts on named in words, as zod schemas (the server documents with
 * them, the web infers its types from them). Imports nothing that needs Node: the browser
 * bundles it.
 */
import { z } from 'zod';

/**
 * What an entry acts on, in words, keyed by the payload's field that holds its id: a motion by
 * its number and text in its session, a question by its text, an instrument by its kind, number
 * and body, a proxy by who gave it to whom, a dispatch by its number and sender. Only the fields
 * the entry has; a page shows these, and the ids only where someone needs them to act.
 */
export const entryNamed = z.strictObject({
  session: z.string().optional().describe('the session, by its body, day and title'),
  motion: z.string().optional().describe('the motion, by its number and text in its session'),
  decision: z.string().optional().describe('the decision an invitation rests on'),
  circulation: z.string().optional().describe('the question put between sessions'),
  instrument: z.string().optional().describe('the instrument, by its kind, number and body'),
  supersededBy: z.string().optional().describe('the instrument that supersedes it'),
  grant: z.string().optional().describe('the proxy, by who gave it to whom and for what'),
  dispatch: z.string().optional().describe('the dispatch, by its number and sender'),
});
export type EntryNamed = z.infer<typeof entryNamed>;

/** An entry as its bytes parse (record/proof-formats.ts RecordEntry). */
const recordEntry = z.object({
  v: z.int(),
  index: z.int(),
  org: z.string(),
  prev: z.string().nullable(),
  time: z.string(),
  type: z.string(),
  actor: z.string().nullable(),
  signer: z.string().nullable(),
  key: z.string(),
  payload: z.record(z.string(), z.unknown()),
  sig: z.string(),
});

/** GET /api/log: a page of entries; a ballot of an open vote whose tally is hidden is withheld. */
export const logPage = z.strictObject({
  size: z.int().describe('how many entries the log has'),
  entries: z.array(
    z.union([
      z.strictObject({
        index: z.int(),
        leaf: z.string().describe('base64 of the entry’s bytes, the Merkle leaf'),
        entry: recordEntry,
        named: entryNamed,
      }),
      z.strictObject({
        index: z.int(),
        leaf: z.null(),
        entry: z.null(),
        withheld: z.string().describe('why it is withheld, and until when'),
      }),
    ]),
  ),
});
export type LogPage = z.infer<typeof logPage>;
export type LogEntry = LogPage['entries'][number];
