#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
// The command is done: whatever it left open by mistake (a database pool after an error) must
// not keep the process, and whoever waits on it, hanging. Output on Linux is written at once.
setTimeout(() => process.exit(), 2_000).unref();
