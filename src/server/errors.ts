/**
 * Refusals at the edge: every error leaves as `{"error": {"code", "message"}}` with the status of
 * its code (docs/api.md). Domain errors keep the codes the core gave them; this is the one place
 * they become HTTP statuses. Bad input of any kind is a 4xx, never a 500.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isRecordDamage } from '../app/ledger.js';
import { DomainError } from '../core/errors.js';
import type { ErrorCode } from '../core/errors.js';
import { ID_MAX_LENGTH } from '../core/id-rule.js';
import { exactSize } from '../core/words.js';

/** Codes only the server gives: they concern the request, not the record. */
/** The refusal of a body sent as another type than JSON. */
export const BODIES_ARE_JSON = 'bodies are JSON (application/json)';

export type ApiCode =
  | ErrorCode
  | 'csrf'
  | 'rate-limited'
  | 'unavailable'
  | 'database-unavailable'
  | 'record-upgraded'
  | 'record-damaged'
  | 'range-not-satisfiable'
  | 'method-not-allowed'
  | 'unsupported-media-type'
  | 'expectation-failed'
  | 'withheld';

export const STATUS: Readonly<Record<ApiCode, number>> = {
  'invalid-input': 400,
  'invalid-charter': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-member': 403,
  'candidate-no-vote': 403,
  'not-asked': 403,
  'not-a-signer': 403,
  csrf: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'duplicate-ballot': 409,
  'duplicate-answer': 409,
  'deadline-passed': 409,
  'vote-not-open': 409,
  'duplicate-signature': 409,
  'out-of-order': 409,
  'content-mismatch': 409,
  'wrong-kind': 409,
  withheld: 409,
  'too-large': 413,
  'unsupported-media-type': 415,
  'expectation-failed': 417,
  'range-not-satisfiable': 416,
  'charter-rule': 422,
  'signing-rule': 422,
  absent: 422,
  'no-proxy': 422,
  quorum: 422,
  'rate-limited': 429,
  unavailable: 503,
  'database-unavailable': 503,
  'record-upgraded': 503,
  'record-damaged': 503,
};

export const RECORD_DAMAGED =
  'the record was changed outside Collegium, and this server cannot follow it: nothing can be recorded until it is restored (collegium audit names what fails)';

/** Seconds a client is asked to wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_S = 5;

/** A refusal decided by the server itself. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ApiCode,
    message: string,
    /** Headers to send with the refusal (Retry-After). */
    readonly headers: Readonly<Record<string, string>> = {},
    /** The field of the request refused (`payload.title`), where one is. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * A refusal of the request's address itself (its path or query), before any route takes it: a
 * browser asking for a page is shown the web app's instead, which says the address is not valid.
 */
export class AddressRefused extends ApiError {
  override name = 'AddressRefused';
  constructor(message: string) {
    super('invalid-input', message);
  }
}

export function refuse(code: ApiCode, message: string): never {
  throw new ApiError(code, message);
}

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly field?: string };
}

interface Described {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A refusal of the address itself (AddressRefused, or the router's and file server's own). */
  readonly address?: true;
}

/** The code and message an error leaves the server with; `internal` for what is our fault. */
export const PATH_PART_TOO_LONG = `a part of the path is longer than any id (${ID_MAX_LENGTH} characters)`;

/** A range of a web app's file beyond its end: its file server's refusal, in the API's words. */
function rangeRefusal(error: unknown): Described | undefined {
  const e = error as { expose?: unknown; status?: unknown; headers?: Record<string, string> };
  if (e.expose !== true || e.status !== 416) return undefined;
  return {
    status: 416,
    code: 'range-not-satisfiable',
    message: 'the range asked for is not within the file',
    headers: { 'content-range': e.headers?.['Content-Range'] ?? 'bytes */*' },
  };
}

/** `request`, where known, lets a refusal of its body name the route's limit. */
export function describe(error: unknown, request?: FastifyRequest): Described {
  if (error instanceof ApiError)
    return {
      status: STATUS[error.code],
      code: error.code,
      message: error.message,
      headers: error.headers,
      ...(error.field === undefined ? {} : { field: error.field }),
      ...(error instanceof AddressRefused ? { address: true } : {}),
    };
  if (error instanceof DomainError)
    return {
      status: STATUS[error.code],
      code: error.code,
      message: error.message,
      ...(error.field === undefined ? {} : { field: error.field }),
    };
  if (error instanceof Error && error.name === 'StoreConflict')
    return { status: 409, code: 'conflict', message: error.message };
  if (error instanceof Error && error.name === 'StoreUnavailable')
    return {
      status: STATUS['database-unavailable'],
      code: 'database-unavailable',
      // The driver's words (hosts, ports) stay in the server's log.
      message: 'the record’s database is unavailable; try again shortly',
      headers: { 'retry-after': String(DATABASE_RETRY_AFTER_S) },
    };
  if (error instanceof Error && error.name === 'StoreUpgraded')
    // Another instance, of the newer version, can take the request.
    return { status: STATUS['record-upgraded'], code: 'record-upgraded', message: error.message };
  if (isRecordDamage(error))
    // What is wrong, entry by entry, goes to the server's log and to collegium audit.
    return {
      status: STATUS['record-damaged'],
      code: 'record-damaged',
      message: RECORD_DAMAGED,
    };
  const fastify = error as Partial<FastifyError>;
  if (fastify.validation)
    return { status: 400, code: 'invalid-input', message: fastify.message ?? 'invalid input' };
  switch (fastify.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'too-large', message: tooLargeBody(request) };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: STATUS['unsupported-media-type'],
        code: 'unsupported-media-type',
        message: BODIES_ARE_JSON,
      };
    // The router's, which would repeat the whole path (any length) in their message.
    case 'FST_ERR_BAD_URL':
      return {
        status: 400,
        code: 'invalid-input',
        message: 'the path is not valid: a URL path, percent-encoded UTF-8',
        address: true,
      };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 400, code: 'invalid-input', message: PATH_PART_TOO_LONG, address: true };
    // The web app's file server's, of a path no file of it could have (a NUL, too long a name).
    case 'FST_STATIC_FORBIDDEN_PATH':
      return {
        status: 400,
        code: 'invalid-input',
        message: 'the path names no file of the web app',
        address: true,
      };
  }
  const range = rangeRefusal(error);
  if (range) return range;
  const status = fastify.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's own refusals of a request (malformed JSON, an empty body, a bad header).
    const code = status === 404 ? 'not-found' : status === 429 ? 'rate-limited' : 'invalid-input';
    return { status: STATUS[code], code, message: fastify.message ?? 'bad request' };
  }
  return { status: 500, code: 'internal', message: 'internal error' };
}

/**
 * A body larger than its route takes, in words that name the limit: the route's own (its
 * `config.tooLarge`), else its limit in bytes.
 */
function tooLargeBody(request: FastifyRequest | undefined): string {
  if (!request) return 'the body is larger than the server takes';
  const { config, bodyLimit } = request.routeOptions;
  return (
    config?.tooLarge ?? `the body is larger than the server takes: at most ${exactSize(bodyLimit)}`
  );
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, code, message, headers, field } = describe(error, request);
  if (status === 500) request.log.error({ err: error }, 'internal error');
  // An outage, an upgrade or a damaged record is the server's state, not a fault of the code: its
  // words go to the log once a request, without a stack (a whole outage would repeat it).
  else if (status >= 500) request.log.warn({ code, reason: reasonOf(error) }, code);
  if (headers) void reply.headers(headers);
  const body: ErrorBody = { error: { code, message, ...(field === undefined ? {} : { field }) } };
  void reply.code(status).type('application/json; charset=utf-8').send(body);
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
