/**
 * The charter file format, version 1, as a zod schema: the single source of the published
 * JSON Schema (schemas/charter.schema.json) and of validation. Keys are written as users write
 * them (kebab-case); model.ts gives the normalized form the rest of the code uses.
 */
import { z } from 'zod';
import { id } from '../ids.js';

export const MAJORITY_RULES = [
  'votes-cast',
  'present',
  'membership',
  'two-thirds',
  'three-quarters',
  'unanimous',
] as const;

export { id };

/** Who may read the record through the server: anyone, the people who sit on a body, officers. */
export const READ_POLICIES = ['public', 'members', 'officers'] as const;

const ids = z.array(id);

export const quorumSchema = z.union([
  z.literal('majority'),
  z.strictObject({ count: z.int().positive() }),
  z.strictObject({ fraction: z.number().gt(0).lte(1) }),
]);

export const majoritySchema = z.enum(MAJORITY_RULES, {
  error: (issue) =>
    `unknown majority rule ${JSON.stringify(issue.input)}; expected one of ${MAJORITY_RULES.join(', ')}`,
});

export const publicKeySchema = z
  .string()
  .regex(
    /^ed25519:[A-Za-z0-9+/]{43}=$/,
    'a public key is "ed25519:" and 32 bytes in base64 (as `collegium keygen` prints it)',
  );

const obligationSchema = z.union([
  z.strictObject({ 'draw-in-present-members-of': id }),
  z.strictObject({ 'report-to': id }),
]);

const motionKindSchema = z.strictObject({
  majority: majoritySchema.optional(),
  quorum: quorumSchema.optional(),
});

export const bodySchema = z.strictObject({
  name: z.string().min(1),
  parent: id.optional(),
  members: ids.min(1),
  candidates: ids.optional(),
  chair: id.optional(),
  secretary: id.optional(),
  /** Others who hold office (a deputy chair, a treasurer): they run sessions and enrol keys. */
  officers: ids.optional(),
  quorum: quorumSchema,
  majority: majoritySchema,
  'casting-vote': z.boolean().optional(),
  proxies: z.strictObject({ 'max-per-holder': z.int().positive() }).optional(),
  'second-ballot': z.enum(['refuse', 'replace']).optional(),
  'running-tally': z.boolean().optional(),
  powers: ids.optional(),
  obligations: z.array(obligationSchema).optional(),
  'motion-kinds': z.record(id, motionKindSchema).optional(),
});

export const charterSchema = z.strictObject({
  collegium: z.literal(1, { error: 'collegium: 1 is the only charter format version' }),
  organization: z.strictObject({
    id,
    name: z.string().min(1),
    log: z
      .string()
      .regex(
        /^[^\s+]+$/,
        'the log origin is one word without spaces or "+" (e.g. example.org/board)',
      )
      .optional(),
  }),
  people: z.record(
    id,
    z.strictObject({ name: z.string().min(1), key: publicKeySchema.optional() }),
  ),
  bodies: z.record(id, bodySchema),
  record: z
    .strictObject({
      read: z
        .enum(READ_POLICIES, {
          error: (issue) =>
            `unknown read policy ${JSON.stringify(issue.input)}; expected one of ${READ_POLICIES.join(', ')}`,
        })
        .optional(),
    })
    .optional(),
});

export type CharterFile = z.infer<typeof charterSchema>;
export type BodyFile = z.infer<typeof bodySchema>;
export type QuorumFile = z.infer<typeof quorumSchema>;
