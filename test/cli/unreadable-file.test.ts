/**
 * A file the command may not read is said so in words. The superuser reads any file, so the
 * refusal the system would give another user is given here by the file system itself, for the
 * one file named: the command's own reading and wording run as they do.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, expect, it, vi } from 'vitest';
import { cli, STACK_LINE } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';

const closed = join(mkdtempSync(join(tmpdir(), 'collegium-closed-')), 'closed.key');
writeFileSync(closed, '{}');

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const denied = (path: unknown) =>
    path === closed ? Object.assign(new Error(`EACCES: ${closed}`), { code: 'EACCES' }) : null;
  return {
    ...fs,
    openSync: (path: string, ...rest: unknown[]) => {
      const error = denied(path);
      if (error) throw error;
      return (fs.openSync as (...a: unknown[]) => number)(path, ...rest);
    },
    statSync: (path: string, ...rest: unknown[]) => {
      const error = denied(path);
      if (error) throw error;
      return (fs.statSync as (...a: unknown[]) => unknown)(path, ...rest);
    },
  };
});

const db = join(dirname(closed), 'record.db');
beforeAll(async () => {
  expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', db)).code).toBe(0);
});

it('says a key file it may not read is so, exit 1, no stack', async () => {
  const r = await cli('session', 'open', 'board-x', '--body', 'board', '--db', db, '--key', closed);
  expect(r.code).toBe(1);
  expect(r.err).toContain(`${closed}: cannot be read (permission denied)`);
  expect(r.err).not.toMatch(STACK_LINE);
});
