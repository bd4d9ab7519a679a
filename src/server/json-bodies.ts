/**
 * JSON bodies parsed as fastify parses them, and counted as they were received: a body sent in
 * chunks comes without a Content-Length, and the limits of an act (routes/acting.ts) apply to the
 * bytes sent, whitespace included, however the body came.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

const received = new WeakMap<FastifyRequest, number>();

/** Replaces fastify's JSON parser by the same parser, which also notes each body's bytes. */
export function countedJsonBodies(fastify: FastifyInstance): void {
  // Fastify's defaults: a body naming __proto__ or constructor.prototype is refused.
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    received.set(request, Buffer.byteLength(body as string));
    parse(request, body as string, done);
  });
}

/**
 * The bytes of the request's JSON body, as received (as decoded where it is not UTF-8: what is
 * not counts as the U+FFFD it became).
 *
 * @example
 * if (receivedBytes(request) > limit) refuse('too-large', '...');
 */
export function receivedBytes(request: FastifyRequest): number {
  const bytes = received.get(request);
  if (bytes === undefined) throw new Error('no JSON body was received with this request');
  return bytes;
}
