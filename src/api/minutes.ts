/**
 * The minutes of a session as GET /api/sessions/:id/minutes answers them and the web's minutes
 * page reads them: the one document model every rendering renders (core/minutes/document.ts), as
 * a zod schema (the server documents with it, the web infers its types from it; a compile-time
 * check below keeps the two the same shape). Optional fields are left out when absent. Imports
 * nothing that needs Node: the browser bundles it.
 */
import { z } from 'zod';
import type { MinutesDocument as CoreMinutesDocument } from '../core/minutes/document.js';
import { ACT_PAYLOADS, hex64 } from '../core/payloads.js';
import { decisionRef } from './instruments.js';

const attachment = ACT_PAYLOADS['instrument.draft'].shape.attachments.unwrap().element;

export const personRef = z.strictObject({ id: z.string(), name: z.string() });
/** A member of the body: `candidate` where they have a voice and no vote. */
const memberRef = personRef.extend({ candidate: z.literal(true).optional() });

export const minutesStatus = z
  .enum(['in-progress', 'draft', 'approved'])
  .describe('the session still sitting, closed and not approved, or approved');

const agendaItem = z.strictObject({
  n: z.int(),
  item: z.string(),
  title: z.string(),
  motion: z.string().optional().describe('the drafted wording'),
  attachments: z.array(attachment),
  motions: z.array(z.string()).describe('the motions put under it, by id'),
});

const movement = z.strictObject({
  person: personRef,
  kind: z.enum(['arrive', 'depart']),
  time: z.string().optional().describe('for a session recorded live only'),
  beforeMotion: z.string().optional(),
  entry: z.int(),
});

const choice = z.strictObject({
  choice: z.string(),
  label: z.string().describe('"Ayes", "Nays", "Abstaining", …, or the alternative'),
  count: z.int(),
  voters: z.array(personRef.extend({ byProxy: personRef.optional() })),
});

const item = z.strictObject({
  n: z.int(),
  motion: z.string(),
  item: z.string().optional().describe('the agenda item it was put under'),
  text: z.string(),
  proposer: personRef.optional(),
  kind: z.string().optional(),
  alternatives: z.array(z.string()).optional(),
  notes: z.array(z.string()).describe('what it continues, ratifies, answers or carries, in words'),
  status: z.enum(['proposed', 'open', 'closed']),
  quorum: z.string().optional().describe('when the vote opened, in words'),
  vote: z
    .strictObject({ byName: z.boolean(), choices: z.array(choice) })
    .optional()
    .describe('the ballots by name where recorded, else the counts'),
  casting: z.string().optional(),
  decision: z
    .strictObject({
      outcome: z.string(),
      explanation: z.string().describe('the outcome in words a person can check'),
      stated: z.string().optional(),
      flags: z.array(z.string()),
      ratification: z.string().optional(),
    })
    .optional(),
  entries: z.strictObject({
    proposed: z.int(),
    opened: z.int().optional(),
    closed: z.int().optional(),
  }),
});

const instrument = z.strictObject({
  id: z.string(),
  number: z.string(),
  kind: z.string(),
  formula: z.string().optional(),
  to: z.string().optional(),
  text: z.string(),
  status: z.string(),
  signatures: z.array(personRef),
  restsOn: z.string().optional().describe('the decision of this session it rests on'),
  duringSession: z.boolean(),
  entry: z.int(),
});

const approval = z.strictObject({
  content: hex64.describe('SHA-256 of the minutes’ content: what approval and signatures cover'),
  approved: z
    .strictObject({
      by: decisionRef,
      decision: z.string().describe('the approving decision, in words'),
      body: personRef,
      date: z.string().describe('the approving session’s day or the circulation’s close'),
      entry: z.int(),
      provisional: z
        .string()
        .optional()
        .describe('while the approving decision awaits ratification: by whom, in words'),
    })
    .optional(),
  pending: z.array(z.string()).describe('decisions put to approve them, not (yet) adopted'),
  signatures: z.array(
    z.strictObject({
      signer: personRef,
      role: z.string().describe('"chair", "secretary" or "chair and secretary"'),
      recordedBy: personRef.optional(),
      time: z.string().describe('when recorded, or the day the minutes give where transcribed'),
      entry: z.int(),
    }),
  ),
  unsigned: z.array(personRef).describe('who signs and has not yet'),
  anyOneSigns: z
    .literal(true)
    .optional()
    .describe('any one of those unsigned signs for all: the body has no chair or secretary'),
  objections: z.array(
    z.strictObject({
      member: personRef,
      text: z.string(),
      time: z.string(),
      entry: z.int(),
    }),
  ),
});

/** GET /api/sessions/:id/minutes. */
export const minutesDocument = z.strictObject({
  format: z.literal('collegium-minutes/1'),
  status: minutesStatus,
  organization: z.strictObject({ id: z.string(), name: z.string() }),
  body: personRef,
  session: z.strictObject({
    id: z.string(),
    title: z.string().optional(),
    date: z.string().describe('the session’s own date (for history, the historical one)'),
    place: z.string().optional(),
    mode: z.enum(['live', 'minutes']),
    chair: personRef.optional(),
    secretary: personRef.optional(),
    openedTime: z.string().optional().describe('for a session recorded live only'),
    closedTime: z.string().optional(),
    opened: z.int(),
    closed: z.int().optional(),
  }),
  notice: z.strictObject({ noticed: z.string(), date: z.string(), entry: z.int() }).optional(),
  flags: z.array(z.string()).describe('what the record holds against the charter'),
  attendance: z.strictObject({
    present: z.array(memberRef).describe('members of the body who attended'),
    alsoPresent: z.array(personRef).describe('others who attended: guests, reporters'),
    absent: z.array(memberRef),
    excused: z.array(memberRef.extend({ reason: z.string().optional() })),
    movements: z.array(movement),
  }),
  agenda: z.array(agendaItem),
  items: z.array(item),
  instruments: z.array(instrument),
  approval,
  appendix: z.strictObject({
    logKey: z.string().describe('the log’s verifier key (C2SP signed-note)'),
    checkpoint: z.string().optional().describe('the latest signed checkpoint, as its note text'),
    treeSize: z.int(),
    proofs: z.array(z.strictObject({ label: z.string(), entry: z.int() })),
  }),
});
export type MinutesDocument = z.infer<typeof minutesDocument>;

/** `T` with every array and property writable, as zod infers it. */
type Writable<T> = T extends readonly (infer E)[]
  ? Writable<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: Writable<T[K]> }
    : T;
/** Holds only when `A` and `B` are each assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile when the contract and the core's model part ways (readonly aside). */
export const CONTRACT_MATCHES_MODEL: Same<MinutesDocument, Writable<CoreMinutesDocument>> = true;
