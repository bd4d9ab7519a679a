/** What every response carries: security headers, the cookie's attributes; the web app; OpenAPI. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/app/ledger.js';
import { answerClientError, CONTENT_SECURITY_POLICY } from '../../src/server/security.js';
import { Browser, EventStream, newLedger, PUBLIC_CHARTER, refusal, testServer } from './support.js';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

let ledger: Ledger;
let app: FastifyInstance;
const web = mkdtempSync(join(tmpdir(), 'collegium-web-'));

beforeAll(async () => {
  // Open to anyone: these tests read without signing in (reads.test.ts tests who may read).
  ledger = await newLedger(PUBLIC_CHARTER);
  mkdirSync(join(web, 'assets'));
  writeFileSync(
    join(web, 'index.html'),
    '<!doctype html><title>app</title><script src="/assets/app.js"></script>',
  );
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
  app = testServer({ ledger, webRoot: web });
});

afterAll(async () => {
  await app.close();
  await ledger.store.close();
});

function secured(headers: Record<string, unknown>): void {
  expect(headers['content-security-policy']).toBe(CSP);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
}

describe('a bad COLLEGIUM_MAX_ATTACHMENT', () => {
  it('is refused before any verifying thread starts', () => {
    const given = process.env['COLLEGIUM_MAX_ATTACHMENT'];
    const threads = () =>
      process.getActiveResourcesInfo().filter((kind) => kind === 'MessagePort').length;
    const before = threads();
    process.env['COLLEGIUM_MAX_ATTACHMENT'] = '10MB';
    try {
      expect(() => testServer({ ledger, verifyThreads: 2 })).toThrow(/COLLEGIUM_MAX_ATTACHMENT/);
      expect(threads()).toBe(before);
    } finally {
      if (given === undefined) delete process.env['COLLEGIUM_MAX_ATTACHMENT'];
      else process.env['COLLEGIUM_MAX_ATTACHMENT'] = given;
    }
  });
});

/** What the server writes to a raw connection sent `request`, until it closes it. */
function exchange(port: number, request: string, within: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let got = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`still open after ${within} ms; got ${JSON.stringify(got)}`));
    }, within);
    socket.on('data', (data) => (got += data.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(got);
    });
  });
}

describe('security headers', () => {
  it('are the contract’s, on answers, refusals, the web app and missing files', async () => {
    expect(CONTENT_SECURITY_POLICY).toBe(CSP);
    for (const [method, url] of [
      ['GET', '/api/me'],
      ['GET', '/api/organization'],
      ['GET', '/api/sessions/none'],
      ['POST', '/api/acts'],
      ['GET', '/'],
      ['GET', '/assets/app.js'],
      ['GET', '/sessions/some-session'],
      ['GET', '/assets/missing.js'],
      ['GET', '/api/openapi.json'],
      ['GET', '/api/sessions/%E0%A4%A'],
      ['GET', `/api/sessions/${'x'.repeat(101)}`],
    ] as const) {
      const answer = await app.inject({ method, url });
      secured(answer.headers);
      if (url.startsWith('/api/')) expect(answer.headers['cache-control']).toBe('no-store');
    }
  });

  it('keep an API answer to a target in absolute form from caches, and refuse one without Host', async () => {
    const server = testServer({ ledger });
    await server.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = (server.server.address() as AddressInfo).port;
      const got = await exchange(
        port,
        'GET http://collegium.test/api/organization HTTP/1.1\r\nHost: collegium.test\r\nConnection: close\r\n\r\n',
        2_000,
      );
      expect(got).toMatch(/^HTTP\/1\.1 200 /);
      expect(got).toMatch(/\r\ncache-control: no-store\r\n/i);
      // Without Host: refused like any other bad request, with every header.
      const hostless = await exchange(
        port,
        'GET /api/organization HTTP/1.1\r\nConnection: close\r\n\r\n',
        2_000,
      );
      expect(hostless).toMatch(/^HTTP\/1\.1 400 /);
      expect(hostless).toContain('"code":"invalid-input"');
      expect(hostless).toMatch(/\r\ncontent-security-policy: default-src 'self'/i);
    } finally {
      await server.close();
    }
  });
});

describe('a server told no origin', () => {
  it('answers this machine’s names only: another name that leads to it is a page’s own (DNS rebinding)', async () => {
    // What collegium serve builds on loopback: no --origin.
    const local = testServer({ ledger, webRoot: web, origin: undefined });
    try {
      const ask = (host: string, url = '/api/organization') =>
        local.inject({ url, headers: { host } });
      for (const host of ['127.0.0.1:4186', 'localhost:4186', '[::1]:4186', 'localhost', '127.1'])
        expect((await ask(host)).statusCode, host).toBe(200);
      for (const host of ['evil.example:4186', 'evil.example', '10.0.0.1:4186', '[::2]', 'a b']) {
        for (const url of ['/api/organization', '/', '/assets/app.js']) {
          const answer = await ask(host, url);
          expect(injectedRefusal(answer), `${host} ${url}`).toEqual({
            status: 403,
            code: 'forbidden',
          });
          secured(answer.headers);
        }
      }
      // Told its origin, it is reached through a proxy by any name the proxy gives.
      expect(
        (await app.inject({ url: '/api/organization', headers: { host: 'evil.example' } }))
          .statusCode,
      ).toBe(200);
    } finally {
      await local.close();
    }
  });
});

/** The status and code of an injected answer. */
const injectedRefusal = (answer: { statusCode: number; json: () => unknown }) => ({
  status: answer.statusCode,
  code: (answer.json() as { error?: { code?: string } }).error?.code,
});

describe('paths no route takes', () => {
  it('are refused in the API’s own words, never the file server’s, nor echoed at any length', async () => {
    for (const [url, status, code, words] of [
      [`/api/sessions/${'x'.repeat(101)}`, 400, 'invalid-input', /longer than any id \(100/],
      [`/api/${'y'.repeat(5000)}`, 400, 'invalid-input', /longer than any id/],
      [`/sessions/${'z'.repeat(101)}`, 400, 'invalid-input', /longer than any id/],
      ['/assets/%00', 400, 'invalid-input', /names no file of the web app/],
      ['/assets/missing.js', 404, 'not-found', /no GET \/assets\/missing\.js here/],
    ] as const) {
      const answer = await app.inject({ method: 'GET', url });
      expect(injectedRefusal(answer), url.slice(0, 30)).toEqual({ status, code });
      const { message } = answer.json().error;
      expect(message, url.slice(0, 30)).toMatch(words);
      expect(message.length).toBeLessThan(200);
      secured(answer.headers);
    }
  });

  it('a path of the API asked by a method it does not take: 405, with the methods it takes', async () => {
    for (const [method, url, allow] of [
      ['PUT', '/api/acts', 'POST'],
      ['DELETE', '/api/sessions', 'GET, HEAD'],
      ['POST', '/api/sessions/s1/minutes.md', 'GET, HEAD'],
      ['PATCH', '/api/proofs/inclusion/3', 'GET, HEAD'],
    ] as const) {
      const answer = await app.inject({ method, url });
      expect(injectedRefusal(answer), `${method} ${url}`).toEqual({
        status: 405,
        code: 'method-not-allowed',
      });
      expect(answer.headers.allow).toBe(allow);
      expect(answer.json().error.message).toBe(`${url} takes ${allow}, not ${method}`);
      secured(answer.headers);
    }
    // A path no route takes, by any method, is not there at all.
    for (const [method, url] of [
      ['PUT', '/api/nothing'],
      ['DELETE', '/api/sessions/s1/nothing'],
      ['PUT', '/sessions/s1'],
    ] as const)
      expect(injectedRefusal(await app.inject({ method, url })), url).toEqual({
        status: 404,
        code: 'not-found',
      });
  });

  it('a range beyond a file’s end: 416 with the file’s length, in the API’s shape', async () => {
    const answer = await app.inject({
      method: 'GET',
      url: '/assets/app.js',
      headers: { range: 'bytes=500-600' },
    });
    expect(injectedRefusal(answer)).toEqual({ status: 416, code: 'range-not-satisfiable' });
    expect(answer.headers['content-range']).toBe(`bytes */${'console.log(1)'.length}`);
    const part = await app.inject({
      method: 'GET',
      url: '/assets/app.js',
      headers: { range: 'bytes=0-6' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.body).toBe('console');
  });
});

describe('requests node:http cannot parse', () => {
  it('are refused in the API’s shape, with the same headers, and the connection closed', async () => {
    const server = testServer({ ledger });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const port = (server.server.address() as AddressInfo).port;
    /** Sends `request` byte for byte; answers the status line, the headers and the body. */
    const raw = (request: string) =>
      new Promise<{ status: string; headers: Record<string, string>; body: unknown }>(
        (resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () => socket.write(request));
          let answer = '';
          socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
          socket.on('error', reject);
          socket.on('close', () => {
            const [head = '', body = ''] = answer.split('\r\n\r\n');
            const [status = '', ...lines] = head.split('\r\n');
            const headers = Object.fromEntries(
              lines.map((line) => [
                line.split(': ')[0]!.toLowerCase(),
                line.slice(line.indexOf(': ') + 2),
              ]),
            );
            resolve({ status, headers, body: JSON.parse(body) });
          });
        },
      );
    try {
      /** The answer's status line and its body: a refusal in the API's shape. */
      const refused =
        (answer: Awaited<ReturnType<typeof raw>>, status: string, code: string) =>
        (message: string) => {
          expect(answer.status).toBe(`HTTP/1.1 ${status}`);
          expect(answer.body).toEqual({ error: { code, message } });
        };
      const twoLengths = await raw(
        'POST /api/acts HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
      );
      refused(
        twoLengths,
        '400 Bad Request',
        'invalid-input',
      )('the request is not well-formed HTTP');
      secured(twoLengths.headers);
      expect(twoLengths.headers['connection']).toBe('close');
      const huge = await raw(
        `GET /api/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      );
      refused(
        huge,
        '431 Request Header Fields Too Large',
        'too-large',
      )('the request’s headers are larger than the server takes');
      secured(huge.headers);
      // Fastify's router cannot read this target: refused by the API's error handler.
      const target = await raw('GET http://[::1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      refused(
        target,
        '400 Bad Request',
        'invalid-input',
      )('the path is not valid: a URL path, percent-encoded UTF-8');
      // node:http hands a CONNECT over with its socket, and would close it without a word.
      const tunnel = await raw('CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n');
      refused(
        tunnel,
        '400 Bad Request',
        'invalid-input',
      )('CONNECT is not served: this server is no proxy');
      secured(tunnel.headers);
      expect(tunnel.headers['connection']).toBe('close');
    } finally {
      await server.close();
    }
  });
});

describe('answerClientError', () => {
  /** A socket that keeps what is written to it. */
  const socket = (encrypted: boolean) => {
    const fake = { written: '', destroyed: false, writable: true, encrypted };
    return Object.assign(fake, {
      write: (text: string) => void (fake.written += text),
      destroy: () => void (fake.destroyed = true),
    });
  };
  const answer = (code: string, encrypted = false) => {
    const s = socket(encrypted);
    answerClientError(Object.assign(new Error(code), { code }), s as unknown as Socket);
    return s;
  };

  it('answers a request too slow to arrive with 408, over TLS with HSTS, and closes', () => {
    const slow = answer('ERR_HTTP_REQUEST_TIMEOUT', true);
    expect(slow.written).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(slow.written).toMatch(
      /\r\nstrict-transport-security: max-age=31536000; includeSubDomains\r\n/,
    );
    expect(slow.written).toMatch(/\r\ncache-control: no-store\r\n/);
    expect(JSON.parse(slow.written.split('\r\n\r\n')[1]!)).toEqual({
      error: { code: 'invalid-input', message: 'the request took too long to arrive' },
    });
    expect(slow.destroyed).toBe(true);
    expect(answer('HPE_INVALID_METHOD').written).not.toMatch(/strict-transport-security/);
  });

  it('writes nothing to a connection the client reset', () => {
    const reset = answer('ECONNRESET');
    expect(reset.written).toBe('');
    expect(reset.destroyed).toBe(false);
  });
});

describe('the event stream', () => {
  it('is text/event-stream with the same headers, and keeps itself alive with comments', async () => {
    const server = testServer({ ledger, keepAliveMs: 40 });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const port = (server.server.address() as AddressInfo).port;
    const stream = new EventStream(`http://127.0.0.1:${port}/api/events`);
    try {
      const headers = await new Promise<Record<string, unknown>>((resolve) =>
        httpGet(`http://127.0.0.1:${port}/api/events`, (response) => {
          resolve(response.headers);
          response.destroy();
        }),
      );
      expect(headers['content-type']).toBe('text/event-stream; charset=utf-8');
      secured(headers);
      await new Promise((r) => setTimeout(r, 300));
      expect(stream.comments).toBeGreaterThanOrEqual(2);
    } finally {
      stream.close();
      await server.close();
    }
  });

  it('refuses a Last-Event-ID that is no entry index, as it refuses one in the query', async () => {
    for (const id of ['abc', '-1', '1e309', '99999999999999999999'])
      for (const asked of [{ headers: { 'last-event-id': id } }, { query: { lastEventId: id } }]) {
        const answer = await app.inject({ method: 'GET', url: '/api/events', ...asked });
        expect(answer.statusCode, `${id} ${JSON.stringify(asked)}`).toBe(400);
        expect(answer.json().error.code).toBe('invalid-input');
      }
  });
});

describe('requests that hold a connection', () => {
  it('a body that never finishes arriving: 408, and the connection is closed', async () => {
    const server = testServer({ ledger, requestTimeoutMs: 300 });
    await server.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = (server.server.address() as AddressInfo).port;
      const visitor = await new Browser(server).visit();
      const started = Date.now();
      const got = await exchange(
        port,
        [
          'POST /api/login/challenge HTTP/1.1',
          'Host: x',
          `cookie: ${visitor.cookie}`,
          `x-csrf-token: ${visitor.csrf}`,
          'content-type: application/json',
          'content-length: 100',
          '',
          '{"person"',
        ].join('\r\n'),
        5_000,
      );
      expect(got).toMatch(/^HTTP\/1\.1 408 /);
      expect(got).toContain('"code":"invalid-input"');
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await server.close();
    }
  });

  it('are looked for every 5 s, or a quarter of a shorter time a request may take', async () => {
    // node:http would look every 30 s, letting a request overstay 2 minutes by a quarter.
    const interval = (server: ReturnType<typeof testServer>) =>
      (server.server as unknown as { connectionsCheckingInterval: number })
        .connectionsCheckingInterval;
    const usual = testServer({ ledger });
    const short = testServer({ ledger, requestTimeoutMs: 300 });
    try {
      expect(interval(usual)).toBe(5_000);
      expect(interval(short)).toBe(75);
    } finally {
      await Promise.all([usual.close(), short.close()]);
    }
  });

  it('one that comes while the server stops: 503 in the API’s shape, the connection closed', async () => {
    const server = testServer({ ledger });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const port = (server.server.address() as AddressInfo).port;
    const visitor = await new Browser(server).visit();
    const socket = connect(port, '127.0.0.1');
    let got = '';
    socket.on('data', (data) => (got += data.toString('latin1')));
    const ended = new Promise((resolve) => socket.on('close', resolve));
    // A request whose body is still arriving holds the server open while it stops.
    const body = '{"person":"nobody"}';
    socket.write(
      [
        'POST /api/login/challenge HTTP/1.1',
        'Host: x',
        `cookie: ${visitor.cookie}`,
        `x-csrf-token: ${visitor.csrf}`,
        'content-type: application/json',
        `content-length: ${body.length}`,
        '',
        body.slice(0, 5),
      ].join('\r\n'),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = server.close();
    // The rest of its body, and the next request on the same connection.
    socket.write(`${body.slice(5)}GET /api/organization HTTP/1.1\r\nHost: x\r\n\r\n`);
    await Promise.all([ended, closed]);
    const answers = got.split(/(?=HTTP\/1\.1 )/);
    expect(answers, got).toHaveLength(2);
    expect(answers[1]).toMatch(/^HTTP\/1\.1 503 /);
    expect(answers[1]).toMatch(/\r\nconnection: close\r\n/i);
    expect(answers[1]).toMatch(/\r\nretry-after: \d+\r\n/i);
    expect(answers[1]).toMatch(/\r\ncontent-security-policy: /i);
    expect(JSON.parse(answers[1]!.split('\r\n\r\n')[1]!)).toEqual({
      error: { code: 'unavailable', message: expect.stringMatching(/server is stopping/) },
    });
  });

  it('HEAD of the event stream is answered at once, and holds no stream', async () => {
    const server = testServer({ ledger, eventStreamsPerAddress: 1 });
    await server.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = (server.server.address() as AddressInfo).port;
      const head = 'HEAD /api/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
      for (let i = 0; i < 3; i++)
        expect(await exchange(port, head, 2_000)).toMatch(/^HTTP\/1\.1 4\d\d /);
      // The address's one stream is still free.
      const stream = new EventStream(`http://127.0.0.1:${port}/api/events`);
      try {
        for (let i = 0; i < 100 && stream.status === undefined; i++)
          await new Promise((r) => setTimeout(r, 20));
        expect(stream.status).toBe(200);
      } finally {
        stream.close();
      }
    } finally {
      await server.close();
    }
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/; Secure only under TLS', async () => {
    const plain = await app.inject({ method: 'GET', url: '/api/me' });
    const cookie = String(plain.headers['set-cookie']);
    expect(cookie).toMatch(/^collegium_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    // Behind a proxy that says the request came over TLS.
    const proxied = testServer({ ledger, trustProxy: true });
    try {
      const answer = await proxied.inject({
        method: 'GET',
        url: '/api/me',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(String(answer.headers['set-cookie'])).toContain('Secure');
      expect(answer.headers['strict-transport-security']).toMatch(/max-age=/);
    } finally {
      await proxied.close();
    }
  });

  it('is Secure where browsers reach the server at an https origin, however the request came', async () => {
    // A proxy speaks TLS in front of a server not told so (no --trust-proxy).
    const fronted = testServer({ ledger, origin: 'https://collegium.test' });
    try {
      const answer = await fronted.inject({ method: 'GET', url: '/api/me' });
      expect(String(answer.headers['set-cookie'])).toMatch(/; Secure(;|$)/);
    } finally {
      await fronted.close();
    }
  });

  it('is replaced at login, so a cookie set before cannot be used after', async () => {
    const { ledger: enrolled, keys } = await (await import('./support.js')).enrolledLedger(['ben']);
    const server = testServer({ ledger: enrolled });
    try {
      const b = await new Browser(server).visit();
      const before = b.cookie;
      expect((await b.loginAs('ben', keys.get('ben')!)).status).toBe(200);
      expect(b.cookie).not.toBe(before);
      const planted = new Browser(server);
      planted.cookie = before;
      expect((await planted.get('/api/me')).body.person).toBeNull();
    } finally {
      await server.close();
      await enrolled.store.close();
    }
  });
});

describe('the web app', () => {
  it('is served, with its index.html for the app’s own paths', async () => {
    const index = await app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<title>app</title>');
    const deep = await app.inject({ method: 'GET', url: '/sessions/board-1?x=1' });
    expect(deep.statusCode).toBe(200);
    expect(deep.headers['content-type']).toMatch(/text\/html/);
    expect(deep.body).toContain('<title>app</title>');
    expect((await app.inject({ method: 'GET', url: '/assets/app.js' })).body).toBe(
      'console.log(1)',
    );
    const missing = await app.inject({ method: 'GET', url: '/assets/missing.js' });
    expect(missing.statusCode).toBe(404);
    expect(JSON.parse(missing.body).error.code).toBe('not-found');
  });

  it('is not what /api itself answers: the API refuses it, as it refuses any path it has not', async () => {
    for (const url of ['/api', '/api?x=1'])
      for (const accept of [undefined, 'text/html'])
        for (const method of ['GET', 'HEAD'] as const) {
          const answer = await app.inject({ method, url, headers: accept ? { accept } : {} });
          expect(answer.statusCode, `${method} ${url} ${accept}`).toBe(404);
          expect(answer.headers['content-type']).toMatch(/application\/json/);
          expect(answer.headers['cache-control']).toBe(
            (await app.inject({ method: 'GET', url: '/api/nothing' })).headers['cache-control'],
          );
          if (method === 'GET')
            expect(JSON.parse(answer.body).error).toEqual({
              code: 'not-found',
              message: 'no GET /api here',
            });
        }
  });

  it('is the page a browser gets at an address refused as such, with the refusal’s status', async () => {
    const page = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
    for (const url of [
      '/sessions/%E0%A4%A/ballot',
      `/sessions/${'x'.repeat(5000)}`,
      '/record?from=%ZZ',
      '/sessions/%00/ballot',
    ]) {
      const answer = await app.inject({ method: 'GET', url, headers: page });
      expect(answer.statusCode, url.slice(0, 30)).toBe(400);
      expect(answer.headers['content-type']).toMatch(/text\/html/);
      expect(answer.body).toContain('<title>app</title>');
      secured(answer.headers);
      // Asked by a program, or under /api, the same address is refused in the API's words.
      const asked = await app.inject({ method: 'GET', url });
      expect(injectedRefusal(asked), url.slice(0, 30)).toEqual({
        status: 400,
        code: 'invalid-input',
      });
    }
    const api = await app.inject({ method: 'GET', url: '/api/sessions/%E0%A4%A', headers: page });
    expect(injectedRefusal(api)).toEqual({ status: 400, code: 'invalid-input' });
    const posted = await app.inject({ method: 'POST', url: '/sessions/%E0%A4%A', headers: page });
    expect(injectedRefusal(posted)).toEqual({ status: 400, code: 'invalid-input' });
  });

  it('says so clearly when it is not built', async () => {
    const bare = testServer({ ledger, webRoot: join(web, 'nowhere') });
    try {
      const page = await bare.inject({ method: 'GET', url: '/' });
      expect(page.statusCode).toBe(503);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.body).toMatch(/web app is not built/);
      expect(page.body).toMatch(/npm run build:web/);
      secured(page.headers);
      // The API works all the same.
      expect((await bare.inject({ method: 'GET', url: '/api/organization' })).statusCode).toBe(200);
    } finally {
      await bare.close();
    }
  });
});

describe('a body whose fields are all optional', () => {
  it('is documented as one that may be left out, and only such a body is', async () => {
    const server = testServer({ ledger });
    try {
      const doc = JSON.parse((await server.inject({ url: '/api/openapi.json' })).body) as {
        paths: Record<string, Record<string, { requestBody?: Record<string, any> }>>; // eslint-disable-line @typescript-eslint/no-explicit-any
      };
      const optional: string[] = [];
      for (const [path, methods] of Object.entries(doc.paths))
        for (const [method, { requestBody }] of Object.entries(methods)) {
          if (!requestBody) continue;
          const schema = requestBody['content']['application/json'].schema;
          const needed = (schema.required ?? []).length > 0;
          expect(requestBody['required'], `${method} ${path}`).toBe(needed);
          if (!needed) optional.push(`${method} ${path}`);
        }
      expect(optional.sort()).toEqual(['post /api/logout', 'post /api/people/{id}/revoke']);
    } finally {
      await server.close();
    }
  });
});

describe('the OpenAPI document', () => {
  it('is served and covers every route of the server and of docs/api.md', async () => {
    const routes: string[] = [];
    const server = testServer({ ledger });
    server.addHook('onRoute', (route) => {
      for (const method of [route.method].flat())
        if (method !== 'HEAD' && route.url.startsWith('/api/'))
          routes.push(`${method} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
    });
    try {
      const answer = await server.inject({ method: 'GET', url: '/api/openapi.json' });
      expect(answer.statusCode).toBe(200);
      const doc = JSON.parse(answer.body) as {
        openapi: string;
        paths: Record<string, Record<string, { summary?: string; responses: object }>>;
      };
      expect(doc.openapi).toBe('3.1.0');
      const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
      );
      expect(routes.length).toBeGreaterThan(20);
      expect(documented.sort()).toEqual([...routes].sort());
      for (const methods of Object.values(doc.paths))
        for (const operation of Object.values(methods)) expect(operation.summary).toBeTruthy();
      // Every endpoint the contract names is served.
      const contract = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
      const named = [...contract.matchAll(/`(GET|POST) (\/api\/[^`?\s]*)/g)].map(
        ([, method, path]) => `${method} ${path!.replace(/:(\w+)/g, '{$1}')}`,
      );
      expect(named.length).toBeGreaterThan(20);
      for (const route of named) expect(documented, route).toContain(route);
      // And every route served is in the contract.
      for (const route of routes) expect(named, route).toContain(route);
      // The act body documents every act type a member may send.
      const acts = doc.paths['/api/acts']!['post'] as unknown as {
        requestBody: {
          content: { 'application/json': { schema: { properties: { type: { enum: string[] } } } } };
        };
      };
      expect(acts.requestBody.content['application/json'].schema.properties.type.enum).toContain(
        'ballot.cast',
      );
    } finally {
      await server.close();
    }
  });
});

describe('reading', () => {
  it('the log pages through entries as their bytes and parsed', async () => {
    const b = new Browser(app);
    const page = await b.get('/api/log?from=0&limit=1');
    expect(page.status).toBe(200);
    expect(page.body.size).toBe(ledger.size);
    expect(page.body.entries[0].entry.type).toBe('charter.adopt');
    expect(Buffer.from(page.body.entries[0].leaf, 'base64').toString()).toBe(
      JSON.stringify(page.body.entries[0].entry),
    );
    expect((await b.get('/api/checkpoint')).body.note).toMatch(/^test\.example\/org\n1\n/);
    expect(refusal(await b.get('/api/proofs/consistency?old=5'))).toEqual({
      status: 404,
      code: 'not-found',
    });
  });
});
