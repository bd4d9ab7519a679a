/**
 * The shapes of what the API takes, as zod schemas: they validate requests (a refusal names the
 * field) and are the source of the OpenAPI document, so the two cannot drift apart. Act payloads
 * are checked here, at the edge, before the core reads them: what is recorded is signed forever.
 */
import { z } from 'zod';
import type { ActType } from '../core/acts.js';
import { id, majoritySchema } from '../core/charter/schema.js';
import { CHOICES } from '../core/rules/types.js';

export { id };

/** An ISO 8601 UTC time exactly as toISOString writes it: times are compared as text. */
export const isoTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'a time as 2026-12-03T19:30:00.000Z')
  .refine((t) => !Number.isNaN(Date.parse(t)), 'not a real time');
export const publicKey = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/, 'a public key is 32 bytes of Ed25519 key, in base64');
export const signature = z
  .string()
  .regex(/^[A-Za-z0-9+/]{86}==$/, 'a signature is 64 bytes of Ed25519 signature, in base64');
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lowercase hex');
const text = (max: number) => z.string().min(1).max(max);
/** A whole number from a path or query string. */
export const index = z
  .string()
  .regex(/^\d{1,15}$/, 'a whole number, 0 or more')
  .transform(Number);

const inSession = { session: id, motion: id };

/** The payload of each act a member may send (docs/record.md): everything but the charter's. */
export const ACT_PAYLOADS = {
  'member.invite': z.strictObject({ person: id, token: hex64, expires: isoTime }),
  'member.enrol': z.strictObject({
    person: id,
    key: publicKey,
    replaces: publicKey.optional(),
    invitation: hex64.optional(),
  }),
  'member.revoke': z.strictObject({ person: id, key: publicKey, reason: text(1000).optional() }),
  'session.open': z.strictObject({
    session: id,
    body: id,
    mode: z.enum(['live', 'minutes']),
    title: text(500).optional(),
    date: text(100).optional(),
    place: text(500).optional(),
    chair: id.optional(),
    atHand: z.array(id).max(10_000).optional(),
  }),
  'session.close': z.strictObject({ session: id }),
  'attendance.arrive': z.strictObject({ session: id, person: id }),
  'attendance.depart': z.strictObject({ session: id, person: id }),
  'motion.propose': z.strictObject({
    ...inSession,
    text: text(10_000),
    proposer: id.optional(),
    kind: id.optional(),
    majority: majoritySchema.optional(),
    alternatives: z.array(id).min(2).max(100).optional(),
    method: z.enum(['plurality', 'absolute']).optional(),
    power: id.optional(),
  }),
  'vote.open': z.strictObject(inSession),
  'ballot.cast': z.strictObject({
    ...inSession,
    voter: id,
    choice: z.enum(CHOICES).optional(),
    alternative: id.nullable().optional(),
    castBy: id.optional(),
  }),
  'vote.count': z.strictObject({
    ...inSession,
    counts: z.record(id, z.int().min(0).max(1e9)),
  }),
  'vote.casting': z.strictObject({ ...inSession, choice: z.enum(['aye', 'nay']) }),
  // The decision is the server's to compute (see POST /api/acts); one sent along is ignored.
  'vote.close': z.strictObject({
    ...inSession,
    stated: text(200).optional(),
    decision: z.unknown().optional(),
  }),
} satisfies Record<Exclude<ActType, 'charter.adopt'>, z.ZodType>;

export type ApiActType = keyof typeof ACT_PAYLOADS;
export const API_ACT_TYPES = Object.keys(ACT_PAYLOADS) as [ApiActType, ...ApiActType[]];

export const actBody = z.strictObject({
  type: z.enum(API_ACT_TYPES),
  payload: z.record(z.string(), z.unknown()),
  time: isoTime.optional().describe('when signed; required unless in demo mode'),
  sig: signature
    .optional()
    .describe(
      'Ed25519 over signingMessage of the act (docs/record.md); required unless in demo mode',
    ),
});
export type ActBody = z.infer<typeof actBody>;

export const personBody = z.strictObject({ person: id });

export const loginBody = z.strictObject({
  person: id,
  challenge: z.string().min(1).max(100),
  signature,
});

export const invitationBody = z.strictObject({
  person: id,
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22,128}$/, 'a token of 22 to 128 base64url characters')
    .optional()
    .describe('the secret token, made by an officer who signs on their own device'),
  expires: isoTime.optional(),
  time: isoTime.optional(),
  sig: signature.optional(),
});

const invitationToken = z.string().min(1).max(200);

export const tokenBody = z.strictObject({ token: invitationToken });

export const enrolBody = z.strictObject({
  token: invitationToken,
  act: z.strictObject({
    type: z.literal('member.enrol'),
    payload: z.record(z.string(), z.unknown()),
    time: isoTime,
    sig: signature,
  }),
});

export const revokeBody = z.strictObject({
  reason: text(1000).optional(),
  time: isoTime.optional(),
  sig: signature.optional(),
});

export const receipt = z.object({
  entry: z.int().describe('the index of the entry that records the act'),
  leafHash: z.string().describe('hex SHA-256(0x00 ‖ entry bytes)'),
  type: z.string(),
});

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** A request's part checked against its schema: the value, or a message naming the field. */
export function check<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
): { value: z.output<S> } | { error: Error } {
  const result = schema.safeParse(value);
  if (result.success) return { value: result.data };
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
  return { error: new Error(`${where}${path}: ${issue?.message ?? 'invalid'}`) };
}
