/**
 * The opening rows of bench:record (bench/record.ts, phase 5): how long opening a record takes
 * from a snapshot, and from entry 0, and how long the command line takes on it, each from a fresh
 * process on the built package. See docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { OpeningReport } from '../src/app/snapshots.js';
import { jsonChild, log } from './options.js';

interface Opened {
  readonly ms: number;
  readonly cpuMs: number;
  readonly report: OpeningReport;
  readonly rssMiB: number;
}

interface Copies {
  readonly onceMs: number;
  readonly twiceMs: number;
  readonly cloneMs: number;
  readonly v8Ms: number;
  readonly v8Bytes: number;
}

/** Wall-clock and CPU milliseconds of each run of a command, and the bytes it printed. */
interface CliTimes {
  readonly args: readonly string[];
  readonly wall: number[];
  readonly cpu: number[];
  readonly bytes: number;
}

export interface Opening {
  readonly fromStart: Opened;
  readonly tailRead: Opened[];
  readonly tailWrite: Opened;
  readonly read: Opened[];
  readonly write: Opened[];
  readonly copies: Copies;
  readonly cli: CliTimes[];
}

const script = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
const opening = <T>(...args: string[]): Promise<T> => jsonChild<T>(script('./opening.js'), args);

/**
 * Every opening measure, in this order: folding from entry 0 up to `tail` entries before the end
 * (writing that snapshot); opening with that tail to read, then to write (which writes the
 * snapshot of the whole record); opening from it to read and to write; the second copy; and the
 * command line. The record is left with a snapshot at its end.
 */
export async function measureOpening(path: string, tail: number, runs: number): Promise<Opening> {
  const times = async (n: number, how: 'read' | 'write', every?: string) => {
    const all: Opened[] = [];
    for (let i = 0; i < n; i++)
      all.push(await opening<Opened>('open', path, how, ...(every ? [every] : [])));
    return all;
  };
  log(`open: folding from entry 0 to ${tail} entries before the end, writing a snapshot...`);
  const fromStart = await opening<Opened>('fold', path, String(tail));
  log(`open: from that snapshot, ${runs} times to read, once to write...`);
  const tailRead = await times(runs, 'read');
  const tailWrite = (await times(1, 'write', '1'))[0]!;
  log(`open: from the snapshot at the end, ${runs} times to read and to write...`);
  const read = await times(runs, 'read');
  const write = await times(runs, 'write');
  const copies = await opening<Copies>('copy', path);
  const size = read[0]!.report.size;
  const cli: CliTimes[] = [];
  for (const args of [
    ['--version'],
    ['log', '--last', '20'],
    ['prove', String(Math.floor(size * 0.37))],
    ['protocol', 's2'],
    ['protocol'],
  ]) {
    log(`open: collegium ${args.join(' ')}, ${runs} times...`);
    cli.push(await timeCli(path, args, args[0] === 'protocol' && args.length === 1 ? 1 : runs));
  }
  return { fromStart, tailRead, tailWrite, read, write, copies, cli };
}

/** `collegium ARGS --db PATH` run `n` times, each timed from its start to its exit. */
async function timeCli(path: string, args: readonly string[], n: number): Promise<CliTimes> {
  const wall: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  const full = args[0] === '--version' ? [...args] : [...args, '--db', path];
  for (let i = 0; i < n; i++) {
    const run = await cliOnce(full);
    wall.push(run.wall);
    cpu.push(run.cpu);
    bytes = run.bytes;
  }
  return { args, wall, cpu, bytes };
}

function cliOnce(args: readonly string[]): Promise<{ wall: number; cpu: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const proc = spawn(process.execPath, [script('./cli-child.js'), ...args], {
      stdio: ['ignore', 'pipe', 'inherit', 'pipe'],
    });
    let bytes = 0;
    let usage = '';
    proc.stdout!.on('data', (chunk: Buffer) => (bytes += chunk.length));
    proc.stdio[3]!.on('data', (chunk: Buffer) => (usage += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const wall = performance.now() - start;
      if (code !== 0) return reject(new Error(`collegium ${args.join(' ')} exited with ${code}`));
      resolve({ wall, cpu: (JSON.parse(usage) as { cpuMs: number }).cpuMs, bytes });
    });
  });
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};
const fmtMs = (ms: number): string =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms).toLocaleString('en-US')} ms`;
const count = (n: number): string => n.toLocaleString('en-US');

/** The opening rows, in the table's columns: measure, figure, ceiling, ratio, by CPU time, target, met. */
export function openingRows(o: Opening): string[][] {
  const second = 1000;
  const opened = (label: string, runs: readonly Opened[], target?: number): string[] => {
    const wall = median(runs.map((r) => r.ms));
    const met = target === undefined ? '' : wall <= target ? 'yes' : 'NO';
    return [
      label,
      `${fmtMs(wall)}${runs.length > 1 ? ` (max ${fmtMs(Math.max(...runs.map((r) => r.ms)))})` : ''}`,
      '',
      '',
      fmtMs(median(runs.map((r) => r.cpuMs))),
      target === undefined ? '' : `≤ ${fmtMs(target)}`,
      met,
    ];
  };
  const size = o.read[0]!.report.size;
  const tail = o.tailRead[0]!.report.folded;
  const rows = [
    opened(`open, no snapshot: fold ${count(o.fromStart.report.size)} from entry 0, write one`, [
      o.fromStart,
    ]),
    opened(`open to read, snapshot + ${count(tail)} entries after it`, o.tailRead, second),
    opened(`open to write, snapshot + ${count(tail)} after it, write one`, [o.tailWrite]),
    opened(`open to read (commands), snapshot at ${count(size)}`, o.read, second),
    opened(`open to write (serve), snapshot at ${count(size)}`, o.write, second),
    [
      'second copy: read again from the snapshot / structuredClone / v8',
      `${fmtMs(o.copies.twiceMs - o.copies.onceMs)} / ${fmtMs(o.copies.cloneMs)} / ${fmtMs(o.copies.v8Ms)}`,
      '',
      '',
      '',
      '',
      '',
    ],
  ];
  for (const c of o.cli) {
    const wall = median(c.wall);
    const whole = c.args.length === 1 && c.args[0] === 'protocol';
    rows.push([
      `collegium ${c.args.join(' ')} (${count(c.bytes)} bytes out)`,
      `${fmtMs(wall)}${c.wall.length > 1 ? ` (max ${fmtMs(Math.max(...c.wall))})` : ''}`,
      '',
      '',
      fmtMs(median(c.cpu)),
      whole || c.args[0] === '--version' ? '' : '≤ 1 s',
      whole || c.args[0] === '--version' ? '' : wall <= second ? 'yes' : 'NO',
    ]);
  }
  return rows;
}
