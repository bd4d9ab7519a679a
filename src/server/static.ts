/**
 * The web app: the files of its build (dist/web), and its index.html for any other path that is
 * not a file, so that a link into the app (/sessions/x) opens the app at that place. Without a
 * build, a page that says how to make one.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ID_MAX_LENGTH } from '../core/id-rule.js';
import { cutTo } from '../core/words.js';
import { AddressRefused, describe, errorHandler, ApiError, PATH_PART_TOO_LONG } from './errors.js';

const MISSING = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Collegium: the web app is not built</title></head>
<body>
<h1>The web app is not built</h1>
<p>This server answers the HTTP API under <a href="/api/openapi.json">/api</a>, but there is no
web app to serve: its build (<code>dist/web</code>) is missing.</p>
<p>Build it with <code>npm run build:web</code> (or <code>npm start</code>, which builds everything),
then start the server again.</p>
</body>
</html>
`;

/** Whether a part of `path` is longer than any id: the app's places are ids, its files shorter. */
function hasLongPart(path: string): boolean {
  return path.split('/').some((part) => part.length > ID_MAX_LENGTH);
}

/** `methodsOf` gives the methods the API's routes take at a path: none where no route is. */
/**
 * Whether a target (path, maybe a query) is the API's: /api itself as well as what is under it,
 * so that /api is refused in the API's shape, not answered with the web app.
 */
export function isApiPath(target: string): boolean {
  const path = target.split('?')[0] ?? '';
  return path === '/api' || path.startsWith('/api/');
}

export function webApp(
  fastify: FastifyInstance,
  root: string,
  methodsOf: (path: string) => readonly string[],
): void {
  const built = existsSync(join(root, 'index.html'));
  // The router refuses such a part where a route names it; the wildcard below would take any,
  // and its file server refuse it in words of its own.
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (hasLongPart(request.url.split('?')[0] ?? '/')) done(new AddressRefused(PATH_PART_TOO_LONG));
    else done();
  });
  if (built) {
    // The API's paths, and paths no file of the app has, go to the handler below: its refusals.
    const allowedPath = (path: string) => !isApiPath(path) && !hasLongPart(path);
    void fastify.register(fastifyStatic, {
      root,
      wildcard: true,
      index: ['index.html'],
      allowedPath,
    });
  }
  fastify.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    const page = (request.method === 'GET' || request.method === 'HEAD') && !isApiPath(path);
    // A path with an extension names a file: it is missing, not a place in the app.
    if (!page || /\.[A-Za-z0-9]+$/.test(path))
      return errorHandler(apiPathRefusal(request.method, path, methodsOf), request, reply);
    if (built) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return reply.code(503).type('text/html; charset=utf-8').send(MISSING);
  });
}

/**
 * A path of the API asked by a method it does not take is there: 405, with the methods it takes
 * (`Allow`). A path no route takes is not found.
 */
function apiPathRefusal(
  method: string,
  path: string,
  methodsOf: (path: string) => readonly string[],
): ApiError {
  const methods = isApiPath(path) ? methodsOf(path) : [];
  const shown = cutTo(path, PATH_SHOWN);
  if (methods.length === 0) return new ApiError('not-found', `no ${method} ${shown} here`);
  return new ApiError('method-not-allowed', `${shown} takes ${methods.join(', ')}, not ${method}`, {
    allow: methods.join(', '),
  });
}

/**
 * The longest path a refusal repeats whole: many short parts make a path of any length (up to the
 * headers' limit), which is never echoed at its own length.
 */
const PATH_SHOWN = 200;

/** Whether a browser asks for a page (as it does when it opens an address), not for the API. */
function asksForPage(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    !isApiPath(request.url) &&
    typeof accept === 'string' &&
    accept.includes('text/html')
  );
}

/**
 * The server's error handler: every refusal in the API's shape, but for a browser that asked for
 * a page at an address refused as such (not percent-encoded UTF-8, a part longer than any id),
 * the web app with the refusal's status: the app says the address is not valid, in its page.
 */
export function refusalsOrPage(root: string) {
  return async (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const described = describe(error);
    if (!described.address || !asksForPage(request)) return errorHandler(error, request, reply);
    // Read each time: a rebuilt app names other files, and this answer is rare.
    const page = await readFile(join(root, 'index.html'), 'utf8').catch(() => undefined);
    return reply
      .code(page === undefined ? 503 : described.status)
      .type('text/html; charset=utf-8')
      .send(page ?? MISSING);
  };
}
