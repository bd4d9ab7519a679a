/**
 * Who may read the record through the API (the charter's record.read), the ballots of an open
 * vote withheld where the charter hides the running tally, and reads bounded: the event stream's
 * catch-up read a page at a time and capped, streams per address, entries per bundle.
 */
import { createHash } from 'node:crypto';
import { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ledger } from '../../src/app/ledger.js';
import { motionKey } from '../../src/core/state/index.js';
import { verifyBundle } from '../../src/verify/bundle.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import type { ServerOptions } from '../../src/server/index.js';
import type { RecordStore } from '../../src/store/index.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import {
  Browser,
  EventStream,
  enrolledLedger,
  INSTRUMENT_CHARTER,
  PUBLIC_CHARTER,
  refusal,
  signAct,
  TEST_CHARTER,
  testServer,
} from './support.js';

const PEOPLE = ['sec', 'ada', 'ben', 'cy', 'cand', 'out'];
const S = 'board-1';
const M = 'roof';
/** The question put between sessions: a circulation takes an id no dispatch has. */
const Q = 'board-1-q';

/** Every read route of the API with its parameters filled in (the record holds S and M). */
async function readRoutes(app: FastifyInstance, size: number): Promise<string[]> {
  const doc = JSON.parse((await app.inject({ url: '/api/openapi.json' })).body) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const fill: Record<string, string> = {
    '{id}': S,
    '{motion}': M,
    '{index}': '1',
    '{token}': 'none',
    '{hash}': LETTER_HASH,
  };
  const query: Record<string, string> = {
    '/api/proofs/consistency': `?old=${size}`,
    '/api/question': `?name=${S}`,
  };
  return Object.entries(doc.paths)
    .filter(([, methods]) => 'get' in methods)
    .map(([path]) =>
      path.replace(/\{\w+\}/g, (p) =>
        p === '{id}' && path.startsWith('/api/circulations/') ? Q : fill[p]!,
      ),
    )
    .map((path) => path + (query[path] ?? ''));
}

/** A letter a dispatch carries, kept by its hash. */
const LETTER = Buffer.from('Dear board, the roof leaks.');
const LETTER_HASH = createHash('sha256').update(LETTER).digest('hex');

/** Reads that need no reader: signing in, enrolling, the API's own description, health. */
const OPEN = ['/api/me', '/api/invitations/none', '/api/openapi.json', '/api/health', '/api/ready'];
/** Reads of what is one's own (the questions one is asked, what one has to sign): anyone signed
 * in, whatever the charter lets them read; someone on no body has none. */
const OWN: Record<string, unknown> = {
  '/api/inbox': { questions: [] },
  '/api/queue': { instruments: [] },
};

for (const backend of BACKENDS) {
  describe(`reading the record on ${backend.name}`, () => {
    let handle: StoreHandle;
    let ledger: Ledger;
    let keys: Map<string, KeyPair>;
    const servers: FastifyInstance[] = [];
    const streams: EventStream[] = [];

    /** A board's record in this backend, everyone enrolled, with a session and a motion. */
    async function board(charter = INSTRUMENT_CHARTER): Promise<void> {
      handle = await backend.fresh();
      const store: RecordStore = await handle.open({ create: true });
      ({ ledger, keys } = await enrolledLedger(PEOPLE, charter, store));
    }

    function serve(options: Partial<ServerOptions> = {}): FastifyInstance {
      const app = testServer({ ledger, ...options });
      servers.push(app);
      return app;
    }

    async function listening(options: Partial<ServerOptions> = {}): Promise<string> {
      const app = serve(options);
      await app.listen({ port: 0, host: '127.0.0.1' });
      return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    }

    async function signedIn(app: FastifyInstance | string, person: string): Promise<Browser> {
      const b = new Browser(app);
      expect((await b.loginAs(person, keys.get(person)!)).status).toBe(200);
      return b;
    }

    /** Opens the session, puts the motion, opens its vote; ada votes aye and ben nay. */
    async function voting(app: FastifyInstance | string): Promise<Record<string, Browser>> {
      const as: Record<string, Browser> = {};
      for (const p of ['sec', 'ada', 'ben', 'cy']) as[p] = await signedIn(app, p);
      const act = async (p: string, type: string, payload: Record<string, unknown>) =>
        expect((await as[p]!.act(p, keys.get(p)!, type, payload)).status).toBe(201);
      await act('sec', 'session.open', { session: S, body: 'board', mode: 'live' });
      for (const p of ['ada', 'ben', 'cy'])
        await act(p, 'attendance.arrive', { session: S, person: p });
      await act('sec', 'motion.propose', { session: S, motion: M, text: 'Fix the roof.' });
      await act('sec', 'vote.open', { session: S, motion: M });
      await act('ada', 'ballot.cast', { session: S, motion: M, voter: 'ada', choice: 'aye' });
      await act('ben', 'ballot.cast', { session: S, motion: M, voter: 'ben', choice: 'nay' });
      return as;
    }

    /** A dispatch and an instrument named S, and a circulation Q, put by the secretary. */
    async function betweenSessions(sec: Browser): Promise<void> {
      const attachment = { name: 'letter.txt', hash: LETTER_HASH, size: LETTER.length };
      const registered = await sec.post('/api/acts', {
        ...signAct('sec', keys.get('sec')!, 'dispatch.register', {
          dispatch: S,
          body: 'board',
          number: '2026/1',
          received: '2026-11-02',
          from: 'A neighbour',
          channel: 'letter',
          text: 'The roof leaks.',
          attachments: [attachment],
        }),
        files: [{ name: 'letter.txt', data: LETTER.toString('base64') }],
      });
      expect(registered.status).toBe(201);
      const deadline = new Date(Date.now() + 86_400_000).toISOString();
      const put = { circulation: Q, body: 'board', mode: 'live', text: 'Fix it?', deadline };
      expect((await sec.act('sec', keys.get('sec')!, 'circulation.open', put)).status).toBe(201);
      const mandate = { instrument: S, body: 'board', kind: 'mandate', mode: 'live' };
      const drafted = { ...mandate, number: '2026/1', text: 'Cy sees to the roof.', holder: 'cy' };
      expect((await sec.act('sec', keys.get('sec')!, 'instrument.draft', drafted)).status).toBe(
        201,
      );
    }

    async function closeVote(chair: Browser): Promise<void> {
      const closing = await chair.get(`/api/sessions/${S}/motions/${M}/closing`);
      expect(closing.status).toBe(200);
      const closed = await chair.act('ada', keys.get('ada')!, 'vote.close', closing.body.payload);
      expect(closed.status).toBe(201);
    }

    afterEach(async () => {
      for (const s of streams.splice(0)) s.close();
      for (const app of servers.splice(0)) await app.close();
      await handle?.dispose();
    });

    describe('who may read', () => {
      it('by default, the people who sit on a body, once signed in', async () => {
        await board();
        const app = serve();
        await betweenSessions((await voting(app))['sec']!);
        const routes = await readRoutes(app, ledger.state.size);
        expect(routes.length).toBeGreaterThan(12);
        const anonymous = new Browser(app);
        const outsider = await signedIn(app, 'out');
        const candidate = await signedIn(app, 'cand');
        for (const route of routes) {
          if (OPEN.includes(route)) {
            expect((await anonymous.get(route)).status, route).not.toBe(401);
            continue;
          }
          if (route in OWN) {
            expect(refusal(await anonymous.get(route)), route).toEqual({
              status: 401,
              code: 'unauthenticated',
            });
            expect((await outsider.get(route)).body, route).toEqual(OWN[route]);
            continue;
          }
          expect(refusal(await anonymous.get(route)), route).toEqual({
            status: 401,
            code: 'unauthenticated',
          });
          expect(refusal(await outsider.get(route)), route).toEqual({
            status: 403,
            code: 'forbidden',
          });
          // The stream never ends, and the closing is for officers only (below).
          if (route.endsWith('/closing') || route === '/api/events') continue;
          expect((await candidate.get(route)).status, route).toBe(200);
        }
        expect(refusal(await anonymous.get('/api/events'))).toEqual({
          status: 401,
          code: 'unauthenticated',
        });
        expect((await anonymous.get('/api/me')).body.organization.id).toBe('test-org');
      });

      it('officers only, or anyone, as the charter says', async () => {
        await board(`${TEST_CHARTER}record: { read: officers }\n`);
        const app = serve();
        for (const [person, status] of [
          ['ben', 403],
          ['cand', 403],
          ['ada', 200],
          ['sec', 200],
        ] as const)
          expect((await (await signedIn(app, person)).get('/api/log')).status, person).toBe(status);
        await handle.dispose();
        await board(PUBLIC_CHARTER);
        const open = serve();
        expect((await new Browser(open).get('/api/log')).status).toBe(200);
        expect((await new Browser(open).get('/api/organization')).status).toBe(200);
      });
    });

    describe('an open vote whose tally the charter hides', () => {
      const choices = /"choice"|"aye"|"nay"/;

      it('withholds how each member voted from every read until the vote closes', async () => {
        await board();
        const base = await listening();
        const as = await voting(base);
        const cy = as['cy']!;
        const opened = ledger.state.motions.get(motionKey(S, M))!.openedAt!;

        // The log: the ballots are there, in place, their content withheld.
        const log = await cy.get(`/api/log?from=${opened}&limit=10`);
        expect(log.status).toBe(200);
        expect(log.body.entries.map((e: { index: number }) => e.index)).toEqual([
          opened,
          opened + 1,
          opened + 2,
        ]);
        expect(log.body.entries.slice(1)).toEqual([
          expect.objectContaining({ leaf: null, entry: null, withheld: expect.any(String) }),
          expect.objectContaining({ leaf: null, entry: null, withheld: expect.any(String) }),
        ]);
        expect(JSON.stringify(log.body)).not.toMatch(choices);
        // The voter sees their own ballot, and only theirs.
        const own = (await as['ada']!.get(`/api/log?from=${opened + 1}&limit=2`)).body.entries;
        expect(own[0].entry.payload).toMatchObject({ voter: 'ada', choice: 'aye' });
        expect(own[1].withheld).toEqual(expect.any(String));

        // The session's bundle stops before the first ballot; a range naming one is refused.
        const bundle = (await cy.get(`/api/bundle?session=${S}`)).body;
        expect(bundle.range.last).toBe(opened);
        const logKey = (await cy.get('/api/log-key')).body.logKey;
        expect((await verifyBundle(bundle, logKey)).ok).toBe(true);
        expect(refusal(await cy.get(`/api/bundle?from=0&to=${opened + 1}`))).toEqual({
          status: 409,
          code: 'withheld',
        });
        // The decision as it would be now carries the tally: for the officers who close.
        expect(refusal(await cy.get(`/api/sessions/${S}/motions/${M}/closing`))).toEqual({
          status: 403,
          code: 'forbidden',
        });
        // Events caught up from before the vote: how many voted, never how.
        const late = new EventStream(`${base}/api/events`, opened - 1, cy.cookie);
        streams.push(late);
        await late.until((e) => e.event === 'ballot');
        expect(JSON.stringify(late.events)).not.toMatch(choices);
        const motion = (await cy.get(`/api/sessions/${S}/motions/${M}`)).body;
        expect(motion).toMatchObject({ voted: ['ada', 'ben'], tally: null });
        await expectMinutesSealed(cy);
        // Closed: everything is readable.
        await closeVote(as['ada']!);
        const after = await cy.get(`/api/log?from=${opened + 1}&limit=2`);
        expect(
          after.body.entries.map((e: { entry: { payload: unknown } }) => e.entry.payload),
        ).toEqual([
          expect.objectContaining({ voter: 'ada', choice: 'aye' }),
          expect.objectContaining({ voter: 'ben', choice: 'nay' }),
        ]);
        const whole = (await cy.get(`/api/bundle?session=${S}`)).body;
        expect(whole.range.last).toBe(ledger.state.size - 1);
        expect((await verifyBundle(whole, logKey)).ok).toBe(true);
      });

      /** Minutes drawn up while the vote is open, in every format: the motion, not its ballots. */
      async function expectMinutesSealed(reader: Browser): Promise<void> {
        for (const format of ['', '.md', '.html']) {
          const minutes = await reader.get(`/api/sessions/${S}/minutes${format}`);
          expect(minutes.status, format).toBe(200);
          const text =
            typeof minutes.body === 'string' ? minutes.body : JSON.stringify(minutes.body);
          expect(text, format).toMatch(/open/);
          expect(text, format).not.toMatch(/Ayes|Nays|"choice"/);
        }
      }

      it('withholds the ballots from the minutes of a public record, signed out', async () => {
        await board(PUBLIC_CHARTER);
        const base = await listening();
        await voting(base);
        await expectMinutesSealed(new Browser(base));
      });

      it('withholds nothing where the charter shows the running tally', async () => {
        await board(
          TEST_CHARTER.replace(
            'majority: votes-cast',
            'majority: votes-cast\n    running-tally: true',
          ),
        );
        const app = serve();
        const as = await voting(app);
        const log = await as['cy']!.get('/api/log?from=0&limit=100');
        expect(JSON.stringify(log.body)).toMatch(/"choice":"nay"/);
        expect(JSON.stringify(log.body)).not.toMatch(/withheld/);
      });
    });

    describe('bounded reads', () => {
      it('catches a listener up from 0 a page at a time, everything in order', async () => {
        await board();
        const reads: number[] = [];
        const entries = ledger.store.entries.bind(ledger.store);
        const base = await listening({ catchUpPage: 4 });
        const as = await voting(base);
        await closeVote(as['ada']!);
        ledger.store.entries = (from: number, to: number) => {
          reads.push(to - from);
          return entries(from, to);
        };
        const size = ledger.state.size;
        expect(size).toBeGreaterThan(12);
        const stream = new EventStream(`${base}/api/events`, 0, as['cy']!.cookie);
        streams.push(stream);
        await stream.until((e) => e.event === 'decision');
        await stream.until(() => stream.ids.at(-1) === size - 1);
        expect(reads.length).toBeGreaterThanOrEqual(Math.ceil((size - 1) / 4));
        expect(Math.max(...reads)).toBeLessThanOrEqual(4);
        expect(stream.events.map((e) => e.event)).toEqual([
          // Each member's key enrolled: the organization changed.
          ...PEOPLE.map(() => 'organization'),
          'session',
          'attendance',
          'attendance',
          'attendance',
          'motion',
          'vote-opened',
          'ballot',
          'decision',
        ]);
        const ids = stream.events.map((e) => e.id);
        expect([...ids].sort((a, b) => a - b)).toEqual(ids);
        expect(stream.ended).toBe(false);
      });

      it('ends a catch-up past its cap where the client resumes from', async () => {
        await board();
        const base = await listening({ catchUpPage: 3, catchUpMax: 5 });
        const as = await voting(base);
        const cookie = as['cy']!.cookie;
        const first = new EventStream(`${base}/api/events`, 0, cookie);
        streams.push(first);
        for (let i = 0; i < 50 && !first.ended; i++) await new Promise((r) => setTimeout(r, 20));
        expect(first.ended).toBe(true);
        expect(first.ids).toEqual([3, 5]);
        const next = new EventStream(`${base}/api/events`, 5, cookie);
        streams.push(next);
        for (let i = 0; i < 50 && next.ids.length < 2; i++)
          await new Promise((r) => setTimeout(r, 20));
        expect(next.ids).toEqual([8, 10]);
      });

      it('writes nothing more to a stream it ended, before the stream is closed', async () => {
        await board();
        // The keep-alive's timer is the test's: it falls due the moment the stream is ended.
        vi.useFakeTimers({ toFake: ['setInterval'] });
        const base = await listening({ catchUpPage: 3, catchUpMax: 5 });
        const as = await voting(base);
        const writesAfterEnd: unknown[] = [];
        const { write, end } = ServerResponse.prototype;
        vi.spyOn(ServerResponse.prototype, 'write').mockImplementation(function (
          this: ServerResponse,
          ...args: unknown[]
        ) {
          if (this.writableEnded) writesAfterEnd.push(args[0]);
          return (write as (...a: unknown[]) => boolean).apply(this, args);
        });
        vi.spyOn(ServerResponse.prototype, 'end').mockImplementation(function (
          this: ServerResponse,
          ...args: unknown[]
        ) {
          const ended = (end as (...a: unknown[]) => ServerResponse).apply(this, args);
          vi.advanceTimersByTime(20_000);
          return ended;
        });
        try {
          const cut = new EventStream(`${base}/api/events`, 0, as['cy']!.cookie);
          streams.push(cut);
          for (let i = 0; i < 50 && !cut.ended; i++) await new Promise((r) => setTimeout(r, 20));
          expect(cut.ended).toBe(true);
        } finally {
          vi.restoreAllMocks();
          vi.useRealTimers();
        }
        expect(writesAfterEnd).toEqual([]);
      });

      it('refuses a stream past the limit per address with 429', async () => {
        await board(PUBLIC_CHARTER);
        const base = await listening({ eventStreamsPerAddress: 2 });
        const open = [0, 1].map(() => new EventStream(`${base}/api/events`));
        streams.push(...open);
        for (const s of open) await waitFor(() => s.status !== undefined);
        const third = await fetch(`${base}/api/events`);
        expect(third.status).toBe(429);
        expect(third.headers.get('retry-after')).toBe('10');
        expect(((await third.json()) as { error: { code: string } }).error.code).toBe(
          'rate-limited',
        );
        open[0]!.close();
        await new Promise((r) => setTimeout(r, 100));
        const again = new EventStream(`${base}/api/events`);
        streams.push(again);
        await waitFor(() => again.status !== undefined);
        expect(again.status).toBe(200);
      });

      it('refuses a bundle from past the end of the log, saying where it ends', async () => {
        await board(PUBLIC_CHARTER);
        const b = new Browser(serve());
        const size = ledger.state.size;
        const answer = await b.get(`/api/bundle?from=${size + 5}`);
        expect(refusal(answer)).toEqual({ status: 404, code: 'not-found' });
        expect(answer.body.error.message).toBe(
          `entry ${size + 5} is not in the tree of size ${size} (entries 0 to ${size - 1})`,
        );
      });

      it('refuses a bundle of more entries than it holds, naming the limit', async () => {
        await board(PUBLIC_CHARTER);
        const app = serve({ bundleMaxEntries: 3 });
        const b = new Browser(app);
        const answer = await b.get(`/api/bundle?from=0&to=${ledger.state.size - 1}`);
        expect(refusal(answer)).toEqual({ status: 413, code: 'too-large' });
        expect(answer.body.error.message).toMatch(/at most 3 entries/);
        expect(answer.body.error.message).toMatch(/from=I&to=J/);
        expect((await b.get('/api/bundle?from=1&to=3')).status).toBe(200);
      });

      it('answers an address so many bundles a minute', async () => {
        await board(PUBLIC_CHARTER);
        const b = new Browser(serve({ bundlesPerMinute: 2 }));
        expect((await b.get('/api/bundle?from=0&to=1')).status).toBe(200);
        expect((await b.get('/api/bundle?from=0&to=1')).status).toBe(200);
        const third = await b.get('/api/bundle?from=0&to=1');
        expect(refusal(third)).toEqual({ status: 429, code: 'rate-limited' });
        expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      });
    });
  });
}

async function waitFor(test: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !test(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(test()).toBe(true);
}
