/** `collegium serve` run from the sources as a process of its own, for what only a process shows:
 * that it keeps running, prints its URL, or exits with a message. */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServeProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves with the exit code when the process ends. */
  readonly exited: Promise<number | null>;
  /** The URL it prints once listening; rejects if it exits or prints none in `ms`. */
  url(ms?: number): Promise<string>;
  /** Whether it is still running. */
  running(): boolean;
  /** Stops it (SIGTERM) and waits for its exit code. */
  stop(): Promise<number | null>;
  /** Its exit code if it ends within `ms`; else it is killed and this throws. */
  exitWithin(ms: number): Promise<number | null>;
}

export function serveProcess(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): ServeProcess {
  return cliProcess(['serve', ...args], env);
}

/** Any command of the command line that keeps running (collegium witness serve). */
export function cliProcess(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): ServeProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test/server/cli-entry.ts'), ...args],
    { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: 'pipe' },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (c) => resolve((code = c))),
  );
  return {
    child,
    output: () => out,
    exited,
    running: () => code === undefined,
    async url(ms = 30_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = /(https?:\/\/\S+\/)/.exec(out)?.[1];
        if (found) return found;
        if (code !== undefined) throw new Error(`serve exited (${code}):\n${out}`);
        if (Date.now() > deadline) throw new Error(`serve printed no URL in ${ms} ms:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      if (code === undefined) child.kill('SIGTERM');
      return exited;
    },
    async exitWithin(ms) {
      const timer = new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), ms));
      const result = await Promise.race([exited, timer]);
      if (result !== 'running') return result;
      child.kill('SIGKILL');
      throw new Error(`serve still runs after ${ms} ms:\n${out}`);
    },
  };
}
