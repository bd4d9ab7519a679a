/**
 * A question's deadline on instances sharing one PostgreSQL database whose clocks differ: one
 * instance's clock runs a minute ahead. The deadline passes by the later of an instance's clock
 * and the database's, the one clock they all read: the instance ahead does not close the question
 * early, an answer still in time is taken through the other, and the question is closed once,
 * after its deadline, counting it. An instance whose clock runs behind closes by its own clock,
 * late, and its close is timed by that clock too: never before the deadline, which the record's
 * fold would refuse. The instances run in this process, each with its own store, ledger and
 * clock, as separate processes on separate machines would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { putCirculation } from '../../src/app/circulations.js';
import { Browser, signAct } from '../server/support.js';
import { Q, QUESTION_CHARTER as CHARTER, SharedDatabase, voters } from './in-process.js';

const shared = new SharedDatabase();
afterEach(() => shared.stop());

/** An instance whose clock runs `skewMs` ahead of the machine's (entries and server alike). */
async function instance(skewMs: number) {
  const clock = () => new Date(Date.now() + skewMs);
  return (await shared.instance({ clock })).app;
}

/** A record with a live question put now, due in `ms`: the members' keys, the deadline. */
async function questionDue(ms: number) {
  const deadline = Date.now() + ms;
  const keys = await shared.create(['sec', ...voters], CHARTER, (ledger) =>
    ledger.append([
      putCirculation({
        circulation: Q,
        body: 'assembly',
        text: 'Shall we?',
        deadline: new Date(deadline).toISOString(),
      }),
    ]),
  );
  return { keys, deadline };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

describe('a deadline on instances whose clocks differ', () => {
  it('an instance a minute ahead does not close early: an answer in time is taken, the question closed once after its deadline', async () => {
    const { keys, deadline } = await questionDue(8_000);

    const [, onTime] = [await instance(60_000), await instance(0)];
    const member = new Browser(onTime);
    expect((await member.loginAs('v0', keys.get('v0')!)).status).toBe(200);
    const status = async () => (await member.get(`/api/circulations/${Q}`)).body.status;

    // Two seconds before the deadline by the database's clock (this machine's).
    await pause(deadline - 2_000 - Date.now());
    expect(await status()).toBe('open');
    const answered = await member.act('v0', keys.get('v0')!, 'circulation.answer', {
      circulation: Q,
      member: 'v0',
      choice: 'aye',
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);

    await expect.poll(status, { timeout: 15_000 }).toBe('closed');
    expect(Date.now()).toBeGreaterThanOrEqual(deadline);
    const closes = (await shared.auditedEntries()).filter((e) => e.type === 'circulation.close');
    expect(closes).toHaveLength(1);
    expect(closes[0]!.actor).toBeNull();
    expect(closes[0]!.index).toBeGreaterThan(answered.body.entry);
    expect(Date.parse(closes[0]!.time)).toBeGreaterThanOrEqual(deadline);
    const tally = (closes[0]!.payload as { decision: { tally: Record<string, number> } }).decision
      .tally;
    expect(tally.aye).toBe(1);
  }, 60_000);

  it('an officer on the instance a minute ahead, their device too: a close before the deadline is refused 409 by the database’s clock', async () => {
    const { keys, deadline } = await questionDue(30_000);
    const ahead = await instance(60_000);
    const sec = new Browser(ahead);
    expect((await sec.loginAs('sec', keys.get('sec')!)).status).toBe(200);
    const closing = await sec.get(`/api/circulations/${Q}/closing`);
    expect(closing.status).toBe(200);
    // Signed by a device whose clock agrees with the instance's: past the deadline by both.
    const signedAt = new Date(Date.now() + 60_000).toISOString();
    expect(Date.parse(signedAt)).toBeGreaterThan(deadline);
    const close = await sec.post(
      '/api/acts',
      signAct('sec', keys.get('sec')!, 'circulation.close', closing.body.payload, signedAt),
    );
    expect(close.status, JSON.stringify(close.body)).toBe(409);
    expect(close.body.error.code).toBe('conflict');
    expect(close.body.error.message).toContain("and by the database's clock it is");
    expect((await sec.get(`/api/circulations/${Q}`)).body.status).toBe('open');
  }, 60_000);

  it('an instance whose clock runs behind the database’s, alone: it closes late by the database’s clock, never timed before the deadline', async () => {
    const behindMs = 5_000;
    const { deadline } = await questionDue(2_000);
    const behind = await instance(-behindMs);
    const reader = new Browser(behind);
    const status = async () => (await reader.get(`/api/circulations/${Q}`)).body.status;

    // Past the deadline by the database's clock, not yet by the instance's: still open.
    await pause(deadline + 1_000 - Date.now());
    expect(await status()).toBe('open');

    await expect.poll(status, { timeout: 20_000 }).toBe('closed');
    expect(Date.now()).toBeGreaterThanOrEqual(deadline + behindMs);
    const closes = (await shared.auditedEntries()).filter((e) => e.type === 'circulation.close');
    expect(closes).toHaveLength(1);
    expect(closes[0]!.actor).toBeNull();
    expect(Date.parse(closes[0]!.time)).toBeGreaterThanOrEqual(deadline);
  }, 60_000);
});
