/**
 * A reader that stops reading (`collegium log | head`) ends the command quietly: exit 0, nothing
 * on standard error, and the work stopped rather than carried on for no one.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { CENTRAL_COMMITTEE } from '../support/examples.js';

const BIN = fileURLToPath(new URL('../../bin/collegium.js', import.meta.url));
let db: string;

beforeAll(async () => {
  db = join(mkdtempSync(join(tmpdir(), 'collegium-pipe-')), 'record.db');
  expect((await cli('demo', '--example', CENTRAL_COMMITTEE.name, '--db', db)).code).toBe(0);
});

/**
 * Runs the command with its standard output read by a reader that goes away early: after the first
 * chunk (`head -c`), or before anything was written.
 */
function readBriefly(argv: string[], when: 'first-chunk' | 'at-once') {
  const child = spawn(process.execPath, [BIN, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let read = 0;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (when === 'at-once') child.stdout.destroy();
  else
    child.stdout.once('data', (chunk: Buffer) => {
      read = chunk.length;
      child.stdout.destroy();
    });
  return new Promise<{ code: number | null; stderr: string; read: number }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr, read })),
  );
}

describe('output to a reader that goes away', () => {
  it('a failure still exits 1, with nothing printed where no one reads', async () => {
    const r = await readBriefly(['--json', 'log', '--db', `${db}.missing`], 'at-once');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  }, 30_000);

  for (const argv of [['log'], ['protocol'], ['export', 'bundle'], ['--json', 'log']])
    it(`collegium ${argv.join(' ')} ends quietly, exit 0`, async () => {
      for (const when of ['at-once', 'first-chunk'] as const) {
        const r = await readBriefly([...argv, '--db', db], when);
        expect(r.stderr, when).toBe('');
        expect(r.code, when).toBe(0);
        if (when === 'first-chunk') expect(r.read).toBeGreaterThan(0);
      }
    }, 60_000);
});

/** Runs the command with its standard output on a device that takes nothing (a full disk). */
function writeToFullDisk(argv: string[]) {
  const full = openSync('/dev/full', 'w');
  const child = spawn(process.execPath, [BIN, ...argv], { stdio: ['ignore', full, 'pipe'] });
  closeSync(full);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr })),
  );
}

describe.runIf(existsSync('/dev/full'))('output that cannot be written', () => {
  for (const argv of [['log'], ['--json', 'log'], ['log', '--last', '1']])
    it(`collegium ${argv.join(' ')} on a full disk fails, saying why, without a stack`, async () => {
      const r = await writeToFullDisk([...argv, '--db', db]);
      expect(r.stderr).toBe('collegium: standard output: cannot be written (no space left)\n');
      expect(r.code).toBe(1);
    }, 30_000);

  it('a refusal asked for as JSON, which cannot be written either, is told in words', async () => {
    const r = await writeToFullDisk(['--json', 'log', '--db', `${db}.missing`]);
    expect(r.stderr).toMatch(/^collegium: no Collegium record at .*\n$/);
    expect(r.code).toBe(1);
  }, 30_000);
});
