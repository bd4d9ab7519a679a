/** The `collegium` command line: parses arguments, runs one command, maps errors to exit codes. */
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { CliError, describeError, jsonText, output, unwritable, usage } from './io.js';
import { shownSafely } from './terminal-text.js';
import type { Output, Streams } from './io.js';
import { COMMANDS } from './commands/index.js';
import { checkedOptions } from './option-checks.js';

/** The reader of the output went away (`collegium log | head`): the command stops, quietly. */
class OutputClosed extends Error {}

/**
 * The process's own streams. A reader that goes away (EPIPE) ends the command where it is, with
 * no message: it has all it wanted. Any other failure of standard output (a full disk, an I/O
 * error) ends it too, and fails it, saying why on standard error. Later writes to standard error
 * are dropped.
 */
function processStreams(): Streams {
  const closed = new Set<NodeJS.WriteStream>();
  let failure: CliError | undefined;
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (error: NodeJS.ErrnoException) => {
      closed.add(stream);
      if (stream === process.stdout && error.code !== 'EPIPE')
        failure ??= unwritable('standard output', error);
    });
  const isOpen = (stream: NodeJS.WriteStream) => !closed.has(stream) && !stream.destroyed;
  return {
    out: (text) => {
      if (failure) throw failure;
      if (!isOpen(process.stdout)) throw new OutputClosed();
      process.stdout.write(text);
    },
    // A stream tells of a failed write on the next tick: one turn of the event loop hears it.
    written: () => new Promise((resolve) => setImmediate(() => resolve(failure))),
    err: (text) => {
      if (isOpen(process.stderr)) process.stderr.write(text);
    },
    errIsTerminal: process.stderr.isTTY === true,
    outIsTerminal: process.stdout.isTTY === true,
  };
}

/**
 * After a usage error, the help that answers it: a mistyped option or a missing argument of
 * `collegium log` is looked up in `collegium log --help`, a mistyped subcommand of `session` in
 * `collegium session --help`, not in the list of every command.
 */
function helpOfEachAfterError(program: Command): void {
  const walk = (command: Command, path: string) => {
    for (const sub of command.commands) {
      const named = `${path} ${sub.name()}`;
      const lists = sub.commands.length > 0 ? 'its commands' : 'its options and arguments';
      sub.showHelpAfterError(`(${named} --help lists ${lists})`);
      walk(sub, named);
    }
  };
  walk(program, 'collegium');
}

/**
 * Node reads the command line as UTF-8 and puts U+FFFD, the replacement character, in place of
 * bytes that are not (a terminal or a script in Latin-1): such an argument would be recorded
 * with the character in place of what was typed, as a file or a body that is not UTF-8 never is.
 * It is a usage error, naming the argument and where in it.
 */
function argumentsInUtf8(argv: readonly string[]): void {
  argv.forEach((argument, i) => {
    const at = argument.indexOf('\uFFFD');
    if (at < 0) return;
    const option = argv[i - 1]?.startsWith('--') && !argument.startsWith('-') ? argv[i - 1] : '';
    const shown = JSON.stringify(argument.length > 60 ? `${argument.slice(0, 57)}...` : argument);
    usage(
      `${option ? `${option} ` : `argument ${i + 1} `}${shown} is not UTF-8 text: U+FFFD at character ${at + 1} ` +
        'stands for bytes that are not (is the terminal set to another encoding?); give it in UTF-8',
    );
  });
}

/** Whether the arguments ask for --json (before any `--`): known even when they fail to parse. */
function asksJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/**
 * Wraps a command's action: each gets its output channel from the global --json flag. How to
 * add a command: ./commands/index.ts.
 */
export type Run = (
  action: (out: Output, ...args: never[]) => Promise<void>,
) => (...args: unknown[]) => Promise<void>;

export async function main(
  argv: readonly string[],
  streams: Streams = processStreams(),
): Promise<number> {
  // Known before parsing, which may fail: a usage error is then JSON too.
  const wantsJson = asksJson(argv);
  const program = new Command('collegium')
    .description(
      'A system of record for collegial bodies: rules, sessions, votes and decisions in a signed, verifiable log.',
    )
    .version('0.1.0')
    .addOption(new Option('--json', 'machine-readable output'))
    .showHelpAfterError(wantsJson ? false : '(collegium --help lists every command)')
    .exitOverride()
    .configureOutput({
      writeOut: streams.out,
      writeErr: streams.err,
      // Asked for JSON, a usage error is one too (below), not commander's text.
      outputError: (text, write) => (wantsJson ? undefined : write(text)),
    });
  program.configureHelp({ sortSubcommands: false, showGlobalOptions: true });

  const run: Run =
    (action) =>
    async (...args) => {
      const json = program.opts<{ json?: boolean }>().json === true;
      await action(output(json, streams), ...(args as never[]));
    };
  for (const register of COMMANDS) register(program, run);
  if (!wantsJson) helpOfEachAfterError(program);
  checkedOptions(program);

  try {
    argumentsInUtf8(argv);
    await program.parseAsync([...argv], { from: 'user' });
    const failure = await streams.written?.();
    if (failure) throw failure;
    return 0;
  } catch (error) {
    if (error instanceof OutputClosed) return 0;
    if (error instanceof CommanderError) {
      // Help and version are exits with code 0; usage errors have been printed by commander,
      // unless asked for as JSON.
      if (error.exitCode === 0) return 0;
      if (!wantsJson) return 2;
    }
    const failure = describeError(error);
    const json = program.opts<{ json?: boolean }>().json === true || wantsJson;
    if (failure.message === '') return failure.exitCode;
    const report = () =>
      streams.err(
        shownSafely([...failure.lines, `collegium: ${failure.message}`].join('\n') + '\n'),
      );
    try {
      if (json)
        streams.out(
          jsonText({
            error: { code: failure.code, message: failure.message, problems: failure.lines },
          }),
        );
      else report();
    } catch (closed) {
      // No one reads the report any more; the exit status still tells the failure.
      if (closed instanceof OutputClosed) return failure.exitCode;
      // Standard output cannot be written: the report goes where it can still be read.
      if (!(closed instanceof CliError)) throw closed;
      report();
      return failure.exitCode;
    }
    // A report as JSON whose writing failed is told, once the stream says so, in words.
    if (json && (await streams.written?.()) !== undefined) report();
    return failure.exitCode;
  }
}

// Run from the sources (`npx tsx src/cli/main.ts --help`), this file is the command itself, as
// bin/collegium.js is for the build: otherwise it would only define main and exit 0 in silence.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = await main(process.argv.slice(2));
