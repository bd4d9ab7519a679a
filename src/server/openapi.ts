/**
 * The OpenAPI 3.1 document, made from the routes themselves: every route registered is in it,
 * with the zod schemas that validate its parameters and body as JSON Schemas.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';
import { STATUS } from './errors.js';
import { errorBody } from './schemas.js';

interface Documented {
  readonly method: string;
  readonly url: string;
  readonly schema: NonNullable<RouteOptions['schema']>;
  readonly access: string;
  readonly produces?: string;
  readonly bodiless?: boolean;
}

const jsonSchema = (schema: unknown): Record<string, unknown> =>
  schema instanceof z.ZodType
    ? (z.toJSONSchema(schema, {
        io: 'input',
        target: 'draft-2020-12',
        unrepresentable: 'any',
      }) as Record<string, unknown>)
    : {};

/** Collects the routes as they are registered; call before any route is. */
export function openApi(
  fastify: FastifyInstance,
  info: () => { title: string; version: string },
): void {
  const routes: Documented[] = [];
  fastify.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({
        method: method.toLowerCase(),
        url: route.url,
        schema: route.schema ?? {},
        access: route.config?.access ?? 'anyone',
        ...(route.config?.produces ? { produces: route.config.produces } : {}),
        ...(route.config?.bodiless ? { bodiless: true } : {}),
      });
    }
  });
  let document: unknown;
  fastify.get(
    '/api/openapi.json',
    { schema: { summary: 'this document', tags: ['reading'] }, config: { access: 'anyone' } },
    async () => (document ??= build(routes, info())),
  );
}

function build(routes: readonly Documented[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const parameters = [
      ...parametersOf(route.schema.params, 'path'),
      ...parametersOf(route.schema.querystring, 'query'),
    ];
    const responses: Record<string, unknown> = {};
    const declared = (route.schema.response ?? {}) as Record<string, unknown>;
    for (const [status, schema] of Object.entries(declared))
      responses[status] = {
        description: 'success',
        content: { 'application/json': { schema: jsonSchema(schema) } },
      };
    if (Object.keys(responses).length === 0)
      responses['200'] = {
        description: 'success',
        content: { [route.produces ?? 'application/json']: {} },
      };
    responses['4XX'] = {
      description: `a refusal: ${Object.entries(STATUS)
        .map(([code, status]) => `${code} (${status})`)
        .join(', ')}`,
      content: { 'application/json': { schema: jsonSchema(errorBody) } },
    };
    (paths[path] ??= {})[route.method] = {
      summary: route.schema.summary,
      tags: route.schema.tags,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.schema.body
        ? {
            requestBody: {
              // A body whose fields are all optional may be left out.
              required: route.bodiless !== true,
              content: { 'application/json': { schema: jsonSchema(route.schema.body) } },
            },
          }
        : {}),
      ...(route.access === 'person' ? { security: [{ session: [], csrf: [] }] } : {}),
      ...(route.access === 'visitor' ? { security: [{ csrf: [] }] } : {}),
      ...(route.access === 'own' ? { security: [{ session: [] }] } : {}),
      // A reader signs in unless the charter opens the record to anyone.
      ...(route.access === 'reader' ? { security: [{}, { session: [] }] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { ...info, description: 'The Collegium HTTP API (docs/api.md).' },
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'collegium_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
    },
  };
}

function parametersOf(schema: unknown, where: 'path' | 'query') {
  const json = jsonSchema(schema) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}
