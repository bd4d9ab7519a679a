/**
 * JSON bodies parsed as fastify parses them, and counted as they were received: a body sent in
 * chunks comes without a Content-Length, and the limits of an act (routes/acting.ts) apply to the
 * bytes sent, whitespace included, however the body came.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';

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
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    received.set(request, bytes.length);
    const refused = (message: string) => done(new ApiError('invalid-input', message), undefined);
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '');
    if (charset && charset[1]!.toLowerCase() !== 'utf-8')
      return refused(`bodies are JSON in UTF-8, not ${charset[1]}`);
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return refused('the body is not UTF-8 text');
    }
    parse(request, text, (error, value) => {
      // Valid JSON that the parser refused names a prototype, which no act or request holds.
      if (error && isJson(text))
        return refused('a body may not name __proto__ or constructor.prototype');
      done(error, value);
    });
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
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
