/**
 * The README's table of commands against the command line's own help: every command has a row,
 * every option a row shows is one the command takes, and every option a command takes is said in
 * one of its rows (those of every recording command, --db, --key and --as, are said once above
 * the table; serve's in the table of its settings). And its example of a live meeting runs as
 * written.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../support/cli.js';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

/** Said once for all commands, not in each row. */
const SHARED = new Set(['--db', '--key', '--as', '--json', '-h', '-V']);

/**
 * Each command (its words after `collegium`) and the options its help lists, each by its long
 * name, or as the README writes it, by its short one (`-o FILE`) where it has one.
 */
async function commandsOfHelp(): Promise<Map<string, Set<string>>> {
  const commands = new Map<string, Set<string>>();
  const walk = async (words: string[]): Promise<void> => {
    const help = await ok(...words, '--help');
    const subcommands = [...(help.split('Commands:')[1] ?? '').matchAll(/^ {2}([a-z-]+)/gm)]
      .map((m) => m[1]!)
      .filter((name) => name !== 'help');
    for (const sub of subcommands) await walk([...words, sub]);
    if (subcommands.length === 0 && words.length > 0)
      commands.set(
        words.join(' '),
        new Set([...help.matchAll(/^ {2}(?:(-\w), )?(--[a-z-]+)/gm)].map((m) => m[1] ?? m[2]!)),
      );
  };
  await walk([]);
  return commands;
}

interface Row {
  /** The commands the row's first cell names, each with the options its own code shows. */
  readonly shown: { command: string; options: string[] }[];
  /** The whole row, its description included. */
  readonly text: string;
}

/** The rows of the table of commands, each command resolved to the longest one help knows. */
function tableRows(known: ReadonlyMap<string, Set<string>>): Row[] {
  const section = README.split('\n## Command line\n')[1]!.split('\n### ')[0]!;
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `collegium '))
    .map((line) => {
      const first = line.split(/(?<!\\)\|/)[1]!;
      const shown = [...first.matchAll(/`(?:collegium )?([^`]+)`/g)].map(([, code]) => {
        const words = code!.split(' ');
        let command = '';
        for (let n = words.length; n > 0 && command === ''; n--)
          if (known.has(words.slice(0, n).join(' '))) command = words.slice(0, n).join(' ');
        const options = [...code!.matchAll(/(?<![\w-])(--[a-z-]+|-\w)\b/g)].map((m) => m[1]!);
        return { command, options };
      });
      return { shown, text: line };
    });
}

describe("the README's table of commands", () => {
  let help: Map<string, Set<string>>;
  let rows: Row[];
  beforeAll(async () => {
    help = await commandsOfHelp();
    rows = tableRows(help);
  });

  it('names only commands there are, and every one of them', () => {
    const named = rows.flatMap((row) => row.shown.map((shown) => shown.command));
    expect(named.filter((command) => command === '')).toEqual([]);
    expect([...help.keys()].filter((command) => !named.includes(command))).toEqual([]);
  });

  it('shows only options the command takes', () => {
    const unknown = rows.flatMap((row) =>
      row.shown.flatMap(({ command, options }) =>
        options.filter((option) => !help.get(command)?.has(option)).map((o) => `${command} ${o}`),
      ),
    );
    expect(unknown).toEqual([]);
  });

  it('says every option a command takes', () => {
    const settings = README.split('\n## Serving\n')[1]!.split('\n## ')[0]!;
    const unsaid = [...help].flatMap(([command, options]) => {
      const said = rows
        .filter((row) => row.shown.some((shown) => shown.command === command))
        .map((row) => row.text)
        .join('\n');
      const where = command === 'serve' ? `${said}\n${settings}` : said;
      return [...options]
        .filter((option) => !SHARED.has(option))
        .filter((option) => !new RegExp(`(?<![\\w-])${option}(?![\\w-])`).test(where))
        .map((option) => `${command} ${option}`);
    });
    expect(unsaid).toEqual([]);
  });
});

/** The words of a line of a shell example, its quotes taken off, its comment left out. */
function shellWords(line: string): string[] {
  const words = [...line.replace(/\s+#.*$/, '').matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)];
  return words.map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** The lines of the README's `sh` example that follows `lead`. */
function exampleAfter(lead: string): string[] {
  const after = README.split(lead)[1]!;
  return after.split('```sh\n')[1]!.split('\n```')[0]!.split('\n');
}

describe("the README's live meeting from the command line", () => {
  it('runs as written, the vote adopted and the record audited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collegium-readme-'));
    try {
      const [init, exported, ...lines] = exampleAfter('A live meeting from the command line:');
      expect(init).toBe(
        'collegium init --charter examples/cooperative-board/charter.yaml --db board.db',
      );
      expect(exported).toBe('export COLLEGIUM_DB=board.db');
      const db = join(dir, 'board.db');
      const said: string[] = [];
      for (const line of [init!.replace(/ --db board\.db$/, ''), ...lines]) {
        // The example names the charter in the checkout, where it is run.
        const [command, ...argv] = shellWords(line).map((word) =>
          word.startsWith('examples/')
            ? fileURLToPath(new URL(`../../${word}`, import.meta.url))
            : word,
        );
        expect(command).toBe('collegium');
        said.push(await ok(...argv, '--db', db));
      }
      expect(said.join('')).toMatch(/Decision: adopted: 2 ayes against 1 nay/);
      expect(said.at(-1)).toMatch(/^audit passed: 13 entries verified/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
