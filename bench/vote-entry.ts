/** npm run bench:vote: one instance on SQLite (vote.ts), or several on PostgreSQL (instances.ts). */
import { main as instances } from './instances.js';
import { main as single, parseOptions } from './vote.js';

const options = parseOptions(process.argv.slice(2));
await (options.instances > 1 ? instances(options) : single(options));
