/**
 * Opening a record, measured in a process of its own on the built package (dist/), as
 * `collegium` opens it: for bench/record.ts, which runs each of these in a fresh process.
 *
 *   node bench/opening.js fold RECORD TAIL  drops every snapshot, then opens the record as if it
 *                                           ended at its latest checkpoint at least TAIL entries
 *                                           before its end: folds from entry 0 and writes the
 *                                           snapshot of that size
 *   node bench/opening.js open RECORD read|write [EVERY]
 *                                           Ledger.open, as a command that reads (read) or as
 *                                           serve (write; EVERY: the snapshot threshold)
 *   node bench/opening.js copy RECORD       the ledger's second copy of the state, made three
 *                                           ways from a snapshot
 *
 * Run `npm run build` first. One line of JSON to stdout.
 */
/* global structuredClone */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { URL } from 'node:url';
import { deserialize, serialize } from 'node:v8';

const [mode, path, arg, extra] = process.argv.slice(2);
const dist = (file) => new URL(`../dist/${file}`, import.meta.url);
if (!['fold', 'open', 'copy'].includes(mode) || !path || !existsSync(dist('app/ledger.js'))) {
  process.stderr.write(
    'usage (after npm run build): node bench/opening.js fold RECORD TAIL | open RECORD read|write [EVERY] | copy RECORD\n',
  );
  process.exit(2);
}
const { openStore } = await import(dist('store/index.js').href);
const { Ledger } = await import(dist('app/ledger.js').href);

const cpuMs = (from) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};
const rssMiB = () => process.memoryUsage.rss() / 2 ** 20;

const result =
  mode === 'fold' ? await fold(Number(arg)) : mode === 'open' ? await open(arg) : await copies();
process.stdout.write(`${JSON.stringify(result)}\n`);

/** Ledger.open timed, with what it reports of the snapshot it used. */
async function timedOpen(store, options = {}) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const ledger = await Ledger.open(store, options);
  const ms = performance.now() - start;
  const cpuUsed = cpuMs(cpu);
  await ledger.snapshotsSettled();
  return { ledger, ms, cpuMs: cpuUsed, report: ledger.opening };
}

async function fold(tail) {
  const store = await openStore(path, { create: false });
  try {
    for (const s of await store.snapshotSizes()) await store.dropSnapshot(s);
    const end = (await store.size()) - tail;
    let size = 0;
    for await (const c of store.checkpoints(0, end)) size = c.size;
    const { ms, cpuMs, report } = await timedOpen(cutAt(store, size), { snapshotEvery: 1 });
    return { ms, cpuMs, report, rssMiB: rssMiB() };
  } finally {
    await store.close();
  }
}

async function open(how) {
  const store = await openStore(path, { create: false, readOnly: how === 'read' });
  try {
    const every = extra === undefined ? {} : { snapshotEvery: Number(extra) };
    const { ledger, ms, cpuMs, report } = await timedOpen(store, every);
    return { ms, cpuMs, report, size: ledger.size, rssMiB: rssMiB() };
  } finally {
    await store.close();
  }
}

/** The second copy of the state: read again from the snapshot, structuredClone, v8 round trip. */
async function copies() {
  const store = await openStore(path, { create: false, readOnly: true });
  try {
    const { openFolded } = await import(dist('app/snapshots.js').href);
    const { LOG_SECRET } = await import(dist('app/ledger.js').href);
    const { applyAct } = await import(dist('core/state/index.js').href);
    const logSecret = await store.secret(LOG_SECRET);
    const options = { logSecret, fold: (state, act) => applyAct(state, act), every: 0 };
    let start = performance.now();
    const once = await openFolded(store, { ...options, twice: false });
    const onceMs = performance.now() - start;
    start = performance.now();
    await openFolded(store, { ...options, twice: true });
    const twiceMs = performance.now() - start;
    start = performance.now();
    structuredClone(once.state);
    const cloneMs = performance.now() - start;
    start = performance.now();
    const bytes = serialize(once.state);
    deserialize(bytes);
    const v8Ms = performance.now() - start;
    return { onceMs, twiceMs, cloneMs, v8Ms, v8Bytes: bytes.length, rssMiB: rssMiB() };
  } finally {
    await store.close();
  }
}

/**
 * The store as if the log ended at its checkpoint of `size`: no entry, snapshot or checkpoint
 * after it, and no acts accepted (the fold is what is timed; `open write` times those).
 */
function cutAt(store, size) {
  const below = async () => (await store.snapshotSizes()).filter((s) => s <= size);
  const cut = {
    size: async () => size,
    entries: (from, to) => store.entries(from, Math.min(to, size)),
    checkpoint: (at) => store.checkpoint(at ?? size),
    snapshotSizes: below,
    snapshot: async (at) => {
      const latest = at ?? (await below()).at(-1);
      return latest === undefined || latest > size ? undefined : store.snapshot(latest);
    },
    accepted: async function* () {},
  };
  return new Proxy(store, {
    get: (target, key) =>
      key in cut
        ? cut[key]
        : typeof target[key] === 'function'
          ? target[key].bind(target)
          : target[key],
  });
}
