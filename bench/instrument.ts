/**
 * npm run bench:instrument [-- --signers N] [--runs R] [--seconds S]
 *
 * Verifying an instrument bundle, beside the raw cost of the Ed25519 verifications it needs,
 * measured in the same run (docs/benchmarks.md says what each line means and gives the figures):
 *
 * 1. Untimed: a temporary SQLite record with N members (default 10), each with a key of their own,
 *    whose charter's order needs all of them ({at-least: N, of: members}); a session adopts a
 *    motion, an order resting on it is drafted, signed by the N members in turn, and issued; its
 *    bundle is exported to a file.
 * 2. Ceilings: node:crypto Ed25519 verifications a second on one core (and on all cores), and
 *    WebCrypto's (crypto.subtle.verify, one at a time, keys imported beforehand), and WebCrypto's
 *    when each verification imports its key as well, each for S seconds (default 2).
 * 3. Reading and parsing the file, and verifyInstrumentBundle on the parsed value, R times each
 *    (default 1,000) after a warm-up: mean, p50 and p99 per verification; the target (at most
 *    5 ms a verification beyond reading the file, by the mean) with PASS or MISS; and the ratio of
 *    the time to what the bundle's Ed25519 verifications alone cost at the raw rates.
 *
 * Progress to stderr, the table to stdout. Not part of `npm test`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportInstrument } from '../src/app/instrument-export.js';
import { draftInstrument, issueInstrument, signInstrument } from '../src/app/instruments.js';
import { Ledger } from '../src/app/ledger.js';
import {
  attendance,
  castBallot,
  closeVote,
  openSession,
  openVote,
  proposeMotion,
  record,
} from '../src/app/proceedings.js';
import { toBase64 } from '../src/core/bytes.js';
import { keyPairFromSeed } from '../src/record/ed25519.js';
import { openStore } from '../src/store/index.js';
import { verifyWithKeyCache } from '../src/record/ed25519.js';
import { verifyInstrumentBundle } from '../src/verify/instrument.js';
import { loadTrustPolicy } from '../src/verify/policy.js';
import type { TrustPolicy } from '../src/verify/policy.js';
import { countOptions, log } from './options.js';
import { ceilings, cpuSeconds, fmt, machine, signatures } from './record.js';
import type { Signed } from './record.js';

const TARGET_MS = 5;

interface Options {
  signers: number;
  runs: number;
  seconds: number;
}

function parseOptions(argv: string[]): Options {
  return countOptions(argv, { signers: 10, runs: 1000, seconds: 2 });
}

/** A record whose order needs `n` signatures, each with the signer's own key; its bundle file. */
async function buildBundle(dir: string, n: number): Promise<{ file: string; logKey: string }> {
  const members = Array.from({ length: n }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);
  const seeds = new Map(members.map((p, i) => [p, seedOf(i)]));
  const people = Object.fromEntries(
    members.map((p, i) => [
      p,
      { name: `Member ${i + 1}`, key: `ed25519:${toBase64(keyPairFromSeed(seedOf(i)).publicKey)}` },
    ]),
  );
  const charter = {
    collegium: 1,
    organization: { id: 'bench', name: 'Bench', log: 'bench.example/board' },
    people,
    bodies: {
      board: {
        name: 'Board',
        members,
        chair: members[0],
        quorum: 'majority',
        majority: 'votes-cast',
        instruments: {
          order: { formula: 'By order of the Board', signers: { 'at-least': n, of: 'members' } },
        },
      },
    },
  };
  const store = await openStore(join(dir, 'record.db'), { create: true });
  const ledger = await Ledger.create(store, charter, { keys: seeds });
  const chair = members[0]!;
  await record(ledger, openSession({ session: 's1', body: 'board', mode: 'live' }, chair));
  for (const p of members) await record(ledger, attendance('arrive', 's1', p, p));
  const motion = { session: 's1', motion: 'fence', text: 'Mend the fence before the winter.' };
  await record(ledger, proposeMotion(motion, chair));
  await record(ledger, openVote('s1', 'fence', chair));
  for (const voter of members)
    await record(ledger, castBallot({ session: 's1', motion: 'fence', voter, choice: 'aye' }));
  await record(ledger, closeVote('s1', 'fence', { actor: chair }));
  const draft = {
    instrument: 'o1',
    body: 'board',
    kind: 'order',
    to: 'The carpenter',
    text: 'Mend the fence along the north field before the first frost.',
    amount: { value: 3000, unit: 'EUR' },
    restsOn: { session: 's1', motion: 'fence' },
  };
  await record(ledger, draftInstrument(draft, { actor: chair, maxBytes: 10_000 }));
  for (const p of members) await record(ledger, signInstrument('o1', p));
  await record(ledger, issueInstrument('o1', chair));
  const file = join(dir, 'o1.bundle.json');
  writeFileSync(file, JSON.stringify(await exportInstrument(store, ledger.state, 'o1')));
  const logKey = ledger.state.logKey!;
  await store.close();
  return { file, logKey };
}

function seedOf(i: number): Uint8Array {
  return new Uint8Array(32).fill(i + 1);
}

/** A rate a second of wall time, and a second of CPU time (of every thread of the process). */
interface Rate {
  readonly wall: number;
  readonly cpu: number;
}

/** WebCrypto's Ed25519 verifications a second, one at a time, keys imported once or each time. */
async function webCryptoRates(
  data: Signed,
  ms: number,
): Promise<{ verify: Rate; withImport: Rate }> {
  const raw = data.keys.map((der: Buffer) => Uint8Array.from(der.subarray(der.length - 32)));
  const imported = await Promise.all(
    raw.map((k: Uint8Array<ArrayBuffer>) =>
      crypto.subtle.importKey('raw', k, 'Ed25519', false, ['verify']),
    ),
  );
  const messages = data.messages.map((m: Buffer) => new Uint8Array(m));
  const sigs = data.signatures.map((s: Buffer) => new Uint8Array(s));
  const loop = async (withImport: boolean, duration: number): Promise<Rate> => {
    let count = 0;
    const cpu = process.cpuUsage();
    const start = performance.now();
    while (performance.now() - start < duration) {
      const j = count % messages.length;
      const key = withImport
        ? await crypto.subtle.importKey('raw', raw[j % raw.length]!, 'Ed25519', false, ['verify'])
        : imported[j % imported.length]!;
      if (!(await crypto.subtle.verify('Ed25519', key, sigs[j]!, messages[j]!)))
        throw new Error('a signature does not verify');
      count += 1;
    }
    return { wall: (count / (performance.now() - start)) * 1000, cpu: count / cpuSeconds(cpu) };
  };
  await loop(false, 200);
  const verify = await loop(false, ms);
  await loop(true, 200);
  return { verify, withImport: await loop(true, ms) };
}

interface Times {
  mean: number;
  p50: number;
  p99: number;
  /** Milliseconds of CPU time (every thread) per run, on average. */
  cpu: number;
}

async function timed(runs: number, work: () => unknown): Promise<Times> {
  for (let i = 0; i < Math.min(100, runs); i++) await work(); // warm up
  const ms: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!;
  return {
    mean: ms.reduce((a, b) => a + b, 0) / ms.length,
    p50: at(0.5),
    p99: at(0.99),
    cpu: (cpuSeconds(cpu) * 1000) / runs,
  };
}

function trustPolicy(logKey: string): TrustPolicy {
  const loaded = loadTrustPolicy(
    `logs: [${logKey}]\naccept:\n  - kind: order\n    own-keys: true\n`,
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.value;
}

function report(r: {
  file: string;
  signers: number;
  needed: number;
  node: { one: number; all: number; perCpuSecond: number };
  web: { verify: Rate; withImport: Rate };
  read: Times;
  /** As `collegium verify` runs it (node:crypto's Ed25519), and as the browser does (WebCrypto's). */
  verify: Times;
  verifyWeb: Times;
}): void {
  const { needed, node, web, read, verify, verifyWeb } = r;
  const row = (what: string, wall: string, cpu: string, beside = '') =>
    console.log(`${what.padEnd(46)} ${wall.padStart(13)} ${cpu.padStart(13)}  ${beside}`);
  const ms = (n: number) => `${fmt(n, 3)} ms`;
  const perSecond = (n: number) => `${fmt(n)} /s`;
  const verdict = (n: number) => (n <= TARGET_MS ? 'PASS' : 'MISS');
  console.log(`\nmachine: ${machine()}`);
  console.log(
    `bundle: ${readFileSync(r.file).length} bytes, ${r.signers} signatures, ${needed} Ed25519 verifications (checkpoint and entries)\n`,
  );
  row('', 'wall', 'CPU');
  row(
    'Ed25519 verify, node:crypto, one core',
    perSecond(node.one),
    perSecond(node.perCpuSecond),
    `all cores: ${perSecond(node.all)}`,
  );
  row(
    'Ed25519 verify, WebCrypto, one at a time',
    perSecond(web.verify.wall),
    perSecond(web.verify.cpu),
  );
  row(
    'Ed25519 importKey + verify, WebCrypto',
    perSecond(web.withImport.wall),
    perSecond(web.withImport.cpu),
  );
  row(
    'read + parse the file',
    ms(read.mean),
    ms(read.cpu),
    `p50 ${ms(read.p50)}, p99 ${ms(read.p99)}`,
  );
  row(
    'verifyInstrumentBundle, WebCrypto (browser)',
    ms(verifyWeb.mean),
    ms(verifyWeb.cpu),
    `p50 ${ms(verifyWeb.p50)}, p99 ${ms(verifyWeb.p99)}`,
  );
  row(
    'verifyInstrumentBundle, node:crypto (CLI)',
    ms(verify.mean),
    ms(verify.cpu),
    `p50 ${ms(verify.p50)}, p99 ${ms(verify.p99)}; target ≤ ${TARGET_MS} ms: ${verdict(verify.mean)} (wall), ${verdict(verify.cpu)} (CPU)`,
  );
  const raw = (what: string, wall: number, cpu: number) =>
    row(
      `  ${needed} × ${what}`,
      ms((needed / wall) * 1000),
      ms((needed / cpu) * 1000),
      `verification / raw: ${fmt(verify.mean / ((needed / wall) * 1000), 1)}× (wall), ${fmt(verify.cpu / ((needed / cpu) * 1000), 1)}× (CPU)`,
    );
  raw('node:crypto verify', node.one, node.perCpuSecond);
  raw('WebCrypto verify', web.verify.wall, web.verify.cpu);
  raw('WebCrypto importKey + verify', web.withImport.wall, web.withImport.cpu);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  log(`machine: ${machine()}`);
  const dir = mkdtempSync(join(tmpdir(), 'collegium-bench-instrument-'));
  try {
    log(`building a record with an order signed by ${options.signers} members...`);
    const { file, logKey } = await buildBundle(dir, options.signers);
    const policy = trustPolicy(logKey);
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const verdict = await verifyInstrumentBundle(value, policy);
    if (!verdict.accepted)
      throw new Error(`the bundle is refused: ${JSON.stringify(verdict.reasons)}`);
    const bundle = value as { entries: unknown[]; enrolments: unknown[] };
    // The checkpoint's signature, then every entry's: genesis, the entries and the enrolments.
    const needed = 1 + 1 + bundle.entries.length + bundle.enrolments.length;

    const data = signatures();
    const ms = options.seconds * 1000;
    const node = await ceilings(data, ms);
    log('ceiling: WebCrypto Ed25519 verify, one at a time...');
    const web = await webCryptoRates(data, ms);

    log(`reading and verifying the bundle ${options.runs} times each...`);
    const read = await timed(options.runs, () => JSON.parse(readFileSync(file, 'utf8')));
    const verify = await timed(options.runs, async () => {
      const verdict = await verifyInstrumentBundle(value, policy, { ed25519: verifyWithKeyCache });
      if (!verdict.accepted) throw new Error('refused');
    });
    const verifyWeb = await timed(options.runs, async () => {
      if (!(await verifyInstrumentBundle(value, policy)).accepted) throw new Error('refused');
    });

    report({ file, signers: options.signers, needed, node, web, read, verify, verifyWeb });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
