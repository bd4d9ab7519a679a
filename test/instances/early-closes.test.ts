/**
 * An officer's close of a live question before its deadline, on an instance that has not yet read
 * what another recorded. Where the answers that settled the question, and the organization's close
 * that came with them, went through the other instance, the close is refused for what the record
 * holds (the question is closed), not for what the late instance last read (an outcome that can
 * still change). Where the question itself was put through the other, a close signed on a device
 * running ahead is held to the server's clock all the same, not recorded before the deadline. The
 * instances run in this process, each with its own store and ledger, as separate processes would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { putCirculation } from '../../src/app/circulations.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { Browser, signAct } from '../server/support.js';
import { Q, QUESTION_CHARTER as CHARTER, SharedDatabase, voters } from './in-process.js';
import type { InProcessInstance as Instance } from './in-process.js';

const shared = new SharedDatabase();
afterEach(() => shared.stop());

/** A record with a live question put now, due in a day: the members' keys. */
function questionDueTomorrow(): Promise<Map<string, KeyPair>> {
  return shared.create(['sec', ...voters], CHARTER, (ledger) =>
    ledger.append([
      putCirculation({
        circulation: Q,
        body: 'assembly',
        text: 'Shall we?',
        deadline: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    ]),
  );
}

async function signedIn(keys: Map<string, KeyPair>, person: string, on: Instance) {
  const browser = new Browser(on.app);
  expect((await browser.loginAs(person, keys.get(person)!)).status).toBe(200);
  return browser;
}

describe('an officer’s early close on an instance that has not read the answers that settled it', () => {
  it('is refused for the close the record holds, not as an outcome that can still change; nothing is recorded', async () => {
    const keys = await questionDueTomorrow();
    const [a, late] = [await shared.instance(), await shared.instance({ deaf: true })];
    const sec = await signedIn(keys, 'sec', late);
    const closing = await sec.get(`/api/circulations/${Q}/closing`);
    expect(closing.status).toBe(200);

    // Three ayes of five through A: two nays could no longer turn it, and A closes it with them.
    for (const member of voters.slice(0, 3)) {
      const browser = await signedIn(keys, member, a);
      const answered = await browser.act(member, keys.get(member)!, 'circulation.answer', {
        circulation: Q,
        member,
        choice: 'aye',
      });
      expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    }
    expect(a.ledger.state.circulations.get(Q)?.status).toBe('closed');
    expect(late.ledger.state.circulations.get(Q)?.status).toBe('open');

    const close = await sec.act('sec', keys.get('sec')!, 'circulation.close', closing.body.payload);
    expect(close.status, JSON.stringify(close.body)).toBe(409);
    expect(close.body.error.code).toBe('conflict');
    expect(close.body.error.message).toContain('is closed');
    expect(close.body.error.message).not.toContain('can still change');
    expect(late.ledger.state.circulations.get(Q)?.status).toBe('closed');

    const closes = (await shared.auditedEntries()).filter((e) => e.type === 'circulation.close');
    expect(closes).toHaveLength(1);
    expect(closes[0]!.actor).toBeNull();
  }, 30_000);

  it('of a question put through another instance that this one has not read yet, signed on a device running ahead: refused by the server’s clock, nothing recorded', async () => {
    const keys = await shared.create(['sec', ...voters], CHARTER);
    const [a, late] = [await shared.instance(), await shared.instance({ deaf: true })];
    const deadline = Date.now() + 120_000;
    a.ledger.useKeys(new Map([['sec', keys.get('sec')!.privateKey]]));
    await a.ledger.append([
      putCirculation({
        circulation: Q,
        body: 'assembly',
        text: 'Shall we?',
        deadline: new Date(deadline).toISOString(),
      }),
    ]);
    expect(late.ledger.state.circulations.has(Q)).toBe(false);
    const closing = await (await signedIn(keys, 'sec', a)).get(`/api/circulations/${Q}/closing`);
    expect(closing.status).toBe(200);

    // The officer's device runs two minutes ahead, within the skew allowed: past the deadline by
    // it, two minutes before it by the servers' clocks and the database's.
    const signedAt = new Date(deadline + 1_000).toISOString();
    const sec = await signedIn(keys, 'sec', late);
    const close = await sec.post(
      '/api/acts',
      signAct('sec', keys.get('sec')!, 'circulation.close', closing.body.payload, signedAt),
    );
    expect(close.status, JSON.stringify(close.body)).toBe(409);
    expect(close.body.error.code).toBe('conflict');
    expect(close.body.error.message).toContain('can still change');
    expect(late.ledger.state.circulations.get(Q)?.status).toBe('open');
    const closes = (await shared.auditedEntries()).filter((e) => e.type === 'circulation.close');
    expect(closes).toHaveLength(0);
  }, 30_000);
});
