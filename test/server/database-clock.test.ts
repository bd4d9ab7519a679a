/**
 * The database's clock, read as a deadline passes, that reads no time (NaN, a fault of the
 * database or its driver): the server does not take it, crash, or stop closing; it tries again
 * shortly, and closes the question once the clock reads a time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { putCirculation } from '../../src/app/circulations.js';
import { Browser, TEST_CHARTER, enrolledLedger, testServer } from './support.js';

const CHARTER = `${TEST_CHARTER}    circulation: { rule: unanimous }\n`;

const servers: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of servers.splice(0)) await app.close();
});

describe('a database clock that reads no time as a deadline passes', () => {
  it('is tried again, not taken: the question is closed once it reads a time', async () => {
    const { ledger, keys } = await enrolledLedger(['sec', 'ada', 'ben', 'cy'], CHARTER);
    ledger.useKeys(new Map([['sec', keys.get('sec')!.privateKey]]));
    const deadline = Date.now() + 300;
    await ledger.append([
      putCirculation({
        circulation: 'q',
        body: 'board',
        text: 'Shall we?',
        deadline: new Date(deadline).toISOString(),
      }),
    ]);
    let reads = 0;
    ledger.store.clock = async () => (++reads === 1 ? Number.NaN : Date.now());
    const app = testServer({ ledger });
    servers.push(app);
    await app.ready();
    await expect
      .poll(() => ledger.state.circulations.get('q')?.status, { timeout: 15_000 })
      .toBe('closed');
    expect(reads).toBeGreaterThanOrEqual(2);
  }, 30_000);

  it('holding an officer’s close to it: the database unavailable, 503, nothing recorded', async () => {
    const { ledger, keys } = await enrolledLedger(['sec', 'ada', 'ben', 'cy'], CHARTER);
    ledger.useKeys(new Map([['sec', keys.get('sec')!.privateKey]]));
    await ledger.append([
      putCirculation({
        circulation: 'q',
        body: 'board',
        text: 'Shall we?',
        deadline: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    ]);
    const app = testServer({ ledger });
    servers.push(app);
    await app.ready();
    const sec = new Browser(app);
    expect((await sec.loginAs('sec', keys.get('sec')!)).status).toBe(200);
    const closing = await sec.get('/api/circulations/q/closing');
    expect(closing.status).toBe(200);
    ledger.store.clock = async () => Number.NaN;
    const size = ledger.state.size;
    const close = await sec.act('sec', keys.get('sec')!, 'circulation.close', closing.body.payload);
    expect(close.status, JSON.stringify(close.body)).toBe(503);
    expect(close.body.error.code).toBe('database-unavailable');
    expect(ledger.state.size).toBe(size);
  });
});
