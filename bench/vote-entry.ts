/** npm run bench:vote: one instance on SQLite (vote.ts), or several on PostgreSQL (instances.ts). */
import { main as instances } from './instances.js';
import { main as single, parseOptions } from './vote.js';

const options = parseOptions(process.argv.slice(2));
try {
  await (options.instances > 1 ? instances(options) : single(options));
} catch (error) {
  // A database that cannot be reached, a server that did not start: said in one line.
  process.stderr.write(`bench:vote: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
