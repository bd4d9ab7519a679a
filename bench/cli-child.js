/**
 * `collegium` as bin/collegium.js runs it, telling bench/record.ts on file descriptor 3 the CPU
 * time it used (every thread) when it exits: the command line's own times, from a fresh process.
 *
 *   node bench/cli-child.js ARGS...   (after npm run build)
 */
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const used = process.cpuUsage();
  writeSync(3, JSON.stringify({ cpuMs: (used.user + used.system) / 1000 }));
});
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
