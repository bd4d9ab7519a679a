/**
 * The command line records the acts of between meetings (a dispatch registered, a question put,
 * an instrument drafted and signed) while two `collegium serve` instances run on the same
 * PostgreSQL database and take members' answers: the instances follow without a restart, their
 * listeners are told of each act, and a question the command line put is closed at its deadline
 * by the instances, once. With the database away, the command line fails with words and leaves
 * nothing written, and the instances answer 503 until it is back. With its commit's answer lost,
 * it finds its act in the record, or, the database still away, says the act may be recorded and
 * which entry to look at once it is back.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { putCirculation } from '../../src/app/circulations.js';
import { cli, STACK_LINE } from '../support/cli.js';
import { PostgresProxy, throughProxy } from '../support/postgres-proxy.js';
import { assemblyCharter, EventStream, signAct, votersOf } from '../server/support.js';
import { Cluster, pause } from './cluster.js';
import type { Instance } from './cluster.js';

const voters = votersOf(8);
const [first, second] = voters as [string, string];
const CHARTER = assemblyCharter(
  voters,
  `    circulation: { rule: { majority: votes-cast } }
    instruments:
      resolution: { signers: { at-least: 2, of: members }, order: any, rests-on: none }
record: { read: public }`,
);

let cluster: Cluster;
const streams: EventStream[] = [];
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await cluster?.dispose();
});

/** A record with a question open a day, that members answer through the instances. */
async function record(): Promise<Cluster> {
  return Cluster.create(['sec', ...voters], CHARTER, async (ledger, keys) => {
    ledger.useKeys(new Map([['sec', keys.get('sec')!.privateKey]]));
    const deadline = new Date(Date.now() + 86_400_000).toISOString();
    await ledger.append([
      putCirculation({ circulation: 'q1', body: 'assembly', text: 'First?', deadline }),
    ]);
  });
}

function listen(instances: readonly Instance[]): EventStream[] {
  const made = instances.map(({ base }) => new EventStream(`${base}/api/events`));
  streams.push(...made);
  return made;
}

/** Members answer q1 one after another, alternating instances; answers the statuses. */
async function answersMeanwhile(instances: readonly Instance[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const [i, member] of voters.entries()) {
    const base = instances[i % instances.length]!.base;
    const signed = signAct(member, cluster.keys.get(member)!, 'circulation.answer', {
      circulation: 'q1',
      member,
      choice: i % 2 === 0 ? 'aye' : 'nay',
    });
    statuses.push((await (await cluster.as(member, base)).post('/api/acts', signed)).status);
    await pause(50);
  }
  return statuses;
}

describe('the command line records between meetings while instances serve', () => {
  it('a dispatch, a question and an instrument: both instances follow and tell their listeners; the question closes once at its deadline', async () => {
    cluster = await record();
    const instances = await Promise.all([cluster.instance(), cluster.instance()]);
    const listeners = listen(instances);
    const db = cluster.handle.location;
    const sec = cluster.keyFile('sec');
    const deadline = new Date(Date.now() + 8_000).toISOString();
    const commands = (async () => {
      const runs = [
        [...['dispatch', 'register', 'assembly', '--from', 'A neighbour', '--channel', 'letter']]
          .concat(['--received', new Date().toISOString().slice(0, 10), '--text', 'A letter.'])
          .concat(['--id', 'd1', '--db', db, '--key', sec]),
        ['circulate', 'assembly', 'Second?', '--deadline', deadline, '--id', 'q2'].concat([
          '--db',
          db,
          '--key',
          sec,
        ]),
        [...['instrument', 'draft', '--body', 'assembly', '--kind', 'resolution']].concat([
          '--text',
          'Resolved.',
          '--id',
          'r1',
          '--db',
          db,
          '--key',
          sec,
        ]),
        ['instrument', 'sign', 'r1', '--db', db, '--key', cluster.keyFile(first)],
      ];
      for (const argv of runs) {
        const run = await cli(...argv);
        expect(run.code, `${argv.join(' ')}: ${run.err}`).toBe(0);
      }
    })();
    const [statuses] = await Promise.all([answersMeanwhile(instances), commands]);
    expect(statuses).toEqual(voters.map(() => 201));

    for (const stream of listeners) {
      await stream.until((e) => e.event === 'dispatch' && e.data.id === 'd1');
      await stream.until((e) => e.event === 'circulation' && e.data.id === 'q2');
      await stream.until((e) => e.event === 'instrument' && e.data.signatures === 1);
      await stream.until((e) => e.event === 'circulation' && e.data.answered === voters.length);
    }
    for (const { base } of instances) {
      expect((await fetch(`${base}/api/dispatches/d1`)).status).toBe(200);
      const r1 = await (await fetch(`${base}/api/instruments/r1`)).json();
      expect(r1.signatures.map((s: { signer: string }) => s.signer)).toEqual([first]);
    }

    // The question the command line put is closed by the instances at its deadline, once.
    for (const stream of listeners)
      await stream.until(
        (e) => e.event === 'circulation' && e.data.id === 'q2' && e.data.status === 'closed',
        20_000,
      );
    const entries = await cluster.entries();
    // q1 closed early, once all had answered; q2 at its deadline.
    const closes = entries.filter(
      (e) =>
        e.type === 'circulation.close' &&
        (e.payload as { circulation: string }).circulation === 'q2',
    );
    expect(closes.map((e) => e.actor)).toEqual([null]);
    expect(Date.parse(closes[0]!.time)).toBeGreaterThanOrEqual(Date.parse(deadline));
    const store = await cluster.handle.open({ create: false });
    expect(await audit(store)).toMatchObject({ ok: true });
  }, 180_000);

  it('the database away: the command line fails in words and writes nothing, the instances answer 503 JSON, and all recover', async () => {
    cluster = await record();
    const proxy = new PostgresProxy();
    const port = await proxy.listen();
    try {
      const db = throughProxy(cluster.handle.location, port, {
        application_name: `collegium-command-line-${randomBytes(4).toString('hex')}`,
        connect_timeout: '1',
        statement_timeout: '1000',
        query_timeout: '1500',
      });
      const instances = await Promise.all([cluster.instance(db), cluster.instance(db)]);
      const listeners = listen(instances);
      await cluster.as(first, instances[0]!.base);
      await cluster.as(second, instances[1]!.base);
      const before = (await cluster.entries()).length;
      const sec = cluster.keyFile('sec');
      proxy.set('down');

      const run = await cli(
        ...['dispatch', 'register', 'assembly', '--from', 'A neighbour', '--channel', 'letter'],
        ...['--received', new Date().toISOString().slice(0, 10), '--text', 'A letter.'],
        ...['--id', 'd1', '--db', db, '--key', sec],
      );
      expect(run.code).not.toBe(0);
      expect(run.err).not.toMatch(STACK_LINE);
      expect(run.err).toMatch(/database|PostgreSQL|connect/i);
      const answer = await (
        await cluster.as(first, instances[0]!.base)
      ).post(
        '/api/acts',
        signAct(first, cluster.keys.get(first)!, 'circulation.answer', {
          circulation: 'q1',
          member: first,
          choice: 'aye',
        }),
      );
      expect(answer.status).toBe(503);
      expect(answer.body.error.code).toBe('database-unavailable');
      expect((await cluster.entries()).length).toBe(before);

      proxy.set('forward');
      const again = await cli(
        ...['dispatch', 'register', 'assembly', '--from', 'A neighbour', '--channel', 'letter'],
        ...['--received', new Date().toISOString().slice(0, 10), '--text', 'A letter.'],
        ...['--id', 'd1', '--db', db, '--key', sec],
      );
      expect(again.code, again.err).toBe(0);
      for (const stream of listeners)
        await stream.until((e) => e.event === 'dispatch' && e.data.id === 'd1', 10_000);
      const later = await (
        await cluster.as(second, instances[1]!.base)
      ).post(
        '/api/acts',
        signAct(second, cluster.keys.get(second)!, 'circulation.answer', {
          circulation: 'q1',
          member: second,
          choice: 'nay',
        }),
      );
      expect(later.status, JSON.stringify(later.body)).toBe(201);
      for (const { serve } of instances) expect(serve.running()).toBe(true);
    } finally {
      await cluster.dispose();
      await proxy.close();
    }
  }, 180_000);

  it('the answer to its commit lost: the command line finds its act in the record and says it is recorded, once', async () => {
    cluster = await record();
    const proxy = new PostgresProxy();
    try {
      const db = throughProxy(cluster.handle.location, await proxy.listen(), {
        application_name: `collegium-commit-lost-${randomBytes(4).toString('hex')}`,
        connect_timeout: '1',
        statement_timeout: '1000',
        query_timeout: '1500',
      });
      const before = (await cluster.entries()).length;
      // The commit reaches PostgreSQL, which commits; its answer never comes back.
      const frozen = proxy.freezeAfter('commit\u0000');
      const run = await cli(
        ...['dispatch', 'register', 'assembly', '--from', 'A neighbour', '--channel', 'letter'],
        ...['--received', new Date().toISOString().slice(0, 10), '--text', 'A letter.'],
        ...['--db', db, '--key', cluster.keyFile('sec')],
      );
      await frozen;
      const registered = (await cluster.entries()).filter((e) => e.type === 'dispatch.register');
      expect(registered).toHaveLength(1);
      expect((await cluster.entries()).length).toBe(before + 1);
      expect(run.code, run.err).toBe(0);
      expect(run.out).toContain(`[entry ${registered[0]!.index}]`);
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('the answer to its commit lost and the database still away: the command line says the act may be recorded, and where to look', async () => {
    cluster = await record();
    const proxy = new PostgresProxy();
    try {
      const db = throughProxy(cluster.handle.location, await proxy.listen(), {
        application_name: `collegium-commit-unknown-${randomBytes(4).toString('hex')}`,
        connect_timeout: '1',
        statement_timeout: '1000',
        query_timeout: '1500',
      });
      const at = (await cluster.entries()).length;
      const register = [
        ...['dispatch', 'register', 'assembly', '--from', 'A neighbour', '--channel', 'letter'],
        ...['--received', new Date().toISOString().slice(0, 10), '--text', 'A letter.'],
        ...['--db', db, '--key', cluster.keyFile('sec')],
      ];
      // The commit reaches PostgreSQL, which commits; its answer never comes back, and the
      // database stays away, so the record cannot be read to tell.
      const frozen = proxy.freezeAfter('commit\u0000');
      const running = cli(...register);
      await frozen;
      proxy.set('down');
      const run = await running;
      expect(run.code).toBe(1);
      expect(run.err).not.toMatch(STACK_LINE);
      expect(run.err).toContain('the database went away as the act was being committed');
      expect(run.err).toContain('it may have been recorded, or not');
      const look = `collegium log --from ${at} --to ${at}`;
      expect(run.err).toContain(`Once the database is back, \`${look}\``);
      expect(run.err).toContain(`shows entry ${at}, which is the act if it was recorded`);
      expect(run.err).toContain('run the command again only if it is not');

      proxy.set('forward');
      // Where it said to look, the act is, once.
      const shown = await cli('log', '--from', String(at), '--to', String(at), '--db', db);
      expect(shown.code, shown.err).toBe(0);
      expect(shown.out).toContain(`${at}`);
      expect(shown.out).toMatch(/dispatch/i);
      const entries = await cluster.entries();
      expect(entries.filter((e) => e.type === 'dispatch.register')).toHaveLength(1);
      expect(entries.find((e) => e.index === at)?.type).toBe('dispatch.register');
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
