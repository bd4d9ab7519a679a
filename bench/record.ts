/**
 * npm run bench:record [-- --entries N] [--record PATH] [--members M] [--batch B] [--proofs K]
 *                         [--seconds S] [--append-entries N] [--tail T] [--runs R] [--only open]
 *
 * The record's figures, each beside its ceiling measured in the same run on the same machine
 * (docs/benchmarks.md says what each means, and gives the latest figures):
 *
 * 1. Ceilings: raw node:crypto Ed25519 verifications per second on one core, and on all cores at
 *    once (one worker thread per core), over pre-generated signatures of 400-byte messages, for
 *    S seconds (default 3), at the start and again at the end; the ratios use the mean.
 * 2. Append: entries per second appended durably to SQLite (WAL, synchronous=FULL, as the store
 *    sets it) through Ledger.append in batches of B acts (default 1,000): live sessions of an
 *    assembly of M members (default 1,000), mostly ballots. Twice: with the members' acts signed
 *    on their devices and verified by the ledger (this builds the N-entry record), and with the
 *    ledger signing for them (N entries or --append-entries, default 100,000). Ratio to the
 *    one-core ceiling.
 * 3. Audit of the N-entry record (default 1,000,000) in a child process on the built package:
 *    entries per second over the whole audit, as a ratio to the all-core ceiling, and the
 *    child's peak resident memory.
 * 4. K random inclusion and K random consistency proofs (default 1,000 each) in that record, in
 *    a child process: mean, p99 and max per proof.
 *
 * 5. Opening the record (bench/opening.js, each in a fresh process on the built package): folding
 *    it from entry 0 and writing a snapshot; from a snapshot T entries (default 9,999) before its
 *    end, to read and to write; from a snapshot at its end, to read (as commands) and to write (as
 *    serve), R times each (default 5); the ledger's second copy of the state three ways; then
 *    `collegium --version`, `log --last 20`, `prove`, `protocol SESSION` and `protocol`, timed
 *    from their start to their exit, R times each. `--only open` measures only this, on --record.
 *
 * Every ratio is also given by CPU time (entries per CPU-second over verifications per
 * CPU-second), which other load on the machine disturbs less than wall-clock time.
 * `--record PATH` keeps the record there and reuses it when it exists (the devices' append is
 * then measured on a fresh record of --append-entries). Progress to stderr, results to stdout.
 */
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { KeyObject } from 'node:crypto';
import { Ledger } from '../src/app/ledger.js';
import type { Draft, DraftSource } from '../src/app/ledger.js';
import {
  castBallot,
  closeSession,
  closeVote,
  openSession,
  openVote,
} from '../src/app/proceedings.js';
import type { Choice } from '../src/core/rules/types.js';
import type { Act } from '../src/core/acts.js';
import { generateKeyPair, privateKeyObject } from '../src/record/ed25519.js';
import { signOwnAct } from '../src/record/entry.js';
import { openStore } from '../src/store/index.js';
import { jsonChild } from './options.js';
import { measureOpening, openingRows } from './record-opening.js';
import type { Opening } from './record-opening.js';

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  entries: number;
  record?: string;
  members: number;
  batch: number;
  proofs: number;
  seconds: number;
  appendEntries: number;
  tail: number;
  runs: number;
  only?: 'open';
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    entries: 1_000_000,
    members: 1000,
    batch: 1000,
    proofs: 1000,
    seconds: 3,
    appendEntries: 100_000,
    tail: 9_999,
    runs: 5,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    const count = (): number => {
      const n = Number(value);
      if (!Number.isSafeInteger(n) || n <= 0) usage(`${flag} wants a positive whole number`);
      i += 1;
      return n;
    };
    if (flag === '--entries') options.entries = count();
    else if (flag === '--members') options.members = count();
    else if (flag === '--batch') options.batch = count();
    else if (flag === '--proofs') options.proofs = count();
    else if (flag === '--seconds') options.seconds = count();
    else if (flag === '--append-entries') options.appendEntries = count();
    else if (flag === '--tail') options.tail = count();
    else if (flag === '--runs') options.runs = count();
    else if (flag === '--only') {
      if (value !== 'open') usage('--only takes: open');
      options.only = 'open';
      i += 1;
    } else if (flag === '--record') {
      if (!value) usage('--record wants a path');
      options.record = value;
      i += 1;
    } else usage(`unknown option ${flag}`);
  }
  return options;
}

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run bench:record -- [--entries N] [--record PATH] [--members M] [--batch B] [--proofs K] [--seconds S] [--append-entries N] [--tail T] [--runs R] [--only open]\n`,
  );
  process.exit(2);
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);
export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (ms: number): string => `${fmt(ms / 1000, 1)} s`;

// ---------------------------------------------------------------------------------------------
// 1. Ceilings: raw Ed25519 verification

export interface Signed {
  readonly keys: Buffer[];
  readonly messages: Buffer[];
  readonly signatures: Buffer[];
}

/** 1,000 signatures over distinct ~400-byte messages by 64 keys. */
export function signatures(): Signed {
  const pairs = Array.from({ length: 64 }, () => generateKeyPairSync('ed25519'));
  const keys = pairs.map((p) => p.publicKey.export({ format: 'der', type: 'spki' }));
  const messages: Buffer[] = [];
  const signatures: Buffer[] = [];
  for (let i = 0; i < 1000; i++) {
    const message = Buffer.alloc(400);
    for (let j = 0; j < message.length; j++) message[j] = 32 + ((i * 31 + j * 7) % 95);
    messages.push(message);
    signatures.push(sign(null, message, pairs[i % 64]!.privateKey));
  }
  return { keys, messages, signatures };
}

/** The verification loop, as source so that the same code runs here and in the workers. */
const VERIFY_LOOP = `
function verifyLoop(crypto, data, ms) {
  const keys = data.keys.map((der) =>
    crypto.createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' }));
  const messages = data.messages.map((m) => Buffer.from(m));
  const signatures = data.signatures.map((s) => Buffer.from(s));
  let count = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 100; i++) {
      const j = count % messages.length;
      if (!crypto.verify(null, messages[j], keys[j % keys.length], signatures[j]))
        throw new Error('a signature does not verify');
      count += 1;
    }
    now = performance.now();
  }
  return { count, ms: now - start };
}`;

type VerifyLoop = (
  crypto: { createPublicKey: unknown; verify: typeof verify },
  data: Signed,
  ms: number,
) => { count: number; ms: number };

const verifyLoop = new Function(`${VERIFY_LOOP}; return verifyLoop;`)() as VerifyLoop;

/** Verifications a second: on one core, on all at once, and per second of CPU time. */
export interface Ceilings {
  readonly one: number;
  readonly all: number;
  readonly perCpuSecond: number;
}

/** Seconds of CPU time this process (every thread) has used since `from`. */
export function cpuSeconds(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
}

export async function ceilings(data: Signed, ms: number): Promise<Ceilings> {
  log(`ceiling: Ed25519 verify on one core for ${seconds(ms)}...`);
  const crypto = await import('node:crypto');
  verifyLoop(crypto, data, 200); // warm up
  const cpu = process.cpuUsage();
  const single = verifyLoop(crypto, data, ms);
  const perCpuSecond = single.count / cpuSeconds(cpu);
  const one = (single.count / single.ms) * 1000;
  const threads = availableParallelism();
  log(`ceiling: Ed25519 verify in ${threads} worker threads at once for ${seconds(ms)}...`);
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const crypto = require('node:crypto');
    ${VERIFY_LOOP}
    verifyLoop(crypto, workerData, 200);
    parentPort.postMessage('ready');
    parentPort.once('message', () => parentPort.postMessage(verifyLoop(crypto, workerData, ${ms})));`;
  const workers = Array.from(
    { length: threads },
    () => new Worker(source, { eval: true, workerData: data }),
  );
  const message = (w: Worker): Promise<unknown> =>
    new Promise((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
  await Promise.all(workers.map(message));
  const results = workers.map((w) => message(w) as Promise<{ count: number; ms: number }>);
  for (const w of workers) w.postMessage('go');
  const all = (await Promise.all(results)).reduce((sum, r) => sum + (r.count / r.ms) * 1000, 0);
  await Promise.all(workers.map((w) => w.terminate()));
  return { one, all, perCpuSecond };
}

// ---------------------------------------------------------------------------------------------
// 2. Append: the record of an assembly in session

/** A small deterministic generator (mulberry32), so that every run records the same acts. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Assembly {
  readonly charter: unknown;
  readonly members: readonly string[];
  /** Everyone's private key (32-byte seed). */
  readonly keys: Map<string, Uint8Array>;
  /** Everyone's key as their device holds it, and their public key in base64. */
  readonly devices: Map<string, { readonly key: KeyObject; readonly publicKey: string }>;
}

const ORG = 'bench-assembly';

/** An assembly of `size` members and a clerk, each with a key of their own. */
function assembly(size: number): Assembly {
  const members = Array.from({ length: size }, (_, i) => `m${String(i + 1).padStart(5, '0')}`);
  const keys = new Map<string, Uint8Array>();
  const devices = new Map<string, { key: KeyObject; publicKey: string }>();
  const people: Record<string, { name: string; key: string }> = {};
  for (const id of ['clerk', ...members]) {
    const pair = generateKeyPair();
    const publicKey = Buffer.from(pair.publicKey).toString('base64');
    keys.set(id, pair.privateKey);
    devices.set(id, { key: privateKeyObject(pair.privateKey), publicKey });
    people[id] = {
      name: id === 'clerk' ? 'The Clerk' : `Member ${id.slice(1)}`,
      key: `ed25519:${publicKey}`,
    };
  }
  const charter = {
    collegium: 1,
    organization: { id: ORG, name: 'Benchmark Assembly', log: 'bench.example/assembly' },
    people,
    bodies: {
      assembly: {
        name: 'General Assembly',
        members,
        chair: members[0],
        secretary: 'clerk',
        quorum: 'majority',
        majority: 'votes-cast',
        'motion-kinds': { amendment: { majority: 'two-thirds' } },
      },
    },
  };
  return { charter, members, keys, devices };
}

/**
 * Who signs the members' acts. `devices`: each member signs their check-in, motions and ballots
 * on their own device, as the live app does; the ledger verifies each signature before it places
 * the act. `server`: the ledger holds every member's key and signs for them.
 */
export type Signing = 'devices' | 'server';

/** A member's act, as their device sends it: signed, with the time it was signed. */
function signedOnDevice(a: Assembly, person: string, act: Act): Draft {
  const device = a.devices.get(person)!;
  const { time, sig } = signOwnAct(
    { org: ORG, member: person, key: device.publicKey },
    device.key,
    act,
  );
  return { act, actor: person, signed: { time, signer: person, key: device.publicKey, sig } };
}

const MOTIONS_PER_SESSION = 20;

/**
 * Live sessions, one after another: the clerk opens it, about 97% of the members check in,
 * then motion after motion is proposed by a member, opened by the clerk, voted on by everyone
 * present (aye, nay or abstain), and closed by the clerk with the decision the charter gives.
 */
function* proceedings(a: Assembly, signing: Signing): Generator<DraftSource> {
  const rand = random(1);
  const member = (person: string, act: Act): DraftSource =>
    signing === 'devices' ? signedOnDevice(a, person, act) : { act, actor: person };
  for (let s = 1; ; s++) {
    const session = `s${s}`;
    yield openSession({ session, body: 'assembly', title: `Ordinary session ${s}` });
    const present = a.members.filter(() => rand() < 0.97);
    for (const person of present)
      yield member(person, { type: 'attendance.arrive', payload: { session, person } });
    for (let k = 1; k <= MOTIONS_PER_SESSION; k++) {
      const motion = `motion-${k}`;
      const amendment = k % 5 === 0;
      const proposer = present[Math.floor(rand() * present.length)]!;
      yield member(proposer, {
        type: 'motion.propose',
        payload: {
          session,
          motion,
          text: `${amendment ? 'Amendment' : 'Resolution'} ${s}.${k}: that the assembly adopts the report of the committee as tabled.`,
          proposer,
          ...(amendment ? { kind: 'amendment' } : {}),
        },
      });
      yield openVote(session, motion);
      const lean = 0.35 + rand() * 0.3;
      for (const voter of present) {
        const r = rand();
        const choice: Choice = r < 0.06 ? 'abstain' : r < 0.06 + lean ? 'nay' : 'aye';
        yield member(voter, (castBallot({ session, motion, voter, choice }) as Draft).act);
      }
      yield closeVote(session, motion);
    }
    yield closeSession(session);
  }
}

/** Entries a second of wall-clock time, and a second of CPU time. */
interface Rate {
  readonly wall: number;
  readonly cpu: number;
  readonly entries: number;
}

/**
 * Appends `count` entries (after the charter's) to a new record at `path`, in batches; entries
 * per second over the time spent in Ledger.append (the devices' signing is not the server's).
 */
export async function build(
  path: string,
  count: number,
  members: number,
  batchSize: number,
  signing: Signing,
): Promise<Rate> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  log(`append: an assembly of ${fmt(members)} members, generating their keys...`);
  const a = assembly(members);
  const store = await openStore(path, { create: true });
  try {
    const keys = signing === 'server' ? a.keys : new Map([['clerk', a.keys.get('clerk')!]]);
    const ledger = await Ledger.create(store, a.charter, { keys });
    const drafts = proceedings(a, signing);
    const began = performance.now();
    let appending = 0;
    let cpu = 0;
    let lastReport = began;
    let appended = 0;
    while (appended < count - 1) {
      const batch: DraftSource[] = [];
      const n = Math.min(batchSize, count - 1 - appended);
      for (let i = 0; i < n; i++) batch.push(drafts.next().value as DraftSource);
      const start = performance.now();
      const startCpu = process.cpuUsage();
      await ledger.append(batch);
      cpu += cpuSeconds(startCpu);
      const now = performance.now();
      appending += now - start;
      appended += n;
      if (now - lastReport > 5000 || appended >= count - 1) {
        const rate = (appended / appending) * 1000;
        const togo = ((count - 1 - appended) / appended) * (now - began);
        log(
          `append (${signing}): ${fmt(ledger.size)} / ${fmt(count)} entries, ${fmt(rate)} a second, ${seconds(now - began)}` +
            (appended < count - 1 ? `, about ${seconds(togo)} to go` : ''),
        );
        lastReport = now;
      }
    }
    // A snapshot may still be being written in the background: nothing is left running.
    await ledger.snapshotsSettled();
    return { wall: (appended / appending) * 1000, cpu: appended / cpu, entries: appended + 1 };
  } finally {
    await store.close();
  }
}

/**
 * Collects this process's garbage (the records built in it leave a large heap) before a child is
 * timed, so that the collector does not share the two cores with what is measured. Needs
 * --expose-gc, which the npm script passes.
 */
function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

// ---------------------------------------------------------------------------------------------
// 3. Audit and 4. proofs, each in a child process on the built package (bench/child.js)

/** Runs bench/child.js with `args`; its one line of JSON. Its progress goes to our stderr. */
function child<T>(args: string[]): Promise<T> {
  return jsonChild<T>(fileURLToPath(new URL('./child.js', import.meta.url)), args);
}

interface AuditResult {
  ok: boolean;
  size: number;
  ms: number;
  /** CPU time of every thread of the audit's process. */
  cpuMs: number;
  maxRssKiB: number;
  failure?: string;
}

export function auditInChild(path: string): Promise<AuditResult> {
  return child<AuditResult>(['audit', path]);
}

interface Timing {
  mean: number;
  p99: number;
  max: number;
}

function timing(ms: number[]): Timing {
  const sorted = [...ms].sort((x, y) => x - y);
  return {
    mean: ms.reduce((s, x) => s + x, 0) / ms.length,
    p99: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!,
    max: sorted[sorted.length - 1]!,
  };
}

interface Times {
  /** Wall-clock milliseconds of each proof, and CPU milliseconds (every thread). */
  wall: number[];
  cpu: number[];
}

export interface ProofTimes {
  size: number;
  checkpoints: number;
  inclusion: { wall: Timing; cpu: Timing };
  consistency: { wall: Timing; cpu: Timing };
}

/** `count` random inclusion proofs and as many consistency proofs, timed one by one. */
export async function proofs(path: string, count: number): Promise<ProofTimes> {
  const r = await child<{
    size: number;
    checkpoints: number;
    inclusion: Times;
    consistency: Times;
  }>(['proofs', path, String(count)]);
  const both = (t: Times): { wall: Timing; cpu: Timing } => ({
    wall: timing(t.wall),
    cpu: timing(t.cpu),
  });
  return {
    size: r.size,
    checkpoints: r.checkpoints,
    inclusion: both(r.inclusion),
    consistency: both(r.consistency),
  };
}

// ---------------------------------------------------------------------------------------------

export function machine(): string {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return `${model}, ${availableParallelism()} cores, ${fmt(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

/** Rows as a Markdown table, padded so that it also reads in a terminal. */
export function markdownTable(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]): string =>
    `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [
    line(rows[0]!),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ];
}

interface Measured {
  readonly first: Ceilings;
  readonly last: Ceilings;
  readonly devices: Rate;
  readonly server: Rate;
  readonly audited: Awaited<ReturnType<typeof auditInChild>>;
  readonly proven: Awaited<ReturnType<typeof proofs>>;
  readonly opened: Opening;
}

/** Appends on devices and by the ledger, the audit and the proofs, between two ceilings. */
async function measure(options: Options, signed: ReturnType<typeof signatures>): Promise<Measured> {
  const ms = options.seconds * 1000;
  // The ceilings are measured at the start and again at the end: on a shared virtual machine the
  // cores' speed drifts, and the ratios use the mean of the two.
  const first = await ceilings(signed, ms);
  log(`ceiling: ${fmt(first.one)} a second on one core, ${fmt(first.all)} on all cores`);
  const scratch = mkdtempSync(join(tmpdir(), 'collegium-bench-'));
  const path = options.record ?? join(scratch, `record-${options.entries}.db`);
  const { members, batch } = options;
  const small = Math.min(options.appendEntries, options.entries);
  let devices: Rate;
  if (options.record && existsSync(options.record)) {
    log(`append: reusing the record at ${path}; measuring append on a fresh one`);
    devices = await build(join(scratch, 'devices.db'), small, members, batch, 'devices');
  } else {
    devices = await build(path, options.entries, members, batch, 'devices');
    if (options.record) log(`append: record kept at ${path}; reuse it with --record ${path}`);
  }
  const server = await build(join(scratch, 'server.db'), small, members, batch, 'server');
  log('audit: in a child process...');
  settle();
  const audited = await auditInChild(path);
  if (!audited.ok) throw new Error(`the audit failed: ${audited.failure}`);
  settle();
  const proven = await proofs(path, options.proofs);
  settle();
  const opened = await measureOpening(path, options.tail, options.runs);
  rmSync(join(scratch, 'server.db'), { force: true });
  rmSync(join(scratch, 'devices.db'), { force: true });
  if (!options.record) rmSync(scratch, { recursive: true, force: true });
  const last = await ceilings(signed, ms);
  log(`ceiling: ${fmt(last.one)} a second on one core, ${fmt(last.all)} on all cores`);
  return { first, last, devices, server, audited, proven, opened };
}

/** The table of results: each rate beside its ceiling, as a ratio, with its target. */
function resultRows(options: Options, m: Measured): string[][] {
  const { first, last, audited, proven } = m;
  const one = (first.one + last.one) / 2;
  const all = (first.all + last.all) / 2;
  const perCpu = (first.perCpuSecond + last.perCpuSecond) / 2;
  const auditRate: Rate = {
    wall: (audited.size / audited.ms) * 1000,
    cpu: (audited.size / audited.cpuMs) * 1000,
    entries: audited.size,
  };
  const MiB = audited.maxRssKiB / 1024;
  const ratio = (rate: Rate, ceiling: number, target: number): string[] => [
    `${fmt(rate.wall)}/s`,
    `${fmt(ceiling)}/s`,
    fmt(rate.wall / ceiling, 2),
    fmt(rate.cpu / perCpu, 2),
    `≥ ${target}`,
    rate.wall / ceiling >= target ? 'yes' : 'NO',
  ];
  const oneRow = `${fmt(one)}/s (${fmt(first.one)}, ${fmt(last.one)})`;
  const allRow = `${fmt(all)}/s (${fmt(first.all)}, ${fmt(last.all)})`;
  return [
    ['measure', 'figure', 'ceiling', 'ratio', 'by CPU time', 'target', 'met'],
    ['Ed25519 verify, one core (start, end)', oneRow, '', '', `${fmt(perCpu)}/s`, '', ''],
    [`Ed25519 verify, ${availableParallelism()} cores (start, end)`, allRow, '', '', '', '', ''],
    [`append, signed on devices (${fmt(m.devices.entries)})`, ...ratio(m.devices, one, 0.5)],
    [`append, signed by the ledger (${fmt(m.server.entries)})`, ...ratio(m.server, one, 0.5)],
    [`audit (${fmt(audited.size)} entries, ${seconds(audited.ms)})`, ...ratio(auditRate, all, 0.8)],
    [
      'audit peak memory (maxRSS)',
      `${fmt(MiB)} MiB`,
      '',
      '',
      '',
      '≤ 512 MiB',
      MiB <= 512 ? 'yes' : 'NO',
    ],
    ...(['inclusion', 'consistency'] as const).map((kind) => {
      const { wall, cpu } = proven[kind];
      return [
        `${kind} proof, mean / p99 (max) of ${fmt(options.proofs)}`,
        `${fmt(wall.mean, 3)} / ${fmt(wall.p99, 3)} (${fmt(wall.max, 2)}) ms`,
        '',
        '',
        `${fmt(cpu.mean, 3)} / ${fmt(cpu.p99, 3)} ms`,
        '≤ 1 ms',
        wall.mean <= 1 && wall.p99 <= 1 ? 'yes' : 'NO',
      ];
    }),
    ...openingRows(m.opened),
  ];
}

/** `--only open`: the opening rows alone, on the record kept at --record. */
async function onlyOpening(options: Options): Promise<string[]> {
  if (!options.record || !existsSync(options.record))
    usage('--only open measures the record given with --record, which must exist');
  const opened = await measureOpening(options.record, options.tail, options.runs);
  return [
    `record: ${fmt(opened.read[0]!.report.size)} entries at ${options.record}`,
    '',
    ...markdownTable([
      ['measure', 'figure', 'ceiling', 'ratio', 'by CPU time', 'target', 'met'],
      ...openingRows(opened),
    ]),
  ];
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const began = performance.now();
  log(`machine: ${machine()}`);
  const header = [
    `machine: ${machine()}`,
    `command: npm run bench:record${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  ];
  if (options.only === 'open') {
    const lines = [...header, ...(await onlyOpening(options)), ''];
    process.stdout.write(
      `${[...lines, `wall time: ${seconds(performance.now() - began)}`].join('\n')}\n`,
    );
    return;
  }
  const measured = await measure(options, signatures());
  const out = [
    ...header,
    `record: ${fmt(measured.proven.size)} entries; an assembly of ${fmt(options.members)} members, batches of ${fmt(options.batch)}`,
    '',
    ...markdownTable(resultRows(options, measured)),
    '',
    `wall time: ${seconds(performance.now() - began)}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

// Run as a script; imported (for profiling one phase), it only exports.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
