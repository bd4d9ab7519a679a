/**
 * The live events of instances sharing one PostgreSQL database: a member listening to one
 * instance hears each act another instance records once, in record order, in a burst too; and
 * a listener that drops and reconnects, to another instance with the last id it received, is
 * sent exactly what it missed: nothing twice, even from an instance that has not yet followed
 * the log as far as the one it left. The instances run in this process, each with its own store
 * and ledger, as separate processes would.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KeyPair } from '../../src/record/ed25519.js';
import { StoreUnavailable } from '../../src/store/types.js';
import { Browser, EventStream, assemblyCharter, signAct, votersOf } from '../server/support.js';
import { SharedDatabase } from './in-process.js';
import type { InProcessInstance as Instance } from './in-process.js';

const voters = votersOf(3);
const CHARTER = assemblyCharter(voters, 'record: { read: public }');

const shared = new SharedDatabase();
let keys: Map<string, KeyPair>;
const streams: EventStream[] = [];

beforeEach(async () => {
  keys = await shared.create(['sec', ...voters], CHARTER);
});
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await shared.stop();
});

/** An instance on the shared database, listening (a late follower where `deaf`). */
const instance = (deaf = false) => shared.instance({ deaf, listen: true });

function listen(on: Instance, lastEventId?: number): EventStream {
  const stream = new EventStream(`${on.base!}/api/events`, lastEventId);
  streams.push(stream);
  return stream;
}

let numbers = 0;

/** The secretary registers `count` dispatches at once through `on`: the entries acknowledged. */
async function burst(on: Instance, count: number): Promise<number[]> {
  const sec = new Browser(on.app);
  expect((await sec.loginAs('sec', keys.get('sec')!)).status).toBe(200);
  const received = new Date().toISOString().slice(0, 10);
  const answers = await Promise.all(
    Array.from({ length: count }, () => {
      const n = ++numbers;
      const payload = {
        dispatch: `d${n}`,
        body: 'assembly',
        number: `${n}`,
        received,
        from: 'A neighbour',
        channel: 'letter',
        text: `Letter ${n}.`,
      };
      return sec.post('/api/acts', signAct('sec', keys.get('sec')!, 'dispatch.register', payload));
    }),
  );
  for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answers.map((a) => a.body.entry as number).sort((x, y) => x - y);
}

/** The ids of the dispatch events a stream received, in the order received. */
const dispatchIds = (stream: EventStream) =>
  stream.events.filter((e) => e.event === 'dispatch').map((e) => e.id);

async function heard(stream: EventStream, count: number): Promise<void> {
  await expect
    .poll(() => dispatchIds(stream).length, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(count);
}

describe('live events on instances sharing one PostgreSQL database', () => {
  it('a burst of 200 acts through B: a listener on A hears each once, in record order', async () => {
    const [a, b] = [await instance(), await instance()];
    const stream = listen(a);
    await expect.poll(() => stream.status).toBe(200);
    const entries = await burst(b, 200);
    await heard(stream, 200);
    // Nothing more comes after a while.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(dispatchIds(stream)).toEqual(entries);
  });

  it('dropped from A and back on B with its last id: exactly the events it missed', async () => {
    const [a, b] = [await instance(), await instance()];
    const first = listen(a);
    await expect.poll(() => first.status).toBe(200);
    const before = await burst(b, 50);
    await heard(first, 50);
    first.close();
    const last = first.events.at(-1)!.id;
    const missed = await burst(b, 50);
    const again = listen(b, last);
    await heard(again, 50);
    const after = await burst(a, 20);
    await heard(again, 70);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(dispatchIds(first)).toEqual(before);
    expect(dispatchIds(again)).toEqual([...missed, ...after]);
  });

  it('back on an instance that has not followed as far as the one it left: nothing twice', async () => {
    const [a, late] = [await instance(), await instance(true)];
    const first = listen(a);
    await expect.poll(() => first.status).toBe(200);
    const before = await burst(a, 30);
    await heard(first, 30);
    first.close();
    // The late instance has not read the log since it opened: it holds none of the 30.
    expect(late.ledger.state.size).toBeLessThanOrEqual(before[0]!);
    const again = listen(late, first.events.at(-1)!.id);
    await expect.poll(() => again.status).toBe(200);
    const missed = await burst(a, 10);
    await late.ledger.catchUp();
    await heard(again, 10);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(dispatchIds(again)).toEqual(missed);
  });
  it('back with an id past the whole log (a record replaced since): every event from then on', async () => {
    const a = await instance();
    const stream = listen(a, 999_999);
    await expect.poll(() => stream.status).toBe(200);
    const entries = await burst(a, 5);
    await heard(stream, 5);
    expect(dispatchIds(stream)).toEqual(entries);
  });

  it('back with an id past what the instance holds while the log cannot be read: the stream ends, and back again it hears every event', async () => {
    const late = await instance(true);
    const size = late.ledger.state.size;
    // The database is away for the read that would tell whether the log holds the id.
    const read = vi
      .spyOn(late.ledger.store, 'size')
      .mockRejectedValueOnce(new StoreUnavailable(new Error('connection refused')));
    const cut = listen(late, 999_999);
    await expect.poll(() => cut.ended, { timeout: 10_000 }).toBe(true);
    expect(read).toHaveBeenCalled();
    expect(cut.status).toBe(200);
    expect(late.ledger.state.size).toBe(size);
    // The client comes back with the same id: the log read, the id is no one's.
    const again = listen(late, 999_999);
    await expect.poll(() => again.status).toBe(200);
    const entries = await burst(late, 5);
    await heard(again, 5);
    expect(dispatchIds(again)).toEqual(entries);
    expect(dispatchIds(cut)).toEqual([]);
  });
});
