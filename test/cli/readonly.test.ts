/**
 * Commands that only read open the record read-only: they never write to it, and read a record
 * the user may not write to, even in a folder where SQLite cannot make its WAL index.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { CENTRAL_COMMITTEE } from '../support/examples.js';
import { runSql } from '../support/raw-sql.js';
import { replayExample } from '../support/records.js';
import { BACKENDS, postgresBackend } from '../support/stores.js';
import type { StoreHandle, TableDump } from '../support/stores.js';

const BIN = fileURLToPath(new URL('../../bin/collegium.js', import.meta.url));

const READS: readonly string[][] = [
  ['log'],
  ['protocol'],
  ['minutes', 'board-2025-10-08'],
  ['audit'],
  ['checkpoint'],
  ['checkpoints'],
  ['log-key'],
  ['prove', '3'],
  ['export', 'bundle', '--from', '2', '--to', '5'],
];

/** A fresh record of `handle`'s engine holding the replayed example, and its tables' dump. */
async function replayed(handle: StoreHandle): Promise<TableDump> {
  const writer = await handle.open({ create: true });
  await replayExample(writer);
  await writer.close();
  return handle.dump();
}

for (const backend of BACKENDS) {
  describe(`a record opened read-only on ${backend.name}`, () => {
    it('reads as it is, and refuses to be written', async () => {
      const handle = await backend.fresh();
      try {
        const before = await replayed(handle);
        const store = await handle.open({ create: false, readOnly: true });
        const size = await store.size();
        expect(size).toBeGreaterThan(10);
        const append = store.append(size, {
          entries: [{ index: size, bytes: new Uint8Array(8) }],
          nodes: [],
        });
        await expect(append).rejects.toThrow(/read-?only/i);
        await store.close();
        for (const argv of READS) {
          const r = await cli(...argv, '--db', handle.location);
          expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(0);
        }
        expect(await handle.dump()).toEqual(before);
      } finally {
        await handle.dispose();
      }
    });
  });
}

describe('a record in a folder the user cannot write to', () => {
  const dir = mkdtempSync(join(tmpdir(), 'collegium-readonly-'));
  afterAll(() => {
    chmodSync(join(dir, 'archive'), 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is read by every reading command, and left exactly as it was', async () => {
    const archive = join(dir, 'archive');
    mkdirSync(archive);
    const db = join(archive, 'record.db');
    expect((await cli('demo', '--example', CENTRAL_COMMITTEE.name, '--db', db)).code).toBe(0);
    // The record as an archive: the file read-only, in a folder that is read-only too.
    const bytes = readFileSync(db);
    chmodSync(db, 0o444);
    chmodSync(archive, 0o555);
    const temporary = join(dir, 'tmp');
    mkdirSync(temporary, { mode: 0o777 });
    chmodSync(temporary, 0o777);
    chmodSync(dir, 0o755);
    for (const argv of [['log'], ['audit'], ['protocol'], READS.at(-1)!]) {
      const r = asAnotherUser([BIN, ...argv, '--db', db], { TMPDIR: temporary });
      expect(r.stderr, argv.join(' ')).toBe('');
      expect(r.status, argv.join(' ')).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(0);
    }
    // Nor is it served: SQLite cannot even make its files beside it.
    const serve = asAnotherUser([BIN, 'serve', '--port', '0', '--db', db], { TMPDIR: temporary });
    expect(serve.status).toBe(1);
    expect(serve.stderr).toMatch(/record\.db cannot be written \(the file, its folder/);
    expect(readdirSync(archive)).toEqual(['record.db']);
    expect(readFileSync(db)).toEqual(bytes);
    // The private copies read from are gone.
    expect(readdirSync(temporary)).toEqual([]);
  }, 180_000);
});

/**
 * Runs node with `args` as a user without rights to the files: as root (who may write anything)
 * through setpriv as nobody, otherwise as the user running the tests.
 */
function asAnotherUser(args: string[], env: Record<string, string>) {
  const root = process.getuid?.() === 0;
  const [command, ...rest] = root
    ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args]
    : [process.execPath, ...args];
  if (root) execFileSync('setpriv', ['--version']);
  return spawnSync(command!, rest, {
    encoding: 'utf8',
    env: { ...process.env, ...env, COLLEGIUM_DB: '' },
    cwd: tmpdir(),
    // A server that started where it should have refused is stopped, and the test fails.
    timeout: 30_000,
  });
}

describe('a record the user may read but not write', () => {
  const dir = mkdtempSync(join(tmpdir(), 'collegium-unwritable-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused at once by serve and by commands that record, naming why; reading goes on', async () => {
    // The folder is open to all, so SQLite may make its files beside the record: only the file
    // itself is read-only, which SQLite opens without a word and fails only at the first write.
    const db = join(dir, 'record.db');
    expect((await cli('demo', '--example', CENTRAL_COMMITTEE.name, '--db', db)).code).toBe(0);
    chmodSync(dir, 0o777);
    chmodSync(db, 0o444);
    const bytes = readFileSync(db);
    const writes = [
      ['serve', '--port', '0'],
      ['session', 'open', 'later', '--body', 'cc'],
    ];
    for (const argv of writes) {
      const r = asAnotherUser([BIN, ...argv, '--db', db], {});
      expect(r.status, argv.join(' ')).toBe(1);
      expect(r.stderr, argv.join(' ')).toMatch(
        /record\.db cannot be written \(the file, its folder/,
      );
      expect(r.stderr).not.toMatch(/internal|SQLITE_/);
    }
    const json = asAnotherUser([BIN, '--json', 'serve', '--port', '0', '--db', db], {});
    expect(JSON.parse(json.stdout || json.stderr)).toMatchObject({
      error: { code: 'read-only-record' },
    });
    const read = asAnotherUser([BIN, 'log', '--last', '1', '--db', db], {});
    expect(read.status, read.stderr).toBe(0);
    expect(readFileSync(db)).toEqual(bytes);
  }, 120_000);
});

describe('a PostgreSQL record this connection may not write', () => {
  it('is refused at once by serve and by commands that record, naming why; reading goes on', async () => {
    const handle = await postgresBackend.fresh();
    try {
      const before = await replayed(handle);
      // As on a standby, or for a user whose transactions are read-only.
      const readOnly = `${handle.location}${encodeURIComponent(' -c default_transaction_read_only=on')}`;
      for (const argv of [
        ['serve', '--port', '0'],
        ['session', 'open', 'later', '--body', 'board'],
      ]) {
        const r = await cli('--json', ...argv, '--db', readOnly);
        expect(r.code, argv.join(' ')).toBe(1);
        expect(JSON.parse(r.out).error).toMatchObject({
          code: 'read-only-record',
          message: expect.stringMatching(/cannot be written: its transactions are read-only/),
        });
      }
      const read = await cli('log', '--last', '1', '--db', readOnly);
      expect(read.code, read.err).toBe(0);
      // A user who may read the tables but insert into none.
      const role = `collegium_reader_${process.pid}`;
      const schema = /search_path%3D(t_[0-9a-f]+)/.exec(handle.location)![1]!;
      await runSql(handle, [
        `CREATE ROLE ${role} LOGIN`,
        `GRANT USAGE ON SCHEMA ${schema} TO ${role}`,
        `GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${role}`,
      ]);
      try {
        const reader = handle.location.replace(/^postgres:\/\/[^@/]+@/, `postgres://${role}@`);
        const refused = await cli('--json', 'serve', '--port', '0', '--db', reader);
        expect(refused.code, refused.err).toBe(1);
        expect(JSON.parse(refused.out).error).toMatchObject({
          code: 'read-only-record',
          message: expect.stringMatching(
            /cannot be written: this user may not insert into entries,/,
          ),
        });
        expect((await cli('log', '--last', '1', '--db', reader)).code).toBe(0);
      } finally {
        await runSql(handle, [`DROP OWNED BY ${role}`, `DROP ROLE ${role}`]);
      }
      expect(await handle.dump()).toEqual(before);
    } finally {
      await handle.dispose();
    }
  }, 120_000);

  it('names a user without the rights a record needs, where it was an internal error', async () => {
    const handle = await postgresBackend.fresh();
    const empty = await postgresBackend.fresh();
    const role = `collegium_nobody_${process.pid}`;
    try {
      await replayed(handle);
      // A user who may log in and see the schemas, as everyone sees `public`, and do nothing
      // else: not read a record's tables, nor make them (PostgreSQL 15's `public` for all but
      // the database's owner).
      const schemas = [handle, empty].map(
        (h) => /search_path%3D(t_[0-9a-f]+)/.exec(h.location)![1]!,
      );
      await runSql(handle, [
        `CREATE ROLE ${role} LOGIN`,
        ...schemas.map((schema) => `GRANT USAGE ON SCHEMA ${schema} TO ${role}`),
      ]);
      const as = (location: string) =>
        location.replace(/^postgres:\/\/[^@/]+@/, `postgres://${role}@`);
      for (const argv of [
        ['log', '--db', as(handle.location)],
        ['init', '--charter', CENTRAL_COMMITTEE.charter, '--db', as(empty.location)],
      ]) {
        const r = await cli('--json', ...argv);
        expect(r.code, argv[0]).toBe(1);
        expect(JSON.parse(r.out).error).toMatchObject({
          code: 'db-forbidden',
          message: expect.stringMatching(
            new RegExp(`^PostgreSQL at .* does not let user '${role}' .*permission denied for`),
          ),
        });
      }
    } finally {
      await runSql(handle, [`DROP OWNED BY ${role}`, `DROP ROLE IF EXISTS ${role}`]);
      await handle.dispose();
      await empty.dispose();
    }
  }, 120_000);
});

/**
 * Runs the command in a mount namespace of its own where `dir` is a read-only disk (`mount -o
 * remount,ro`, as root); undefined where this process may not make one.
 */
function onReadOnlyDisk(dir: string, argv: string[]) {
  const script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"';
  const r = spawnSync('unshare', ['-m', 'sh', '-c', script, dir, ...argv], {
    encoding: 'utf8',
    env: { ...process.env, COLLEGIUM_DB: '' },
    timeout: 30_000,
  });
  return r.status === null || r.error ? undefined : r;
}

function mayMountReadOnly(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'collegium-mount-'));
  try {
    return onReadOnlyDisk(probe, ['true'])?.status === 0;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const mountsReadOnly = mayMountReadOnly();

describe('a record on a read-only disk', () => {
  it.skipIf(!mountsReadOnly)(
    'is refused at once by serve and by commands that record, naming why; reading goes on',
    async () => {
      // SQLite opens the file, then cannot open the WAL files beside it: it said only that it
      // was "unable to open database file", as if there were nothing there.
      const dir = mkdtempSync(join(tmpdir(), 'collegium-rodisk-'));
      try {
        const db = join(dir, 'record.db');
        expect((await cli('demo', '--example', CENTRAL_COMMITTEE.name, '--db', db)).code).toBe(0);
        const bytes = readFileSync(db);
        const files = readdirSync(dir);
        const run = (...argv: string[]) =>
          onReadOnlyDisk(dir, [process.execPath, BIN, ...argv, '--db', db])!;
        for (const argv of [
          ['serve', '--port', '0'],
          ['session', 'open', 'later', '--body', 'cc'],
        ]) {
          const r = run(...argv);
          expect(r.status, argv.join(' ')).toBe(1);
          expect(r.stderr).toMatch(
            /record\.db cannot be written \(the file, its folder or its disk/,
          );
          expect(r.stderr).not.toMatch(/unable to open|internal|SQLITE_/);
        }
        const json = run('--json', 'session', 'open', 'later', '--body', 'cc');
        expect(JSON.parse(json.stdout).error.code).toBe('read-only-record');
        const read = run('log', '--last', '1');
        expect(read.status, read.stderr).toBe(0);
        expect(readdirSync(dir)).toEqual(files);
        expect(readFileSync(db)).toEqual(bytes);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
