/** Headers every response carries, whatever answers it: the API, the web app, errors, events. */
import { STATUS_CODES } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AddressRefused, ApiError } from './errors.js';
import { isLoopbackHost } from './loopback.js';
import { isApiPath } from './static.js';

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
const HSTS = { 'strict-transport-security': 'max-age=31536000; includeSubDomains' };
const NO_STORE = { 'cache-control': 'no-store' };

/**
 * The headers of an answer, by whether it goes over TLS and answers the API: made once each, so
 * that a request costs no object of its own.
 */
const HEADER_SETS: readonly (readonly [string, string][])[] = [false, true].flatMap((tls) =>
  [false, true].map((api) =>
    Object.entries({ ...HEADERS, ...(tls ? HSTS : {}), ...(api ? NO_STORE : {}) }),
  ),
);

function headersFor(tls: boolean, api: boolean): readonly [string, string][] {
  return HEADER_SETS[(tls ? 2 : 0) + (api ? 1 : 0)]!;
}

/**
 * The headers on every answer, and the requests refused before any route: without Host, with a
 * query that is not UTF-8, and, where `loopbackOnly` (a server told no origin, which serves this
 * machine alone), for a Host that does not name this machine.
 */
export function securityHeaders(fastify: FastifyInstance, loopbackOnly: boolean): void {
  // Nearly every request names the Host the last one did: that one is not parsed again.
  const namesThisMachine = rememberingLastPassed(isLoopbackHost);
  // A callback hook, not an async one: every request runs it, and a promise each costs more.
  fastify.addHook('onRequest', (request, reply, done) => {
    setSecurityHeaders(request, reply);
    const host = request.headers.host;
    // node:http is told not to refuse these itself (index.ts), which it does without any header.
    if (request.raw.httpVersion === '1.1' && host === undefined)
      done(new ApiError('invalid-input', 'an HTTP/1.1 request must name its Host'));
    // node:http keeps the first of two, a proxy in front may have gone by the other (RFC 9112).
    else if (host !== undefined && hostLines(request.raw.rawHeaders) > 1)
      done(new ApiError('invalid-input', 'a request names its Host once'));
    else if (loopbackOnly && host !== undefined && !namesThisMachine(host))
      done(
        new ApiError(
          'forbidden',
          'this server answers this machine only, at 127.0.0.1, [::1] or localhost: another name that leads here is not its own (served for others, it is told its origin with --origin)',
        ),
      );
    else if (queryMalformed(request.url))
      done(new AddressRefused('the query is not valid: percent-encoded UTF-8'));
    else done();
  });
}

/** How many lines of the request's headers name its Host. */
function hostLines(rawHeaders: readonly string[]): number {
  let lines = 0;
  for (let i = 0; i < rawHeaders.length; i += 2)
    if (rawHeaders[i]!.length === 4 && rawHeaders[i]!.toLowerCase() === 'host') lines += 1;
  return lines;
}

/** `test`, answered at once for the last text it passed. */
function rememberingLastPassed(test: (text: string) => boolean): (text: string) => boolean {
  let passed: string | undefined;
  return (text) => {
    if (text === passed) return true;
    const answer = test(text);
    if (answer) passed = text;
    return answer;
  };
}

/**
 * Whether the query string's percent-encoding is not UTF-8 (`%ZZ`, a lone byte): the query
 * parser would take such a value as written, and a search would look for `%ZZ`.
 */
function queryMalformed(url: string): boolean {
  const at = url.indexOf('?');
  if (at < 0 || !url.includes('%', at)) return false;
  try {
    decodeURIComponent(url.slice(at + 1));
    return false;
  } catch {
    return true;
  }
}

/**
 * Sets the headers on the answer to `request`: by the hook above, and for the router's own
 * refusals, which no hook sees (see index.ts, frameworkErrors).
 */
export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  // On the raw response, so that streams that take the connection over (events) carry them too.
  const res = reply.raw;
  // A target not in origin form (`http://host/api/…`, which routes like its path) is kept from
  // caches like the API: only the web app's own files may be stored.
  const url = request.url;
  const api = isApiPath(url) || !url.startsWith('/');
  for (const [name, value] of headersFor(request.protocol === 'https', api))
    res.setHeader(name, value);
}

/**
 * Answers a request node:http could not parse (not well-formed HTTP, headers too large, too slow
 * to arrive) on its socket, which no hook sees: in the API's shape, with the same headers as an
 * API answer, and the connection closed. A connection already gone gets nothing.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'the request’s headers are larger than the server takes']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'the request took too long to arrive']
        : [400, 'the request is not well-formed HTTP'];
  answerOnSocket(socket, status, status === 431 ? 'too-large' : 'invalid-input', message);
  socket.destroy(error);
}

/**
 * Answers a CONNECT, which node:http hands over with its socket instead of as a request (and
 * closes without a word when no one takes it): the server is no proxy.
 */
export function refuseConnect(_request: IncomingMessage, socket: Duplex): void {
  answerOnSocket(socket, 400, 'invalid-input', 'CONNECT is not served: this server is no proxy');
  socket.end();
}

/**
 * Answers a request that expects of the server what it does not do (an `Expect` other than
 * 100-continue), which node:http hands over before any hook sees it (and answers, unheard, with
 * no header nor body): 417 in the API's shape, the connection closed, its body left unread.
 */
export function refuseExpectation(request: IncomingMessage, response: ServerResponse): void {
  const { body, headers } = refusal(
    request.socket,
    'expectation-failed',
    'the server meets no expectation but 100-continue',
  );
  response.writeHead(417, headers.flat());
  response.end(body);
}

/**
 * A refusal in the API's shape, with the headers of an API answer on `socket` (HTTPS or not), on
 * a connection it closes: for what is answered before fastify hears of it.
 */
function refusal(
  socket: unknown,
  code: string,
  message: string,
): { body: string; headers: [string, string][] } {
  const body = JSON.stringify({ error: { code, message } });
  const headers: [string, string][] = [
    ...headersFor((socket as { encrypted?: boolean }).encrypted === true, true),
    ['content-type', 'application/json; charset=utf-8'],
    ['content-length', String(Buffer.byteLength(body))],
    ['connection', 'close'],
  ];
  return { body, headers };
}

/** Writes a refusal in the API's shape, with an API answer's headers, on a connection it closes. */
function answerOnSocket(socket: Duplex, status: number, code: string, message: string): void {
  const { body, headers } = refusal(socket, code, message);
  const lines = headers.map(([name, value]) => `${name}: ${value}\r\n`).join('');
  if (socket.writable)
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines}\r\n${body}`);
}
