/**
 * An instance left running while a newer version upgrades its record writes nothing more: each
 * act is refused, 503 record-upgraded (another instance, of the newer version, can take it), and
 * the record is left as the newer version made it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { openStore } from '../../src/store/index.js';
import { Browser, enrolledLedger, refusal, testServer } from './support.js';

const path = join(mkdtempSync(join(tmpdir(), 'collegium-upgraded-')), 'record.db');
const { ledger, keys } = await enrolledLedger(
  ['sec', 'ada'],
  undefined,
  await openStore(path, { create: true }),
);
const app = testServer({ ledger });

afterAll(async () => {
  await app.close();
  await ledger.store.close();
});

const setSchema = (version: string) => {
  const db = new Database(path);
  db.prepare(`UPDATE meta SET value = ? WHERE key = 'schema'`).run(version);
  db.close();
};

it('refuses every act, 503 record-upgraded, once a newer version has upgraded the record', async () => {
  const sec = new Browser(app);
  expect((await sec.loginAs('sec', keys.get('sec')!)).status).toBe(200);
  const open = (session: string) =>
    sec.act('sec', keys.get('sec')!, 'session.open', { session, body: 'board', mode: 'live' });
  expect((await open('s1')).status).toBe(201);
  const size = await ledger.store.size();

  const later = String(Number(SCHEMA_VERSION) + 1);
  setSchema(later);
  const refused = await open('s2');
  expect(refusal(refused)).toEqual({ status: 503, code: 'record-upgraded' });
  expect(JSON.stringify(refused.body)).toContain(`upgraded to schema version ${later}`);
  expect(await ledger.store.size()).toBe(size);

  // The check is of the schema alone: at its own again, the instance writes.
  setSchema(SCHEMA_VERSION);
  expect((await open('s2')).status).toBe(201);
});

it('is not ready, 503 record-upgraded, while a newer version has upgraded the record', async () => {
  // A balancer that asks readiness would otherwise keep sending this instance acts it refuses.
  const ready = () => app.inject({ method: 'GET', url: '/api/ready' });
  expect((await ready()).statusCode).toBe(200);
  setSchema(String(Number(SCHEMA_VERSION) + 1));
  const answer = await ready();
  expect(answer.statusCode).toBe(503);
  expect((answer.json() as { error: { code: string } }).error.code).toBe('record-upgraded');
  setSchema(SCHEMA_VERSION);
  expect((await ready()).json()).toMatchObject({ status: 'ready' });
});
