/**
 * An officer's close of a question between meetings on instances sharing one PostgreSQL
 * database. The server closes a live question itself (at its deadline, or with the answer that
 * settles it), so an officer closes a transcribed one: the minutes of a consent given in writing,
 * its answers recorded by the secretary. The decision the officer signs is the one their instance
 * gave, and another instance may record an answer meanwhile. The close signed over a decision
 * gone stale is refused 409 `conflict` (the web reads the decision again and signs that), never
 * recorded over the old decision; signed again on the fresh state it is recorded once. The
 * instances run in this process, each with its own store and ledger, as separate processes would.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyPair } from '../../src/record/ed25519.js';
import { Browser } from '../server/support.js';
import { Q, QUESTION_CHARTER as CHARTER, SharedDatabase, voters } from './in-process.js';
import type { InProcessInstance as Instance } from './in-process.js';

const shared = new SharedDatabase();
let keys: Map<string, KeyPair>;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

beforeEach(async () => {
  // Minutes of a question put last week, its deadline passed.
  const payload = { circulation: Q, body: 'assembly', mode: 'minutes' as const, text: 'Shall we?' };
  keys = await shared.create(['sec', ...voters], CHARTER, (ledger) =>
    ledger.append([
      {
        act: { type: 'circulation.open', payload: { ...payload, deadline: daysAgo(1) } },
        actor: 'sec',
      },
    ]),
  );
});
afterEach(() => shared.stop());

async function signedIn(person: string, on: Instance): Promise<Browser> {
  const browser = new Browser(on.app);
  expect((await browser.loginAs(person, keys.get(person)!)).status).toBe(200);
  return browser;
}

/** The secretary, signed in on `on`, records `member`'s answer as the minutes give it. */
async function transcribe(member: string, choice: string, on: Instance): Promise<void> {
  const sec = await signedIn('sec', on);
  const payload = { circulation: Q, member, choice, at: daysAgo(2) };
  const recorded = await sec.actFor(member, 'sec', keys.get('sec')!, 'circulation.answer', payload);
  expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
}

/** The entries of the record's closes, decoded, once the record passes its audit. */
const closes = async () =>
  (await shared.auditedEntries()).filter((e) => e.type === 'circulation.close');

describe('an officer’s close of a question on instances sharing one PostgreSQL database', () => {
  it('signed over a decision an answer recorded through another instance made stale: 409 conflict, then recorded once signed again', async () => {
    const [a, b] = [await shared.instance(), await shared.instance()];
    for (const [member, choice] of [
      ['v0', 'aye'],
      ['v1', 'aye'],
      ['v2', 'nay'],
    ] as const)
      await transcribe(member, choice, a);
    const sec = await signedIn('sec', a);
    const seen = await sec.get(`/api/circulations/${Q}/closing`);
    expect(seen.status).toBe(200);
    expect(seen.body.payload.decision).toMatchObject({
      outcome: 'adopted',
      tally: { aye: 2, nay: 1 },
    });

    // Another nay is recorded through B while the officer reads and signs on A: a tie now.
    await transcribe('v3', 'nay', b);
    const stale = await sec.act('sec', keys.get('sec')!, 'circulation.close', seen.body.payload);
    expect(stale.status, JSON.stringify(stale.body)).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect(stale.body.error.message).toMatch(/read the circulation again and sign its decision/);
    expect(await closes()).toHaveLength(0);

    // As the web does on a conflict: read the decision again, sign that.
    const fresh = await sec.get(`/api/circulations/${Q}/closing`);
    expect(fresh.body.payload.decision).toMatchObject({ tally: { aye: 2, nay: 2 } });
    expect(fresh.body.payload.decision.outcome).not.toBe('adopted');
    const closed = await sec.act('sec', keys.get('sec')!, 'circulation.close', fresh.body.payload);
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);

    const recorded = await closes();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.index).toBe(closed.body.entry);
    expect(recorded[0]!.payload).toEqual(fresh.body.payload);
    for (const on of [a, b])
      await expect
        .poll(async () => (await new Browser(on.app).get(`/api/circulations/${Q}`)).body.status)
        .toBe('closed');
  });

  it('sent without a device signature (not in demo mode): refused 400 before anything is read, nothing recorded', async () => {
    const a = await shared.instance();
    await transcribe('v0', 'aye', a);
    const sec = await signedIn('sec', a);
    const seen = await sec.get(`/api/circulations/${Q}/closing`);
    expect(seen.status).toBe(200);
    const unsigned = await sec.post('/api/acts', {
      type: 'circulation.close',
      payload: seen.body.payload,
    });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.error.code).toBe('invalid-input');
    expect(unsigned.body.error.message).toMatch(/time and sig are required/);
    expect(await closes()).toHaveLength(0);
  });
});
