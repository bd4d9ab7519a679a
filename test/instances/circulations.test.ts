/**
 * A question put between meetings, its deadline met by several `collegium serve` instances on one
 * PostgreSQL database, under faults: the answers come to different instances around the deadline
 * while one instance is SIGKILLed at it, or while the database is away at it. In every case the
 * circulation is closed once, by the organization, after its deadline; each acknowledged answer is
 * in the record before the close and counted by it; no answer is recorded after it; and every
 * instance left tells its listeners of the close.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { putCirculation } from '../../src/app/circulations.js';
import { Ledger } from '../../src/app/ledger.js';
import { PostgresProxy, throughProxy } from '../support/postgres-proxy.js';
import { assemblyCharter, EventStream, signAct, votersOf } from '../server/support.js';
import { Cluster, connectionFailed, pause } from './cluster.js';
import type { Instance } from './cluster.js';

const voters = votersOf(12);
/** Ten answer, half aye, half nay: the two who do not could still turn it, so it never settles. */
const answering = voters.slice(0, 10);
const CHARTER = assemblyCharter(
  voters,
  '    circulation: { rule: { majority: votes-cast } }\nrecord: { read: public }',
);
const Q = 'q';

let cluster: Cluster;
/** Each instance's listener, by its base URL. */
const streams = new Map<string, EventStream>();

afterEach(async () => {
  for (const stream of streams.values()) stream.close();
  streams.clear();
  await cluster?.dispose();
});

/** Puts the question from the test process (another writer), its deadline `ms` from now. */
async function putQuestion(ms: number): Promise<number> {
  const ledger = await Ledger.open(await cluster.handle.open({ create: false }));
  ledger.useKeys(new Map([['sec', cluster.keys.get('sec')!.privateKey]]));
  const deadline = Date.now() + ms;
  await ledger.append([
    putCirculation({
      circulation: Q,
      body: 'assembly',
      text: 'Shall we?',
      deadline: new Date(deadline).toISOString(),
    }),
  ]);
  await ledger.store.close();
  return deadline;
}

/** Waits until every instance has the question, and listens to each one's events. */
async function followed(instances: readonly Instance[]): Promise<void> {
  for (const { base } of instances) {
    await expect
      .poll(async () => (await fetch(`${base}/api/circulations/${Q}`)).status, { timeout: 10_000 })
      .toBe(200);
    streams.set(base, new EventStream(`${base}/api/events`));
    // Signed in beforehand, as members at their desks are: a sign-in is not what is tested.
    await Promise.all(answering.map((member) => cluster.as(member, base)));
  }
}

/**
 * Each member answers, signing at `deadline + offset(i)`, through the instance `i` names among
 * those alive; on a connection that fails or a 503 the same signed answer goes to the next.
 * Answers the entries of the answers acknowledged, by member, and the refusals' codes.
 */
async function answerAround(
  deadline: number,
  live: () => readonly string[],
  offset: (i: number) => number,
): Promise<{ acknowledged: Map<string, number>; refused: string[]; unavailable: number }> {
  const acknowledged = new Map<string, number>();
  const refused: string[] = [];
  let unavailable = 0;
  await Promise.all(
    answering.map(async (member, i) => {
      await pause(Math.max(0, deadline + offset(i) - Date.now()));
      const choice = i % 2 === 0 ? 'aye' : 'nay';
      const signed = signAct(member, cluster.keys.get(member)!, 'circulation.answer', {
        circulation: Q,
        member,
        choice,
      });
      let resent = false;
      for (let attempt = 0; attempt < 80; attempt++) {
        const bases = live();
        const base = bases[(i + attempt) % bases.length]!;
        let answer;
        try {
          answer = await (await cluster.as(member, base)).post('/api/acts', signed);
        } catch (error) {
          if (!connectionFailed(error)) throw error;
          cluster.forget(member, base);
          resent = true;
          await pause(100);
          continue;
        }
        if (answer.status === 201) return void acknowledged.set(member, answer.body.entry);
        if (answer.status === 503) {
          expect(answer.body.error.code).toBe('database-unavailable');
          unavailable++;
          resent = true;
          await pause(250);
          continue;
        }
        // Sent again: the first sending may have been recorded after all.
        if (answer.status === 409 && resent && answer.body.error.message.includes('sent already'))
          return;
        expect(answer.status, JSON.stringify(answer.body)).toBe(409);
        return void refused.push(answer.body.error.code);
      }
      throw new Error(`${member}: no instance took the answer`);
    }),
  );
  return { acknowledged, refused, unavailable };
}

/**
 * The question closed once, by the organization, after its deadline; each acknowledged answer
 * recorded before the close and counted by it, none after it; every live instance shows it closed
 * and told its listeners once; the audit passes.
 */
async function expectClosedOnce(
  deadline: number,
  acknowledged: ReadonlyMap<string, number>,
  live: readonly Instance[],
): Promise<void> {
  for (const { base } of live)
    await expect
      .poll(async () => (await (await fetch(`${base}/api/circulations/${Q}`)).json()).status, {
        timeout: 20_000,
      })
      .toBe('closed');
  const entries = await cluster.entries();
  const closes = entries.filter((e) => e.type === 'circulation.close');
  expect(closes).toHaveLength(1);
  const close = closes[0]!;
  expect(close.actor).toBeNull();
  expect(Date.parse(close.time)).toBeGreaterThanOrEqual(deadline);
  const answers = entries.filter((e) => e.type === 'circulation.answer');
  expect(answers.every((a) => a.index < close.index)).toBe(true);
  const recorded = new Map(answers.map((a) => [(a.payload as { member: string }).member, a]));
  expect(recorded.size).toBe(answers.length);
  for (const [member, entry] of acknowledged) expect(recorded.get(member)?.index).toBe(entry);
  const choices = [...recorded.values()].map((a) => (a.payload as { choice: string }).choice);
  const tally = (close.payload as { decision: { tally: Record<string, number> } }).decision.tally;
  expect(tally.aye ?? 0).toBe(choices.filter((c) => c === 'aye').length);
  expect(tally.nay ?? 0).toBe(choices.filter((c) => c === 'nay').length);
  for (const { base } of live) {
    const stream = streams.get(base)!;
    await stream.until((e) => e.event === 'circulation' && e.data.status === 'closed', 10_000);
    const told = stream.events.filter((e) => e.event === 'circulation' && e.id === close.index);
    expect(told).toHaveLength(1);
  }
  const store = await cluster.handle.open({ create: false });
  expect(await audit(store)).toMatchObject({ ok: true });
}

describe('a circulation’s deadline on instances sharing one PostgreSQL database', () => {
  it('answers at three instances around the deadline, one SIGKILLed at it: closed once, each acknowledged answer counted', async () => {
    cluster = await Cluster.create(['sec', ...voters], CHARTER);
    const instances = await Promise.all([1, 2, 3].map(() => cluster.instance()));
    const deadline = await putQuestion(6_000);
    await followed(instances);
    const live = () => instances.filter((i) => i.serve.running()).map((i) => i.base);
    const killing = pause(deadline - 30 - Date.now()).then(async () => {
      instances[0]!.serve.child.kill('SIGKILL');
      await instances[0]!.serve.exited;
    });
    // Members sign from 400 ms before the deadline to 320 ms after it.
    const { acknowledged, refused } = await answerAround(deadline, live, (i) => 80 * i - 400);
    await killing;
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(refused.every((code) => code === 'deadline-passed' || code === 'conflict')).toBe(true);
    await expectClosedOnce(
      deadline,
      acknowledged,
      instances.filter((i) => i.serve.running()),
    );
  }, 180_000);

  it('the database away at the deadline: 503s while it is, closed once when it is back, without a restart', async () => {
    cluster = await Cluster.create(['sec', ...voters], CHARTER);
    const proxy = new PostgresProxy();
    const port = await proxy.listen();
    try {
      const db = throughProxy(cluster.handle.location, port, {
        application_name: `collegium-circulations-${randomBytes(4).toString('hex')}`,
        connect_timeout: '1',
        statement_timeout: '1000',
        query_timeout: '1500',
      });
      const instances = await Promise.all([cluster.instance(db), cluster.instance(db)]);
      const deadline = await putQuestion(6_000);
      await followed(instances);
      const bases = () => instances.map((i) => i.base);
      const outage = pause(deadline - 500 - Date.now()).then(async () => {
        proxy.set('down');
        const ready = await fetch(`${instances[0]!.base}/api/ready`);
        expect(ready.status).toBe(503);
        expect(await ready.json()).toMatchObject({ error: { code: 'database-unavailable' } });
        await pause(2500);
        proxy.set('forward');
      });
      // Members sign from 900 ms before the deadline (before the outage) to 450 ms before it.
      const { acknowledged, unavailable } = await answerAround(
        deadline,
        bases,
        (i) => 50 * i - 900,
      );
      await outage;
      expect(unavailable).toBeGreaterThan(0);
      await expectClosedOnce(deadline, acknowledged, instances);
      for (const { serve } of instances) expect(serve.running()).toBe(true);
    } finally {
      await cluster.dispose();
      await proxy.close();
    }
  }, 180_000);

  it('an instance frozen in the middle of a write, its connection left open: the other takes answers and closes the question', async () => {
    cluster = await Cluster.create(['sec', ...voters], CHARTER);
    const proxies = [new PostgresProxy(), new PostgresProxy()];
    try {
      const dbs = await Promise.all(
        proxies.map(async (proxy) =>
          throughProxy(cluster.handle.location, await proxy.listen(), {
            application_name: `collegium-frozen-${randomBytes(4).toString('hex')}`,
            connect_timeout: '1',
            statement_timeout: '1000',
            query_timeout: '1500',
          }),
        ),
      );
      const [a, b] = await Promise.all(dbs.map((db) => cluster.instance(db)));
      const deadline = await putQuestion(12_000);
      await followed([a!, b!]);
      // A takes the log's lock and is heard from no more; PostgreSQL keeps its end open.
      const frozen = proxies[0]!.freezeAfter('update "meta"');
      const [first, second] = answering as [string, string];
      const sign = (member: string) =>
        signAct(member, cluster.keys.get(member)!, 'circulation.answer', {
          circulation: Q,
          member,
          choice: 'aye',
        });
      const lost = (await cluster.as(first, a!.base)).post('/api/acts', sign(first));
      await frozen;
      const taken = async (member: string, signed: ReturnType<typeof sign>) => {
        for (let attempt = 0; attempt < 40; attempt++) {
          const answer = await (await cluster.as(member, b!.base)).post('/api/acts', signed);
          if (answer.status !== 503) return answer;
          await pause(250);
        }
        throw new Error(`${member}: B answered 503 for 10 s`);
      };
      const [onA, onB] = await Promise.all([lost, taken(second, sign(second))]);
      expect(onB.status, JSON.stringify(onB.body)).toBe(201);
      expect(onA.status).toBe(503);
      // The first member's device sends its answer again, to B.
      const again = await taken(first, sign(first));
      expect(again.status, JSON.stringify(again.body)).toBe(201);
      const acknowledged = new Map([
        [first, again.body.entry as number],
        [second, onB.body.entry as number],
      ]);
      await expectClosedOnce(deadline, acknowledged, [b!]);
    } finally {
      // The frozen connection holds what it locked until the proxy lets it go.
      for (const proxy of proxies) await proxy.close();
      await cluster.dispose();
    }
  }, 180_000);
});
