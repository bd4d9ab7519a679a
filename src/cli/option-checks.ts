/**
 * How the command line reads its options beyond what commander does on its own: each is a walk
 * over every command's options, set up once the commands are registered.
 */
import type { EventEmitter } from 'node:events';
import type { Command, Option } from 'commander';
import { CliError } from './io.js';

/** Sets up every check below on `program` and its commands. */
export function checkedOptions(program: Command): void {
  optionNamedInRefusal(program);
  requiredAfterUnknown(program);
  onceOnly(program);
  noOptionAsValue(program);
}

/**
 * Commander tells of a required option missing before it tells of an unknown one, so `--form`
 * for `--from` would be answered that `--from` is missing instead of "did you mean --from?".
 * Required options are checked just before the action instead, once unknown ones are told.
 */
function requiredAfterUnknown(program: Command): void {
  const required = new Map<Command, Option[]>();
  const walk = (command: Command) => {
    const options = command.options.filter((option) => option.mandatory);
    for (const option of options) option.mandatory = false;
    if (options.length > 0) required.set(command, options);
    command.commands.forEach(walk);
  };
  walk(program);
  program.hook('preAction', (_program, action) => {
    for (const option of required.get(action) ?? [])
      if (action.getOptionValue(option.attributeName()) === undefined)
        action.error(`error: required option '${option.flags}' not specified`, {
          code: 'commander.missingMandatoryOptionValue',
        });
  });
}

/**
 * Commander keeps the last of an option given twice, so `--as ada ... --as ben` would act as ben
 * without a word. An option that takes one value and is given two different ones is a usage
 * error; a list (variadic, or an option whose parser takes the values before) is not.
 */
function onceOnly(program: Command): void {
  const walk = (command: Command) => {
    const seen = new Map<string, string>();
    for (const option of command.options) {
      const takesOne = (option.required || option.optional) && !option.variadic;
      if (!takesOne || (option.parseArg?.length ?? 0) >= 2) continue;
      command.on(`option:${option.name()}`, (value: string) => {
        const first = seen.get(option.name());
        if (first === undefined) seen.set(option.name(), value);
        else if (first !== value)
          command.error(
            `error: option '${option.long ?? option.flags}' given twice ('${first}', then '${value}'): give it once`,
            { code: 'commander.optionGivenTwice' },
          );
      });
    }
    command.commands.forEach(walk);
  };
  walk(program);
}

/**
 * Commander takes the word after an option that needs a value as that value, even when it is
 * another option: `--body --db board.db` would name a body "--db" and then find board.db one
 * argument too many, and `--key --db board.db` would look for a key file called --db. A value
 * that is one of the command's own options (or a global one) is a value left out.
 */
function noOptionAsValue(program: Command): void {
  const walk = (command: Command, inherited: ReadonlySet<string>) => {
    const flags = new Set(inherited);
    for (const option of command.options)
      for (const flag of [option.long, option.short]) if (flag) flags.add(flag);
    for (const option of command.options) {
      if (!option.required) continue;
      // Before commander's own listener, which would read the value (a number, a day) first:
      // a Command is an EventEmitter, which its types do not say.
      (command as unknown as EventEmitter).prependListener(
        `option:${option.name()}`,
        (value: unknown) => {
          if (typeof value !== 'string' || !flags.has(value.split('=')[0]!)) return;
          command.error(
            `error: option '${option.flags}' argument missing ('${value}' is an option, not its value)`,
            { code: 'commander.optionMissingArgument' },
          );
        },
      );
    }
    command.commands.forEach((sub) => walk(sub, flags));
  };
  walk(program, new Set(['-h', '--help']));
}

/**
 * A value an option's parser cannot read is refused naming the option (`--from: 'first' is not an
 * entry index ...`): the parsers are shared by several options and do not know which one they read.
 * A refusal that names its option already is left as it is.
 */
function optionNamedInRefusal(program: Command): void {
  const walk = (command: Command) => {
    for (const option of command.options) {
      const parse = option.parseArg;
      const name = option.long ?? option.short;
      if (!parse || !name) continue;
      const named = <T>(read: () => T): T => {
        try {
          return read();
        } catch (error) {
          if (!(error instanceof CliError) || error.message.startsWith(name)) throw error;
          throw new CliError(`${name}: ${error.message}`, error.exitCode, error.code, error.lines);
        }
      };
      // Commander reads a parser of two parameters as one that gathers a list (as onceOnly does).
      const wrapped =
        parse.length >= 2
          ? (value: string, previous: unknown) => named(() => parse(value, previous))
          : (value: string) => named(() => parse(value, undefined));
      option.parseArg = wrapped as typeof parse;
    }
    command.commands.forEach(walk);
  };
  walk(program);
}
