/**
 * A value refused by its schema, in words a person reads: where, the value when it is short, and
 * what is wrong, as what the field takes and what was given (`title: at most 500 characters (600
 * given)`), never zod's own wording (`Too big: expected string to have <=500 characters`). The
 * ledger's check of every act (payloads.ts) and the API's check of every request
 * (server/schemas.ts) both word their refusals here, so the two say the same.
 */
import type { z } from 'zod';
import { furthestBranch } from './format/yaml-source.js';
import { cutTo } from './words.js';

/** What each type zod expects is, in words. */
const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  null: 'null',
};

/** A value as the words of a refusal name it: a number or a flag as it is, else its kind. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return EXPECTED[typeof value] ?? typeof value;
}

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const given = (n: number) => `(${n === 0 ? 'none' : n} given)`;

/** A bound on a length or a number: what the field takes, and what it was given. */
function bound(issue: {
  origin: string;
  input?: unknown;
  inclusive?: boolean;
  limit: number | bigint;
  most: boolean;
}): string | undefined {
  const { origin, input, inclusive, most } = issue;
  const limit = Number(issue.limit);
  const edge = most ? (inclusive ? 'at most' : 'less than') : inclusive ? 'at least' : 'more than';
  if (origin === 'string' && typeof input === 'string')
    return `${edge} ${counted(limit, 'character', 'characters')} ${given(input.length)}`;
  if (origin === 'array' && Array.isArray(input))
    return `${edge} ${counted(limit, 'item', 'items')} ${given(input.length)}`;
  if (origin === 'number' || origin === 'int') return `${edge} ${limit} (${String(input)} given)`;
  return undefined;
}

/**
 * The words of each kind of issue zod finds itself: given as the error map of a check, they
 * stand where a schema gives none of its own (a regex's rule, a refinement's, keep theirs).
 */
export const plainWords: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'too_big':
      return bound({ ...issue, limit: issue.maximum, most: true });
    case 'too_small':
      return bound({ ...issue, limit: issue.minimum, most: false });
    case 'invalid_type':
      if (issue.input === undefined) return 'missing';
      return `${EXPECTED[issue.expected] ?? issue.expected} expected, not ${kindOf(issue.input)}`;
    case 'unrecognized_keys':
      return unknownKeys(issue.keys);
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')} expected`;
    case 'invalid_key':
      // A key of a map of ids (people, bodies, kinds): what is wrong with the key itself.
      return `the key${shown(issue.input)} is not an id: ${issue.issues.map((i) => i.message).join('; ')}`;
    default:
      return undefined;
  }
};

/**
 * How many unknown fields a refusal names, how long a name it repeats whole, and how much of a
 * longer one it shows.
 */
const KEYS_NAMED = 5;
const KEY_SHOWN = 100;
const KEY_CUT = 40;

/**
 * Unknown fields as a refusal names them: the first few, each quoted (a long one cut, with its
 * length), and how many more: a request is never echoed back at its own length.
 */
function unknownKeys(keys: readonly string[]): string {
  const named = keys
    .slice(0, KEYS_NAMED)
    .map((k) =>
      k.length <= KEY_SHOWN ? quoted(k) : `${quoted(cutTo(k, KEY_CUT))} (${k.length} characters)`,
    );
  const more = keys.length > KEYS_NAMED ? ` and ${keys.length - KEYS_NAMED} more` : '';
  return `${keys.length === 1 ? 'unknown field' : 'unknown fields'} ${named.join(', ')}${more}`;
}

/** A refusal in parts: the field's path from the value checked ('' for the value itself), the
 * value as given when it is worth repeating (` "…"`), and what is wrong with it. */
export interface Refusal {
  readonly path: string;
  readonly shown: string;
  readonly problem: string;
}

/** The first of `issues` (of a union, the branch that got furthest), about `value`. */
export function refusalOf(issues: readonly z.core.$ZodIssue[], value: unknown): Refusal {
  const first = issues[0];
  if (!first) return { path: '', shown: '', problem: 'invalid' };
  // Of a union (a rule, a reference to a decision), the branch that got furthest says what is wrong.
  const issue = tightestBound(issues, furthestBranch(first)?.[0] ?? first);
  const at = valueAt(value, issue.path);
  // The value as given, unless it is too long to be worth repeating.
  return { path: issue.path.map(String).join('.'), shown: shown(at), problem: issueMessage(issue) };
}

/**
 * Of the bounds a value breaks on the same side, the field's own: a whole number past those a
 * double holds exactly breaks that bound first, and then the field's (at most 10^9) besides.
 */
function tightestBound(
  issues: readonly z.core.$ZodIssue[],
  issue: z.core.$ZodIssue,
): z.core.$ZodIssue {
  if (issue.code !== 'too_big' && issue.code !== 'too_small') return issue;
  const key = JSON.stringify(issue.path);
  const limit = (i: z.core.$ZodIssue): number =>
    i.code === 'too_big' ? Number(i.maximum) : i.code === 'too_small' ? -Number(i.minimum) : NaN;
  return issues
    .filter((i) => i.code === issue.code && JSON.stringify(i.path) === key)
    .reduce((best, i) => (limit(i) < limit(best) ? i : best), issue);
}

/** What the schema library says of a union given no words of its own. */
export const DEFAULT_UNION_MESSAGE = 'Invalid input';

/** An issue's words; of a value of several forms the schema gives no words to, those forms. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_union' && issue.message === DEFAULT_UNION_MESSAGE
    ? formsWords(issue)
    : issue.message;
}

/**
 * A value that none of several forms takes, where no form got past the value itself: the words of
 * the one form whose type it has but not its shape (`an id is lowercase letters, ...`), else
 * every form it could take (`one of "aye", "nay", "abstain", or an object expected, not "yes"`).
 */
function formsWords(issue: z.core.$ZodIssueInvalidUnion): string {
  const tops = issue.errors.flatMap((branch) => branch.filter((i) => i.path.length === 0));
  const shaped = tops.filter((i) => !FORM_CODES.has(i.code));
  if (shaped.length === 1) return shaped[0]!.message;
  const forms = [...new Set(tops.flatMap(formOf))].join(', or ');
  return issue.input === undefined
    ? `${forms} expected`
    : `${forms} expected, not ${shownKind(issue.input)}`;
}

/** The codes of an issue that says which form a value must take, not what is wrong within it. */
const FORM_CODES: ReadonlySet<string> = new Set(['invalid_type', 'invalid_value', 'invalid_union']);

/** The forms one issue at a union's top says a value may take. */
function formOf(issue: z.core.$ZodIssue): string[] {
  switch (issue.code) {
    case 'invalid_type':
      return [EXPECTED[issue.expected] ?? issue.expected];
    case 'invalid_value':
      return issue.values.length === 1
        ? [JSON.stringify(issue.values[0])]
        : [`one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`];
    case 'invalid_union':
      return issue.errors.flatMap((branch) =>
        branch.filter((i) => i.path.length === 0).flatMap(formOf),
      );
    default:
      return [issue.message];
  }
}

/** A short text as a refusal repeats it (` "…"`), or nothing for any other value. */
const shown = (value: unknown): string =>
  typeof value === 'string' && value.length <= 100 ? ` ${quoted(value)}` : '';

/** A value a refusal names: a short text as written, anything else by its kind. */
function shownKind(value: unknown): string {
  return typeof value === 'string' && value.length <= 100 ? quoted(value) : kindOf(value);
}

/**
 * A refused text quoted as JSON writes it, and the marks that turn the direction of what follows
 * (which may be why it was refused) as escapes too: the refusal must read as it is written.
 */
export function quoted(value: string): string {
  return JSON.stringify(value).replace(
    /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}
