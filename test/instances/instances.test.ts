/**
 * Several server instances on one database (PostgreSQL, and one SQLite file): each takes ballots,
 * each follows what the others record, and the record stays one log, every acknowledged ballot in
 * it exactly once. The instances run in this process, each with its own store and ledger, as
 * separate processes would; test/instances/processes.test.ts kills and restarts real ones.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { audit } from '../../src/app/audit.js';
import { Ledger } from '../../src/app/ledger.js';
import { attendance, openSession, openVote, proposeMotion } from '../../src/app/proceedings.js';
import { motionKey } from '../../src/core/state/index.js';
import { decodeEntry } from '../../src/record/entry.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import {
  Browser,
  enrolledLedger,
  EventStream,
  refusal,
  signAct,
  signLogin,
  testServer,
  TEST_ORIGIN,
  assemblyCharter,
  votersOf,
} from '../server/support.js';

const N = 60;
const voters = votersOf(N);
const CHARTER = assemblyCharter(voters, 'record: { read: public }');
const S = 's';
const M = 'm';

for (const backend of BACKENDS) {
  describe(`instances on one ${backend.name} database`, () => {
    let handle: StoreHandle;
    const closing: (() => Promise<unknown>)[] = [];

    beforeEach(async () => {
      handle = await backend.fresh();
    });
    afterEach(async () => {
      for (const close of closing.splice(0).reverse()) await close();
      await handle.dispose();
    });

    /** An instance: its own store and ledger on the shared database, listening on loopback. */
    async function instance(
      followPollMs = 200,
    ): Promise<{ app: FastifyInstance; ledger: Ledger; base: string }> {
      const ledger = await Ledger.open(await handle.open({ create: false }));
      const app = testServer({ ledger, verifyThreads: 1, followPollMs });
      await app.listen({ port: 0, host: '127.0.0.1' });
      closing.push(async () => {
        await app.close();
        await ledger.store.close();
      });
      const address = app.server.address() as { port: number };
      return { app, ledger, base: `http://127.0.0.1:${address.port}` };
    }

    it('three instances take one vote together: no fork, each ballot once, all see the decision', async () => {
      const { ledger: first, keys } = await enrolledLedger(
        ['sec', ...voters],
        CHARTER,
        await handle.open({ create: true }),
      );
      first.useKeys(new Map([['sec', keys.get('sec')!.privateKey]]));
      await first.append([
        openSession({ session: S, body: 'assembly' }),
        ...voters.map((v) => attendance('arrive', S, v, 'sec')),
        proposeMotion({ session: S, motion: M, text: 'Yes?' }),
        openVote(S, M),
      ]);
      await first.store.close();
      const servers = [await instance(), await instance(), await instance()];
      const streams = servers.map((s) => new EventStream(`${s.base}/api/events`));
      closing.push(async () => streams.forEach((s) => s.close()));

      // Each voter signs in on one instance and votes there; the same signed ballot is also sent
      // to another instance, where it must be refused: a signed act is accepted once.
      const browsers = await Promise.all(
        voters.map(async (v, i) => {
          const b = new Browser(servers[i % 3]!.app);
          expect((await b.loginAs(v, keys.get(v)!)).status).toBe(200);
          const elsewhere = new Browser(servers[(i + 1) % 3]!.app);
          expect((await elsewhere.loginAs(v, keys.get(v)!)).status).toBe(200);
          return { b, elsewhere };
        }),
      );
      const ballots = voters.map((v) =>
        signAct(v, keys.get(v)!, 'ballot.cast', { session: S, motion: M, voter: v, choice: 'aye' }),
      );
      const answers = await Promise.all(
        voters.flatMap((_, i) => [
          browsers[i]!.b.post('/api/acts', ballots[i]!),
          browsers[i]!.elsewhere.post('/api/acts', ballots[i]!),
        ]),
      );
      for (let i = 0; i < N; i++) {
        const pair = [answers[2 * i]!, answers[2 * i + 1]!];
        expect(pair.filter((a) => a.status === 201)).toHaveLength(1);
        expect(refusal(pair.find((a) => a.status !== 201)!).status).toBe(409);
      }
      const acknowledged = answers.filter((a) => a.status === 201).map((a) => a.body.entry);

      // Every instance has followed the others: the count of ballots on each is all of them.
      for (const s of servers)
        await expect
          .poll(() => s.ledger.state.motions.get(motionKey(S, M))?.ballots.size, { timeout: 5000 })
          .toBe(N);
      // And its listeners saw it: the last ballot event on each instance counts all N.
      for (const stream of streams)
        await stream.until((e) => e.event === 'ballot' && e.data.voted === N);

      // The chair (sec, recording) closes on the second instance; every listener hears it.
      const closer = new Browser(servers[1]!.app);
      expect((await closer.loginAs('sec', keys.get('sec')!)).status).toBe(200);
      const toClose = (await closer.get(`/api/sessions/${S}/motions/${M}/closing`)).body;
      expect(
        (await closer.act('sec', keys.get('sec')!, 'vote.close', toClose.payload)).status,
      ).toBe(201);
      for (const stream of streams) await stream.until((e) => e.event === 'decision');

      // One log: each acknowledged ballot once, and the audit passes.
      const store = await handle.open({ create: false });
      closing.push(() => store.close());
      const report = await audit(store);
      expect(report.ok).toBe(true);
      const cast: number[] = [];
      for await (const e of store.entries(0, await store.size()))
        if (decodeEntry(e.bytes).type === 'ballot.cast') cast.push(e.index);
      expect(cast.sort((a, b) => a - b)).toEqual([...acknowledged].sort((a, b) => a - b));
      // No two checkpoints of one size: the table's key forbids it, and every one is a prefix.
      const sizes: number[] = [];
      for await (const c of store.checkpoints()) sizes.push(c.size);
      expect(new Set(sizes).size).toBe(sizes.length);
    });

    it('offer a close whose decision counts the ballots another instance has just recorded', async () => {
      const few = voters.slice(0, 3);
      const { ledger: first, keys } = await enrolledLedger(
        ['sec', ...few],
        assemblyCharter(
          voters,
          '    circulation: { rule: { majority: votes-cast } }\nrecord: { read: public }',
        ),
        await handle.open({ create: true }),
      );
      first.useKeys(new Map([['sec', keys.get('sec')!.privateKey]]));
      await first.append([
        openSession({ session: S, body: 'assembly' }),
        ...few.map((v) => attendance('arrive', S, v, 'sec')),
        proposeMotion({ session: S, motion: M, text: 'Yes?' }),
        openVote(S, M),
      ]);
      await first.store.close();
      // The second instance follows the log only when asked: no poll comes in this test's time.
      const [a, b] = [await instance(), await instance(60_000)];
      for (const v of few) {
        const voter = new Browser(a.app);
        expect((await voter.loginAs(v, keys.get(v)!)).status).toBe(200);
        const ballot = { session: S, motion: M, voter: v, choice: 'aye' };
        expect((await voter.act(v, keys.get(v)!, 'ballot.cast', ballot)).status).toBe(201);
      }
      const closer = new Browser(b.app);
      expect((await closer.loginAs('sec', keys.get('sec')!)).status).toBe(200);
      const offered = (await closer.get(`/api/sessions/${S}/motions/${M}/closing`)).body;
      // Three of sixty present: no quorum, but the tally is the log's.
      expect(offered.payload.decision).toMatchObject({ tally: { aye: 3 } });
      expect(
        (await closer.act('sec', keys.get('sec')!, 'vote.close', offered.payload)).status,
      ).toBe(201);

      // The same for a question put between sessions, answered on the first instance.
      const C = 'q';
      const deadline = new Date(Date.now() + 86_400_000).toISOString();
      const question = { circulation: C, body: 'assembly', mode: 'live', text: 'Q?', deadline };
      await b.ledger.catchUp();
      expect((await closer.act('sec', keys.get('sec')!, 'circulation.open', question)).status).toBe(
        201,
      );
      await a.ledger.catchUp();
      const answerer = new Browser(a.app);
      expect((await answerer.loginAs('v00', keys.get('v00')!)).status).toBe(200);
      const answer = { circulation: C, member: 'v00', choice: 'nay' };
      expect(
        (await answerer.act('v00', keys.get('v00')!, 'circulation.answer', answer)).status,
      ).toBe(201);
      const toClose = (await closer.get(`/api/circulations/${C}/closing`)).body;
      expect(toClose.payload.decision).toMatchObject({ tally: { nay: 1 } });
    });

    it('share sessions, CSRF tokens, challenges and login limits: any instance answers', async () => {
      const { ledger: first, keys } = await enrolledLedger(
        ['sec', ...voters.slice(0, 3)],
        CHARTER,
        await handle.open({ create: true }),
      );
      await first.store.close();
      const [a, b] = [await instance(), await instance()];
      const ada = new Browser(a.app);
      expect((await ada.loginAs('v00', keys.get('v00')!)).status).toBe(200);
      // The same cookie and token, sent to the other instance: signed in there too.
      const elsewhere = Object.assign(new Browser(b.app), { cookie: ada.cookie, csrf: ada.csrf });
      expect((await elsewhere.get('/api/me')).body).toMatchObject({ person: 'v00' });
      const proposed = await elsewhere.act('v00', keys.get('v00')!, 'session.open', {
        session: 'x',
        body: 'assembly',
      });
      expect(proposed.status).not.toBe(401);
      expect(proposed.status).not.toBe(403);
      // Signed out on one, signed out on all: as soon as the database tells the other instance,
      // which keeps the sessions it has read (PostgreSQL notifies it; SQLite answers at once).
      expect((await ada.post('/api/logout')).status).toBe(200);
      const after = Object.assign(new Browser(b.app), { cookie: elsewhere.cookie });
      await expect
        .poll(async () => (await after.get('/api/me')).body.person, { timeout: 2000 })
        .toBeNull();

      // A challenge given by one instance is answered on the other, once.
      const asker = await new Browser(a.app).visit();
      const { challenge } = (await asker.post('/api/login/challenge', { person: 'v01' })).body;
      const answer = {
        person: 'v01',
        challenge,
        signature: signLogin(keys.get('v01')!, TEST_ORIGIN, challenge),
      };
      const onB = await new Browser(b.app).visit();
      expect((await onB.post('/api/login', answer)).status).toBe(200);
      const again = await new Browser(a.app).visit();
      expect(refusal(await again.post('/api/login', answer))).toEqual({
        status: 401,
        code: 'unauthenticated',
      });
    });

    // SQLite tells no instance of another's sign-out (a stream there ends with its own sign-out,
    // test/server/stream-readers.test.ts): this is PostgreSQL's alone, defined for it only.
    if (backend.name === 'postgres')
      it('end an event stream on one instance when its session is signed out on another', async () => {
        const { ledger: first, keys } = await enrolledLedger(
          ['sec', 'v00'],
          CHARTER,
          await handle.open({ create: true }),
        );
        await first.store.close();
        const [a, b] = [await instance(), await instance()];
        const ada = new Browser(a.app);
        expect((await ada.loginAs('v00', keys.get('v00')!)).status).toBe(200);
        const stream = new EventStream(`${b.base}/api/events`, undefined, ada.cookie);
        closing.push(async () => stream.close());
        await expect.poll(() => stream.status, { timeout: 2000 }).toBe(200);
        expect((await ada.post('/api/logout')).status).toBe(200);
        await expect.poll(() => stream.ended, { timeout: 2000 }).toBe(true);
      });

    it('count a login limit once across instances', async () => {
      const { ledger: first, keys } = await enrolledLedger(
        ['sec', 'v00'],
        CHARTER,
        await handle.open({ create: true }),
      );
      await first.store.close();
      const open = async () => {
        const ledger = await Ledger.open(await handle.open({ create: false }));
        const app = testServer({ ledger, loginsPerMinute: 3 });
        closing.push(async () => {
          await app.close();
          await ledger.store.close();
        });
        return app;
      };
      const [a, b] = [await open(), await open()];
      const statuses: number[] = [];
      for (const app of [a, b, a, b]) {
        const browser = await new Browser(app).visit();
        statuses.push((await browser.post('/api/login/challenge', { person: 'v00' })).status);
      }
      // Three allowed a minute in all, not three on each.
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(keys.get('v00')).toBeDefined();
    });
  });
}
