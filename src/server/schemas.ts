/**
 * The shapes of what the API takes, as zod schemas: they validate requests (a refusal names the
 * field) and are the source of the OpenAPI document, so the two cannot drift apart. Act payloads
 * have the forms the ledger checks every act against (core/payloads.ts): the API refuses at the
 * edge exactly what the record would refuse.
 */
import { z } from 'zod';
import { isCanonicalBase64 } from '../core/bytes.js';
import { plainWords, refusalOf } from '../core/issue-words.js';
import {
  ACT_PAYLOADS,
  NOT_CANONICAL_BASE64,
  hex64,
  id,
  isoTime,
  publicKey,
  text,
} from '../core/payloads.js';
import { MAX_CHARS } from '../core/text-limits.js';
import { questionName } from '../api/instruments.js';
import { ApiError } from './errors.js';

export { id };

/** Only the one canonical spelling of base64 is taken (see core/payloads.ts). */
export const signature = z
  .string()
  .regex(/^[A-Za-z0-9+/]{86}==$/, 'a signature is 64 bytes of Ed25519 signature, in base64')
  .refine(isCanonicalBase64, NOT_CANONICAL_BASE64);
/** A whole number from a path or query string. */
export const index = z
  .string()
  .regex(/^\d{1,15}$/, 'a whole number, 0 or more')
  .transform(Number);

const { 'charter.adopt': _adopt, ...memberActs } = ACT_PAYLOADS;

/** The payload of each act a member may send: every act but the charter's (entry 0 only). */
export const API_ACT_PAYLOADS = {
  ...memberActs,
  // The decision is the server's to compute (see POST /api/acts); one sent along is ignored.
  'vote.close': ACT_PAYLOADS['vote.close'].extend({ decision: z.unknown().optional() }),
};

export type ApiActType = keyof typeof API_ACT_PAYLOADS;
const API_ACT_TYPES = Object.keys(API_ACT_PAYLOADS) as [ApiActType, ...ApiActType[]];

export const actBody = z.strictObject({
  type: z.enum(API_ACT_TYPES),
  // Any object here: its members are checked against the act type's form next (Acting.act),
  // and a loose object is quicker to take than a record, which checks each name and value.
  payload: z.looseObject({}).describe('the act’s payload, of the form its type gives'),
  time: isoTime.optional().describe('when signed; required unless in demo mode'),
  sig: signature
    .optional()
    .describe(
      'Ed25519 over signingMessage of the act (docs/record.md); required unless in demo mode',
    ),
  actor: id
    .optional()
    .describe(
      'for whom, when an officer records the act for a member without a key (or in minutes), or an answer to a circulation that came by another channel; default: the signer',
    ),
  files: z
    .array(
      z.strictObject({
        name: text(MAX_CHARS.fileName),
        data: z.string().describe('the file’s bytes, in canonical base64'),
      }),
    )
    .max(100)
    .optional()
    .describe(
      'with dispatch.register, instrument.draft or session.convene only: the files its payload.attachments (a notice: its agenda items’ attachments) name by hash, name and size, stored with the entry',
    ),
});
export type ActBody = z.infer<typeof actBody>;

export const personBody = z.strictObject({ person: id });

export const loginBody = z.strictObject({
  person: id,
  challenge: z.string().min(1).max(100),
  signature,
  key: publicKey
    .optional()
    .describe('the key the signature is by, one of the person’s; needed when they hold several'),
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
  key: publicKey.optional().describe('the key to revoke; needed when the person holds several'),
  reason: text(MAX_CHARS.reason).optional(),
  time: isoTime.optional(),
  sig: signature.optional(),
});

export const decisionBody = z.strictObject({ session: id, motion: id });

/** Words to search a register for: each must appear, in any case. */
const searched = text(200).describe('words that must all appear (in any case)');

export const circulationQuery = z.strictObject({
  state: z.enum(['open', 'overdue', 'closed', 'withdrawn']).optional(),
  body: id.optional(),
  q: searched.optional(),
});

export const dispatchQuery = z.strictObject({
  state: z.enum(['open', 'registered', 'referred', 'closed']).optional(),
  body: id.optional(),
  q: searched.optional(),
});

export const provisionalQuery = z.strictObject({
  body: id.optional().describe('the ratifying body'),
});

export const questionQuery = z.strictObject({
  name: questionName.describe('a dispatch id, a circulation id, or SESSION/MOTION'),
});

export const idParams = z.strictObject({ id });

export const attachmentParams = z.strictObject({ hash: hex64 });

export const receipt = z.object({
  entry: z.int().describe('the index of the entry that records the act'),
  leafHash: z.string().describe('hex SHA-256(0x00 ‖ entry bytes)'),
  type: z.string(),
});

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z
      .string()
      .optional()
      .describe('the field refused, as `payload.title`, where one is (invalid-input)'),
  }),
});

/**
 * A request's part checked against its schema: the value, or its refusal naming the field from
 * `where` ('' for the body's top; also in `field`, for a form to say which of its own it is), the
 * value when short, and what is wrong in words: `payload.title: at most 500 characters (600
 * given)`.
 */
export function check<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
): { value: z.output<S> } | { error: ApiError } {
  const repeated = where === 'querystring' ? repeatedParameter(value) : undefined;
  if (repeated) return { error: repeated };
  const result = schema.safeParse(value, { error: plainWords });
  if (result.success) return { value: result.data };
  const { path, shown, problem } = refusalOf(result.error.issues, value);
  const field = [where, path].filter((part) => part !== '').join('.') || 'body';
  return { error: new ApiError('invalid-input', `${field}${shown}: ${problem}`, {}, field) };
}

/**
 * A query parameter given more than once (`?state=open&state=closed`), which the parser makes a
 * list: every parameter takes one value, and which of them was meant is not for the server to guess.
 */
function repeatedParameter(query: unknown): ApiError | undefined {
  if (typeof query !== 'object' || query === null) return undefined;
  const given = Object.entries(query).find(([, value]) => Array.isArray(value));
  if (!given) return undefined;
  const [name, values] = given as [string, unknown[]];
  const field = `querystring.${name}`;
  return new ApiError(
    'invalid-input',
    `${field}: given ${values.length} times: a parameter is given once`,
    {},
    field,
  );
}
