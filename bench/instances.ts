/**
 * npm run bench:vote -- --instances N --db postgres://... [--voters V] [--listeners L] [--connections C]
 *
 * The vote of bench/vote.ts taken by N `collegium serve` instances on one PostgreSQL database (in
 * a schema of its own, dropped afterwards unless --keep), after the same vote on one instance
 * over SQLite in the same run, which is its yardstick. Voters sign in on the instance the balancer
 * gives them (voter i on instance i mod N), the listeners follow instances 1..N-1, and once half
 * the ballots are acknowledged instance 0 is SIGKILLed: its voters send the same signed ballot
 * to the next instance with the session they have, signing in there only if it is refused there
 * (the instances share sessions, so it is not). A ballot refused
 * there as sent already was recorded before the kill without a receipt; it must be in the record
 * once like every acknowledged one.
 *
 * Reported: ballots per second over the burst, as a ratio to the single instance on SQLite and to
 * the all-core Ed25519 ceiling; p99 latency (first write to final receipt, retries included);
 * the close's decision at every listener; every acknowledged ballot once in the record; the audit.
 */
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ceilings, fmt, machine, markdownTable, signatures } from './record.js';
import {
  call,
  checkRecord,
  closeTheVote,
  Listener,
  login,
  makePeople,
  percentile,
  pool,
  prepareRecord,
  signAct,
  singleInstance,
  startServer,
  verdict,
  MOTION,
  SESSION,
} from './vote.js';
import type { Burst, Options, Person, Reply, Session } from './vote.js';
import { log } from './options.js';

interface Instance {
  readonly child: ChildProcess;
  readonly url: URL;
  /** The voters' connections to it, shared by the ballots as in bench/vote.ts. */
  readonly agent: Agent;
  /**
   * The connection a ballot in flight when its instance died is sent again on: its device
   * connects anew through the balancer rather than queueing behind the other voters.
   */
  readonly again: Agent;
  /**
   * The connections the dead instance's share reopens through the balancer: the ballots not yet
   * sent to it arrive here, so the survivors serve no more connections in all than before.
   */
  readonly reopened: Agent;
  dead: boolean;
}

/** A schema of its own in the database at `url`, and the URL that works in it. */
async function freshSchema(url: string): Promise<{ location: string; drop: () => Promise<void> }> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const separator = url.includes('?') ? '&' : '?';
  return {
    location: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    drop: () => admin(`DROP SCHEMA ${schema} CASCADE`),
  };
}

/** The voters' devices across the instances: their sessions by instance, their signed ballots. */
class Devices {
  readonly sessions: Map<string, Session>[];
  /** Voters whose ballot was recorded before a fault without a receipt. */
  readonly unacknowledged = new Set<string>();
  retried = 0;

  constructor(
    private readonly instances: readonly Instance[],
    readonly people: readonly Person[],
  ) {
    this.sessions = people.map(() => new Map<string, Session>());
  }

  /** Voter i signs in on instance i mod N, as the balancer sends them. */
  async signIn(): Promise<void> {
    await pool(this.people, 64, async (person) => {
      const i = this.people.indexOf(person);
      const home = this.instances[i % this.instances.length]!;
      this.sessions[i]!.set(home.url.href, await login(home.agent, home.url, person));
    });
  }

  /** Sends voter i's ballot until an instance answers it; answers the receipt, if any. */
  async cast(
    i: number,
    body: string,
    kill: () => void,
    timing: { written?: number; resent?: boolean },
  ): Promise<Reply | undefined> {
    const n = this.instances.length;
    let resent = false;
    let moved = false;
    for (let attempt = 0; attempt < 4 * n; attempt++) {
      const instance = this.instances[(i + attempt) % n]!;
      if (instance.dead) {
        moved = true;
        continue;
      }
      let reply: Reply;
      try {
        const agent = resent ? instance.again : moved ? instance.reopened : instance.agent;
        reply = await this.send(i, instance, agent, body, timing);
      } catch {
        // Sent and lost with its connection, or refused before it was sent.
        if (timing.written !== undefined) resent = true;
        moved = true;
        this.retried++;
        continue;
      }
      if (reply.status === 201) {
        kill();
        timing.resent = moved;
        return reply;
      }
      if (reply.status === 409 && resent) {
        this.unacknowledged.add(this.people[i]!.id);
        return undefined;
      }
      throw new Error(`ballot of ${this.people[i]!.id}: ${reply.status} ${reply.body}`);
    }
    throw new Error(`no instance took the ballot of ${this.people[i]!.id}`);
  }

  /**
   * The ballot sent to `instance` with the session the voter has: the instances share sessions,
   * so a device that reconnected sends it as it is, as a browser does, and signs in there (on
   * the connection the ballot takes) only if the session is refused there.
   */
  private async send(
    i: number,
    instance: Instance,
    agent: Agent,
    body: string,
    timing: { written?: number },
  ): Promise<Reply> {
    // Latency counts from the first sending's write: a retry's time is the voter's wait.
    const first = () => (timing.written === undefined ? timing : {});
    const sessions = this.sessions[i]!;
    const session = sessions.get(instance.url.href) ?? [...sessions.values()][0]!;
    const post = (s: Session) =>
      call(agent, instance.url, 'POST', '/api/acts', sessionHeaders(s), body, first());
    const reply = await post(session);
    if (reply.status !== 401) return reply;
    const signedIn = await login(agent, instance.url, this.people[i]!);
    sessions.set(instance.url.href, signedIn);
    return post(signedIn);
  }
}

const sessionHeaders = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

/**
 * The burst across the instances, instance 0 killed once half are acknowledged. Each instance's
 * share of the connections are lanes, each sending the next ballot of the voters signed in there
 * once its last is answered; after the kill, instance 0's lanes go on through the next instance
 * (a ballot in flight sent again first), so the survivors serve as many connections as before.
 */
async function burstAcross(
  instances: Instance[],
  devices: Devices,
  bodies: readonly string[],
  lanes: number,
): Promise<Burst & { killedAt: number; firstTime: readonly number[]; slowest: Slowest }> {
  let count = 0;
  let killedAt = NaN;
  const half = Math.floor(bodies.length / 2);
  const kill = (): void => {
    if (++count !== half) return;
    killedAt = count;
    instances[0]!.dead = true;
    instances[0]!.child.kill('SIGKILL');
    log(`fault: instance 0 SIGKILLed after ${fmt(count)} acknowledged ballots`);
  };
  // Ballot i is voter i + 1's, who signed in on instance (i + 1) mod N.
  const homed = instances.map(() => [] as number[]);
  bodies.forEach((_, i) => homed[(i + 1) % instances.length]!.push(i));
  const start = performance.now();
  const cast = async (i: number) => {
    const timing: { written?: number; resent?: boolean } = {};
    const reply = await devices.cast(i + 1, bodies[i]!, kill, timing);
    const end = performance.now();
    const latency = end - (timing.written ?? start);
    return { i, reply, latency, waited: end - start, resent: timing.resent === true };
  };
  const results: Awaited<ReturnType<typeof cast>>[] = [];
  await Promise.all(
    homed.flatMap((ballots) =>
      Array.from({ length: lanes }, async () => {
        for (let i = ballots.shift(); i !== undefined; i = ballots.shift())
          results.push(await cast(i));
      }),
    ),
  );
  const elapsed = performance.now() - start;
  const ok = results.filter((r) => r.reply !== undefined);
  const sorted = (values: number[]) => values.sort((a, b) => a - b);
  return {
    acknowledged: ok.map((r) => ({ voter: devices.people[r.i + 1]!.id, reply: r.reply! })),
    refused: 0,
    elapsed,
    latencies: sorted(ok.map((r) => r.latency)),
    // The ballots the kill did not touch: answered by the first instance they were sent to.
    firstTime: sorted(ok.filter((r) => !r.resent).map((r) => r.latency)),
    waits: sorted(ok.map((r) => r.waited)),
    cpu: { server: NaN, serverMain: NaN, client: NaN },
    killedAt,
    slowest: slowestPercent(ok),
  };
}

/** Where the slowest 1% of the acknowledged ballots were: what sets p99. */
interface Slowest {
  /** Answered within the burst's first second. */
  readonly atStart: number;
  /** Sent again after the kill (and not answered within the first second). */
  readonly resent: number;
  readonly others: number;
}

function slowestPercent(
  ok: readonly { latency: number; waited: number; resent: boolean }[],
): Slowest {
  const slowest = [...ok]
    .sort((a, b) => b.latency - a.latency)
    .slice(0, Math.ceil(ok.length / 100));
  const atStart = slowest.filter((r) => r.waited < 1000).length;
  const resent = slowest.filter((r) => r.waited >= 1000 && r.resent).length;
  return { atStart, resent, others: slowest.length - atStart - resent };
}

/** N instances on `db`, each with its share of the connections, opened before the vote. */
async function startInstances(db: string, scratch: string, o: Options): Promise<Instance[]> {
  const share = Math.ceil(o.connections / o.instances);
  const instances = await Promise.all(
    Array.from({ length: o.instances }, async () => {
      const { child, url } = await startServer(db, scratch);
      const agent = new Agent({ keepAlive: true, maxSockets: share, maxFreeSockets: share });
      const again = new Agent({ keepAlive: true });
      const reopened = new Agent({ keepAlive: true, maxSockets: share, maxFreeSockets: share });
      return { child, url, agent, again, reopened, dead: false };
    }),
  );
  for (const { url, agent } of instances)
    await Promise.all(
      Array.from({ length: share }, () => call(agent, url, 'GET', '/api/log-key', {})),
    );
  log(`instances: ${instances.map((i) => `${i.url.href} (pid ${i.child.pid})`).join(', ')}`);
  return instances;
}

/** The vote across the instances: sign-ins, listeners, the burst with its fault, the close. */
async function voteAcross(db: string, scratch: string, people: readonly Person[], o: Options) {
  const instances = await startInstances(db, scratch, o);
  try {
    const devices = new Devices(instances, people);
    log(`logins: ${fmt(people.length)} across ${o.instances} instances...`);
    await devices.signIn();
    const streams = new Agent({ keepAlive: false, maxSockets: Infinity });
    const following = instances.slice(1);
    const listeners = Array.from(
      { length: o.listeners },
      (_, k) => new Listener(following[k % following.length]!.url, streams),
    );
    await Promise.all(listeners.map((l) => l.connected));
    const bodies = people.slice(1).map((v, k) =>
      JSON.stringify(
        signAct(v, 'ballot.cast', {
          session: SESSION,
          motion: MOTION,
          voter: v.id,
          choice: k % 3 === 2 ? 'nay' : 'aye',
        }),
      ),
    );
    log(`ballots: ${fmt(bodies.length)} at once across the instances...`);
    const burst = await burstAcross(
      instances,
      devices,
      bodies,
      Math.ceil(o.connections / o.instances),
    );
    const closer = instances[1]!;
    const close = await closeTheVote(closer.url, {
      people,
      sessions: [
        devices.sessions[0]!.get(closer.url.href) ??
          (await login(closer.agent, closer.url, people[0]!)),
      ],
      listeners,
      agents: { setup: closer.agent },
    });
    streams.destroy();
    return { burst, close, unacknowledged: devices.unacknowledged, retried: devices.retried };
  } finally {
    for (const i of instances) {
      i.agent.destroy();
      i.again.destroy();
      i.reopened.destroy();
      if (i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGTERM');
    }
  }
}

/** The table: the run across instances beside the single instance and the ceiling. */
function resultRows(
  o: Options,
  ceiling: { first: number; last: number },
  singleRate: number,
  run: Awaited<ReturnType<typeof voteAcross>>,
  checked: Awaited<ReturnType<typeof checkRecord>>,
): string[][] {
  const all = (ceiling.first + ceiling.last) / 2;
  const rate = (run.burst.acknowledged.length / run.burst.elapsed) * 1000;
  const p99 = percentile(run.burst.latencies, 99);
  const lost = run.burst.acknowledged.length - checked.once;
  return [
    ['measure', 'figure', 'ratio', 'target', 'met'],
    [
      'Ed25519 verify, all cores (start, end)',
      `${fmt(all)}/s (${fmt(ceiling.first)}, ${fmt(ceiling.last)})`,
      '1',
      '',
      '',
    ],
    [
      'one instance on SQLite: ballots per second',
      `${fmt(singleRate)}/s`,
      fmt(singleRate / all, 2),
      '',
      '',
    ],
    [
      `${o.instances} instances on PostgreSQL: ballots per second (ratio to one on SQLite)`,
      `${fmt(rate)}/s (${fmt(rate / singleRate, 2)})`,
      fmt(rate / all, 2),
      '≥ 0.5 of one on SQLite',
      verdict(rate / singleRate >= 0.5),
    ],
    [
      'latency p50 / p99 (first write to receipt)',
      `${fmt(percentile(run.burst.latencies, 50), 1)} / ${fmt(p99, 1)} ms`,
      '',
      '≤ 250 ms (p99)',
      verdict(p99 <= 250),
    ],
    [
      'the same, of the ballots answered by their first instance (p50 / p99)',
      `${fmt(percentile(run.burst.firstTime, 50), 1)} / ${fmt(percentile(run.burst.firstTime, 99), 1)} ms (${fmt(run.burst.firstTime.length)})`,
      '',
      '',
      '',
    ],
    [
      'the slowest 1%: answered in the first second / sent again after the kill / others',
      `${run.burst.slowest.atStart} / ${run.burst.slowest.resent} / ${run.burst.slowest.others}`,
      '',
      '',
      '',
    ],
    [
      'acknowledged ballots lost',
      `${fmt(lost)} of ${fmt(run.burst.acknowledged.length)} (+${fmt(run.unacknowledged.size)} recorded before the kill without a receipt; ${fmt(run.retried)} sent again)`,
      '',
      '0',
      verdict(lost === 0 && checked.problems === 0),
    ],
    [
      `close → decision at all ${fmt(o.listeners)} listeners`,
      `${fmt(run.close.decisionMs, 1)} ms (${run.close.reached} reached)`,
      '',
      'all',
      verdict(run.close.reached === o.listeners),
    ],
    [
      'audit of the record',
      `${checked.audit.ok ? 'passed' : 'FAILED'}: ${fmt(checked.audit.size)} entries`,
      '',
      'passes',
      verdict(checked.audit.ok),
    ],
  ];
}

export async function main(o: Options): Promise<void> {
  log(`machine: ${machine()}`);
  const signed = signatures();
  const ms = o.seconds * 1000;
  const first = await ceilings(signed, ms);
  const scratch = mkdtempSync(join(tmpdir(), 'collegium-bench-instances-'));
  const people = makePeople(o.voters);
  const schema = await freshSchema(o.db!);
  try {
    log('yardstick: the same vote on one instance over SQLite...');
    const single = await singleInstance(join(scratch, 'vote.db'), scratch, people, o);
    const singleRate = (single.burst.acknowledged.length / single.burst.elapsed) * 1000;
    log(`record: the vote on PostgreSQL, ${o.instances} instances...`);
    await prepareRecord(schema.location, people);
    const run = await voteAcross(schema.location, scratch, people, o);
    const checked = await checkRecord(schema.location, run.burst.acknowledged, run.unacknowledged);
    const last = await ceilings(signed, ms);
    const rows = resultRows(o, { first: first.all, last: last.all }, singleRate, run, checked);
    process.stdout.write(
      [
        `machine: ${machine()}`,
        `command: npm run bench:vote -- ${process.argv.slice(2).join(' ')}`,
        `vote: ${fmt(o.voters)} voters, ${fmt(o.listeners)} listeners, ${fmt(o.connections)} connections over ${o.instances} instances; instance 0 SIGKILLed after ${fmt(run.burst.killedAt)} acknowledged`,
        '',
        ...markdownTable(rows),
        '',
      ].join('\n'),
    );
  } finally {
    if (o.keep) log(`record kept at ${schema.location} and ${scratch}`);
    else {
      await schema.drop();
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}
