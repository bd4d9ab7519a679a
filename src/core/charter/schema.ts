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

export const quorumSchema = z.union(
  [
    z.literal('majority'),
    z.strictObject({ count: z.int().positive() }),
    z.strictObject({ fraction: z.number().gt(0).lte(1) }),
  ],
  {
    error:
      'a quorum is majority, {count: N} (a whole number) or {fraction: P} (more than 0, at most 1)',
  },
);

export const majoritySchema = z.enum(MAJORITY_RULES, {
  error: (issue) =>
    issue.input === undefined
      ? `a majority rule is missing: one of ${MAJORITY_RULES.join(', ')}`
      : `unknown majority rule ${JSON.stringify(issue.input)}; expected one of ${MAJORITY_RULES.join(', ')}`,
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

/** How a question put outside a session is decided: every member asked, or a majority rule. */
export const circulationRuleSchema = z.union([
  z.literal('unanimous'),
  z.strictObject({ majority: majoritySchema, quorum: quorumSchema.optional() }),
]);

/** Deciding between meetings, by written answers (circulations). */
const circulationSchema = z.strictObject({
  rule: circulationRuleSchema,
  /** The decision stands provisionally until the body's next session confirms it. */
  ratify: z.literal('next-session').optional(),
  /** Who may put a question: the body's officers (the default), or any of its voting members. */
  'put-by': z.enum(['officers', 'members']).optional(),
});

/** The groups of a body whose members may sign its instruments. */
export const SIGNER_GROUPS = ['members', 'candidates', 'officers'] as const;

/**
 * Who must sign an instrument: the people listed (every one of them), or at least N of a group,
 * of listed people, or of a list that mixes both (`of: [members, candidates]`).
 */
const signersSchema = z.union([
  ids.min(1),
  z.strictObject({
    'at-least': z.int().positive(),
    of: z.union([z.enum(SIGNER_GROUPS), z.array(id).min(1)]),
  }),
]);

/** A kind of document the body issues, and who must sign it. */
export const instrumentKindSchema = z.strictObject({
  formula: z.string().min(1).optional(),
  signers: signersSchema.optional(),
  order: z.enum(['any', 'as-listed']).optional(),
  'rests-on': z.enum(['decision', 'none']).optional(),
});

/** A body that sits as two or more bodies together: its members are theirs, each counted once. */
const jointSchema = z.strictObject({
  bodies: ids.min(2),
  /** `jointly`: one count under this body's rules; `each-body`: each body's own majority too. */
  votes: z.enum(['jointly', 'each-body']).optional(),
});

const motionKindSchema = z.strictObject({
  majority: majoritySchema.optional(),
  quorum: quorumSchema.optional(),
});

export const bodySchema = z.strictObject({
  name: z.string().min(1),
  parent: id.optional(),
  /** Required, except in a joint body, whose members are those of its bodies. */
  members: ids.min(1).optional(),
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
  /** The notice a session needs: convened at least this many days before it opens. */
  notice: z.strictObject({ days: z.int().min(0).max(365) }).optional(),
  powers: ids.optional(),
  obligations: z.array(obligationSchema).optional(),
  'motion-kinds': z.record(id, motionKindSchema).optional(),
  circulation: circulationSchema.optional(),
  instruments: z.record(id, instrumentKindSchema).optional(),
  joint: jointSchema.optional(),
});

export const charterSchema = z.strictObject({
  // Said under the key's name (`collegium: …`), which the message need not repeat.
  collegium: z.literal(1, {
    error: (issue) =>
      `the only charter format version is 1 (${typeof issue.input === 'string' ? JSON.stringify(issue.input) : String(issue.input)} given)`,
  }),
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
export type CirculationRuleFile = z.infer<typeof circulationRuleSchema>;
export type InstrumentKindFile = z.infer<typeof instrumentKindSchema>;
