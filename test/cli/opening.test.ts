/**
 * Opening a record: each reason it cannot be opened is named precisely, with its own code, and
 * only where there is nothing yet does the command say to create one with init.
 */
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { openStore } from '../../src/store/index.js';
import { openingError } from '../../src/store/postgres.js';
import { describeError } from '../../src/cli/io.js';
import { StoreOpenError, StoreUpgraded } from '../../src/store/types.js';
import { cli, STACK_LINE } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';
import { POSTGRES_URL, postgresBackend, postgresClient } from '../support/stores.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-opening-'));
const CLI_ENTRY = fileURLToPath(new URL('../server/cli-entry.ts', import.meta.url));
let files = 0;
const place = (name: string): string => join(dir, `${files++}-${name}`);
const write = (name: string, text: string): string => {
  const file = place(name);
  writeFileSync(file, text);
  return file;
};

/** What `collegium log --db location` answers, as JSON and as words: exit 1, code, message. */
async function refusal(location: string): Promise<{ code: string; message: string }> {
  const json = await cli('--json', 'log', '--db', location);
  expect(json.code, json.out).toBe(1);
  const { error } = JSON.parse(json.out) as { error: { code: string; message: string } };
  const words = await cli('log', '--db', location);
  expect(words.code).toBe(1);
  expect(words.err).toBe(`collegium: ${error.message}\n`);
  expect(words.err).not.toMatch(STACK_LINE);
  return { code: error.code, message: error.message };
}

/** A TCP port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function withUrl(change: (url: URL) => void): string {
  const url = new URL(POSTGRES_URL);
  change(url);
  return url.toString();
}

describe('opening an SQLite record', () => {
  it('where there is no file: no record here, create one with init', async () => {
    const missing = place('none.db');
    const error = await refusal(missing);
    expect(error.code).toBe('no-record');
    expect(error.message).toBe(
      `no Collegium record at ${missing} (create one with: collegium init --charter FILE --db ${missing})`,
    );
    expect(existsSync(missing)).toBe(false);
  });

  it('names what is there instead: a folder, a JSON file, a text file, an empty file, a device', async () => {
    const folder = place('folder');
    mkdirSync(folder);
    const cases: [string, string][] = [
      [folder, 'a folder'],
      [write('bundle.json', '{"format": "x"}\n'), 'a JSON file'],
      [write('notes.db', 'my notes\n'), 'a text file'],
      [write('empty.db', ''), 'an empty file'],
      ['/dev/null', 'a device'],
    ];
    for (const [location, what] of cases) {
      const before =
        existsSync(location) && !location.endsWith('folder') ? readFileSync(location) : null;
      expect(await refusal(location)).toEqual({
        code: 'not-a-record',
        message: `${location} is ${what}, not a Collegium record`,
      });
      if (before) expect(readFileSync(location)).toEqual(before);
    }
  });

  it('a URL of another kind, or nothing at all: no folder made for it, even by init', async () => {
    expect(await refusal('mysql://user:secret@host/db')).toEqual({
      code: 'not-a-record',
      message: 'mysql:// is no place for a record: give an SQLite file or a postgres:// URL',
    });
    expect(await refusal('')).toEqual({
      code: 'not-a-record',
      message:
        'an empty location is no place for a record: give an SQLite file or a postgres:// URL',
    });
    // A PostgreSQL URL mistyped is not taken for a file's path either: a usage error.
    for (const mistyped of ['postgres:/postgres@127.0.0.1/walk', 'postgresql:db']) {
      const r = await cli('log', '--db', mistyped);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(/: not a PostgreSQL URL \(postgres:\/\/USER@HOST:PORT\/DATABASE\)/);
    }
    // Its password is not shown.
    const hidden = await cli('log', '--db', 'postgres:/clerk:secret@db/minutes');
    expect(hidden.err).toMatch(/postgres:\/clerk:\*\*\*@db\/minutes: not a PostgreSQL URL/);
    // Taken for a path, it would be a folder "mysql:" where the command runs.
    const made = join(process.cwd(), 'mysql:');
    try {
      const init = await cli('init', '--charter', COOPERATIVE.charter, '--db', 'mysql://x');
      expect(init.code).toBe(1);
      expect(init.err).toMatch(/mysql:\/\/ is no place for a record/);
      expect(existsSync(made)).toBe(false);
    } finally {
      rmSync(made, { recursive: true, force: true });
    }
  });

  it('tables of a record never begun (a creation cut short): no record, and init, replay and migrate make one there', async () => {
    // What init, replay or migrate killed before its first entry leaves: the tables, no entry.
    const unbegun = async (name: string) => {
      const location = place(name);
      await (await openStore(location, { create: true })).close();
      return location;
    };
    const cut = await unbegun('cut.db');
    expect(await refusal(cut)).toEqual({
      code: 'no-record',
      message: `no Collegium record at ${cut} (create one with: collegium init --charter FILE --db ${cut})`,
    });
    const init = await cli('init', '--charter', COOPERATIVE.charter, '--db', cut);
    expect(init.code, init.err).toBe(0);
    const again = await cli('init', '--charter', COOPERATIVE.charter, '--db', cut);
    expect(again.code).toBe(1);
    expect(again.err).toBe(
      `collegium: ${cut} holds a record already: a record is never overwritten\n`,
    );
    const replayed = await unbegun('replayed.db');
    const replay = await cli(
      'replay',
      COOPERATIVE.proceedings[0]!,
      '--charter',
      COOPERATIVE.charter,
      '--db',
      replayed,
    );
    expect(replay.code, replay.err).toBe(0);
    const copied = await unbegun('copied.db');
    const migrate = await cli('migrate', '--from', cut, '--to', copied);
    expect(migrate.code, migrate.err).toBe(0);
    for (const location of [cut, replayed, copied])
      expect((await cli('audit', '--db', location)).code).toBe(0);
  });

  it('an SQLite database of something else', async () => {
    const other = place('other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    expect(await refusal(other)).toEqual({
      code: 'not-a-record',
      message: `${other} is an SQLite database, not a Collegium record`,
    });
    const withMeta = place('meta.db');
    const meta = new Database(withMeta);
    meta.exec('CREATE TABLE meta (name TEXT)');
    meta.close();
    expect(await refusal(withMeta)).toEqual({
      code: 'not-a-record',
      message: `${withMeta} is an SQLite database, not a Collegium record`,
    });
    const later = place('later.db');
    const version = new Database(later);
    version.exec(
      "CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('schema', '99')",
    );
    version.close();
    expect(await refusal(later)).toEqual({
      code: 'not-a-record',
      message: `${later} is a Collegium record of schema version 99; this version of collegium reads version ${SCHEMA_VERSION}`,
    });
  });
});

describe('a record upgraded by a newer version while a command writes', () => {
  it('is refused with record-upgraded, exit 1, naming both versions', () => {
    const later = String(Number(SCHEMA_VERSION) + 1);
    const error = describeError(new StoreUpgraded(later, SCHEMA_VERSION));
    expect([error.code, error.exitCode]).toEqual(['record-upgraded', 1]);
    expect(error.message).toContain(`upgraded to schema version ${later}`);
    expect(error.message).toContain(`writes version ${SCHEMA_VERSION}`);
  });
});

describe('opening a PostgreSQL record', () => {
  it('a refused connection names the host and port', async () => {
    const port = await closedPort();
    const error = await refusal(withUrl((u) => (u.port = String(port))));
    expect(error.code).toBe('db-unreachable');
    expect(error.message).toBe(
      `cannot connect to PostgreSQL at 127.0.0.1:${port}: connection refused (is the server running, and listening there?)`,
    );
  });

  it('a database that does not exist is named', async () => {
    const name = `missing_${randomBytes(6).toString('hex')}`;
    const error = await refusal(withUrl((u) => (u.pathname = `/${name}`)));
    expect(error.code).toBe('db-not-found');
    expect(error.message).toMatch(
      new RegExp(`^PostgreSQL at 127\\.0\\.0\\.1:5432 has no database '${name}'`),
    );
  });

  it('a login the server refuses is named, with the user', async () => {
    // This server trusts every local login whatever the password; a role that does not exist is
    // refused all the same (28000). A wrong password (28P01) is classified below.
    const role = `nobody_${randomBytes(6).toString('hex')}`;
    const error = await refusal(withUrl((u) => (u.username = role)));
    expect(error.code).toBe('db-auth-failed');
    expect(error.message).toMatch(
      new RegExp(
        `^PostgreSQL at 127\\.0\\.0\\.1:5432 refused the login of user '${role}' \\(.*${role}.*\\): check the user and password in the URL$`,
      ),
    );
  });

  it('classifies a wrong password (28P01) and a missing one as a refused login', () => {
    const url = 'postgres://clerk:secret@db.example:6543/minutes';
    const wrong = openingError(
      Object.assign(new Error('password authentication failed for user "clerk"'), {
        code: '28P01',
      }),
      url,
    );
    expect(wrong).toBeInstanceOf(StoreOpenError);
    expect(wrong).toMatchObject({
      code: 'db-auth-failed',
      message: `PostgreSQL at db.example:6543 refused the login of user 'clerk' (password authentication failed for user "clerk"): check the user and password in the URL`,
    });
    const none = openingError(
      new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'),
      'postgres://clerk@db.example/minutes',
    );
    expect(none).toMatchObject({ code: 'db-auth-failed' });
    expect((none as Error).message).toMatch(/db\.example:5432 .*the URL gives none/);
    // No user in the URL, and none in the environment to fall back on, as for a bare service.
    const saved = { PGUSER: process.env['PGUSER'], USER: process.env['USER'] };
    delete process.env['PGUSER'];
    delete process.env['USER'];
    try {
      const noUser = openingError(
        Object.assign(new Error('no PostgreSQL user name specified in startup packet'), {
          code: '28000',
        }),
        'postgres://db.example/minutes',
      );
      expect(noUser).toMatchObject({
        code: 'db-auth-failed',
        message:
          'PostgreSQL at db.example:5432 was given no user to log in as (the URL names none, and neither PGUSER nor USER is set): name one in the URL, postgres://USER@db.example:5432/minutes',
      });
    } finally {
      for (const [name, value] of Object.entries(saved))
        if (value !== undefined) process.env[name] = value;
    }
    const other = new Error('something else');
    expect(openingError(other, url)).toBe(other);
  });

  it('names a setting the URL gives that the server refuses, and a search_path naming no schema', async () => {
    // They were "the database is unavailable: unrecognized configuration parameter …" and
    // "internal error: no schema has been selected to create in".
    const options = (text: string) =>
      `${POSTGRES_URL}${POSTGRES_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(text)}`;
    const bogus = await cli('--json', 'log', '--db', options('-c collegium_bogus_setting=1'));
    expect(bogus.code, bogus.out).toBe(2);
    expect(JSON.parse(bogus.out).error.message).toMatch(
      /^PostgreSQL at .* refused a setting the URL gives \(unrecognized configuration parameter "collegium_bogus_setting"\): correct or remove it$/,
    );
    const schema = `nowhere_${randomBytes(4).toString('hex')}`;
    const nowhere = await cli(
      '--json',
      'init',
      '--charter',
      COOPERATIVE.charter,
      '--db',
      options(`-c search_path=${schema}`),
    );
    expect(nowhere.code, nowhere.out).toBe(1);
    expect(JSON.parse(nowhere.out).error).toMatchObject({ code: 'cannot-create' });
    expect(JSON.parse(nowhere.out).error.message).toMatch(
      /has no schema to make the record's tables in, .*: create the schema the URL's search_path names/,
    );
  });

  it('classifies a server that takes no SSL, asked for it by the URL, apart from one that is away', () => {
    // It was "the database is unavailable: The server does not support SSL connections".
    const refused = openingError(
      new Error('The server does not support SSL connections'),
      'postgres://clerk@db.example/minutes?sslmode=require',
    );
    expect(refused).toBeInstanceOf(StoreOpenError);
    expect(refused).toMatchObject({
      code: 'db-unreachable',
      message:
        'cannot connect to PostgreSQL at db.example:5432: the URL asks for SSL (sslmode) and the server does not take SSL connections: remove sslmode from the URL, or turn SSL on in the server',
    });
  });

  it('a URL badly percent-encoded is a usage error naming the part, its password never shown', async () => {
    const cases = [
      ['postgres://%zz@127.0.0.1/test', 'user name'],
      ['postgres://u:%zz@127.0.0.1/test', 'password'],
      ['postgres://postgres:s%ffcret@127.0.0.1/test', 'password'],
      ['postgres://postgres@127.0.0.1/te%zzst', 'database name'],
    ] as const;
    for (const [url, part] of cases) {
      for (const args of [
        ['log', '--db', url],
        ['migrate', '--from', url, '--to', place('copy.db')],
      ]) {
        const run = await cli(...args);
        expect(run.code, run.err).toBe(2);
        expect(run.err).toContain(`the ${part} in the URL is not well percent-encoded`);
        expect(run.err).not.toContain('internal error');
        if (part === 'password') expect(run.err).toContain(':***@');
      }
    }
    // Well encoded, a NUL is still no part of a name: said so, not as a malformed packet.
    for (const [url, part] of [
      ['postgres://postgres@127.0.0.1/te%00st', 'database name'],
      ['postgres://u%00@127.0.0.1/test', 'user name'],
    ] as const) {
      const run = await cli('log', '--db', url);
      expect(run.code, run.err).toBe(2);
      expect(run.err).toContain(`the ${part} in the URL holds a NUL character (%00)`);
    }
  });

  it('a wait in the URL that is not a whole number of its unit is a usage error naming it', async () => {
    // The driver took `query_timeout=abc` (or `0`, or `5s`) as a wait of no time, and every query
    // then failed as "the database is unavailable: Query read timeout", the database being there.
    const cases = [
      ['query_timeout=abc', 'query_timeout'],
      ['query_timeout=0', 'query_timeout'],
      ['statement_timeout=5s', 'statement_timeout'],
      ['connect_timeout=-1', 'connect_timeout'],
      ['connect_timeout=1.5', 'connect_timeout'],
      ['idle_in_transaction_session_timeout=0', 'idle_in_transaction_session_timeout'],
    ] as const;
    for (const [parameter, name] of cases) {
      const run = await cli('log', '--db', `${POSTGRES_URL}?${parameter}`);
      expect(run.code, run.err).toBe(2);
      expect(run.err).toContain(`${name} in the URL is a wait`);
      expect(run.err).not.toContain('unavailable');
    }
    const fine = await cli('log', '--db', `${POSTGRES_URL}?connect_timeout=2&query_timeout=5000`);
    expect(fine.err).not.toContain('in the URL is a wait');
  });

  it('a database that stops answering while it opens is named as unavailable, not an internal error', async () => {
    // A listener that accepts and never answers: the connection times out.
    const silent = createServer(() => undefined);
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const { port } = silent.address() as { port: number };
    try {
      const run = await cli(
        '--json',
        'log',
        '--db',
        `postgres://postgres@127.0.0.1:${port}/test?connect_timeout=1`,
      );
      expect(run.code).toBe(1);
      const { error } = JSON.parse(run.out) as { error: { code: string; message: string } };
      expect(error.code).toMatch(/^(db-unreachable|database-unavailable)$/);
      expect(error.message).not.toMatch(/internal error/);
    } finally {
      silent.close();
    }
  });

  it('an empty database (schema) is where init makes a record; another meta table is not a record', async () => {
    const handle = await postgresBackend.fresh();
    try {
      const error = await refusal(handle.location);
      expect(error.code).toBe('no-record');
      expect(error.message).toMatch(
        /^no Collegium record at postgres:\/\/.*\(create one with: collegium init/,
      );
      const schema = /search_path%3D(t_[0-9a-f]+)/.exec(handle.location)![1]!;
      const client = await postgresClient(schema);
      try {
        await client.query(`CREATE TABLE ${schema}.meta (key text, value text)`);
      } finally {
        await client.end();
      }
      expect(await refusal(handle.location)).toMatchObject({
        code: 'not-a-record',
        message: expect.stringMatching(/is a PostgreSQL database, not a Collegium record$/),
      });
    } finally {
      await handle.dispose();
    }
  });
});

describe('collegium init', () => {
  it('on a database that holds a record already: refused, naming it, the record unchanged', async () => {
    const handle = await postgresBackend.fresh();
    try {
      expect(
        (await cli('init', '--charter', COOPERATIVE.charter, '--db', handle.location)).code,
      ).toBe(0);
      const before = await handle.dump();
      const again = await cli(
        '--json',
        'init',
        '--charter',
        COOPERATIVE.charter,
        '--db',
        handle.location,
      );
      expect(again.code).toBe(1);
      expect(JSON.parse(again.out)).toMatchObject({
        error: {
          code: 'record-exists',
          message: expect.stringMatching(
            /^postgres:\/\/.* holds a record already: a record is never overwritten$/,
          ),
        },
      });
      expect(await handle.dump()).toEqual(before);
    } finally {
      await handle.dispose();
    }
  });

  it('makes the folder of a new SQLite record when it does not exist', async () => {
    const db = join(place('new'), 'records', 'board.db');
    const r = await cli('init', '--charter', COOPERATIVE.charter, '--db', db);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(db)).toBe(true);
    expect((await cli('audit', '--db', db)).code).toBe(0);
  });

  it('a folder given as the place of a new record is named as one, left as it was', async () => {
    const source = place('source.db');
    expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', source)).code).toBe(0);
    const folder = place('folder');
    mkdirSync(folder);
    const r = await cli('--json', 'migrate', '--from', source, '--to', folder);
    expect(r.code, r.err).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({
      error: {
        code: 'not-a-record',
        message: `${folder} is a folder: a record is an SQLite file, give its path (e.g. ${join(folder, 'collegium.db')})`,
      },
    });
    expect(readdirSync(folder)).toEqual([]);
    // init says the same, where it said the folder "exists already", as if it held a record.
    const init = await cli('--json', 'init', '--charter', COOPERATIVE.charter, '--db', folder);
    expect(init.code).toBe(1);
    expect(JSON.parse(init.out).error).toEqual(JSON.parse(r.out).error);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a record is not made in a file SQLite keeps beside another database (its -wal, -shm or -journal)', async () => {
    // SQLite takes such a file for that database's journal: it would reset the copy made there.
    const source = place('kept.db');
    expect((await cli('init', '--charter', COOPERATIVE.charter, '--db', source)).code).toBe(0);
    // init first: migrate leaves the source's own -wal and -shm (it opens it only to read).
    const attempts = ['init', 'migrate'].flatMap((command) =>
      ['-wal', '-shm', '-journal'].map((suffix) => {
        const target = `${source}${suffix}`;
        return command === 'init'
          ? ['init', '--charter', COOPERATIVE.charter, '--db', target]
          : ['migrate', '--from', source, '--to', target];
      }),
    );
    for (const args of attempts) {
      const target = args.at(-1)!;
      const r = await cli('--json', ...args);
      expect(r.code, r.out).toBe(1);
      expect(JSON.parse(r.out)).toMatchObject({
        error: {
          code: 'not-a-record',
          message: `${target} is where SQLite keeps a journal of ${source}: a record there would be taken for it, and lost; give another file`,
        },
      });
    }
    expect((await cli('audit', '--db', source)).code).toBe(0);
  });

  // Node's recursive mkdir tries again for ever where the system says ENOENT of a folder whose
  // parent is there (under /proc): the command hung, spinning. Run apart, so a hang is a failure.
  it.runIf(existsSync('/proc/self'))(
    'refuses at once a folder the system will not make, for a record and a data folder',
    () => {
      const run = (...args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', CLI_ENTRY, '--json', ...args], {
          encoding: 'utf8',
          timeout: 30_000,
        });
      const init = run(
        'init',
        '--charter',
        COOPERATIVE.charter,
        '--db',
        '/proc/collegium/board.db',
      );
      expect(init.status, init.stderr).toBe(1);
      expect(JSON.parse(init.stdout).error).toEqual({
        code: 'cannot-create',
        message:
          'cannot create the folder /proc/collegium for /proc/collegium/board.db (the folder /proc takes nothing new)',
        problems: [],
      });
      const serve = run('serve', '--demo', '--port', '0', '--data', '/proc/collegium/data');
      expect(serve.status, serve.stderr).toBe(1);
      expect(JSON.parse(serve.stdout).error.message).toBe(
        'cannot create the data folder /proc/collegium/data (the folder /proc takes nothing new): give --data a folder this user may write',
      );
      // A record's file in a folder that takes no new file: SQLite says only that it cannot open it.
      const file = run('init', '--charter', COOPERATIVE.charter, '--db', '/proc/board.db');
      expect(file.status, file.stderr).toBe(1);
      expect(JSON.parse(file.stdout).error).toMatchObject({
        code: 'cannot-create',
        message: 'cannot create /proc/board.db (the folder /proc takes nothing new)',
      });
    },
    60_000,
  );

  it('refuses, exit 1, where the folder cannot be made', async () => {
    const file = write('a-file', 'not a folder\n');
    const db = join(file, 'board.db');
    const r = await cli('--json', 'init', '--charter', COOPERATIVE.charter, '--db', db);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({
      error: {
        code: 'cannot-create',
        message: `cannot create the folder ${file} for ${db} (${file} is a file, not a folder)`,
      },
    });
    expect(readFileSync(file, 'utf8')).toBe('not a folder\n');
  });
});
