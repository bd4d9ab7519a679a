/**
 * A record whose disk is full: reads answer, every act is refused 503 database-unavailable, and
 * readiness says the instance cannot record until a write succeeds again (or a while has passed
 * without one), where it would otherwise stay ready on its reads alone.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, expect, it, vi } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { DISK_FAILURE_REMEMBERED_MS } from '../../src/store/sqlite.js';
import { Browser, enrolledLedger, refusal, testServer } from './support.js';

const path = join(mkdtempSync(join(tmpdir(), 'collegium-full-disk-')), 'record.db');
const { ledger, keys } = await enrolledLedger(
  ['sec', 'ada'],
  undefined,
  await openStore(path, { create: true }),
);
const app = testServer({ ledger });
const db = (ledger.store as unknown as { db: Kysely<unknown> }).db;

afterAll(async () => {
  vi.restoreAllMocks();
  await app.close();
  await ledger.store.close();
});

/** The disk full at the next page, or room again. */
async function diskFull(full: boolean): Promise<void> {
  const pages = (await sql<{ page_count: number }>`PRAGMA page_count`.execute(db)).rows[0]!;
  await sql.raw(`PRAGMA max_page_count = ${full ? pages.page_count : 1073741823}`).execute(db);
}

it('is not ready while the disk refuses writes, and ready again once one succeeds', async () => {
  const sec = new Browser(app);
  expect((await sec.loginAs('sec', keys.get('sec')!)).status).toBe(200);
  const act = (type: string, payload: Record<string, unknown>) =>
    sec.act('sec', keys.get('sec')!, type, payload);
  expect((await act('session.open', { session: 's1', body: 'board', mode: 'live' })).status).toBe(
    201,
  );
  // Some 10 kB: more than the pages a full disk has left.
  const propose = () =>
    act('motion.propose', { session: 's1', motion: 'm', text: 'Resolved. '.repeat(999) });
  const ready = () => app.inject({ method: 'GET', url: '/api/ready' });
  expect((await ready()).statusCode).toBe(200);

  await diskFull(true);
  const refused = await propose();
  expect(refusal(refused)).toEqual({ status: 503, code: 'database-unavailable' });
  // Reads answer, and readiness says what does not.
  expect((await sec.get('/api/sessions')).status).toBe(200);
  const answer = await ready();
  expect(answer.statusCode).toBe(503);
  expect(answer.headers['retry-after']).toBe('5');
  expect(answer.json()).toEqual({
    error: {
      code: 'database-unavailable',
      message:
        'the record’s database cannot be written (its disk is full or failing, or it takes only reads): acts are refused until a write succeeds',
    },
  });

  // Forgotten after a while without writes: a balancer then sends this instance acts again.
  const now = Date.now();
  const later = vi.spyOn(Date, 'now').mockReturnValue(now + DISK_FAILURE_REMEMBERED_MS + 1);
  expect((await ready()).statusCode).toBe(200);
  later.mockRestore();
  expect((await ready()).statusCode).toBe(503);

  // Room again: the next act is recorded, and the instance is ready.
  await diskFull(false);
  expect((await ready()).statusCode).toBe(503);
  expect((await propose()).status).toBe(201);
  expect((await ready()).json()).toMatchObject({ status: 'ready' });
});
