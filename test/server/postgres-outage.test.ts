/**
 * `collegium serve` over PostgreSQL while the database goes away: its connections are ended
 * (pg_terminate_backend, as a restart does), it refuses connections, it stalls. The server keeps
 * running, answers 503 `database-unavailable` with Retry-After in bounded time, records nothing
 * half-way, and recovers by itself. The database is reached through a TCP proxy the test
 * controls; only this test's own connections (by application_name) are ever ended.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { openStore } from '../../src/store/index.js';
import { PostgresProxy, throughProxy } from '../support/postgres-proxy.js';
import { postgresBackend, postgresClient } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import { serveProcess } from './process.js';
import type { ServeProcess } from './process.js';
import { Browser } from './support.js';

const APP = `collegium-outage-${randomBytes(6).toString('hex')}`;
let handle: StoreHandle;
let proxy: PostgresProxy;
let serve: ServeProcess;
let base: string;
let browser: Browser;

/** Ends this test's own connections to PostgreSQL, as a restart of the database would. */
async function terminateOurBackends(): Promise<number> {
  const admin = await postgresClient();
  try {
    const { rows } = await admin.query<{ ended: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = $1',
      [APP],
    );
    return rows.filter((r) => r.ended).length;
  } finally {
    await admin.end();
  }
}

/** A request that needs the database: a page of the log, read from the store. */
const readLog = () => browser.get('/api/log?from=0&limit=2');
const openSession = (session: string) =>
  browser.post('/api/acts', {
    type: 'session.open',
    payload: { session, body: 'board', mode: 'live' },
  });

function expectUnavailable(answer: Awaited<ReturnType<typeof readLog>>): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(503);
  expect(answer.headers['retry-after']).toBe('5');
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.body.error.code).toBe('database-unavailable');
}

beforeAll(async () => {
  handle = await postgresBackend.fresh();
  proxy = new PostgresProxy();
  const port = await proxy.listen();
  // Short timeouts, so that a stalled database is given up on quickly here.
  const url = throughProxy(handle.location, port, {
    application_name: APP,
    connect_timeout: '1',
    statement_timeout: '1000',
    query_timeout: '1500',
  });
  const data = mkdtempSync(join(tmpdir(), 'collegium-outage-'));
  serve = serveProcess(['--demo', '--port', '0', '--db', url, '--data', data]);
  base = (await serve.url()).replace(/\/$/, '');
  browser = await new Browser(base).visit();
  expect((await browser.post('/api/demo/login', { person: 'hana' })).status).toBe(200);
}, 60_000);

afterAll(async () => {
  const code = await serve?.stop();
  await proxy?.close();
  await handle?.dispose();
  expect(code, serve?.output()).toBe(0);
});

describe('serve on PostgreSQL while the database goes away', () => {
  it('keeps running when PostgreSQL ends its connections, and reconnects', async () => {
    expect((await readLog()).status).toBe(200);
    expect(await terminateOurBackends()).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(serve.running(), serve.output()).toBe(true);
    expect((await readLog()).status).toBe(200);
    expect((await openSession('after-restart')).status).toBe(201);
  });

  it('a connection found gone at its first statement is replaced, and the request answered', async () => {
    // Cut as its statement leaves, as a connection ended while it waited in the pool is found.
    const beginCut = proxy.cutAt('begin\u0000');
    const opened = await openSession('begin-cut');
    await beginCut;
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const readCut = proxy.cutAt('from "entries"');
    const read = await readLog();
    await readCut;
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(serve.running(), serve.output()).toBe(true);
  });

  it('answers 503 with Retry-After while the database refuses connections', async () => {
    const before = await recordSize();
    proxy.set('down');
    try {
      expectUnavailable(await readLog());
      expectUnavailable(await openSession('while-down'));
      // What an officer signs to close is read from the log first, never from a stale state.
      expectUnavailable(await browser.get('/api/sessions/any/motions/any/closing'));
      expectUnavailable(await browser.get('/api/circulations/any/closing'));
      // Not ready, though alive: a load balancer sends its requests elsewhere meanwhile.
      expectUnavailable(await browser.get('/api/ready'));
      expect((await browser.get('/api/health')).body).toEqual({ status: 'ok' });
      expect(serve.running(), serve.output()).toBe(true);
    } finally {
      proxy.set('forward');
    }
    expect((await readLog()).status).toBe(200);
    expect(await recordSize()).toBe(before);
    expect((await browser.get('/api/ready')).body).toEqual({ status: 'ready', size: before });
  });

  it('gives up on a stalled database in bounded time, and recovers', async () => {
    expect((await readLog()).status).toBe(200);
    proxy.set('stall');
    try {
      const started = Date.now();
      expectUnavailable(await readLog());
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(serve.running(), serve.output()).toBe(true);
    } finally {
      proxy.set('forward');
    }
    expect((await readLog()).status).toBe(200);
    const store = await handle.open({ create: false });
    expect((await audit(store)).ok).toBe(true);
  }, 20_000);
});

async function recordSize(): Promise<number> {
  const store = await openStore(handle.location, { create: false });
  try {
    return await store.size();
  } finally {
    await store.close();
  }
}
