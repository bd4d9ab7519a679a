/**
 * The database's clock, read as a deadline passes, that reads no time (NaN, a fault of the
 * database or its driver): the server does not take it, crash, or stop closing; it tries again
 * shortly, and closes the question once the clock reads a time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { putCirculation } from '../../src/app/circulations.js';
import { TEST_CHARTER, enrolledLedger, testServer } from './support.js';

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
});
