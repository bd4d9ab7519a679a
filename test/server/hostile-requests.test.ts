/**
 * Requests of every hostile shape, rather than hostile payloads: query strings of every GET route
 * (repeated, bracketed, huge, negative, not numbers, empty), path parameters (encoded slashes,
 * `..`, long, not ASCII), methods no route takes, headers (another type, charset or coding of a
 * body, Host twice, an expectation, a huge cookie, ranges) and bodies (empty, null, a list, a
 * number, a text, nested 10,000 deep, 10 MB). Each is answered in the API's shape with a stable
 * code and its status, never a 500 nor a stack, never echoing the request at its own length, and
 * the server answers as before after them all.
 */
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/app/ledger.js';
import { STATUS } from '../../src/server/errors.js';
import { Browser, enrolledLedger, TEST_ORIGIN, testServer } from './support.js';

let ledger: Ledger;
let app: FastifyInstance;
const ada = { cookie: '', csrf: '' };

beforeAll(async () => {
  const enrolled = await enrolledLedger(['sec', 'ada']);
  ledger = enrolled.ledger;
  app = testServer({ ledger });
  const b = new Browser(app);
  expect((await b.loginAs('ada', enrolled.keys.get('ada')!)).status).toBe(200);
  ada.cookie = b.cookie!;
  ada.csrf = b.csrf!;
});

afterAll(async () => {
  await app.close();
  await ledger.store.close();
});

interface Shape {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
}

/** Sends a request as ada; expects a refusal in the API's shape; gives its status and error. */
async function refused(shape: Shape): Promise<{ status: number; code: string; message: string }> {
  const answer = await app.inject({
    method: (shape.method ?? 'GET') as 'GET',
    url: shape.url,
    headers: { cookie: ada.cookie, 'x-csrf-token': ada.csrf, ...shape.headers },
    ...(shape.payload === undefined ? {} : { payload: shape.payload }),
  });
  const label = `${shape.method ?? 'GET'} ${shape.url.slice(0, 80)}`;
  expect(answer.headers['content-type'], label).toMatch(/^application\/json/);
  expect(answer.body, label).not.toMatch(/\n\s+at /);
  const { error } = answer.json() as { error: { code: string; message: string } };
  expect(error, `${label}: ${answer.body.slice(0, 200)}`).toBeDefined();
  expect(STATUS[error.code as keyof typeof STATUS], `${label}: ${error.code}`).toBe(
    answer.statusCode,
  );
  expect(answer.statusCode, label).toBeLessThan(500);
  // Never the request again at its own length.
  expect(error.message.length, `${label}: ${error.message.slice(0, 200)}`).toBeLessThan(600);
  return { status: answer.statusCode, code: error.code, message: error.message };
}

/** The GET routes of the API that take a query, with one value of each field they take. */
const QUERIES: Record<string, string[]> = {
  '/api/log': ['from', 'limit'],
  '/api/proofs/inclusion/0': ['size'],
  '/api/proofs/consistency': ['old', 'new'],
  '/api/bundle': ['session', 'from', 'to', 'size'],
  '/api/circulations': ['state', 'body', 'q'],
  '/api/dispatches': ['state', 'body', 'q'],
  '/api/instruments': ['body', 'kind', 'state', 'question', 'text'],
  '/api/instruments/none/bundle': ['size'],
  '/api/decisions': ['body', 'from', 'to', 'outcome', 'text'],
  '/api/decisions/provisional': ['body'],
  '/api/question': ['name'],
  '/api/exports/votes.csv': ['session', 'body', 'from', 'to'],
  '/api/exports/attendance.csv': ['session', 'body', 'from', 'to'],
  '/api/sessions': [],
  '/api/organization': [],
  '/api/me': [],
  '/api/health': [],
};

describe('query strings', () => {
  const values = ['-1', '1e309', '99999999999999999999', 'abc', '', '%20', 'NaN', '__proto__'];
  const numeric = new Set(['from', 'to', 'limit', 'size', 'old', 'new']);

  it('of every GET route: a field twice, in brackets, or of no number, refused 400 by name', async () => {
    for (const [route, fields] of Object.entries(QUERIES)) {
      const sep = route.includes('?') ? '&' : '?';
      for (const field of [...fields, 'zzz']) {
        for (const shape of [
          `${field}=1&${field}=2`,
          `${field}[]=1`,
          `${field}[a]=1`,
          `${field}[0]=1&${field}[1]=2`,
        ]) {
          const r = await refused({ url: `${route}${sep}${shape}` });
          expect(r.status, `${route}?${shape}`).toBe(400);
          expect(r.code).toBe('invalid-input');
        }
        if (!numeric.has(field)) continue;
        for (const value of values) {
          const r = await refused({ url: `${route}${sep}${field}=${value}` });
          expect([r.status, r.code], `${route}?${field}=${value}`).toEqual([400, 'invalid-input']);
        }
      }
    }
  });

  it('an unknown field is named shortly, however long, however many, and read as written', async () => {
    const long = await refused({ url: `/api/sessions?${'a'.repeat(9000)}=1` });
    expect(long.message).toBe(`querystring: unknown field "${'a'.repeat(40)}…" (9000 characters)`);
    const many = Array.from({ length: 300 }, (_, i) => `k${i}=1`).join('&');
    expect((await refused({ url: `/api/sessions?${many}` })).message).toBe(
      'querystring: unknown fields "k0", "k1", "k2", "k3", "k4" and 295 more',
    );
    // A turn of direction is written as an escape, as in a value refused.
    expect((await refused({ url: '/api/sessions?x%E2%80%AEy=1' })).message).toBe(
      'querystring: unknown field "x\\u202ey"',
    );
  });
});

describe('path parameters', () => {
  const routes = [
    '/api/sessions/:id',
    '/api/sessions/:id/minutes.md',
    '/api/sessions/:id/motions/:id',
    '/api/circulations/:id',
    '/api/dispatches/:id',
    '/api/instruments/:id',
    '/api/instruments/:id/bundle',
    '/api/attachments/:id',
    '/api/proofs/inclusion/:id',
  ];
  const ids = [
    // `..` and `%2E%2E` are read as written on a connection (below): inject() would resolve them.
    '%2F',
    'a%2Fb',
    '..%2F..%2Fetc%2Fpasswd',
    'x'.repeat(5000),
    '%E2%80%AE',
    '%C3%A9',
    '%00',
    '%20',
    '__proto__',
    '-1',
    '1e309',
    '99999999999999999999',
  ];

  it('an encoded slash, .., a long id, a NUL, a letter not ASCII: 400 or 404, never echoed long', async () => {
    for (const route of routes)
      for (const id of ids) {
        const r = await refused({ url: route.replaceAll(':id', id) });
        expect([400, 404], `${route} ${id.slice(0, 20)}: ${r.message}`).toContain(r.status);
      }
  });
});

describe('methods', () => {
  it('that no route of a path takes: 405 with the methods it takes; TRACE and OPTIONS too', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'])
      for (const url of ['/api/health', '/api/sessions', '/api/acts', '/api/exports/votes.csv']) {
        const r = await refused({ method, url });
        expect([r.status, r.code], `${method} ${url}`).toEqual([405, 'method-not-allowed']);
      }
  });
});

describe('paths of many parts', () => {
  it('by a method no route takes, or asked of no route: named by their first 200 characters', async () => {
    const parts = 'a/'.repeat(3000);
    for (const [method, url] of [
      ['PUT', `/${parts}`],
      ['DELETE', `/api/sessions/${parts}`],
      ['POST', `/api/${parts}`],
    ] as const) {
      const r = await refused({ method, url });
      expect([r.status, r.code], `${method} ${url.slice(0, 20)}`).toEqual([404, 'not-found']);
      expect(r.message).toBe(`no ${method} ${url.slice(0, 200)}… here`);
    }
  });
});

describe('bodies', () => {
  const json = { 'content-type': 'application/json' };
  const post = (payload: string | Buffer, headers: Record<string, string> = json) =>
    refused({ method: 'POST', url: '/api/login/challenge', headers, payload });

  it('empty, null, a list, a number, a text, nested 10,000 deep: 400 invalid-input', async () => {
    for (const payload of [
      '',
      'null',
      '[]',
      '1',
      '"x"',
      'true',
      '['.repeat(10_000) + ']'.repeat(10_000),
      '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
    ]) {
      const r = await post(payload);
      expect([r.status, r.code], payload.slice(0, 20)).toEqual([400, 'invalid-input']);
    }
  });

  it('of 10 MB: 413 too-large', async () => {
    const r = await post(`{"person": "${'a'.repeat(10 * 1024 * 1024)}"}`);
    expect([r.status, r.code]).toEqual([413, 'too-large']);
  });

  it('of another type, charset or coding, or of none named: 415 unsupported-media-type', async () => {
    const body = '{"person": "ada"}';
    const types: Record<string, string>[] = [
      {},
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'multipart/form-data; boundary=x' },
      { 'content-type': 'application/vnd.api+json' },
      { 'content-type': 'application/json; charset=latin1' },
      { 'content-type': 'application/json; charset=utf-16' },
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      { 'content-type': 'application/json', 'content-encoding': 'identity, br' },
    ];
    for (const headers of types) {
      const r = await post(body, headers);
      expect([r.status, r.code], JSON.stringify(headers)).toEqual([415, 'unsupported-media-type']);
    }
    const coded = await app.inject({
      method: 'POST',
      url: '/api/login/challenge',
      headers: { ...json, 'x-csrf-token': ada.csrf, cookie: ada.cookie, 'content-encoding': 'br' },
      payload: body,
    });
    expect(coded.headers['accept-encoding']).toBe('identity');
  });

  it('an unknown field of a body is named shortly, however long', async () => {
    const r = await post(JSON.stringify({ person: 'ada', ['k'.repeat(50_000)]: 1 }));
    expect(r.message).toBe(`body: unknown field "${'k'.repeat(40)}…" (50000 characters)`);
  });
});

describe('headers node:http reads before any route', () => {
  /** Sends `request` byte for byte on a listening server: the status line and the parsed body. */
  async function raw(request: string): Promise<{ status: string; head: string; body: unknown }> {
    const port = (app.server.address() as AddressInfo).port;
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.from(request, 'latin1')));
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
      socket.on('error', reject);
      socket.on('close', () => {
        const [head = '', body = ''] = answer.split('\r\n\r\n');
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          parsed = body;
        }
        resolve({ status: head.split('\r\n')[0]!, head, body: parsed });
      });
    });
  }
  const host = new URL(TEST_ORIGIN).host;

  beforeAll(async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
  });

  it('Host twice: 400, whichever comes first', async () => {
    for (const hosts of [
      [host, 'evil.example'],
      ['evil.example', host],
      [host, host],
    ]) {
      const lines = hosts.map((h) => `Host: ${h}\r\n`).join('');
      const answer = await raw(`GET /api/health HTTP/1.1\r\n${lines}Connection: close\r\n\r\n`);
      expect(answer.status).toBe('HTTP/1.1 400 Bad Request');
      expect(answer.body).toEqual({
        error: { code: 'invalid-input', message: 'a request names its Host once' },
      });
    }
  });

  it('.. as a path parameter, as sent or encoded, is no id: 400, never the path resolved', async () => {
    for (const url of [
      '/api/instruments/../bundle',
      '/api/instruments/%2E%2E/bundle',
      '/api/sessions/..',
      '/api/sessions/%2e%2e/minutes.md',
    ]) {
      const answer = await raw(
        `GET ${url} HTTP/1.1\r\nHost: ${host}\r\nCookie: ${ada.cookie}\r\nConnection: close\r\n\r\n`,
      );
      expect(answer.status, url).toBe('HTTP/1.1 400 Bad Request');
      expect(answer.body, url).toMatchObject({ error: { code: 'invalid-input' } });
    }
  });

  it('a body sent compressed in its transfer: 415, not refused as text that is not UTF-8', async () => {
    const chunk = gzipSync('{}');
    const answer = await raw(
      `POST /api/login/challenge HTTP/1.1\r\nHost: ${host}\r\nCookie: ${ada.cookie}\r\nX-CSRF-Token: ${ada.csrf}\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n${chunk.length.toString(16)}\r\n${chunk.toString('latin1')}\r\n0\r\n\r\n`,
    );
    expect(answer.status).toBe('HTTP/1.1 415 Unsupported Media Type');
    expect(answer.body).toEqual({
      error: {
        code: 'unsupported-media-type',
        message: 'bodies are sent as they are, not with Transfer-Encoding gzip',
      },
    });
  });

  it('an expectation other than 100-continue: 417 in the API’s shape, with its headers', async () => {
    const answer = await raw(
      `POST /api/login/challenge HTTP/1.1\r\nHost: ${host}\r\nExpect: nonsense\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
    );
    expect(answer.status).toBe('HTTP/1.1 417 Expectation Failed');
    expect(answer.body).toEqual({
      error: {
        code: 'expectation-failed',
        message: 'the server meets no expectation but 100-continue',
      },
    });
    expect(answer.head.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect(answer.head.toLowerCase()).toContain('connection: close');
  });

  it('a cookie of 15 KB is read; the server answers as before after everything above', async () => {
    const me = await app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: `pad=${'x'.repeat(15_000)}; ${ada.cookie}` },
    });
    expect(me.json().person).toBe('ada');
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });
});
