/**
 * JSON bodies parsed as fastify parses them, and counted as they were received: a body sent in
 * chunks comes without a Content-Length, and the limits of an act (routes/acting.ts) apply to the
 * bytes sent, whitespace included, however the body came.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readJsonText } from '../core/format/json-source.js';
import { ApiError, BODIES_ARE_JSON } from './errors.js';

const received = new WeakMap<FastifyRequest, number>();
/** Bytes that are not UTF-8 are refused, not read as U+FFFD: what is signed is what was sent. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Replaces fastify's JSON parser by the same parser on the body's bytes, strictly decoded, which
 * also notes how many there were.
 */
export function countedJsonBodies(fastify: FastifyInstance): void {
  // Fastify's defaults: a body naming __proto__ or constructor.prototype is refused.
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  // Bodies are JSON only: a text/plain one (fastify's other default) is refused as another type.
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('*', emptyBodyOfAnyType);
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    received.set(request, bytes.length);
    const refused = (message: string) => done(new ApiError('invalid-input', message), undefined);
    const unsupported = (message: string, headers = {}) =>
      done(new ApiError('unsupported-media-type', message, headers), undefined);
    // A body is read as sent: one said to be compressed would be recorded undecoded, or refused
    // as not UTF-8, which is not why.
    const coded = codings(request.headers['content-encoding']);
    if (coded.length > 0)
      return unsupported(
        `bodies are sent as they are, not with Content-Encoding ${coded.join(', ')}`,
        { 'accept-encoding': 'identity' },
      );
    // node:http takes the chunks apart, and hands over what they hold as it came, compressed.
    const transferred = codings(request.headers['transfer-encoding']).filter(
      (c) => c !== 'chunked',
    );
    if (transferred.length > 0)
      return unsupported(
        `bodies are sent as they are, not with Transfer-Encoding ${transferred.join(', ')}`,
      );
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '');
    if (charset && charset[1]!.toLowerCase() !== 'utf-8')
      return unsupported(`bodies are JSON in UTF-8, not ${charset[1]}`);
    // A client may send an empty JSON body where every field is optional: it stands for {}.
    if (bytes.length === 0 && request.routeOptions.config.bodiless) return done(null, {});
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return refused('the body is not UTF-8 text');
    }
    // One strict reading (the value is JSON.parse's): a key given twice is refused at its place.
    const read = readJsonText(text);
    if (!read.ok) {
      const { line, col, message } = read.problem;
      return refused(
        whyNotJson(text) ?? `the body is refused at line ${line}, column ${col}: ${message}`,
      );
    }
    if (!MAY_NAME_PROTOTYPE.test(text)) return done(null, read.value);
    // Fastify's parser, which refuses a body naming a prototype, decides for the few that may.
    parse(request, text, (error) =>
      error
        ? refused('a body may not name __proto__ or constructor.prototype')
        : done(null, read.value),
    );
  });
}

/**
 * A body of another type than JSON, or of none named: refused, unless it is empty and sent to a
 * route whose fields are all optional (`bodiless`), where it stands for {} as an empty JSON body
 * does (a client that posts nothing may still name a type, text/plain by default).
 */
function emptyBodyOfAnyType(
  request: FastifyRequest,
  payload: NodeJS.ReadableStream,
  done: (error: Error | null, body?: unknown) => void,
): void {
  let settled = false;
  const settle = (error: Error | null, body?: unknown) => {
    if (!settled) done(error, body);
    settled = true;
  };
  const refused = () => settle(new ApiError('unsupported-media-type', BODIES_ARE_JSON));
  if (!request.routeOptions.config.bodiless) return refused();
  // Refused at its first byte; the rest is let go unread.
  payload.on('data', refused);
  payload.once('end', () => settle(null, {}));
  payload.once('error', (error: Error) => settle(error));
}

/**
 * A route whose body's fields are all optional (`bodiless`) takes a request without a body as one
 * with `{}`: what it is checked against and what the route reads is the same either way. One that
 * needs a body and was sent none is told so, not that its body is null.
 */
export function absentBodiesAsEmpty(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    if (request.body != null) return done();
    if (request.routeOptions.config.bodiless) request.body = {};
    // Without a type, a body that came would have been refused as not JSON: none came.
    else if (request.routeOptions.schema?.body && request.headers['content-type'] === undefined)
      return done(new ApiError('invalid-input', 'no body was sent: this request takes JSON'));
    done();
  });
}

/** What a body must hold to name __proto__ or constructor, spelled plainly or with escapes. */
const MAY_NAME_PROTOTYPE = /__proto__|constructor|\\u/;

/** The content codings a request's header names, but identity (none). */
function codings(header: string | string[] | undefined): string[] {
  return [header ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

/** The longest body whose error is looked for character by character when JSON.parse gives no
 * position (about 16 parses of it). */
const LOCATED = 64 * 1024;

/**
 * Why `text` is not JSON, in words that say where (line and column, from 1), or undefined when it
 * is JSON.
 *
 * @example
 * whyNotJson('{"type": 1,}') // 'the body is not JSON: expected double-quoted property name at line 1, column 12'
 */
export function whyNotJson(text: string): string | undefined {
  if (text.trim() === '') return 'the body is empty: bodies are JSON';
  // Invisible in the parser's words, which would quote it as the token refused.
  if (text.startsWith('\uFEFF'))
    return 'the body begins with a byte order mark (U+FEFF): JSON is sent without one';
  let words: string;
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    words = (error as Error).message;
  }
  const given = /at position (\d+)/.exec(words);
  const position = given
    ? Number(given[1])
    : /end of JSON input/.test(words)
      ? text.length
      : text.length <= LOCATED
        ? validBeginning(text)
        : undefined;
  // V8's words, less where it says the error is (or the whole text it quotes).
  const what = words
    .replace(/, "[\s\S]*" is not valid JSON$/, '')
    .replace(/ in JSON at position \d+[\s\S]*$/, '')
    .replace(/ at position \d+[\s\S]*$/, '');
  const where = position === undefined ? '' : ` at ${lineAndColumn(text, position)}`;
  return `the body is not JSON: ${what.charAt(0).toLowerCase()}${what.slice(1)}${where}`;
}

/** The length of the longest beginning of `text` that some JSON could continue. */
function validBeginning(text: string): number {
  const continues = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return true;
    } catch (error) {
      const words = (error as Error).message;
      const at = /at position (\d+)/.exec(words);
      return /end of JSON input/.test(words) || (at !== null && Number(at[1]) >= length);
    }
  };
  let [low, high] = [0, text.length];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (continues(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`;
}

/**
 * The bytes of the request's JSON body, as received.
 *
 * @example
 * if (receivedBytes(request) > limit) refuse('too-large', '...');
 */
export function receivedBytes(request: FastifyRequest): number {
  const bytes = received.get(request);
  if (bytes === undefined) throw new Error('no JSON body was received with this request');
  return bytes;
}
