/**
 * The server closes a live circulation at its deadline, as the organization, on both storage
 * backends: on time while it runs, and once across a restart (stopped before the deadline,
 * started after it: closed as it starts; started again: still closed once), in this process and
 * as `collegium serve` stopped and started again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/app/ledger.js';
import type { RecordStore } from '../../src/store/index.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import { serveProcess } from './process.js';
import { Browser, EventStream, Room, TEST_CHARTER, enrolledLedger, testServer } from './support.js';

const PEOPLE = ['sec', 'ada', 'ben', 'cy'];
const CHARTER = `${TEST_CHARTER}    circulation: { rule: unanimous }\n`;
/** How far ahead the deadlines are put: time enough to put the question and answer it. */
const AHEAD_MS = 4000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The entries of the record that close `circulation`. */
async function closesOf(store: RecordStore, circulation: string) {
  const closes: { time: string; actor: string | null; payload: { decision: unknown } }[] = [];
  for await (const stored of store.entries(0, await store.size())) {
    const entry = JSON.parse(Buffer.from(stored.bytes).toString('utf8'));
    if (entry.type === 'circulation.close' && entry.payload.circulation === circulation)
      closes.push(entry);
  }
  return closes;
}

for (const backend of BACKENDS) {
  describe(`circulations closed at their deadline on ${backend.name}`, () => {
    let handle: StoreHandle;
    const servers: FastifyInstance[] = [];
    const streams: EventStream[] = [];

    afterEach(async () => {
      for (const s of streams.splice(0)) s.close();
      for (const app of servers.splice(0)) await app.close();
      await handle?.dispose();
    });

    /** A record of the board, every member with a key, served; the secretary signed in. */
    async function served() {
      handle = await backend.fresh();
      const { ledger, keys } = await enrolledLedger(PEOPLE, CHARTER, await handle.open());
      const app = testServer({ ledger });
      servers.push(app);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const room = await new Room(app, keys).signIn('sec', 'ada');
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      return { ledger, app, room, base };
    }

    /** The secretary asks the board, due AHEAD_MS from now; ada answers aye. */
    async function ask(room: Room, circulation: string): Promise<string> {
      const deadline = new Date(Date.now() + AHEAD_MS).toISOString();
      const payload = { circulation, body: 'board', mode: 'live', text: 'Agreed?', deadline };
      await room.do('sec', 'circulation.open', payload);
      await room.do('ada', 'circulation.answer', { circulation, member: 'ada', choice: 'aye' });
      return deadline;
    }

    it('closes on time while the server runs, and tells listeners', async () => {
      const { ledger, room, base } = await served();
      const live = new EventStream(`${base}/api/events`, undefined, room.as('sec').cookie);
      streams.push(live);
      while (live.status === undefined) await sleep(10);
      const deadline = await ask(room, 'on-time');
      expect(ledger.state.circulations.get('on-time')!.status).toBe('open');

      const closed = await live.until(
        (e) => e.event === 'circulation' && e.data.status === 'closed',
        AHEAD_MS + 3000,
      );
      expect(closed.data).toEqual({
        id: 'on-time',
        status: 'closed',
        answered: 1,
        asked: 3,
        outcome: 'rejected',
      });
      const closes = await closesOf(ledger.store, 'on-time');
      expect(closes).toHaveLength(1);
      expect(closes[0]!.actor).toBeNull();
      const late = Date.parse(closes[0]!.time) - Date.parse(deadline);
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThan(1000);
      expect(closes[0]!.payload.decision).toMatchObject({
        outcome: 'rejected',
        explanation: expect.stringMatching(/no answer from ben and cy/),
      });
      // The timer is set for the next deadline too.
      await ask(room, 'next');
      await live.until((e) => e.data.id === 'next' && e.data.status === 'closed', AHEAD_MS + 3000);
      expect(await closesOf(ledger.store, 'next')).toHaveLength(1);
    });

    it('closes once with two instances on one database: both try, the record takes one', async () => {
      const first = await served();
      const store = await handle.open({ create: false });
      const other = testServer({ ledger: await Ledger.open(store), followPollMs: 100 });
      servers.push(other);
      await other.listen({ port: 0, host: '127.0.0.1' });
      const otherBase = `http://127.0.0.1:${(other.server.address() as AddressInfo).port}`;
      const sec = new Browser(otherBase);
      await sec.loginAs('sec', first.room.keys.get('sec')!);
      const live = new EventStream(`${otherBase}/api/events`, undefined, sec.cookie);
      streams.push(live);
      await ask(first.room, 'shared');
      // Each instance's timer fires at the deadline; the listener of the second hears the close.
      await live.until(
        (e) => e.event === 'circulation' && e.data.id === 'shared' && e.data.status === 'closed',
        AHEAD_MS + 3000,
      );
      await sleep(500);
      expect(await closesOf(store, 'shared')).toHaveLength(1);
      expect(first.ledger.state.circulations.get('shared')!.status).toBe('closed');
      servers.splice(servers.indexOf(other), 1);
      await other.close();
      await store.close();
    });

    it('closes once across a restart: as it starts after the deadline, never again', async () => {
      const first = await served();
      const deadline = await ask(first.room, 'overnight');
      // Stopped before the deadline: nothing closed it.
      await servers.pop()!.close();
      await first.ledger.store.close();
      expect(Date.now()).toBeLessThan(Date.parse(deadline));
      await sleep(Date.parse(deadline) - Date.now() + 100);

      async function restart() {
        const store = await handle.open({ create: false });
        const ledger = await Ledger.open(store);
        const app = testServer({ ledger });
        servers.push(app);
        await app.ready();
        return { store, ledger };
      }
      const second = await restart();
      expect(second.ledger.state.circulations.get('overnight')!.status).toBe('closed');
      const closes = await closesOf(second.store, 'overnight');
      expect(closes).toHaveLength(1);
      expect(Date.parse(closes[0]!.time)).toBeGreaterThan(Date.parse(deadline));
      const size = second.ledger.size;
      await servers.pop()!.close();
      await second.store.close();

      const third = await restart();
      await sleep(300);
      expect(await closesOf(third.store, 'overnight')).toHaveLength(1);
      expect(third.ledger.size).toBe(size);
    });

    it('closes once across restarts of collegium serve', async () => {
      handle = await backend.fresh();
      const data = mkdtempSync(join(tmpdir(), 'collegium-deadlines-'));
      /** `collegium serve` (the demo organization) run until `meanwhile` is done, then stopped. */
      const serve = async (meanwhile: (base: string) => Promise<void> = async () => {}) => {
        const args = ['--demo', '--port', '0', '--db', handle.location, '--data', data];
        const server = serveProcess(args);
        try {
          await meanwhile((await server.url()).replace(/\/$/, ''));
        } finally {
          expect(await server.stop(), server.output()).toBe(0);
        }
      };
      const closes = async () => {
        const store = await handle.open({ create: false });
        try {
          return await closesOf(store, 'by-post');
        } finally {
          await store.close();
        }
      };

      // The secretary puts a question due in a few seconds; the server stops before then.
      let deadline = '';
      await serve(async (base) => {
        const hana = await new Browser(base).visit();
        expect((await hana.post('/api/demo/login', { person: 'hana' })).status).toBe(200);
        deadline = new Date(Date.now() + AHEAD_MS).toISOString();
        const payload = { circulation: 'by-post', body: 'board', mode: 'live', text: 'Agreed?' };
        const put = await hana.post('/api/acts', {
          type: 'circulation.open',
          payload: { ...payload, deadline },
        });
        expect(put.status, JSON.stringify(put.body)).toBe(201);
      });
      expect(Date.now()).toBeLessThan(Date.parse(deadline));
      expect(await closes()).toHaveLength(0);
      await sleep(Date.parse(deadline) - Date.now() + 100);
      await serve();
      expect(await closes()).toHaveLength(1);
      await serve();
      expect(await closes()).toHaveLength(1);
    }, 120_000);
  });
}
