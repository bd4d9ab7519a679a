/** The command line run from the sources, for tests that start it as a process of its own. */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
