/**
 * The methods each path of the API takes, so that a request by another method is told which
 * (405 `method-not-allowed`, with `Allow`) rather than that the path does not exist. The router
 * answers only whether a route takes the method asked; the routes are kept here as they are
 * registered, their `:params` matched as the router matches them, one part of the path each.
 */
import type { FastifyInstance } from 'fastify';

interface Pattern {
  readonly path: RegExp;
  readonly methods: Set<string>;
}

/** Keeps the API's routes as they are registered; call before any is. */
export function routeMethods(fastify: FastifyInstance): (path: string) => string[] {
  const patterns = new Map<string, Pattern>();
  fastify.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const known = patterns.get(route.url) ?? { path: pathPattern(route.url), methods: new Set() };
    for (const m of methods) known.methods.add(m.toUpperCase());
    patterns.set(route.url, known);
  });
  return (path) => {
    const allowed = new Set<string>();
    for (const p of patterns.values())
      if (p.path.test(path)) for (const m of p.methods) allowed.add(m);
    return [...allowed].sort();
  };
}

/** `/api/sessions/:id/minutes.md` as a RegExp of the paths it takes. */
function pathPattern(url: string): RegExp {
  const parts = url.split(/(:[A-Za-z0-9_]+)/);
  const source = parts
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}
