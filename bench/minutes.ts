/**
 * npm run bench:minutes [-- --members N] [--votes V] [--runs R]
 *
 * The minutes of a large session as PDF, beside what pdfmake alone spends on a plain document of
 * as many text lines, measured in the same run (docs/benchmarks.md says what each line means and
 * gives the figures):
 *
 * 1. Untimed: a temporary SQLite record whose board has N members (default 1,000) and a
 *    secretary; a live session they all attend puts V motions (default 50), each voted by roll
 *    call (every member's ballot by name: aye, nay or abstain), and closes.
 * 2. The minutes model (`minutesOf`, from the folded state), Markdown and HTML, R times each
 *    (default 3), after one run for warm-up.
 * 3. The PDF (`minutesPdf`, with proof links and their QR codes), R times; the model and the PDF
 *    together against the target (at most 5 s, by the means) with PASS or MISS.
 * 4. The ceiling: pdfmake rendering a plain document of the same text lines (the Markdown's
 *    non-empty lines as plain paragraphs: the same words, none of our layout), R times; and the
 *    ratio of the PDF's time to it.
 *
 * Progress to stderr, the table to stdout. Not part of `npm test`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minutesHtml, minutesMarkdown, minutesPdf } from '../src/app/documents/index.js';
import { printPdf } from '../src/app/documents/pdf-printer.js';
import { Ledger } from '../src/app/ledger.js';
import type { DraftSource } from '../src/app/ledger.js';
import { minutesOf } from '../src/app/minutes.js';
import {
  attendance,
  castBallot,
  closeSession,
  closeVote,
  openSession,
  openVote,
  proposeMotion,
  record,
} from '../src/app/proceedings.js';
import { openStore } from '../src/store/index.js';
import { countOptions, log } from './options.js';
import { fmt, machine } from './record.js';

const TARGET_MS = 5000;
const SESSION = 's1';
const BASE = 'https://collegium.example.org';
const CHOICES = ['aye', 'aye', 'nay', 'abstain'] as const;

interface Options {
  members: number;
  votes: number;
  runs: number;
}

function parseOptions(argv: string[]): Options {
  return countOptions(argv, { members: 1000, votes: 50, runs: 3 });
}

/** A record with a session of `n` members, all present, and `votes` roll-call votes. */
async function buildSession(dir: string, n: number, votes: number): Promise<Ledger> {
  const members = Array.from({ length: n }, (_, i) => `m${String(i + 1).padStart(4, '0')}`);
  const people = Object.fromEntries([
    ...members.map((p, i) => [p, { name: `Member ${i + 1} Surname${i % 97}` }]),
    ['sec', { name: 'Sam Secretary' }],
  ]);
  const charter = {
    collegium: 1,
    organization: { id: 'bench', name: 'Bench Assembly', log: 'bench.example/assembly' },
    people,
    bodies: {
      assembly: {
        name: 'Assembly',
        members,
        chair: members[0],
        secretary: 'sec',
        quorum: 'majority',
        majority: 'votes-cast',
      },
    },
  };
  const store = await openStore(join(dir, 'record.db'), { create: true });
  const ledger = await Ledger.create(store, charter);
  await record(ledger, openSession({ session: SESSION, body: 'assembly', mode: 'live' }));
  await ledger.append(members.map((p) => attendance('arrive', SESSION, p)));
  for (let v = 1; v <= votes; v++) {
    const motion = `motion-${v}`;
    const text = `Resolution ${v}: the assembly adopts the report of working group ${v} and its budget.`;
    await record(ledger, proposeMotion({ session: SESSION, motion, text, proposer: members[v] }));
    await record(ledger, openVote(SESSION, motion));
    const ballots: DraftSource[] = members.map((voter, i) =>
      castBallot({ session: SESSION, motion, voter, choice: CHOICES[(i + v) % CHOICES.length]! }),
    );
    await ledger.append(ballots);
    await record(ledger, closeVote(SESSION, motion));
    if (v % 10 === 0) log(`  ${v} of ${votes} votes recorded`);
  }
  await record(ledger, closeSession(SESSION));
  return ledger;
}

interface Times {
  mean: number;
  min: number;
  max: number;
}

async function timed<T>(
  runs: number,
  work: () => T | Promise<T>,
): Promise<{ times: Times; last: T }> {
  let last = await work(); // warm up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = await work();
    ms.push(performance.now() - start);
  }
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  return { times: { mean, min: Math.min(...ms), max: Math.max(...ms) }, last };
}

/** pdfmake on the same lines, each a plain paragraph in its default style: no layout of ours. */
function plainDocument(lines: readonly string[]): Promise<Uint8Array> {
  return printPdf({ content: [...lines], defaultStyle: { font: 'Roboto', fontSize: 10 } });
}

const pages = (pdf: Uint8Array): number =>
  Buffer.from(pdf)
    .toString('latin1')
    .match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  log(`machine: ${machine()}`);
  const dir = mkdtempSync(join(tmpdir(), 'collegium-bench-minutes-'));
  try {
    log(`building a session of ${o.members} members with ${o.votes} roll-call votes...`);
    const built = performance.now();
    const ledger = await buildSession(dir, o.members, o.votes);
    log(
      `built in ${fmt((performance.now() - built) / 1000, 1)} s; rendering ${o.runs} times each...`,
    );
    const model = await timed(o.runs, () => minutesOf(ledger.state, ledger.store, SESSION));
    await ledger.store.close();
    const doc = model.last;
    const md = await timed(o.runs, () => minutesMarkdown(doc, { proofBase: BASE }));
    const html = await timed(o.runs, () => minutesHtml(doc, { proofBase: BASE }));
    const pdf = await timed(o.runs, () => minutesPdf(doc, { proofBase: BASE }));
    const lines = md.last.split('\n').filter((l) => l.trim() !== '');
    const plain = await timed(o.runs, () => plainDocument(lines));
    const ballots = doc.items.reduce(
      (n, i) => n + (i.vote?.choices.reduce((c, x) => c + x.count, 0) ?? 0),
      0,
    );
    const row = (what: string, t: Times, beside = '') =>
      console.log(
        `${what.padEnd(44)} ${`${fmt(t.mean)} ms`.padStart(10)}  min ${fmt(t.min)}, max ${fmt(t.max)}  ${beside}`,
      );
    console.log(`\nmachine: ${machine()}`);
    console.log(
      `session: ${o.members} members present, ${o.votes} roll-call votes, ${fmt(ballots)} ballots by name; ` +
        `Markdown ${fmt(md.last.length)} characters in ${fmt(lines.length)} non-empty lines\n`,
    );
    row('the model (minutesOf, from the state)', model.times);
    row('Markdown (minutesMarkdown)', md.times);
    row('HTML (minutesHtml)', html.times, `${fmt(html.last.length)} characters`);
    row(
      'PDF (minutesPdf)',
      pdf.times,
      `${pages(pdf.last)} pages, ${fmt(pdf.last.length / 1024)} KiB`,
    );
    const total = model.times.mean + pdf.times.mean;
    console.log(
      `${'the model + the PDF'.padEnd(44)} ${`${fmt(total)} ms`.padStart(10)}  target ≤ ${fmt(TARGET_MS)} ms: ${total <= TARGET_MS ? 'PASS' : 'MISS'}`,
    );
    row(
      'ceiling: pdfmake, the same lines, plain',
      plain.times,
      `${pages(plain.last)} pages; PDF / ceiling: ${fmt(pdf.times.mean / plain.times.mean, 2)}×`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
