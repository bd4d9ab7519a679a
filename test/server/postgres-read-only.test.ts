/**
 * `collegium serve` over a PostgreSQL database that comes to take only reads while it runs (a
 * failover to a standby not yet promoted, a primary made read-only for maintenance): every act is
 * answered 503 `database-unavailable`, not 500, nothing is recorded, and readiness says so; once
 * the database takes writes again, acts are recorded without a restart. The server connects as a
 * role of this test's own, made read-only by the test; its connections are ended by that name.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { Ledger } from '../../src/app/ledger.js';
import { openStore } from '../../src/store/index.js';
import { postgresBackend, postgresClient } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import { Browser, enrolledLedger, testServer, TEST_CHARTER } from './support.js';

const ROLE = `collegium_ro_${randomBytes(4).toString('hex')}`;
let handle: StoreHandle;
const closing: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
  await as(`DROP OWNED BY ${ROLE}`, `DROP ROLE IF EXISTS ${ROLE}`);
  await handle?.dispose();
});

/** Runs statements as the test database's administrator. */
async function as(...statements: string[]): Promise<void> {
  const admin = await postgresClient();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** Sets whether the role's transactions are read-only, and ends its connections to take it. */
async function readOnly(on: boolean): Promise<void> {
  await as(
    `ALTER ROLE ${ROLE} ${on ? 'SET default_transaction_read_only = on' : 'RESET default_transaction_read_only'}`,
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '${ROLE}'`,
  );
}

it('a database that takes only reads: acts are 503 database-unavailable, readiness says so, and acts are recorded once it takes writes again', async () => {
  handle = await postgresBackend.fresh();
  const made = await enrolledLedger(['sec', 'ada'], TEST_CHARTER, await handle.open());
  await made.ledger.store.close();
  const schema = /search_path=(\w+)/.exec(decodeURIComponent(handle.location))![1]!;
  await as(
    `CREATE ROLE ${ROLE} LOGIN`,
    `GRANT USAGE ON SCHEMA ${schema} TO ${ROLE}`,
    `GRANT ALL ON ALL TABLES IN SCHEMA ${schema} TO ${ROLE}`,
  );
  const url = handle.location.replace(/^postgres:\/\/[^@/]+@/, `postgres://${ROLE}@`);
  const ledger = await Ledger.open(await openStore(url, { create: false }));
  const app = testServer({ ledger });
  await app.ready();
  closing.push(
    () => ledger.store.close(),
    () => app.close(),
  );
  const ada = new Browser(app);
  expect((await ada.loginAs('ada', made.keys.get('ada')!)).status).toBe(200);
  const open = (session: string) =>
    ada.act('ada', made.keys.get('ada')!, 'session.open', { session, body: 'board', mode: 'live' });
  const size = await ledger.store.size();

  await readOnly(true);
  const refused = await open('s1');
  expect(refused.status, JSON.stringify(refused.body)).toBe(503);
  expect(refused.body.error.code).toBe('database-unavailable');
  expect(refused.headers['retry-after']).toBe('5');
  const ready = await app.inject({ url: '/api/ready' });
  expect(ready.statusCode).toBe(503);
  expect(ready.json().error.code).toBe('database-unavailable');
  expect(await ledger.store.size()).toBe(size);

  await readOnly(false);
  const recorded = await open('s1');
  expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
  expect((await app.inject({ url: '/api/ready' })).statusCode).toBe(200);
});
