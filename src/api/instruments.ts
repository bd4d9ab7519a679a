/**
 * The instruments API as the server answers it and the web reads it: the queries the register
 * takes and the shapes of what GET /api/instruments, GET /api/instruments/:id and GET /api/queue
 * answer, as zod schemas (the server validates and documents with them, the web infers its types
 * from them). The fields an instrument carries from its draft are the draft payload's own
 * schemas (core/payloads.ts): what the record takes is what the API shows. Optional fields are
 * left out when absent. Imports nothing that needs Node: the browser bundles it.
 */
import { z } from 'zod';
import { CHANNELS } from '../core/acts.js';
import { isId } from '../core/id-rule.js';
import { ACT_PAYLOADS, hex64, id, text } from '../core/payloads.js';
import { INSTRUMENT_STATUSES } from '../core/state/model.js';

const draft = ACT_PAYLOADS['instrument.draft'].shape;

/** A decision an instrument rests on or is revoked or annulled by: a motion or a circulation. */
export const decisionRef = ACT_PAYLOADS['instrument.annul'].shape.by;

export const instrumentStatus = z.enum(INSTRUMENT_STATUSES);

/**
 * The name of a question: a dispatch id, a circulation id or SESSION/MOTION. Anything but ids
 * names none, and is refused as such, not echoed back (a control, a change of direction) as a
 * name the record lacks.
 */
export const questionName = z
  .string()
  .min(1)
  .max(130)
  .refine(
    (name) => name.split('/').every(isId),
    'a dispatch id, a circulation id or SESSION/MOTION, of ids: lowercase letters, digits, ".", "_" or "-"',
  );

/**
 * A kind of instrument a body issues, as GET /api/organization lists it under each body (what a
 * draft form offers): its formula, who signs it, and whether it rests on a decision.
 */
export const instrumentKind = z.strictObject({
  kind: id,
  formula: z.string().nullable(),
  rule: z.string().describe('who signs, in words'),
  order: z.enum(['any', 'as-listed']),
  atLeast: z.int(),
  signers: z.array(id).describe('everyone the rule names, in its order'),
  restsOn: z.enum(['decision', 'none']),
});
export type InstrumentKind = z.infer<typeof instrumentKind>;

/** GET /api/instruments: filters, each optional, all of them applied. */
export const instrumentQuery = z.strictObject({
  body: id.optional().describe('the body whose register'),
  kind: id.optional().describe('the kind of instrument: mandate, receipt, resolution…'),
  state: instrumentStatus.optional(),
  question: questionName
    .optional()
    .describe(
      'only instruments on this question: a dispatch id, a circulation id or SESSION/MOTION',
    ),
  text: text(200)
    .optional()
    .describe(
      'words that must all appear (in any case) in the id, number, text, addressee or kind',
    ),
});
export type InstrumentQuery = z.infer<typeof instrumentQuery>;

/** One signature, in the order given. */
export const instrumentSignature = z.strictObject({
  signer: id,
  signerName: z.string(),
  recordedBy: id.optional().describe('the officer who recorded it for the signer'),
  recordedByName: z.string().optional(),
  channel: z.enum(CHANNELS).optional().describe('how a recorded signature was given'),
  index: z.int().describe('the entry that records it'),
  time: z.string(),
  ownKey: z.boolean().describe('signed by the signer themself (not recorded by an officer)'),
});
export type InstrumentSignature = z.infer<typeof instrumentSignature>;

/** An instrument as a register lists it. */
export const instrumentSummary = z.strictObject({
  id,
  body: id,
  bodyName: z.string(),
  kind: id,
  number: draft.number,
  date: draft.date,
  to: draft.to,
  text: draft.text,
  status: instrumentStatus,
  formula: z.string().optional().describe('the words before the signatures, from the charter'),
  signatureLine: z
    .string()
    .describe('the formula and the signatures as the document prints them, recorded ones said so'),
  signatures: z.array(instrumentSignature),
  inForce: z.boolean().describe('issued, and neither revoked, settled, annulled nor expired today'),
  flags: z.array(z.string()).describe('what a transcription from minutes records against the rule'),
  draftedAt: z.int().describe('the entry that records the draft'),
});
export type InstrumentSummary = z.infer<typeof instrumentSummary>;

/** What became of an instrument after its draft: issued, revoked, settled, annulled. */
const lifeEvent = z.strictObject({
  index: z.int(),
  by: id.nullable().describe('null: the organization, transcribing minutes'),
  byName: z.string().nullable(),
  date: z.string().optional(),
  reason: z.string().optional(),
});

/** The decision that revoked or annulled it, in words. */
const decisionNamed = z.string().optional().describe('the decision in words');

/** The charter's signing rule for the instrument's kind, and where the signatures stand. */
export const signingRule = z.strictObject({
  inWords: z.string(),
  order: z.enum(['any', 'as-listed']),
  atLeast: z.int(),
  met: z.boolean(),
  explanation: z.string(),
  signers: z.array(id).describe('everyone the rule names, in its order'),
});

export const instrumentView = instrumentSummary.extend({
  content: hex64.describe('SHA-256 of the draft payload (RFC 8785): what a signature names'),
  nextAfter: hex64
    .nullable()
    .describe('what the next signature names as `after`: the last signature’s link, or null'),
  mode: draft.mode,
  holder: draft.holder,
  holderName: z.string().optional(),
  scope: draft.scope,
  until: draft.until,
  amount: draft.amount,
  from: draft.from,
  fromName: z.string().optional(),
  restsOn: decisionRef.optional(),
  restsOnText: z.string().optional().describe('the text of the decision it rests on'),
  restsOnNamed: z
    .string()
    .optional()
    .describe('the decision it rests on in words: its motion and session, or its question'),
  answers: draft.answers.describe('the dispatch it answers'),
  attachments: draft.attachments.unwrap().describe('files kept beside the record, by SHA-256'),
  rule: signingRule
    .nullable()
    .describe('null when the charter at its draft named no such kind (minutes)'),
  mayNowSign: z.array(id).describe('who may sign next, in the rule’s order'),
  issued: lifeEvent.optional(),
  revoked: lifeEvent.extend({ decision: decisionRef.optional(), decisionNamed }).optional(),
  settled: lifeEvent.optional(),
  annulled: lifeEvent
    .extend({ decision: decisionRef, decisionNamed, supersededBy: id.optional() })
    .optional(),
  draftedBy: id.nullable(),
  draftedByName: z.string().nullable(),
  draftedTime: z.string(),
  verifyUrl: z.string().describe('where the web app verifies it: /verify?instrument=ID'),
});
export type InstrumentView = z.infer<typeof instrumentView>;

export const instrumentRegister = z.strictObject({ instruments: z.array(instrumentSummary) });
export type InstrumentRegister = z.infer<typeof instrumentRegister>;

/** An instrument awaiting the signed-in member's signature: what they sign, and their place. */
export const queuedInstrument = instrumentSummary.extend({
  content: hex64,
  nextAfter: hex64.nullable(),
  position: z
    .int()
    .min(1)
    .describe(
      '1 plus the number of those listed before the member in the rule who could sign it now (not those who signed; as listed, not those before the latest signature)',
    ),
});
export type QueuedInstrument = z.infer<typeof queuedInstrument>;

export const signingQueue = z.strictObject({ instruments: z.array(queuedInstrument) });
export type SigningQueue = z.infer<typeof signingQueue>;

/** The live event of every instrument.* act: where the instrument stands now. */
export const instrumentEvent = z.strictObject({
  id,
  status: instrumentStatus,
  signatures: z.int().describe('how many it has'),
});
export type InstrumentEvent = z.infer<typeof instrumentEvent>;
