/**
 * An event stream is read under the right of whoever opened it: it ends once they may no longer
 * read the record (signed out, their session idle too long, their key revoked, their seat gone or
 * the record closed to them by an amendment), so that what happens next is not told to one the charter no longer lets
 * read it. Those who still may read hear on.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/app/ledger.js';
import { toBase64 } from '../../src/core/bytes.js';
import { parseCharter } from '../../src/core/charter/index.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { openStore } from '../../src/store/index.js';
import type { RecordStore } from '../../src/store/index.js';
import { PostgresProxy, throughProxy } from '../support/postgres-proxy.js';
import { postgresBackend } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import {
  Browser,
  enrolledLedger,
  EventStream,
  PUBLIC_CHARTER,
  Room,
  TEST_CHARTER,
  testServer,
} from './support.js';

const PEOPLE = ['sec', 'ada', 'ben', 'cy'];
const S = 'board-1';
const HOUR = 3_600_000;

let ledger: Ledger;
let app: FastifyInstance;
let base: string;
const streams: EventStream[] = [];
/** A PostgreSQL record and the proxy it is reached through, for a test that takes it away. */
let postgres: { handle: StoreHandle; proxy: PostgresProxy } | undefined;

/** The record of `charter` served (with `options`), with everyone signed in. */
async function serve(
  charter = TEST_CHARTER,
  options: Omit<Parameters<typeof testServer>[0], 'ledger'> = {},
  store?: RecordStore,
): Promise<Room> {
  let keys: Map<string, KeyPair>;
  ({ ledger, keys } = await enrolledLedger(PEOPLE, charter, store));
  app = testServer({ ledger, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return new Room(base, keys).signIn(...PEOPLE);
}

afterEach(async () => {
  for (const s of streams.splice(0)) s.close();
  await app?.close();
  await ledger?.store.close();
  await postgres?.proxy.close();
  await postgres?.handle.dispose();
  postgres = undefined;
});

/** A new PostgreSQL record, reached through a proxy the test can take it away with. */
async function postgresBehindProxy(): Promise<{ store: RecordStore; proxy: PostgresProxy }> {
  postgres = { handle: await postgresBackend.fresh(), proxy: new PostgresProxy() };
  const url = throughProxy(postgres.handle.location, await postgres.proxy.listen(), {
    connect_timeout: '1',
    query_timeout: '1500',
  });
  return { store: await openStore(url, { create: true }), proxy: postgres.proxy };
}

/** Streams opened for each of `browsers` (undefined: a visitor not signed in), once all are open. */
async function listen(...browsers: (Browser | undefined)[]): Promise<EventStream[]> {
  const opened = browsers.map((b) => new EventStream(`${base}/api/events`, undefined, b?.cookie));
  streams.push(...opened);
  for (const stream of opened) await until(() => stream.status === 200, 'opened');
  return opened;
}

async function until(done: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`the stream was not ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const ended = (stream: EventStream) => until(() => stream.ended, 'ended');

/** Opens the session and proposes a motion; `sec`'s stream hears it. */
async function goOn(room: Room, sec: EventStream): Promise<void> {
  await room.do('sec', 'session.open', { session: S, body: 'board', mode: 'live' });
  await room.do('sec', 'motion.propose', { session: S, motion: 'm', text: 'A secret plan.' });
  await sec.until((e) => e.event === 'motion');
}

/** The board's charter, amended by a vote of the board that `room` holds open. */
async function amend(room: Room, charter: string): Promise<void> {
  const parsed = parseCharter(charter);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  await room.do('sec', 'session.open', { session: 'amending', body: 'board', mode: 'live' });
  for (const p of ['ada', 'ben', 'cy'])
    await room.do(p, 'attendance.arrive', { session: 'amending', person: p });
  const motion = { session: 'amending', motion: 'a' };
  await room.do('sec', 'motion.propose', { ...motion, text: 'Amend.', amends: parsed.json });
  await room.do('sec', 'vote.open', motion);
  for (const voter of ['ada', 'ben', 'cy'])
    await room.do(voter, 'ballot.cast', { ...motion, voter, choice: 'aye' });
  await room.close('sec', 'amending', 'a');
}

describe('an event stream', () => {
  it('ends once its reader signs out, or signs in as another over it', async () => {
    const room = await serve();
    const [ben, cy, sec] = await listen(...['ben', 'cy', 'sec'].map((p) => room.as(p)));
    await room.do('sec', 'session.open', { session: 'first', body: 'board', mode: 'live' });
    await ben!.until((e) => e.event === 'session');
    expect((await room.as('ben').post('/api/logout')).status).toBe(200);
    await ended(ben!);
    expect((await room.as('cy').loginAs('ada', room.keys.get('ada')!)).status).toBe(200);
    await ended(cy!);
    await goOn(room, sec!);
    for (const stream of [ben!, cy!])
      expect(stream.events.map((e) => e.event)).toEqual(['session']);
  });

  it('ends once its reader’s session has been idle too long, which it does not keep', async () => {
    let now = Date.now();
    const room = await serve(TEST_CHARTER, { clock: () => new Date(now), keepAliveMs: 20 });
    const [ben, sec] = await listen(room.as('ben'), room.as('sec'));
    now += 11 * HOUR;
    // sec uses the session; ben only listens, hearing keep-alives all along.
    expect((await room.as('sec').get('/api/me')).body.person).toBe('sec');
    now += HOUR + 60_000;
    await ended(ben!);
    // sec's stream outlived the expiry it was opened with: the session was read again.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sec!.ended).toBe(false);
    expect((await room.as('ben').get('/api/me')).body.person).toBeNull();
  });

  it('goes on while the database is away, which cannot say its reader’s session has expired, and ends once it says so', async () => {
    const { store, proxy } = await postgresBehindProxy();
    let now = Date.now();
    const options = { clock: () => new Date(now), keepAliveMs: 20 };
    const room = await serve(TEST_CHARTER, options, store);
    const [ben] = await listen(room.as('ben'));
    proxy.set('down');
    now += 12 * HOUR + 60_000;
    // A request of the session is not signed out either: it is answered 503, to be sent again.
    const me = await room.as('ben').get('/api/me');
    expect(me.body.error?.code).toBe('database-unavailable');
    // The session is asked for at every keep-alive, and cannot be read at any.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ben!.ended).toBe(false);
    proxy.set('forward');
    await ended(ben!);
    expect((await room.as('ben').get('/api/me')).body.person).toBeNull();
  }, 20_000);

  it('ends once its reader’s key is revoked', async () => {
    const room = await serve();
    const [ben, sec] = await listen(room.as('ben'), room.as('sec'));
    const key = toBase64(room.keys.get('ben')!.publicKey);
    await room.do('sec', 'member.revoke', { person: 'ben', key });
    await ended(ben!);
    await goOn(room, sec!);
    expect(ben!.events).toEqual([]);
  });

  it('ends once an amendment takes its reader’s seat, and goes on for those who sit', async () => {
    const room = await serve();
    const [ben, cy, sec] = await listen(...['ben', 'cy', 'sec'].map((p) => room.as(p)));
    await amend(room, TEST_CHARTER.replace('members: [ada, ben, cy]', 'members: [ada, ben]'));
    await ended(cy!);
    await goOn(room, sec!);
    expect(cy!.events.filter((e) => e.data.session === S)).toEqual([]);
    expect(ben!.ended).toBe(false);
    await ben!.until((e) => e.event === 'motion');
  });

  it('of a visitor not signed in ends once the record is no longer open to anyone', async () => {
    const room = await serve(PUBLIC_CHARTER);
    const [anyone, sec] = await listen(undefined, room.as('sec'));
    await amend(room, TEST_CHARTER);
    await ended(anyone!);
    await goOn(room, sec!);
    expect(anyone!.events.filter((e) => e.data.session === S)).toEqual([]);
    expect(sec!.ended).toBe(false);
  });
});
