/**
 * The proceedings file format, version 1, as `collegium replay` reads it: the sessions of one body
 * as their minutes record them. The single source of schemas/proceedings.schema.json.
 */
import { z } from 'zod';
import { id, majoritySchema } from '../charter/schema.js';

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

export const motionSchema = z.strictObject({
  id,
  text: z.string().min(1),
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
  date: z.iso.date().optional(),
  title: z.string().optional(),
  place: z.string().optional(),
  chair: id.optional(),
  present: ids,
  'at-hand': ids.optional(),
  /** Proxies given for the whole session, voter → holder: recorded after the arrivals, they cast
   * the ballots of voters absent when a vote opens. */
  proxies: z.record(id, id).optional(),
  motions: z.array(z.union([motionSchema, attendanceSchema])).default([]),
});

export const proceedingsSchema = z.strictObject({
  body: id,
  sessions: z.array(sessionSchema).min(1),
});

export type ProceedingsFile = z.infer<typeof proceedingsSchema>;
export type SessionFile = z.infer<typeof sessionSchema>;
export type MotionFile = z.infer<typeof motionSchema>;
export const CHOICE_NAMES = CHOICES;
