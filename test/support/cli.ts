/** Running the command line in-process, with its output captured. */
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function cli(...argv: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
  });
  return { code, out, err };
}

/** The lines of a stack trace, as Node prints them: "    at f (file:line:col)". */
export const STACK_LINE = /^\s+at /m;

/** A command that must succeed without a word on standard error: its standard output. */
export async function ok(...args: string[]): Promise<string> {
  const r = await cli(...args);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out;
}

/**
 * Commands on the record `db`, each of which must succeed: its standard output. Standard error
 * is not looked at, as some commands say there where they wrote a file.
 */
export function okOn(db: string): (...args: string[]) => Promise<string> {
  return async (...args) => {
    const r = await cli(...args, '--db', db);
    expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
    return r.out;
  };
}

/** A record as a refusal must leave it: where it is, and something that shows all of it. */
export interface Watched {
  readonly location: string;
  dump(): Promise<unknown>;
}

/**
 * Commands on `record`, each of which must be refused (with the status `exit`, or any but 0)
 * with `message` on standard error, without a stack trace and leaving the record as it was:
 * its standard error.
 */
export function refusedOn(
  record: Watched,
  exit?: number,
): (message: string, ...args: string[]) => Promise<string> {
  return async (message, ...args) => {
    const before = await record.dump();
    const r = await cli(...args, '--db', record.location);
    if (exit === undefined) expect(r.code, `${args.join(' ')}: ${r.out}`).not.toBe(0);
    else expect(r.code, `${args.join(' ')}: ${r.out}`).toBe(exit);
    expect(r.err).toContain(message);
    expect(r.err).not.toMatch(STACK_LINE);
    expect(await record.dump()).toEqual(before);
    return r.err;
  };
}
