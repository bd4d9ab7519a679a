/**
 * The parts of bench/record.ts that run in a process of their own, on the built package (dist/)
 * as `collegium` runs it, with no TypeScript loader in the process or its worker threads: the
 * audit (so that its peak memory is the audit's alone) and the proofs (so that their times are
 * not those of a process that has just built records).
 *
 *   node bench/child.js audit RECORD
 *   node bench/child.js proofs RECORD COUNT
 *
 * Run `npm run build` first. Progress to stderr; one line of JSON to stdout.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { URL } from 'node:url';

const [mode, path, count] = process.argv.slice(2);
const dist = (file) => new URL(`../dist/${file}`, import.meta.url);
if (!['audit', 'proofs'].includes(mode) || !path || !existsSync(dist('app/audit.js'))) {
  process.stderr.write(
    'usage (after npm run build): node bench/child.js audit RECORD | proofs RECORD COUNT\n',
  );
  process.exit(2);
}
const { openStore } = await import(dist('store/index.js').href);

/** Milliseconds of CPU time, every thread of this process, since `from`. */
const cpuMs = (from) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

const store = await openStore(path, { create: false });
try {
  const result = mode === 'audit' ? await audit() : await proofs(Number(count));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await store.close();
}

async function audit() {
  const { audit } = await import(dist('app/audit.js').href);
  const start = performance.now();
  const cpu = process.cpuUsage();
  let lastReport = start;
  let lastPhase = '';
  const onProgress = (p) => {
    const now = performance.now();
    if (now - lastReport < 5000 && p.phase === lastPhase && p.done < p.total) return;
    lastReport = now;
    lastPhase = p.phase;
    process.stderr.write(
      `audit: ${p.phase} ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')}, ` +
        `${((now - start) / 1000).toFixed(1)} s, rss ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MiB\n`,
    );
  };
  const report = await audit(store, { onProgress });
  return {
    ok: report.ok,
    size: report.size,
    ms: performance.now() - start,
    cpuMs: cpuMs(cpu),
    maxRssKiB: process.resourceUsage().maxRSS,
    ...(report.failure ? { failure: `${report.failure.item}: ${report.failure.reason}` } : {}),
  };
}

/** Random proofs in the tree as it stands: inclusion of any entry, consistency from any earlier checkpoint. */
async function proofs(n) {
  const { proveConsistency, proveInclusion } = await import(dist('app/proofs.js').href);
  const size = await store.size();
  const sizes = [];
  for await (const c of store.checkpoints()) if (c.size < size) sizes.push(c.size);
  let seed = 7;
  const random = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const anyEntry = () => Math.floor(random() * size);
  const anyCheckpoint = () => sizes[Math.floor(random() * sizes.length)];
  for (let i = 0; i < 100; i++) {
    await proveInclusion(store, anyEntry());
    await proveConsistency(store, anyCheckpoint());
  }
  const time = async (prove) => {
    const wall = [];
    const cpu = [];
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      const startCpu = process.cpuUsage();
      await prove();
      cpu.push(cpuMs(startCpu));
      wall.push(performance.now() - start);
    }
    return { wall, cpu };
  };
  process.stderr.write(
    `proofs: ${n.toLocaleString('en-US')} inclusion proofs in the tree of ${size.toLocaleString('en-US')}...\n`,
  );
  const inclusion = await time(() => proveInclusion(store, anyEntry()));
  process.stderr.write(
    `proofs: ${n.toLocaleString('en-US')} consistency proofs from one of its ${sizes.length.toLocaleString('en-US')} earlier checkpoints...\n`,
  );
  const consistency = await time(() => proveConsistency(store, anyCheckpoint()));
  return { size, checkpoints: sizes.length + 1, inclusion, consistency };
}
