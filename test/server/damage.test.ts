/**
 * A record changed under a running server, behind its back (rows deleted or inserted in the
 * database): the server records nothing more on it and says why, 503 record-damaged to acts and
 * to its readiness probe, instead of a conflict to ask again or an internal error; and once the
 * record is restored it is ready again without a restart. On SQLite and on PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { runSql, querySql } from '../support/raw-sql.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import type { RecordStore } from '../../src/store/index.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { Browser, enrolledLedger, refusal, signAct, testServer } from './support.js';

/** Bytes as an SQL literal of the backend: `{}`, which is no entry. */
const NOT_AN_ENTRY = { sqlite: "X'7b7d'", postgres: "decode('7b7d', 'hex')" };

const DAMAGES: Record<string, (last: number, bytes: string) => string[]> = {
  'the last entry deleted': (last) => [`DELETE FROM entries WHERE idx = ${last}`],
  'every entry deleted': () => ['DELETE FROM entries'],
  'an entry that is no entry appended': (last, bytes) => [
    `INSERT INTO entries (idx, bytes) VALUES (${last + 1}, ${bytes})`,
  ],
};

for (const backend of BACKENDS) {
  describe(`a record damaged under a running server, on ${backend.name}`, () => {
    let handle: StoreHandle;
    let store: RecordStore;
    let app: FastifyInstance;
    let secretary: Browser;
    let key: KeyPair;

    beforeEach(async () => {
      handle = await backend.fresh();
      store = await handle.open({ create: true });
      const { ledger, keys } = await enrolledLedger(['sec', 'ada'], undefined, store);
      app = testServer({ ledger, followPollMs: 50 });
      key = keys.get('sec')!;
      secretary = new Browser(app);
      expect((await secretary.loginAs('sec', key)).status).toBe(200);
    });

    afterEach(async () => {
      await app.close();
      await store.close();
      await handle.dispose();
    });

    const open = (session: string) =>
      secretary.post(
        '/api/acts',
        signAct('sec', key, 'session.open', { session, body: 'board', mode: 'live' }),
      );
    const ready = async () => {
      const answer = await app.inject({ method: 'GET', url: '/api/ready' });
      return { status: answer.statusCode, code: answer.json()?.error?.code as unknown };
    };
    /** Waits for the server's follower to have read the log once more. */
    const followed = () => new Promise((resolve) => setTimeout(resolve, 300));
    const count = async () =>
      Number(
        (await querySql<{ n: number | string }>(handle, 'SELECT count(*) AS n FROM entries'))[0]!.n,
      );

    for (const [name, damage] of Object.entries(DAMAGES)) {
      it(`${name}: acts and readiness are refused 503 record-damaged, and nothing is recorded`, async () => {
        expect((await open('first')).status).toBe(201);
        expect(await ready()).toEqual({ status: 200, code: undefined });
        const last = (await store.size()) - 1;
        await runSql(handle, damage(last, NOT_AN_ENTRY[backend.name]));
        const entries = await count();
        const refused = await open('second');
        expect(refusal(refused)).toEqual({ status: 503, code: 'record-damaged' });
        expect(refused.body.error.message).toMatch(/changed outside Collegium/);
        await followed();
        expect(await ready()).toEqual({ status: 503, code: 'record-damaged' });
        expect(await count()).toBe(entries);
      });
    }

    // SQLite keeps whatever a column is given; PostgreSQL's bigint takes no such index.
    if (backend.name === 'sqlite')
      it('an entry index that is no number: acts and readiness are refused 503 record-damaged', async () => {
        expect((await open('first')).status).toBe(201);
        const last = (await store.size()) - 1;
        await runSql(handle, [`UPDATE entries SET idx = 'x' WHERE idx = ${last}`]);
        expect(refusal(await open('second'))).toEqual({ status: 503, code: 'record-damaged' });
        expect(await ready()).toEqual({ status: 503, code: 'record-damaged' });
      });

    it('is ready again, without a restart, once the record is restored', async () => {
      expect((await open('first')).status).toBe(201);
      const last = (await store.size()) - 1;
      const [insert] = DAMAGES['an entry that is no entry appended']!(
        last,
        NOT_AN_ENTRY[backend.name],
      );
      await runSql(handle, [insert!]);
      await followed();
      expect(await ready()).toEqual({ status: 503, code: 'record-damaged' });
      await runSql(handle, [`DELETE FROM entries WHERE idx = ${last + 1}`]);
      await followed();
      expect(await ready()).toEqual({ status: 200, code: undefined });
      expect((await open('second')).status).toBe(201);
    });
  });
}
