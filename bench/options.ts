/** What the benchmarks share around their measures: whole-number options and progress lines. */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

/**
 * The whole-number options `--name N` of a benchmark, each defaulting as given; anything else
 * (an unknown option, a value that is not a positive whole number) ends it with exit status 2.
 */
export function countOptions<K extends string>(
  argv: readonly string[],
  defaults: Readonly<Record<K, number>>,
): Record<K, number> {
  const names = Object.keys(defaults) as K[];
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
    }).values as Record<string, string | undefined>;
  } catch (error) {
    return stop((error as Error).message);
  }
  const counts = {} as Record<K, number>;
  for (const name of names) {
    const given = values[name];
    const n = given === undefined ? defaults[name] : Number(given);
    if (!Number.isSafeInteger(n) || n <= 0) stop(`--${name} wants a positive whole number`);
    counts[name] = n;
  }
  return counts;
}

function stop(message: string): never {
  console.error(message);
  process.exit(2);
}

/** A line of progress, on standard error: standard output carries only the results. */
export const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** Runs the script `file` with `args` in a fresh Node process; its last line of JSON on stdout. */
export function jsonChild<T>(file: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as T);
      } catch {
        reject(new Error(`${file} ${args[0]} ended with ${code} and no result: ${out}`));
      }
    });
  });
}
