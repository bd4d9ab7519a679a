/** Headers every response carries, whatever answers it: the API, the web app, errors, events. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export function securityHeaders(fastify: FastifyInstance): void {
  // A callback hook, not an async one: every request runs it, and a promise each costs more.
  fastify.addHook('onRequest', (request, reply, done) => {
    setSecurityHeaders(request, reply);
    done();
  });
}

/**
 * Sets the headers on the answer to `request`: by the hook above, and for the router's own
 * refusals, which no hook sees (see index.ts, frameworkErrors).
 */
export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  // On the raw response, so that streams that take the connection over (events) carry them too.
  const res = reply.raw;
  for (const name in HEADERS) res.setHeader(name, HEADERS[name]!);
  if (request.protocol === 'https')
    res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
  if (request.url.startsWith('/api/')) res.setHeader('cache-control', 'no-store');
}
