/**
 * The form of every act's payload, as zod schemas: one per act type. The ledger checks each act
 * it records against its schema before anything else, whatever the act comes from (the command
 * line, a proceedings file, the HTTP API, the demo), and the API's request schemas are these:
 * what is recorded is signed for ever, so what one entry point refuses, every entry point refuses.
 *
 * Only new acts are checked: entries read back from a record are folded as they were written
 * (see applyAct), so that a record made before a rule here was enforced stays readable.
 */
import { z } from 'zod';
import type { Act, Acts, ActType } from './acts.js';
import { CHANNELS } from './acts.js';
import { isCanonicalBase64 } from './bytes.js';
import { daysInMonth, isGivenDate } from './calendar.js';
import { isUsableBase64Key, WEAK_PUBLIC_KEY } from './public-keys.js';
import { circulationRuleSchema, majoritySchema } from './charter/schema.js';
import { ANSWER_CHOICES } from './rules/circulation.js';
import { fail } from './errors.js';
import { id } from './ids.js';
import { plainWords, refusalOf } from './issue-words.js';
import { MAX_CHARS } from './text-limits.js';
import type { Decision } from './rules/types.js';
import { CHOICES } from './rules/types.js';
import { isHighSurrogate, isLowSurrogate, isSurrogate } from './utf16.js';

export { id };

/** An ISO 8601 UTC time exactly as toISOString writes it: times are compared as text. */
export const isoTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'a time as 2026-12-03T19:30:00.000Z')
  .refine(isCalendarTime, 'not a real time');
/** Only the one canonical spelling of base64 is taken: the unused low bits of the last character
 * at zero. Another spelling of the same bytes would be stored as sent and fail every audit. */
export const NOT_CANONICAL_BASE64 =
  'not canonical base64 (the unused bits of the last character must be 0)';
export const publicKey = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/, {
    error: 'a public key is 32 bytes of Ed25519 key, in base64',
    abort: true,
  })
  .refine(isCanonicalBase64, { error: NOT_CANONICAL_BASE64, abort: true })
  .refine(isUsableBase64Key, WEAK_PUBLIC_KEY);
export const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lowercase hex');
/** A C2SP signed-note verifier key of an Ed25519 key: `name+keyid+base64` (docs/record.md). */
const verifierKey = z
  .string()
  .regex(
    /^[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/,
    'a verifier key is name+keyid+base64 of an Ed25519 key',
  );
/**
 * What in `t` a page, a file or a screen would not show as it is recorded, in words, or undefined
 * when nothing: a control character other than a tab or a line break, half of a surrogate pair
 * (not Unicode: UTF-8 cannot hold one), a noncharacter (U+FFFE, U+FDD0…: kept out of text), or a
 * change of direction left open (an override or an isolate without its end, which would show the
 * rest of the line, or the next text, otherwise than it reads). What is signed is what is read,
 * so new acts' texts are held to it. Characters are counted from 1, as a person counts them.
 */
export function unshowable(t: string): string | undefined {
  return unshowableAt(t)?.message;
}

/** What unshowable says, and the character it says it of (counted from 1, as a person does). */
export function unshowableAt(t: string): { message: string; at: number } | undefined {
  const open: { code: number; at: number }[] = []; // the changes not yet ended, innermost last
  for (let i = 0, n = 1; i < t.length; i++, n++) {
    const c = t.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x2029) {
      // A paragraph ends every change of direction.
      if (open.length > 0) return leftOpen(open[open.length - 1]!);
      continue;
    }
    if (c < 0x20 ? c !== 0x09 : c >= 0x7f && c <= 0x9f)
      return {
        message: `a control character (${codePoint(c)}) at character ${n}: none is taken but a tab or a line break`,
        at: n,
      };
    if (EMBEDDING.has(c) || ISOLATE.has(c)) open.push({ code: c, at: n });
    else if (c === 0x202c || c === 0x2069) {
      const opened = open.pop();
      if (opened === undefined || endOf(opened.code) !== c)
        return {
          message: `an end of a change of direction (${codePoint(c)}) at character ${n} that ends none opened before it`,
          at: n,
        };
    }
    let point = c;
    if (isSurrogate(c)) {
      // A high half followed by a low half is one character; any other half stands alone.
      if (!isHighSurrogate(c) || !isLowSurrogate(t.charCodeAt(i + 1)))
        return {
          message: `half a surrogate pair (${codePoint(c)}) at character ${n}, which is no character`,
          at: n,
        };
      point = t.codePointAt(i++)!;
    }
    if (isNoncharacter(point))
      return {
        message: `a noncharacter (${codePoint(point)}) at character ${n}, which Unicode keeps out of text`,
        at: n,
      };
  }
  return open.length === 0 ? undefined : leftOpen(open[open.length - 1]!);
}

/** Whether `t` holds only what shows as it is recorded (see unshowable). */
export const isShowable = (t: string): boolean => unshowable(t) === undefined;

/** Embeddings and overrides (LRE, RLE, LRO, RLO) end with PDF; isolates (LRI, RLI, FSI) with PDI. */
const EMBEDDING = new Set([0x202a, 0x202b, 0x202d, 0x202e]);
const ISOLATE = new Set([0x2066, 0x2067, 0x2068]);
const endOf = (code: number) => (EMBEDDING.has(code) ? 0x202c : 0x2069);

const leftOpen = ({ code, at }: { code: number; at: number }) => ({
  message: `a change of direction (${codePoint(code)}) at character ${at} that is not ended before the line ends`,
  at,
});

/**
 * The 66 code points Unicode sets aside for a program's own use, never for text exchanged:
 * U+FDD0..U+FDEF and the last two of each plane (U+FFFE, U+FFFF, U+1FFFE...). A renderer shows
 * one as nothing, or as a box, so a title holding one reads otherwise than it is signed.
 */
const isNoncharacter = (point: number): boolean =>
  (point >= 0xfdd0 && point <= 0xfdef) || (point & 0xfffe) === 0xfffe;

const codePoint = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/** Free text of at most `max` characters, not empty, that shows as it is recorded. */
export const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .check((ctx) => {
      const problem = unshowable(ctx.value) ?? blank(ctx.value);
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
    });

/**
 * Why a text shows nothing (spaces, or characters of no width alone), or undefined: a question,
 * an instrument or a reason of no words would be signed and answered as one.
 */
function blank(t: string): string | undefined {
  return /[^\s\p{Cf}]/u.test(t)
    ? undefined
    : 'nothing that shows: only spaces or invisible characters';
}

/** People named in a list (those at hand, those a referral names), each once. */
const distinctPeople = (min: number, max: number) =>
  z
    .array(id)
    .min(min)
    .max(max)
    .check((ctx) => {
      const twice = namedTwice(ctx.value);
      if (twice !== undefined)
        ctx.issues.push({ code: 'custom', message: `'${twice}' is named twice`, input: ctx.value });
    });

/** The first person a list names a second time, or undefined. */
export function namedTwice(people: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const p of people) {
    if (seen.has(p)) return p;
    seen.add(p);
  }
  return undefined;
}

const inSession = { session: id, motion: id };
const decisionRef = z.union([z.strictObject(inSession), z.strictObject({ circulation: id })]);
const channel = z.enum(CHANNELS);
const attachment = z.strictObject({
  name: text(MAX_CHARS.fileName),
  hash: hex64,
  size: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
});
const minutesRef = z.strictObject({ session: id, content: hex64 });
/**
 * The date an act gives (a document's, a dispatch's arrival, a session's day): free text where
 * old minutes give one so, but no 30 February where it is written as ISO 8601.
 */
const givenDate = text(MAX_CHARS.number).refine(
  isGivenDate,
  'not a real date: a day as 2027-11-20, or a time of it as 2027-11-20T19:30',
);
/** A day of the calendar, as minutes date what they record (2027-11-20). */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as 2027-11-20')
  .refine((d) => isCalendarTime(`${d}T00:00:00.000Z`), 'not a real day');
/** The day the minutes say an act about them was done, where they are transcribed later. */
const minutesDay = { date: day.optional() };
const agendaItem = z.strictObject({
  item: id,
  title: text(MAX_CHARS.reason),
  motion: text(MAX_CHARS.motion).optional(),
  attachments: z.array(attachment).max(100).optional(),
  dispatch: id.optional(),
  ratifies: decisionRef.optional(),
  minutes: id.optional(),
});
/**
 * The most objects and arrays a free-form value (a charter, an amended charter, a decision) may
 * hold one inside another: far more than any charter needs, and few enough that the value can
 * be written as JSON (JSON.stringify recurses, and a few thousand levels exhaust the stack).
 */
export const MAX_NESTING = 64;

/** Whether `value` holds objects and arrays at most `levels` deep (itself counting as one). */
export function nestsWithin(value: unknown, levels: number): boolean {
  // Iterative: the point is to refuse values too deep for recursion.
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > levels) return false;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return true;
}

const NESTED_TOO_DEEP = `objects and arrays nested more than ${MAX_NESTING} deep`;

/** An object of any members, nested at most MAX_NESTING deep. */
const freeObject = z
  .record(z.string(), z.unknown())
  .refine((v) => nestsWithin(v, MAX_NESTING), NESTED_TOO_DEEP);

/** A decision is checked by the fold, against the one the charter gives (see vote.close). */
const decision = z
  .custom<Decision>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    'a decision is an object (docs/record.md)',
  )
  .refine((v) => nestsWithin(v, MAX_NESTING), NESTED_TOO_DEEP);

/**
 * A sum: more than 0, at most 10^15, to at most 6 places after the point as JavaScript writes it,
 * so that what is recorded reads as it was meant (0.1 + 0.2 sent as 0.30000000000000004, or
 * 5e-324, is refused).
 */
export const amountValue = z
  .number()
  .positive()
  .max(1e15)
  .check((ctx) => {
    // A sum out of range is said so above, alone: -5 has no places after the point to speak of.
    const inRange = ctx.value > 0 && ctx.value <= 1e15;
    if (inRange && !/^\d+(\.\d{1,6})?$/.test(String(ctx.value)))
      ctx.issues.push({
        code: 'custom',
        message: `${String(ctx.value)}: an amount is given to at most 6 places after the point`,
        input: ctx.value,
      });
  });

/** The payload of each act type (docs/record.md). */
export const ACT_PAYLOADS = {
  'charter.adopt': z.strictObject({
    charter: freeObject,
    custodian: publicKey,
    log: verifierKey,
  }),
  'charter.amend': z.strictObject(inSession),
  'member.invite': z.strictObject({
    person: id,
    token: hex64,
    expires: isoTime,
    decision: z.strictObject(inSession).optional(),
  }),
  'member.enrol': z.strictObject({
    person: id,
    key: publicKey,
    replaces: publicKey.optional(),
    invitation: hex64.optional(),
  }),
  'member.revoke': z.strictObject({
    person: id,
    key: publicKey,
    reason: text(MAX_CHARS.reason).optional(),
  }),
  'session.open': z.strictObject({
    session: id,
    body: id,
    mode: z.enum(['live', 'minutes']),
    title: text(MAX_CHARS.title).optional(),
    date: givenDate.optional(),
    place: text(MAX_CHARS.title).optional(),
    chair: id.optional(),
    atHand: distinctPeople(0, 10_000).optional(),
  }),
  'session.close': z.strictObject({ session: id }),
  'session.convene': z.strictObject({
    session: id,
    body: id,
    date: givenDate,
    title: text(MAX_CHARS.title).optional(),
    place: text(MAX_CHARS.title).optional(),
    chair: id.optional(),
    agenda: z.array(agendaItem).max(1000),
    noticed: isoTime.optional(),
  }),
  'attendance.excuse': z.strictObject({
    session: id,
    person: id,
    reason: text(MAX_CHARS.reason).optional(),
  }),
  'attendance.arrive': z.strictObject({ session: id, person: id }),
  'attendance.depart': z.strictObject({ session: id, person: id }),
  'motion.propose': z.strictObject({
    ...inSession,
    text: text(MAX_CHARS.motion),
    proposer: id.optional(),
    kind: id.optional(),
    majority: majoritySchema.optional(),
    alternatives: z.array(id).min(2).max(100).optional(),
    method: z.enum(['plurality', 'absolute']).optional(),
    power: id.optional(),
    amends: freeObject.optional(),
    invites: id.optional(),
    ratifies: decisionRef.optional(),
    follows: decisionRef.optional(),
    dispatch: id.optional(),
    item: id.optional(),
    approves: minutesRef.optional(),
  }),
  'circulation.open': z.strictObject({
    circulation: id,
    body: id,
    mode: z.enum(['live', 'minutes']),
    text: text(MAX_CHARS.motion),
    deadline: isoTime,
    to: z.array(id).min(1).max(10_000).optional(),
    rule: circulationRuleSchema.optional(),
    date: givenDate.optional(),
    dispatch: id.optional(),
    power: id.optional(),
    atHand: distinctPeople(0, 10_000).optional(),
    follows: decisionRef.optional(),
    approves: minutesRef.optional(),
  }),
  'circulation.answer': z.strictObject({
    circulation: id,
    member: id,
    choice: z.enum(ANSWER_CHOICES),
    comment: text(MAX_CHARS.comment).optional(),
    channel: channel.optional(),
    at: isoTime.optional(),
  }),
  'circulation.confirm': z.strictObject({ circulation: id, member: id }),
  'circulation.dispute': z.strictObject({
    circulation: id,
    member: id,
    reason: text(MAX_CHARS.reason).optional(),
  }),
  'circulation.withdraw': z.strictObject({
    circulation: id,
    reason: text(MAX_CHARS.reason).optional(),
  }),
  'circulation.close': z.strictObject({
    circulation: id,
    decision,
    stated: text(MAX_CHARS.stated).optional(),
  }),
  'dispatch.register': z.strictObject({
    dispatch: id,
    body: id,
    number: text(MAX_CHARS.number),
    received: givenDate,
    from: text(MAX_CHARS.title),
    channel,
    text: text(MAX_CHARS.document),
    attachments: z.array(attachment).max(100).optional(),
  }),
  'dispatch.refer': z.strictObject({
    dispatch: id,
    inscription: text(MAX_CHARS.comment),
    people: distinctPeople(1, 1000).optional(),
    body: id.optional(),
  }),
  'dispatch.close': z.strictObject({ dispatch: id, reason: text(MAX_CHARS.comment) }),
  'instrument.draft': z.strictObject({
    instrument: id,
    body: id,
    kind: id,
    mode: z.enum(['live', 'minutes']),
    number: text(MAX_CHARS.number),
    date: givenDate.optional(),
    to: text(MAX_CHARS.reason).optional(),
    text: text(MAX_CHARS.document),
    attachments: z.array(attachment).max(100).optional(),
    restsOn: decisionRef.optional(),
    answers: id.optional(),
    holder: id.optional(),
    scope: text(MAX_CHARS.comment).optional(),
    until: givenDate.optional(),
    amount: z.strictObject({ value: amountValue, unit: text(MAX_CHARS.unit) }).optional(),
    from: id.optional(),
  }),
  'instrument.sign': z.strictObject({
    instrument: id,
    content: hex64,
    after: hex64.nullable(),
    channel: channel.optional(),
  }),
  'instrument.issue': z.strictObject({ instrument: id, date: givenDate.optional() }),
  'instrument.revoke': z.strictObject({
    instrument: id,
    reason: text(MAX_CHARS.reason).optional(),
    date: givenDate.optional(),
    by: decisionRef.optional(),
  }),
  'instrument.settle': z.strictObject({
    instrument: id,
    note: text(MAX_CHARS.reason).optional(),
    date: givenDate.optional(),
  }),
  'instrument.annul': z.strictObject({
    instrument: id,
    by: decisionRef,
    supersededBy: id.optional(),
    reason: text(MAX_CHARS.reason).optional(),
  }),
  'minutes.sign': minutesRef.extend(minutesDay),
  'minutes.object': z.strictObject({ session: id, text: text(MAX_CHARS.motion), ...minutesDay }),
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
  'vote.close': z.strictObject({
    ...inSession,
    decision,
    stated: text(MAX_CHARS.stated).optional(),
    statedCounts: z.partialRecord(z.enum(CHOICES), z.int().min(0).max(1e9)).optional(),
  }),
  'proxy.grant': z.strictObject({
    grant: id,
    body: id,
    holder: id,
    session: id.optional(),
    motion: id.optional(),
    until: isoTime.optional(),
  }),
  'proxy.revoke': z.strictObject({ grant: id, reason: text(MAX_CHARS.reason).optional() }),
} satisfies { readonly [T in ActType]: z.ZodType<Acts[T]> };

/**
 * Refuses an act whose payload is not of its type's form, naming the field, its value and the
 * rule in words: `session.open: title "…": at most 500 characters (600 given)`.
 */
export function checkPayload(act: Act): void {
  const schema: z.ZodType | undefined = ACT_PAYLOADS[act.type];
  if (!schema) fail('invalid-input', `there is no act type ${JSON.stringify(act.type)}`);
  const result = schema.safeParse(act.payload, { error: plainWords });
  if (result.success) return;
  const { path, shown, problem } = refusalOf(result.error.issues, act.payload);
  fail('invalid-input', `${act.type}: ${path || 'payload'}${shown}: ${problem}`);
}

/** Whether a time of isoTime's shape names a real day and time (no 30 February, no 24:00). */
function isCalendarTime(time: string): boolean {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] =
    timeFields(time) ?? (time.match(/\d+/g) ?? []).map(Number);
  return day >= 1 && day <= daysInMonth(year, month) && hour < 24 && minute < 60 && second < 60;
}

const TIME_SHAPE = '0000-00-00T00:00:00.000Z';

/**
 * The numbers of a time spelled exactly as TIME_SHAPE (every request's act has one), read by
 * position; undefined for any other spelling, whose numbers are then found by a regular
 * expression, as they would be for this one.
 */
function timeFields(time: string): number[] | undefined {
  if (time.length !== TIME_SHAPE.length) return undefined;
  const fields: number[] = [];
  let value = 0;
  for (let i = 0; i < TIME_SHAPE.length; i++) {
    const c = time.charCodeAt(i);
    const shape = TIME_SHAPE.charCodeAt(i);
    if (shape !== 0x30) {
      if (c !== shape) return undefined;
      fields.push(value);
      value = 0;
    } else if (c >= 0x30 && c <= 0x39) value = value * 10 + c - 0x30;
    else return undefined;
  }
  return fields;
}
