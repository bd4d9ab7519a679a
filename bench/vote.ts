/**
 * npm run bench:vote [-- --voters N] [--listeners L] [--connections C] [--seconds S] [--keep]
 *
 * A live vote of N voters (default 10,000), each with a key of their own, enrolled in the record,
 * signed in by a signed challenge, casting a ballot signed on their "device" (here), all at once
 * over HTTP on loopback, while L listeners (default 1,000) follow the event stream. The server is
 * `collegium serve` in a process of its own, so that client and server do not share an event loop.
 *
 * Untimed: the record (charter, enrolments, arrivals, the vote opened), the logins, the listeners'
 * connections, and every ballot signed and serialized. Timed: all N ballots issued at once
 * through a keep-alive agent of C connections (default 250); each request's latency is taken from
 * when it was written to its connection to its receipt, and the burst's from its start.
 *
 * Reported, each beside the raw Ed25519 verification rate of all cores measured in the same run
 * (before and after, averaged): ballots per second, p50 and p99 latency, the time from sending the
 * close until the decision has reached every listener; then every acknowledged ballot is checked
 * to be in the record exactly once, and the record is audited. Beside them, what HTTP alone allows:
 * the same burst against a server that only answers, and the CPU each process spent per ballot.
 * Progress to stderr; the table of results to stdout. BENCH_SERVER_NODE_FLAGS passes Node flags
 * to the server alone (e.g. "--cpu-prof --cpu-prof-dir=prof").
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { audit } from '../src/app/audit.js';
import { enrolMember } from '../src/app/enrolment.js';
import { Ledger } from '../src/app/ledger.js';
import { attendance, openSession, openVote, proposeMotion } from '../src/app/proceedings.js';
import { toBase64 } from '../src/core/bytes.js';
import { generateKeyPair, privateKeyObject } from '../src/record/ed25519.js';
import { decodeEntry, signOwnAct } from '../src/record/entry.js';
import type { Act } from '../src/core/acts.js';
import { openStore } from '../src/store/index.js';
import { sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { ceilings, fmt, machine, markdownTable, signatures } from './record.js';

export interface Options {
  /** Server instances (more than one: on PostgreSQL, `db`; see instances.ts). */
  instances: number;
  db: string | undefined;
  voters: number;
  listeners: number;
  connections: number;
  seconds: number;
  keep: boolean;
}

export function parseOptions(argv: readonly string[]): Options {
  const count = (name: string, value: string | undefined, otherwise: number): number => {
    if (value === undefined) return otherwise;
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n <= 0) usage(`--${name} wants a positive whole number`);
    return n;
  };
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        voters: { type: 'string' },
        listeners: { type: 'string' },
        connections: { type: 'string' },
        seconds: { type: 'string' },
        keep: { type: 'boolean' },
        instances: { type: 'string' },
        db: { type: 'string' },
      },
    });
    const instances = count('instances', values.instances, 1);
    if (instances > 1 && !values.db?.startsWith('postgres'))
      usage('--instances N runs on PostgreSQL: give --db postgres://...');
    return {
      instances,
      db: values.db,
      voters: count('voters', values.voters, 10_000),
      listeners: count('listeners', values.listeners, 1000),
      connections: count('connections', values.connections, 250),
      seconds: count('seconds', values.seconds, 3),
      keep: values.keep === true,
    };
  } catch (error) {
    return usage((error as Error).message);
  }
}

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run bench:vote -- [--voters N] [--listeners L] [--connections C] [--seconds S] [--keep] [--instances N --db postgres://...]\n`,
  );
  process.exit(2);
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

export const ORG = 'bench-assembly';
export const SESSION = 'assembly-1';
export const MOTION = 'budget';
export const SECRETARY = 'secretary';
const CHOICES = ['aye', 'nay', 'abstain'] as const;

export interface Person {
  readonly id: string;
  readonly key: string;
  readonly privateKey: KeyObject;
}

// ---------------------------------------------------------------------------------------------
// The record: an assembly of N voters, all enrolled and present, the vote open.

export async function prepareRecord(path: string, people: readonly Person[]): Promise<void> {
  const voters = people.filter((p) => p.id !== SECRETARY).map((p) => p.id);
  const charter = {
    collegium: 1,
    organization: { id: ORG, name: `An assembly of ${voters.length}`, log: 'bench.example/vote' },
    people: Object.fromEntries(people.map((p) => [p.id, { name: `Person ${p.id}` }])),
    bodies: {
      assembly: {
        name: 'Assembly',
        members: voters,
        secretary: SECRETARY,
        quorum: 'majority',
        majority: 'votes-cast',
      },
    },
    // The listeners follow the stream without signing in.
    record: { read: 'public' },
  };
  const store = await openStore(path, { create: true });
  try {
    // The secretary enrols everyone, themself last (until then the custodial key signs for them).
    const enrolments = [...people.slice(1), people[0]!].map((p) => enrolMember(p.id, p.key));
    const ledger = await Ledger.create(store, charter, {}, enrolments);
    const seeds = new Map([[SECRETARY, secretarySeed!]]);
    ledger.useKeys(seeds);
    await ledger.append([
      openSession({ session: SESSION, body: 'assembly', title: 'Budget' }),
      ...voters.map((v) => attendance('arrive', SESSION, v, SECRETARY)),
      proposeMotion({ session: SESSION, motion: MOTION, text: 'Adopt the budget.' }),
      openVote(SESSION, MOTION),
    ]);
  } finally {
    await store.close();
  }
}

let secretarySeed: Uint8Array | undefined;

export function makePeople(voters: number): Person[] {
  const people: Person[] = [];
  const width = String(voters).length;
  for (let i = 0; i <= voters; i++) {
    const id = i === 0 ? SECRETARY : `v${String(i).padStart(width, '0')}`;
    const pair = generateKeyPair();
    if (i === 0) secretarySeed = pair.privateKey;
    people.push({
      id,
      key: toBase64(pair.publicKey),
      privateKey: privateKeyObject(pair.privateKey),
    });
  }
  return people;
}

/** What a member's device signs for an act. */
export function signAct(person: Person, type: string, payload: Record<string, unknown>) {
  const act = { type, payload } as unknown as Act;
  const own = { org: ORG, member: person.id, key: person.key };
  return { type, payload, ...signOwnAct(own, person.privateKey, act) };
}

// ---------------------------------------------------------------------------------------------
// The server, in a process of its own.

export async function startServer(
  db: string,
  data: string,
): Promise<{ child: ChildProcess; url: URL }> {
  const main = pathToFileURL(fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)));
  const child = spawn(
    process.execPath,
    [
      // Node flags for the server alone, e.g. --cpu-prof to profile it.
      ...(process.env['BENCH_SERVER_NODE_FLAGS']?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { main } from ${JSON.stringify(main.href)}; process.exitCode = await main(process.argv.slice(1));`,
      'serve',
      '--db',
      db,
      '--data',
      data,
      '--port',
      '0',
      // Every voter signs in from this one address.
      '--logins-per-minute',
      '100000000',
      // And every listener listens from it.
      '--streams-per-address',
      '1000000',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  const url = await new Promise<URL>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /(http:\/\/\S+\/)/.exec(out);
      if (found) resolve(new URL(found[1]!));
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}): ${out}`)));
  });
  return { child, url };
}

/**
 * Servers that do nothing but answer a fixed receipt, each in a process of its own: plain
 * node:http (what HTTP on loopback alone allows on this machine) and a Fastify route (what the
 * framework the server is built on takes of that before the server does anything).
 */
const RECEIPT = `JSON.stringify({ entry: 12345, leafHash: '0'.repeat(64), type: 'ballot.cast' })`;
const ANSWERING_SERVERS = {
  'node:http': `
    const http = require('node:http');
    const receipt = ${RECEIPT};
    const s = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
        res.end(receipt);
      });
    });
    s.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + s.address().port + '/'));`,
  fastify: `
    const fastify = require('fastify')({ logger: false });
    const receipt = ${RECEIPT};
    fastify.get('/', async () => '');
    fastify.post('/api/acts', (req, reply) => {
      reply.code(201).type('application/json; charset=utf-8').send(receipt);
    });
    fastify.listen({ port: 0, host: '127.0.0.1' }).then((address) => console.log(address + '/'));`,
} as const;

interface Answering {
  readonly rate: number;
  readonly cpuUs: number;
}

/**
 * The same burst (same client, bodies, headers and connections) against one of the answering
 * servers: requests per second, and the server's CPU a request (all its threads).
 */
async function answeringHttp(
  server: keyof typeof ANSWERING_SERVERS,
  bodies: readonly string[],
  connections: number,
): Promise<Answering> {
  const child = spawn(process.execPath, ['-e', ANSWERING_SERVERS[server]], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(new URL(chunk.toString().trim())));
      child.once('exit', () => reject(new Error(`the answering ${server} server exited`)));
    });
    const agent = new Agent({
      keepAlive: true,
      maxSockets: connections,
      maxFreeSockets: connections,
    });
    await Promise.all(Array.from({ length: connections }, () => call(agent, url, 'GET', '/', {})));
    const headers = {
      cookie: `collegium_session=${'x'.repeat(43)}`,
      'x-csrf-token': 'y'.repeat(43),
    };
    const cpu = cpuSeconds(child.pid!);
    const start = performance.now();
    await Promise.all(bodies.map((body) => call(agent, url, 'POST', '/api/acts', headers, body)));
    const rate = (bodies.length / (performance.now() - start)) * 1000;
    const cpuUs = ((cpuSeconds(child.pid!) - cpu) / bodies.length) * 1e6;
    agent.destroy();
    return { rate, cpuUs };
  } finally {
    child.kill();
  }
}

/** CPU seconds of a process (all its threads), or of its main thread alone. */
export function cpuSeconds(pid: number, mainThread = false): number {
  // utime and stime of /proc/PID/stat, in clock ticks (100 a second on Linux).
  const file = mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`;
  const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

// ---------------------------------------------------------------------------------------------
// HTTP, as voters' browsers do it.

export interface Reply {
  readonly status: number;
  readonly body: string;
  readonly cookie: string | undefined;
}

export function call(
  agent: Agent,
  url: URL,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
  timing?: { written?: number },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            cookie: response.headers['set-cookie']?.[0]?.split(';')[0],
          }),
        );
      },
    );
    request.on('error', reject);
    // Written once its connection is open: a request whose connection is refused was never sent.
    if (timing)
      request.on('socket', (socket) => {
        const mark = () => (timing.written = performance.now());
        if (socket.connecting) socket.once('connect', mark);
        else mark();
      });
    request.end(body);
  });
}

export interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

export async function login(agent: Agent, url: URL, person: Person): Promise<Session> {
  const me = await call(agent, url, 'GET', '/api/me', {});
  const visitor = { cookie: me.cookie!, csrf: (JSON.parse(me.body) as { csrf: string }).csrf };
  const headers = { cookie: visitor.cookie, 'x-csrf-token': visitor.csrf };
  const { challenge } = JSON.parse(
    (
      await call(
        agent,
        url,
        'POST',
        '/api/login/challenge',
        headers,
        JSON.stringify({ person: person.id }),
      )
    ).body,
  ) as { challenge: string };
  const origin = `${url.protocol}//${url.host}`;
  const signature = sign(
    null,
    Buffer.from(`collegium/login/v1\n${origin}\n${challenge}`),
    person.privateKey,
  ).toString('base64');
  const answer = await call(
    agent,
    url,
    'POST',
    '/api/login',
    headers,
    JSON.stringify({ person: person.id, challenge, signature }),
  );
  if (answer.status !== 200)
    throw new Error(`login of ${person.id}: ${answer.status} ${answer.body}`);
  return { cookie: answer.cookie!, csrf: (JSON.parse(answer.body) as { csrf: string }).csrf };
}

/** Runs `work` on every item, at most `limit` at a time. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

// ---------------------------------------------------------------------------------------------
// Listeners of the event stream: each notes when the decision reached it.

export class Listener {
  decisionAt: number | undefined;
  connected: Promise<void>;
  private tail = '';

  constructor(url: URL, agent: Agent) {
    this.connected = new Promise((resolve, reject) => {
      const request = httpRequest(
        { agent, host: url.hostname, port: url.port, path: '/api/events' },
        (response) => {
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            resolve();
            // Only whether a decision has come matters: look for its event line.
            const text = this.tail + chunk;
            if (this.decisionAt === undefined && text.includes('event: decision\n'))
              this.decisionAt = performance.now();
            this.tail = text.slice(-32);
          });
        },
      );
      request.on('error', reject);
      request.end();
    });
  }
}

// ---------------------------------------------------------------------------------------------

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export interface Prepared {
  readonly people: readonly Person[];
  readonly sessions: readonly Session[];
  readonly listeners: readonly Listener[];
  readonly ballots: readonly { voter: string; body: string; headers: Record<string, string> }[];
  readonly agents: { setup: Agent; streams: Agent; ballots: Agent };
}

/** Untimed: the voters signed in, the listeners following, every ballot signed, the connections open. */
export async function prepareClients(
  url: URL,
  people: readonly Person[],
  o: Options,
): Promise<Prepared> {
  const setup = new Agent({ keepAlive: true, maxSockets: 64 });
  log(`logins: ${fmt(people.length)} signed challenges...`);
  const sessions = await pool(people, 64, (p) => login(setup, url, p));
  log(`listeners: ${fmt(o.listeners)} on the event stream...`);
  const streams = new Agent({ keepAlive: false, maxSockets: Infinity });
  const listeners = Array.from({ length: o.listeners }, () => new Listener(url, streams));
  await Promise.all(listeners.map((l) => l.connected));

  log('ballots: signing every one beforehand...');
  const ballots = people.slice(1).map((v, i) => {
    const choice = CHOICES[i % 7 < 4 ? 0 : i % 7 < 6 ? 1 : 2];
    const act = signAct(v, 'ballot.cast', {
      session: SESSION,
      motion: MOTION,
      voter: v.id,
      choice,
    });
    const session = sessions[i + 1]!;
    return {
      voter: v.id,
      body: JSON.stringify(act),
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    };
  });
  // The voters' connections are open before the vote, as their pages are, and stay open (an
  // agent keeps 256 idle ones by default, and opening the others again in the burst costs
  // handshakes, some retried after a second).
  log(`ballots: opening ${fmt(o.connections)} keep-alive connections...`);
  const C = o.connections;
  const agent = new Agent({ keepAlive: true, maxSockets: C, maxFreeSockets: C });
  await Promise.all(Array.from({ length: C }, () => call(agent, url, 'GET', '/api/log-key', {})));
  return { people, sessions, listeners, ballots, agents: { setup, streams, ballots: agent } };
}

export interface Burst {
  readonly acknowledged: readonly { voter: string; reply: Reply }[];
  readonly refused: number;
  readonly elapsed: number;
  readonly latencies: readonly number[];
  readonly waits: readonly number[];
  readonly cpu: { server: number; serverMain: number; client: number };
}

/** Timed: every ballot at once, each latency from when it was written to its receipt. */
export async function castBallots(url: URL, pid: number, p: Prepared): Promise<Burst> {
  log(`ballots: ${fmt(p.ballots.length)} at once over keep-alive connections...`);
  const serverCpu = cpuSeconds(pid);
  const serverMainCpu = cpuSeconds(pid, true);
  const clientCpu = process.cpuUsage();
  const start = performance.now();
  const results = await Promise.all(
    p.ballots.map(async (b) => {
      const timing: { written?: number } = {};
      const reply = await call(
        p.agents.ballots,
        url,
        'POST',
        '/api/acts',
        b.headers,
        b.body,
        timing,
      );
      const end = performance.now();
      return {
        voter: b.voter,
        reply,
        latency: end - (timing.written ?? start),
        waited: end - start,
      };
    }),
  );
  const elapsed = performance.now() - start;
  const client = process.cpuUsage(clientCpu);
  const cpu = {
    server: cpuSeconds(pid) - serverCpu,
    serverMain: cpuSeconds(pid, true) - serverMainCpu,
    client: (client.user + client.system) / 1e6,
  };
  const acknowledged = results.filter((r) => r.reply.status === 201);
  const refused = results.filter((r) => r.reply.status !== 201);
  if (refused.length > 0)
    log(`refused: ${refused.length}, e.g. ${refused[0]!.reply.status} ${refused[0]!.reply.body}`);
  const sorted = (values: number[]) => values.sort((a, b) => a - b);
  log(
    `ballots: ${fmt(acknowledged.length)} recorded in ${fmt(elapsed)} ms, ${fmt((acknowledged.length / elapsed) * 1000)} a second`,
  );
  return {
    acknowledged,
    refused: refused.length,
    elapsed,
    latencies: sorted(acknowledged.map((r) => r.latency)),
    waits: sorted(acknowledged.map((r) => r.waited)),
    cpu,
  };
}

export interface Close {
  readonly outcome?: string;
  readonly acknowledgedMs: number;
  readonly decisionMs: number;
  readonly reached: number;
}

/**
 * The close: the officer asks for the payload with the decision (only an officer of the session
 * may see it while the vote is open), signs it, sends it; then waits for every listener.
 */
export async function closeTheVote(
  url: URL,
  p: Pick<Prepared, 'people' | 'sessions' | 'listeners'> & { agents: { setup: Agent } },
): Promise<Close> {
  const officer = p.sessions[0]!;
  const headers = { cookie: officer.cookie, 'x-csrf-token': officer.csrf };
  const closingPath = `/api/sessions/${SESSION}/motions/${MOTION}/closing`;
  const closingReply = await call(p.agents.setup, url, 'GET', closingPath, headers);
  if (closingReply.status !== 200)
    throw new Error(`the closing payload was refused: ${closingReply.body}`);
  const closing = JSON.parse(closingReply.body) as { payload: Record<string, unknown> };
  const close = JSON.stringify(signAct(p.people[0]!, 'vote.close', closing.payload));
  const closeSent = performance.now();
  const closed = await call(p.agents.setup, url, 'POST', '/api/acts', headers, close);
  const acknowledgedMs = performance.now() - closeSent;
  if (closed.status !== 201) throw new Error(`the close was refused: ${closed.body}`);
  const deadline = performance.now() + 10_000;
  while (p.listeners.some((l) => l.decisionAt === undefined) && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 5));
  const reached = p.listeners.filter((l) => l.decisionAt !== undefined);
  const decisionMs = Math.max(...reached.map((l) => l.decisionAt! - closeSent));
  log(
    `decision: at ${reached.length} of ${p.listeners.length} listeners within ${fmt(decisionMs)} ms of the close`,
  );
  const outcome = (closing.payload['decision'] as { outcome?: string } | undefined)?.outcome;
  return {
    ...(outcome !== undefined ? { outcome } : {}),
    acknowledgedMs,
    decisionMs,
    reached: reached.length,
  };
}

export interface RecordCheck {
  readonly once: number;
  readonly problems: number;
  readonly audit: Awaited<ReturnType<typeof audit>>;
  readonly auditMs: number;
}

/** Every acknowledged ballot in the record, exactly once, where its receipt says; then the audit. */
export async function checkRecord(
  db: string,
  acknowledged: Burst['acknowledged'],
  /** Voters whose ballot was recorded without a receipt (sent again after a fault, and refused). */
  unacknowledged: ReadonlySet<string> = new Set(),
): Promise<RecordCheck> {
  log('record: checking every receipt, then the audit...');
  const store = await openStore(db, { create: false });
  let once = 0;
  let problems = 0;
  try {
    const ballotsOf = new Map<string, number[]>();
    for await (const stored of store.entries(0, await store.size())) {
      const entry = decodeEntry(stored.bytes);
      if (entry.type !== 'ballot.cast') continue;
      const voter = (entry.payload as { voter: string }).voter;
      ballotsOf.set(voter, [...(ballotsOf.get(voter) ?? []), entry.index]);
    }
    for (const r of acknowledged) {
      const receipt = JSON.parse(r.reply.body) as { entry: number };
      const found = ballotsOf.get(r.voter) ?? [];
      if (found.length === 1 && found[0] === receipt.entry) once++;
      else problems++;
    }
    // Anything else recorded is a ballot no one was told of, or a second one.
    problems += Math.abs(ballotsOf.size - acknowledged.length - unacknowledged.size);
    for (const voter of unacknowledged) if (ballotsOf.get(voter)?.length !== 1) problems++;
  } finally {
    await store.close();
  }
  const auditStore = await openStore(db, { create: false });
  const auditStart = performance.now();
  const report = await audit(auditStore);
  const auditMs = performance.now() - auditStart;
  await auditStore.close();
  return { once, problems, audit: report, auditMs };
}

export interface RunCeilings {
  readonly first: { all: number; one: number };
  readonly last: { all: number; one: number };
  readonly http: Answering;
  readonly fastify: Answering;
}

/**
 * The ceilings: all-core and one-core verification, bare HTTP, both together, and the same with
 * a Fastify route in place of bare HTTP (what the framework alone leaves of the bound).
 */
export function ceilingRows(c: RunCeilings, all: number, both: number): string[][] {
  const one = (c.first.one + c.last.one) / 2;
  const withFastify = 1 / (1 / c.fastify.rate + 1 / all);
  // A ceiling has no target: its figure, and its ratio to the all-core verification rate.
  const row = (measure: string, figure: string, rate: number) => [
    measure,
    figure,
    fmt(rate / all, 2),
    '',
    '',
  ];
  const answering = (a: Answering) => `${fmt(a.rate)}/s (${fmt(a.cpuUs)} µs)`;
  return [
    row(
      'Ed25519 verify, all cores (start, end)',
      `${fmt(all)}/s (${fmt(c.first.all)}, ${fmt(c.last.all)})`,
      all,
    ),
    row(
      'Ed25519 verify, one core (start, end)',
      `${fmt(one)}/s (${fmt(c.first.one)}, ${fmt(c.last.one)})`,
      one,
    ),
    row(
      'bare HTTP: the same burst to a server that only answers (its CPU a request)',
      answering(c.http),
      c.http.rate,
    ),
    row('HTTP and verification alone: 1/(1/http + 1/verify)', `${fmt(both)}/s`, both),
    row(
      'Fastify alone: the same burst to a Fastify route that only answers (its CPU a request)',
      answering(c.fastify),
      c.fastify.rate,
    ),
    row(
      'Fastify and verification alone: 1/(1/fastify + 1/verify)',
      `${fmt(withFastify)}/s (${fmt((withFastify / both) * 100)} % of HTTP and verification alone)`,
      withFastify,
    ),
  ];
}

export const verdict = (ok: boolean): string => (ok ? 'yes' : 'NO');

/** The table of results: each figure beside the all-core verification rate and its target. */
function resultRows(N: number, L: number, c: RunCeilings, b: Burst, close: Close, r: RecordCheck) {
  const all = (c.first.all + c.last.all) / 2;
  // What the machine could do if a ballot cost only its HTTP exchange and its verification.
  const both = 1 / (1 / c.http.rate + 1 / all);
  const rate = (b.acknowledged.length / b.elapsed) * 1000;
  const p50 = percentile(b.latencies, 50);
  const p99 = percentile(b.latencies, 99);
  // Times are also given as the verifications all cores could do in them (time × rate).
  const inVerifications = (msTime: number): string => fmt((msTime / 1000) * all);
  const audited = `${r.audit.ok ? 'passed' : `FAILED at ${r.audit.failure?.item}`}: ${fmt(r.audit.size)} entries in ${fmt(r.auditMs)} ms`;
  return [
    ['measure', 'figure', 'ratio to all-core verify', 'target', 'met'],
    ...ceilingRows(c, all, both),
    [
      'ballots recorded (acknowledged, in the record once)',
      `${fmt(r.once)} of ${fmt(N)}`,
      '',
      `all ${fmt(N)}`,
      verdict(r.once === N && r.problems === 0 && b.refused === 0),
    ],
    [
      'ballots per second (share of HTTP and verification alone)',
      `${fmt(rate)}/s (${fmt((rate / both) * 100)} %)`,
      fmt(rate / all, 2),
      '≥ 0.5',
      verdict(rate / all >= 0.5),
    ],
    [
      'ballots per second / HTTP and verification alone',
      fmt(rate / both, 2),
      '',
      '≥ 0.7',
      verdict(rate / both >= 0.7),
    ],
    ['latency p50 (written to receipt)', `${fmt(p50, 1)} ms`, inVerifications(p50), '', ''],
    [
      'latency p90 / max',
      `${fmt(percentile(b.latencies, 90), 1)} / ${fmt(b.latencies.at(-1) ?? NaN, 1)} ms`,
      '',
      '',
      '',
    ],
    [
      'latency p99 (written to receipt)',
      `${fmt(p99, 1)} ms`,
      inVerifications(p99),
      '≤ 250 ms',
      verdict(p99 <= 250),
    ],
    [
      'wait p50 / p99 from the burst’s start',
      `${fmt(percentile(b.waits, 50))} / ${fmt(percentile(b.waits, 99))} ms`,
      '',
      '',
      '',
    ],
    [
      `close → decision at all ${fmt(L)} listeners`,
      `${fmt(close.decisionMs, 1)} ms (${close.reached} reached)`,
      inVerifications(close.decisionMs),
      '≤ 1,000 ms',
      verdict(close.reached === L && close.decisionMs <= 1000),
    ],
    ['close acknowledged', `${fmt(close.acknowledgedMs, 1)} ms`, '', '', ''],
    ['audit of the record', audited, '', 'passes', verdict(r.audit.ok)],
    ...cpuRows(N, b),
  ];
}

/** What each process spent during the burst, in all and per ballot. */
function cpuRows(N: number, b: Burst): string[][] {
  const cpu = b.cpu;
  return [
    [
      'CPU during the ballots: server (its main thread), client',
      `${fmt(cpu.server, 1)} s (${fmt(cpu.serverMain, 1)} s), ${fmt(cpu.client, 1)} s in ${fmt(b.elapsed / 1000, 2)} s`,
      '',
      '',
      '',
    ],
    [
      'CPU per ballot: server (main thread), client',
      `${fmt((cpu.server / N) * 1e6)} µs (${fmt((cpu.serverMain / N) * 1e6)} µs), ${fmt((cpu.client / N) * 1e6)} µs`,
      '',
      '',
      '',
    ],
  ];
}

/** One server on `db` (made for `people`): the clients ready, the burst, the close, the check. */
export async function singleInstance(
  db: string,
  scratch: string,
  people: readonly Person[],
  options: Options,
): Promise<{ prepared: Prepared; burst: Burst; close: Close; checked: RecordCheck }> {
  await prepareRecord(db, people);
  const { child, url } = await startServer(db, scratch);
  log(`server: ${url.href} (pid ${child.pid})`);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const prepared = await prepareClients(url, people, options);
    const burst = await castBallots(url, child.pid!, prepared);
    const close = await closeTheVote(url, prepared);
    child.kill('SIGTERM');
    await exited;
    for (const agent of Object.values(prepared.agents)) agent.destroy();
    return { prepared, burst, close, checked: await checkRecord(db, burst.acknowledged) };
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
}

export async function main(options: Options): Promise<void> {
  const { voters: N, listeners: L, connections: C } = options;
  log(`machine: ${machine()}`);
  const signed = signatures();
  const ms = options.seconds * 1000;
  const first = await ceilings(signed, ms);
  log(`ceiling: Ed25519 verify ${fmt(first.all)} a second on all cores (${fmt(first.one)} on one)`);

  const scratch = mkdtempSync(join(tmpdir(), 'collegium-bench-vote-'));
  const db = join(scratch, 'vote.db');
  log(`record: ${fmt(N)} voters, keys, enrolments, arrivals, the vote opened...`);
  try {
    const { prepared, burst, close, checked } = await singleInstance(
      db,
      scratch,
      makePeople(N),
      options,
    );
    const bodies = prepared.ballots.map((b) => b.body);
    log('ceiling: the same burst against a bare node:http server...');
    const http = await answeringHttp('node:http', bodies, C);
    log(`ceiling: bare HTTP ${fmt(http.rate)} requests a second`);
    log('ceiling: the same burst against a Fastify route that only answers...');
    const fastify = await answeringHttp('fastify', bodies, C);
    log(`ceiling: Fastify alone ${fmt(fastify.rate)} requests a second`);
    const last = await ceilings(signed, ms);
    log(`ceiling: Ed25519 verify ${fmt(last.all)} a second on all cores (${fmt(last.one)} on one)`);
    const rows = resultRows(N, L, { first, last, http, fastify }, burst, close, checked);
    process.stdout.write(
      [
        `machine: ${machine()}`,
        `command: npm run bench:vote -- ${process.argv.slice(2).join(' ')}`.trimEnd(),
        `vote: ${fmt(N)} voters, ${fmt(L)} listeners, ${fmt(C)} connections; decision ${close.outcome ?? '?'}`,
        '',
        ...markdownTable(rows),
        '',
      ].join('\n'),
    );
  } finally {
    if (options.keep) log(`record kept at ${db}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}
