/**
 * The proceedings file format, version 1, as `collegium replay` reads it: the sessions of one body
 * as their minutes record them, and what was decided and received between them (circulations,
 * the register of dispatches). The single source of schemas/proceedings.schema.json.
 */
import { z } from 'zod';
import { CHANNELS } from '../acts.js';
import { circulationRuleSchema, id, majoritySchema } from '../charter/schema.js';
import { amountValue, text } from '../payloads.js';
import { MAX_CHARS } from '../text-limits.js';
import { ANSWER_CHOICES } from '../rules/circulation.js';

const CHOICES = ['aye', 'nay', 'abstain', 'not-voting', 'declined'] as const;
const count = z.int().nonnegative();
const ids = z.array(id);

/** A roll call names who voted how; a count-only vote gives numbers. */
const rollCall = z.strictObject(
  Object.fromEntries(CHOICES.map((c) => [c, ids.optional()])) as Record<
    (typeof CHOICES)[number],
    z.ZodOptional<typeof ids>
  >,
);
const counts = z.strictObject(
  Object.fromEntries(CHOICES.map((c) => [c, count.optional()])) as Record<
    (typeof CHOICES)[number],
    z.ZodOptional<typeof count>
  >,
);

const outcome = z.union([z.enum(['adopted', 'rejected', 'not-decided']), id]);

/** A day of the calendar (`1920-09-24`): a day that is not one (1920-02-30) is told so. */
const day = z.iso.date({
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a day of the calendar: a date as 1920-09-24 (year, month, day)`,
});

/** A day (`1920-09-24`), or a time of day without a zone (`1920-09-25T12:00`, seconds optional). */
export const moment = z.union([z.iso.date(), z.iso.datetime({ local: true })], {
  error: 'a date as 1920-09-24, or a time of day as 1920-09-25T12:00 (no zone)',
});

/** A decision of the record or of the file: a motion of a session, or a circulation. */
export const decisionRefSchema = z.union([
  z.strictObject({ session: id, motion: id }),
  z.strictObject({ circulation: id }),
]);

/**
 * An item of a session's agenda, as its notice gives it: a title, and the motion it puts as
 * drafted, with what that motion would answer, ratify or approve.
 */
export const agendaItemSchema = z.strictObject({
  item: id,
  // Held to what the notice's act holds them to here, so that a problem is told at its place.
  title: text(MAX_CHARS.reason),
  motion: text(MAX_CHARS.motion).optional(),
  /** An open dispatch the item answers. */
  dispatch: id.optional(),
  /** A provisional decision it puts to ratification. */
  ratifies: decisionRefSchema.optional(),
  /** An earlier session of the body whose minutes it puts for approval. */
  minutes: id.optional(),
});

/**
 * An agenda file, as `collegium session convene --agenda` reads it: the items in order, each with
 * the files it attaches (paths relative to the file).
 */
export const agendaFileSchema = z
  .array(agendaItemSchema.extend({ files: z.array(z.string().min(1).max(1000)).optional() }))
  .max(1000);

/** The notice that convened a session: when it was sent, and the agenda. */
export const noticeSchema = z.strictObject({
  date: day,
  agenda: z.array(agendaItemSchema).max(1000).default([]),
});

/** A member's apology for absence: the member, or the member with the reason given. */
export const excusedSchema = z.union([
  id,
  z.strictObject({ person: id, reason: z.string().min(1).max(1000).optional() }),
]);

/**
 * What was done with the minutes of an earlier session at or after this one: the members who
 * objected to them, and the chair and secretary who signed them.
 */
export const minutesActsSchema = z.strictObject({
  session: id,
  objections: z
    .array(z.strictObject({ member: id, text: z.string().min(1).max(10_000) }))
    .min(1)
    .optional(),
  signed: ids.min(1).optional(),
});

export const motionSchema = z.strictObject({
  id,
  /** Its wording; may be left to the motion its agenda item drafts. */
  text: z.string().min(1).optional(),
  /** The agenda item it is put under. */
  item: id.optional(),
  /** An earlier session whose minutes it approves, over their content as the record holds it. */
  'approves-minutes': id.optional(),
  proposer: id.optional(),
  kind: id.optional(),
  power: id.optional(),
  majority: majoritySchema.optional(),
  vote: z.union([rollCall, counts]).optional(),
  /** The totals the minutes state beside a roll call, to be checked against the names. */
  counts: counts.optional(),
  /** Proxies given for this motion, voter → holder: each a grant, then the voter's ballot cast
   * by the holder. */
  proxies: z.record(id, id).optional(),
  /** The whole charter as amended: a charter file, its path relative to this file. */
  amends: z.string().min(1).max(1000).optional(),
  /** A person the body re-invites to enrol a key, where no officer holds one to invite them. */
  invites: id.optional(),
  'casting-vote': z.enum(['aye', 'nay']).optional(),
  /** A provisional decision this motion confirms (adopted) or annuls (rejected). */
  ratifies: decisionRefSchema.optional(),
  /** The decision it continues: a draft approved, a question referred from another body. */
  follows: decisionRefSchema.optional(),
  /** The dispatch it answers. */
  dispatch: id.optional(),
  alternatives: z.record(id, z.union([count, ids])).optional(),
  abstain: z.union([count, ids]).optional(),
  method: z.enum(['plurality', 'absolute']).optional(),
  stated: outcome.optional(),
});

/** Someone arrives or leaves between motions. */
export const attendanceSchema = z.union([
  z.strictObject({ arrive: ids.min(1) }),
  z.strictObject({ depart: ids.min(1) }),
]);

export const sessionSchema = z.strictObject({
  id,
  /** The body that sat, when not the file's: a joint body, a delegated one. */
  body: id.optional(),
  date: day.optional(),
  title: z.string().optional(),
  place: z.string().optional(),
  chair: id.optional(),
  present: ids,
  'at-hand': ids.optional(),
  /** Proxies given for the whole session, voter → holder: recorded after the arrivals, they cast
   * the ballots of voters absent when a vote opens. */
  proxies: z.record(id, id).optional(),
  /** The notice that convened it, recorded before it opens. */
  notice: noticeSchema.optional(),
  /** Apologies for absence, recorded after the opening's arrivals. */
  excused: z.array(excusedSchema).optional(),
  motions: z.array(z.union([motionSchema, attendanceSchema])).default([]),
  /** Objections to and signatures of earlier sessions' minutes, recorded once it closes. */
  minutes: z.array(minutesActsSchema).min(1).optional(),
});

const channel = z.enum(CHANNELS);

/** An inscription on a dispatch: to people, or to a body. */
export const referralSchema = z.strictObject({
  by: id.optional(),
  inscription: z.string().min(1),
  to: z.union([ids.min(1), id]),
});

/** An incoming request, entered in the register of dispatches. */
export const dispatchSchema = z.strictObject({
  id,
  body: id.optional(),
  /** The register's number; given by the register when omitted. */
  number: z.string().min(1).optional(),
  received: moment,
  from: z.string().min(1),
  channel,
  text: z.string().min(1),
  /**
   * Its files: each a path relative to this file (read, and kept with the record by its hash),
   * or a file kept elsewhere, named by the SHA-256 of its bytes.
   */
  attachments: z
    .array(
      z.union([
        z.string().min(1).max(1000),
        z.strictObject({
          name: z.string().min(1),
          hash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lowercase hex'),
          size: z.int().nonnegative(),
        }),
      ]),
    )
    .optional(),
  referrals: z.array(referralSchema).optional(),
  /** Why the register needs nothing more of it: answered, or set aside. */
  closed: z.string().min(1).optional(),
});

const answerChoice = z.enum(ANSWER_CHOICES);

/** A member's answer: its choice, or the choice with how and when it came. */
export const answerSchema = z.union([
  answerChoice,
  z.strictObject({
    choice: answerChoice,
    channel: channel.optional(),
    /** The officer who took it down for the member (by default the body's secretary). */
    'recorded-by': id.optional(),
    /** When the member answered. */
    at: moment.optional(),
    comment: z.string().min(1).optional(),
  }),
]);

/** A question put outside a meeting, with the answers the minutes give. */
export const circulationSchema = z.strictObject({
  id,
  body: id.optional(),
  opened: moment,
  by: id,
  dispatch: id.optional(),
  text: z.string().min(1),
  /** The members asked (a consultation); by default every voting member of the body. */
  to: ids.min(1).optional(),
  deadline: moment,
  rule: circulationRuleSchema.optional(),
  /** The delegated power it is decided under. */
  power: id.optional(),
  /** For a delegated body obliged to draw in its parent's members present: who was at hand. */
  'at-hand': ids.optional(),
  follows: decisionRefSchema.optional(),
  /** An earlier session whose minutes it approves, over their content as the record holds it. */
  'approves-minutes': id.optional(),
  /**
   * Each member's answer, or their answers in the order given where a member changed it (a later
   * one replaces the one before, as the charter's `second-ballot: replace` allows).
   */
  answers: z.record(id, z.union([answerSchema, z.array(answerSchema).min(1)])).default({}),
  /** What the minutes say came of it. */
  stated: z.enum(['adopted', 'rejected', 'not-decided', 'advisory']).optional(),
  /** Withdrawn before it closed, for this reason: no outcome then. */
  withdrawn: z.string().min(1).optional(),
});

/** A signature the minutes give: its signer, or the signer with who took it down and how. */
export const signatureSchema = z.union([
  id,
  z.strictObject({
    by: id,
    /** The officer who recorded it for the signer (a signature given on paper or by wire). */
    'recorded-by': id.optional(),
    channel: channel.optional(),
  }),
]);

const note = z.string().min(1).max(1000);

/**
 * A document a body issued, as the minutes give it: drafted, signed in the order given, and issued
 * (unless `issued: false`). The kind is the issuing body's (a kind its charter does not name is
 * recorded and flagged); the text may be left to what a mandate or a receipt names.
 */
export const instrumentSchema = z.strictObject({
  id,
  kind: id,
  /** The issuing body, when not the file's. */
  body: id.optional(),
  /** Its number in the body's register of instruments; given by the register when omitted. */
  number: z.string().min(1).max(100).optional(),
  date: moment.optional(),
  to: z.string().min(1).max(1000).optional(),
  text: z.string().min(1).optional(),
  /** The decision it rests on; `none`: the minutes say it rests on none (flagged where its kind
   * needs one), as when the key is left out. */
  'rests-on': z.union([decisionRefSchema, z.literal('none')]).optional(),
  /** The dispatch it answers: closed when the instrument is issued. */
  answers: id.optional(),
  /** A mandate's holder, what it empowers them to do, and its last day. */
  holder: id.optional(),
  scope: z.string().min(1).max(2000).optional(),
  until: moment.optional(),
  /** A receipt's sum, and from whom it was received. */
  amount: z.strictObject({ value: amountValue, unit: z.string().min(1).max(20) }).optional(),
  from: id.optional(),
  /** In the order they were given. */
  signatures: z.array(signatureSchema).optional(),
  /** `false`: a draft, never issued. */
  issued: z.boolean().optional(),
  /** Who drafted and who issued it; by default the organization transcribes both. */
  'drafted-by': id.optional(),
  'issued-by': id.optional(),
});

/** A mandate no longer in force: revoked on a date, for a reason, by a decision. */
export const revokeSchema = z.strictObject({
  revoke: id,
  date: moment.optional(),
  reason: note.optional(),
  by: decisionRefSchema.optional(),
  'revoked-by': id.optional(),
});

/** A receipt's debt repaid. */
export const settleSchema = z.strictObject({
  settle: id,
  date: moment.optional(),
  note: note.optional(),
  /** The officer, or the creditor; by default the organization transcribes it. */
  'settled-by': id.optional(),
});

/** An instrument a later decision annuls, or replaces with another. */
export const annulSchema = z.strictObject({
  annul: id,
  by: decisionRefSchema,
  'superseded-by': id.optional(),
  reason: note.optional(),
  'annulled-by': id.optional(),
});

/** An item of `instruments:`: an instrument, or a later act on one. */
export const instrumentItemSchema = z.union(
  [instrumentSchema, revokeSchema, settleSchema, annulSchema],
  {
    error:
      'an instrument (id: ID, kind: KIND, ...), or a later act on one (revoke: ID, settle: ID or annul: ID)',
  },
);

export const proceedingsSchema = z.strictObject({
  body: id,
  // Each optional, but a file records at least one session, circulation, dispatch or instrument.
  dispatches: z.array(dispatchSchema).min(1).default([]),
  circulations: z.array(circulationSchema).min(1).default([]),
  sessions: z.array(sessionSchema).min(1).default([]),
  instruments: z.array(instrumentItemSchema).min(1).default([]),
});

export type ProceedingsFile = z.infer<typeof proceedingsSchema>;
export type SessionFile = z.infer<typeof sessionSchema>;
export type AgendaItemFile = z.infer<typeof agendaItemSchema>;
export type NoticeFile = z.infer<typeof noticeSchema>;
export type ExcusedFile = z.infer<typeof excusedSchema>;
export type MinutesActsFile = z.infer<typeof minutesActsSchema>;
export type MotionFile = z.infer<typeof motionSchema>;
export type CirculationFile = z.infer<typeof circulationSchema>;
export type DispatchFile = z.infer<typeof dispatchSchema>;
export type AnswerFile = z.infer<typeof answerSchema>;
export type InstrumentFile = z.infer<typeof instrumentSchema>;
export type InstrumentItemFile = z.infer<typeof instrumentItemSchema>;
export type RevokeFile = z.infer<typeof revokeSchema>;
export type SettleFile = z.infer<typeof settleSchema>;
export type AnnulFile = z.infer<typeof annulSchema>;
export type SignatureFile = z.infer<typeof signatureSchema>;
export type DecisionRefFile = z.infer<typeof decisionRefSchema>;
export const CHOICE_NAMES = CHOICES;
