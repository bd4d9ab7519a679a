/** Demo mode: the example organization, its keys, a visitor acting as anyone; `collegium serve`. */
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { DEMO_KEYS_FILE, openDemo } from '../../src/app/demo.js';
import { openingProblem } from '../../src/app/opening-check.js';
import { toBase64 } from '../../src/core/bytes.js';
import { personKeys } from '../../src/core/state/index.js';
import { keyPairFromSeed } from '../../src/record/ed25519.js';
import { openStore } from '../../src/store/index.js';
import type { RecordStore } from '../../src/store/index.js';
import { BACKENDS } from '../support/stores.js';
import { Browser, enrolledLedger, refusal, testServer } from './support.js';

const publicKeyOf = (seed: Uint8Array) => toBase64(keyPairFromSeed(seed).publicKey);

describe('the demo record', () => {
  it('is built once from the example, every person enrolled with a key kept beside it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'collegium-demo-'));
    const db = join(folder, 'collegium.db');
    const first = await openDemo({ db, folder, example: 'cooperative-board' });
    expect(first.created).toBe(true);
    const state = first.ledger.state;
    // The example's history is replayed: its sessions are in the record, and the board it
    // re-elected in 2026 by amending the charter is the one in force.
    expect([...state.sessions.keys()]).toEqual([
      'board-2025-09-10',
      'board-2025-10-08',
      'board-2026-06-10',
      'board-2026-09-09',
      'board-2026-10-14',
    ]);
    // And its instruments: the barn roof's mandate and payment order, issued.
    expect([...state.instruments.values()].map((i) => [i.id, i.status])).toEqual([
      ['barn-roof-mandate', 'issued'],
      ['barn-roof-deposit', 'issued'],
    ]);
    expect(state.charters.map((c) => c.motion?.motion)).toEqual([undefined, 'board-2026']);
    for (const [person, seed] of first.keys)
      expect(personKeys(state, person)[0]).toBe(toBase64(keyPairFromSeed(seed).publicKey));
    expect(first.keys.size).toBe(state.charter!.people.size);
    const file = join(folder, DEMO_KEYS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const keysFile = JSON.parse(readFileSync(file, 'utf8'));
    expect(keysFile.warning).toMatch(/DEMO KEYS.*Never use them/);
    expect((await audit(first.ledger.store)).ok).toBe(true);
    const size = first.ledger.size;
    await first.ledger.store.close();

    const again = await openDemo({ db, folder, example: 'cooperative-board' });
    expect(again.created).toBe(false);
    expect(again.ledger.size).toBe(size);
    expect([...again.keys.keys()]).toEqual([...first.keys.keys()]);
    await again.ledger.store.close();
  });

  it('refuses a keys file that is cut short or altered, naming it, and opens none of it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'collegium-demo-'));
    const db = join(folder, 'collegium.db');
    await (await openDemo({ db, folder, example: 'cooperative-board' })).ledger.store.close();
    const file = join(folder, DEMO_KEYS_FILE);
    const good = readFileSync(file, 'utf8');
    const parsed = JSON.parse(good);
    const person = Object.keys(parsed.keys)[0]!;
    const altered = (key: unknown) =>
      JSON.stringify({ ...parsed, keys: { ...parsed.keys, [person]: key } });
    const cases: [string, RegExp][] = [
      [good.slice(0, good.length / 2), /not a file of demo keys \(.*JSON/],
      ['null', /not a file of demo keys \(no "format"/],
      [JSON.stringify({ ...parsed, keys: null }), /not a file of demo keys \(no "format"/],
      [altered({ privateKey: 'AAAA' }), new RegExp(`the key of ${person} is not 32 bytes`)],
      [altered({ privateKey: 'not base64!' }), new RegExp(`the key of ${person} is not 32 bytes`)],
    ];
    for (const [text, message] of cases) {
      writeFileSync(file, text);
      await expect(openDemo({ db, folder, example: 'cooperative-board' })).rejects.toMatchObject({
        code: 'invalid-input',
        message: expect.stringMatching(message),
      });
    }
    // Neither a huge file nor one that never ends (a FIFO) is read.
    writeFileSync(file, `${good.slice(0, -1)}, "pad": "${'x'.repeat(1 << 20)}"}`);
    await expect(openDemo({ db, folder, example: 'cooperative-board' })).rejects.toMatchObject({
      message: expect.stringMatching(/not a file of demo keys \(larger than 1048576 bytes\)/),
    });
    rmSync(file);
    execFileSync('mkfifo', [file]);
    await expect(openDemo({ db, folder, example: 'cooperative-board' })).rejects.toMatchObject({
      message: expect.stringMatching(/not a file of demo keys \(not a regular file\)/),
    });
    rmSync(file);
    // An entry without a private key is no person's key, as before: the others are read.
    writeFileSync(file, altered(null));
    const opened = await openDemo({ db, folder, example: 'cooperative-board' });
    expect(opened.keys.has(person)).toBe(false);
    expect(opened.keys.size).toBe(Object.keys(parsed.keys).length - 1);
    await opened.ledger.store.close();
  });

  for (const backend of BACKENDS)
    it(`started twice at once on ${backend.name}: one record, whose keys both serve and the file keeps`, async () => {
      const handle = await backend.fresh();
      const folder = mkdtempSync(join(tmpdir(), 'collegium-demo-'));
      const options = { db: handle.location, folder, example: 'cooperative-board' };
      const both = await Promise.all([openDemo(options), openDemo(options)]);
      try {
        expect(both.map((d) => d.created).sort()).toEqual([false, true]);
        const [a, b] = both;
        expect(b!.ledger.state.logKey).toBe(a!.ledger.state.logKey);
        const enrolled = (keys: ReadonlyMap<string, Uint8Array>) => {
          for (const [person, seed] of keys)
            expect(personKeys(a!.ledger.state, person)).toEqual([publicKeyOf(seed)]);
        };
        enrolled(a!.keys);
        enrolled(b!.keys);
        // The file holds the record's keys, named by its log; nothing is left pending.
        const file = JSON.parse(readFileSync(join(folder, DEMO_KEYS_FILE), 'utf8'));
        expect(file.log).toBe(a!.ledger.state.logKey);
        for (const [person, seed] of a!.keys)
          expect(file.keys[person].privateKey).toBe(toBase64(seed));
        expect(readdirSync(folder).filter((f) => f.startsWith(DEMO_KEYS_FILE))).toEqual([
          DEMO_KEYS_FILE,
        ]);
        expect(a!.ledger.size).toBe(b!.ledger.size);
      } finally {
        for (const demo of both) await demo.ledger.store.close();
        await handle.dispose();
      }
    }, 60_000);

  it('is made where another start has only begun: an empty file, or tables without an entry', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'collegium-demo-'));
    // What a start that creates the record leaves for an instant: the file, then its tables.
    writeFileSync(join(folder, 'empty.db'), '');
    await (await openStore(join(folder, 'tables.db'), { create: true })).close();
    for (const name of ['empty.db', 'tables.db']) {
      const demo = await openDemo({ db: join(folder, name), folder, example: 'cooperative-board' });
      try {
        expect(demo.created).toBe(true);
        expect(demo.ledger.size).toBeGreaterThan(1);
      } finally {
        await demo.ledger.store.close();
      }
    }
  });

  it('is not made in an SQLite file of something else, whose tables and journal are left as they were', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'collegium-demo-'));
    const db = join(folder, 'notes.db');
    const notes = new Database(db);
    notes.exec('CREATE TABLE notes (text TEXT)');
    notes.close();
    await expect(openDemo({ db, folder, example: 'cooperative-board' })).rejects.toMatchObject({
      code: 'not-a-record',
      message: expect.stringMatching(/holds other tables, not a Collegium record/),
    });
    const after = new Database(db, { readonly: true });
    const tables = after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    const journal = after.pragma('journal_mode', { simple: true });
    after.close();
    expect(tables).toEqual([{ name: 'notes' }]);
    expect(journal).toBe('delete');
  });

  it('is checked, when made before, by the check it is given: a record emptied is not opened', async () => {
    const { folder, db } = await emptiedDemo();
    const check = async (store: RecordStore) => {
      const problem = await openingProblem(store);
      if (problem) throw new Error(problem);
    };
    await expect(openDemo({ db, folder, example: 'cooperative-board', check })).rejects.toThrow(
      /entry 0 is missing/,
    );
  });

  it('is not made again over what is left of one emptied of entries and checkpoints', async () => {
    const { folder, db } = await emptiedDemo(['checkpoints']);
    const started = Date.now();
    await expect(openDemo({ db, folder, example: 'cooperative-board' })).rejects.toThrow(
      /what is left of a record .* none of its entries/,
    );
    // Told at once: what is left is no other start's record, to be waited for and opened.
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('refuses the keys file of another demo record, after waiting for it, naming both logs', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'collegium-demo-'));
    const other = mkdtempSync(join(tmpdir(), 'collegium-demo-'));
    const db = join(folder, 'collegium.db');
    await (await openDemo({ db, folder, example: 'cooperative-board' })).ledger.store.close();
    const otherDemo = await openDemo({
      db: join(other, 'c.db'),
      folder: other,
      example: 'cooperative-board',
    });
    await otherDemo.ledger.store.close();
    // The data folder's keys replaced by another record's (a record made anew, the folder kept).
    copyFileSync(join(other, DEMO_KEYS_FILE), join(folder, DEMO_KEYS_FILE));
    const started = Date.now();
    await expect(openDemo({ db, folder, example: 'cooperative-board' })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(
        /holds the keys of another demo record \(log .+\), not of this one/,
      ),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_000);
  }, 30_000);

  it('says, of a demo record whose keys are not in the data folder, that instances share the folder of the start that made it', async () => {
    // A second instance on the record, started with a data folder of its own: the record was
    // made by demo mode, and the refusal said it may not have been.
    const folder = mkdtempSync(join(tmpdir(), 'collegium-demo-'));
    const db = join(mkdtempSync(join(tmpdir(), 'collegium-demo-db-')), 'c.db');
    await (await openDemo({ db, folder, example: 'cooperative-board' })).ledger.store.close();
    const own = mkdtempSync(join(tmpdir(), 'collegium-demo-'));
    await expect(openDemo({ db, folder: own, example: 'cooperative-board' })).rejects.toMatchObject(
      {
        code: 'not-found',
        message: `${join(own, DEMO_KEYS_FILE)} is missing: this record was not made by demo mode, or its keys are in the data folder of the start that made it (instances serving one demo share that folder: --data), or they were removed`,
      },
    );
  }, 30_000);

  it('takes the keys left pending by a start that made the record and stopped before writing them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'collegium-demo-'));
    const db = join(folder, 'collegium.db');
    const made = await openDemo({ db, folder, example: 'cooperative-board' });
    await made.ledger.store.close();
    const file = join(folder, DEMO_KEYS_FILE);
    // As that start left them: pending, without the record's log, and no keys file.
    const pending = JSON.parse(readFileSync(file, 'utf8'));
    delete pending.log;
    writeFileSync(`${file}.123-abcdef01.pending`, JSON.stringify(pending));
    // Another start's pending keys, which the record does not enrol, are not taken.
    const stray = JSON.parse(readFileSync(file, 'utf8'));
    stray.keys.ada.privateKey = toBase64(new Uint8Array(32).fill(7));
    writeFileSync(`${file}.122-abcdef00.pending`, JSON.stringify(stray));
    rmSync(file);
    const again = await openDemo({ db, folder, example: 'cooperative-board' });
    try {
      expect([...again.keys]).toEqual([...made.keys]);
      expect(JSON.parse(readFileSync(file, 'utf8')).log).toBe(again.ledger.state.logKey);
      expect(readdirSync(folder).filter((f) => f.endsWith('.pending'))).toEqual([
        `${DEMO_KEYS_FILE}.122-abcdef00.pending`,
      ]);
    } finally {
      await again.ledger.store.close();
    }
  });

  it('lets a visitor act as anyone, unsigned, and says it is a demo', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'collegium-demo-'));
    const demo = await openDemo({ db: join(folder, 'c.db'), folder, example: 'cooperative-board' });
    const app = testServer({ ledger: demo.ledger, demo: { keys: demo.keys } });
    try {
      const b = await new Browser(app).visit();
      expect((await b.get('/api/me')).body).toMatchObject({ person: null, demo: true });
      const as = async (person: string) => {
        const answer = await b.post('/api/demo/login', { person });
        expect(answer.body).toMatchObject({ person, demo: true });
      };
      const act = (type: string, payload: Record<string, unknown>) =>
        b.post('/api/acts', { type, payload });
      const S = 'demo-meeting';
      await as('hana');
      expect((await act('session.open', { session: S, body: 'board', mode: 'live' })).status).toBe(
        201,
      );
      for (const p of ['ada', 'ben', 'chen', 'dana']) {
        await as(p);
        expect((await act('attendance.arrive', { session: S, person: p })).status).toBe(201);
      }
      await as('hana');
      expect(
        (await act('motion.propose', { session: S, motion: 'm', text: 'Paint the door.' })).status,
      ).toBe(201);
      expect((await act('vote.open', { session: S, motion: 'm' })).status).toBe(201);
      for (const [p, choice] of [
        ['ada', 'aye'],
        ['ben', 'aye'],
        ['chen', 'nay'],
      ]) {
        await as(p!);
        expect(
          (await act('ballot.cast', { session: S, motion: 'm', voter: p, choice })).status,
        ).toBe(201);
      }
      // The board shows a running tally.
      expect((await b.get(`/api/sessions/${S}/motions/m`)).body.tally).toMatchObject({
        aye: 2,
        nay: 1,
      });
      // The charter still refuses what it forbids: hana is no director.
      await as('hana');
      expect(
        refusal(
          await act('ballot.cast', { session: S, motion: 'm', voter: 'hana', choice: 'aye' }),
        ),
      ).toEqual({
        status: 403,
        code: 'not-member',
      });
      // An unsigned close: the server computes the decision and signs it with hana's demo key.
      const closed = await act('vote.close', { session: S, motion: 'm' });
      expect(closed.status, JSON.stringify(closed.body)).toBe(201);
      const entry = (await b.get(`/api/log?from=${closed.body.entry}&limit=1`)).body.entries[0]
        .entry;
      expect(entry).toMatchObject({ type: 'vote.close', actor: 'hana', signer: 'hana' });
      expect(entry.key).toBe(toBase64(keyPairFromSeed(demo.keys.get('hana')!).publicKey));
      expect(entry.payload.decision.outcome).toBe('adopted');
      // An invitation in demo mode: the server makes the token.
      const invitation = await b.post('/api/invitations', { person: 'gus' });
      expect(invitation.status).toBe(201);
      expect(invitation.body.url).toMatch(/\/enrol#[A-Za-z0-9_-]{43}$/);
      const token = invitation.body.token;
      expect((await b.post('/api/invitations/lookup', { token })).body.person).toBe('gus');
      expect((await audit(demo.ledger.store)).ok).toBe(true);
    } finally {
      await app.close();
      await demo.ledger.store.close();
    }
  });
});

/** `collegium serve --demo --port 0` on the data folder `folder`, and what it prints. */
/** A demo record made in a data folder of its own, then emptied of its entries behind its back. */
/** A demo record whose entries (and `tables` besides) were removed behind its back. */
async function emptiedDemo(
  tables: readonly string[] = [],
): Promise<{ folder: string; db: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'collegium-demo-'));
  const db = join(folder, 'collegium.db');
  await (await openDemo({ db, folder, example: 'cooperative-board' })).ledger.store.close();
  const sqlite = new Database(db);
  for (const table of ['entries', ...tables]) sqlite.exec(`delete from ${table}`);
  sqlite.close();
  return { folder, db };
}

function serveDemo(folder: string) {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'test/server/cli-entry.ts'), 'serve', '--demo', '--port', '0'],
    {
      cwd: root,
      env: { ...process.env, COLLEGIUM_DATA: folder },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const printed = { out: '' };
  child.stdout.on('data', (chunk: Buffer) => (printed.out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (printed.out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** The address it serves at, once it prints it; undefined if it exits or takes 20 s. */
  const url = async (): Promise<string | undefined> => {
    let done = false;
    void exited.then(() => (done = true));
    const deadline = Date.now() + 20_000;
    while (!/http:\/\/\S+\//.test(printed.out) && !done && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    return /(http:\/\/\S+\/)/.exec(printed.out)?.[1];
  };
  return { child, printed, exited, url };
}

describe('collegium serve', () => {
  it('serves the demo on the port it prints, and stops on SIGTERM', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'collegium-serve-'));
    const server = serveDemo(folder);
    try {
      const url = await server.url();
      const out = server.printed.out;
      expect(url, out).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(out).toMatch(/DEMO MODE/);
      expect(out).toContain(join(folder, DEMO_KEYS_FILE));
      const me = (await (await fetch(`${url}api/me`)).json()) as {
        demo: boolean;
        organization: { id: string };
      };
      expect(me).toMatchObject({ demo: true, organization: { id: 'maple-court-coop' } });
      expect(statSync(join(folder, 'collegium.db')).size).toBeGreaterThan(0);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  }, 30_000);

  it('does not serve a demo record damaged behind its back, saying why', async () => {
    const { folder } = await emptiedDemo();
    const server = serveDemo(folder);
    expect(await server.exited).toBe(1);
    expect(server.printed.out).toMatch(/entry 0 is missing/);
    expect(server.printed.out).not.toMatch(/http:\/\//);
  }, 30_000);

  it('does not serve, nor make anew, a demo record emptied of its checkpoints too', async () => {
    const { folder } = await emptiedDemo(['checkpoints']);
    const server = serveDemo(folder);
    expect(await server.exited).toBe(1);
    expect(server.printed.out).toMatch(/what is left of a record/);
    expect(server.printed.out).not.toMatch(/http:\/\/|made it meanwhile/);
  }, 30_000);

  it('twice at once on one data folder: both serve the one record, acting with its keys', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'collegium-serve-'));
    const servers = [serveDemo(folder), serveDemo(folder)];
    try {
      const urls = await Promise.all(servers.map((s) => s.url()));
      const printed = servers.map((s) => s.printed.out).join('\n');
      expect(urls.every(Boolean), printed).toBe(true);
      expect(printed.match(/\(created now\)/g)).toHaveLength(1);
      for (const [i, url] of urls.entries()) {
        const b = await new Browser(url!.replace(/\/$/, '')).visit();
        expect((await b.post('/api/demo/login', { person: 'hana' })).body.person).toBe('hana');
        const open = await b.post('/api/acts', {
          type: 'session.open',
          payload: { session: `at-once-${i}`, body: 'board', mode: 'live' },
        });
        expect(open.status, JSON.stringify(open.body)).toBe(201);
      }
    } finally {
      for (const s of servers) s.child.kill('SIGTERM');
    }
    expect(await Promise.all(servers.map((s) => s.exited))).toEqual([0, 0]);
  }, 60_000);
});

describe('a demo login', () => {
  it('signs no one in once the record is served without --demo', async () => {
    const { ledger, keys } = await enrolledLedger(['sec', 'ada', 'ben', 'cy']);
    const seeds = new Map([...keys].map(([p, pair]) => [p, pair.privateKey] as const));
    const demo = testServer({ ledger, demo: { keys: seeds } });
    const app = testServer({ ledger });
    try {
      const visitor = await new Browser(demo).visit();
      expect((await visitor.post('/api/demo/login', { person: 'ada' })).status).toBe(200);
      await demo.close();
      // The same browser, its cookie and token, at the record served for real.
      const b = Object.assign(new Browser(app), { cookie: visitor.cookie, csrf: visitor.csrf });
      expect((await b.get('/api/me')).body).toMatchObject({ person: null, demo: false });
      expect(refusal(await b.get('/api/inbox'))).toEqual({ status: 401, code: 'unauthenticated' });
      expect(refusal(await b.get('/api/sessions'))).toEqual({
        status: 401,
        code: 'unauthenticated',
      });
      const invitation = await b.post('/api/invitations/decision', { session: 's', motion: 'm' });
      expect(refusal(invitation)).toEqual({ status: 401, code: 'unauthenticated' });
    } finally {
      await demo.close();
      await app.close();
      await ledger.store.close();
    }
  });
});
