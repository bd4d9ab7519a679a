/**
 * The API takes act payloads of the forms the ledger checks every act against (core/payloads.ts):
 * the same schemas, so the edge refuses exactly what the record would, with a JSON 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Ledger } from '../../src/app/ledger.js';
import { ACT_TYPES } from '../../src/core/acts.js';
import { ACT_PAYLOADS } from '../../src/core/payloads.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { API_ACT_PAYLOADS } from '../../src/server/schemas.js';
import { Browser, enrolledLedger, testServer } from './support.js';

let ledger: Ledger;
let keys: Map<string, KeyPair>;
let app: FastifyInstance;
let sec: Browser;

beforeAll(async () => {
  ({ ledger, keys } = await enrolledLedger(['sec']));
  app = testServer({ ledger });
  sec = new Browser(app);
  expect((await sec.loginAs('sec', keys.get('sec')!)).status).toBe(200);
});

afterAll(async () => {
  await app.close();
  await ledger.store.close();
});

describe('act payloads through the API', () => {
  it("are the record's own forms: every act type but the charter's", () => {
    const members = ACT_TYPES.filter((t) => t !== 'charter.adopt');
    expect(Object.keys(API_ACT_PAYLOADS).sort()).toEqual([...members].sort());
    for (const type of members)
      if (type !== 'vote.close') expect(API_ACT_PAYLOADS[type], type).toBe(ACT_PAYLOADS[type]);
    // A close's decision is the server's to compute: any sent along is let through, to be ignored.
    const close = API_ACT_PAYLOADS['vote.close'];
    expect(close.safeParse({ session: 's', motion: 'm', decision: 'mine' }).success).toBe(true);
    expect(close.safeParse({ session: 's', motion: 'm' }).success).toBe(true);
    expect(close.safeParse({ session: 's', motion: 'm/n' }).success).toBe(false);
    expect(close.safeParse({ session: 's', motion: 'm', extra: 1 }).success).toBe(false);
  });

  it('refuses an id with a "/" as 400 invalid-input, naming the field, and records nothing', async () => {
    const size = ledger.size;
    const answer = await sec.act('sec', keys.get('sec')!, 'session.open', {
      session: 'a/b',
      body: 'board',
      mode: 'live',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: {
        code: 'invalid-input',
        message: 'payload.session: an id is lowercase letters, digits, ".", "_" or "-"',
      },
    });
    expect(ledger.size).toBe(size);
    expect(await ledger.store.size()).toBe(size);
  });
});
