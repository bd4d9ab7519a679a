/**
 * The acts signed elsewhere that a ledger accepted: each accepted once, within a batch and across
 * batches and reopenings, and forgotten only once the act is refused by its time anyway.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/app/ledger.js';
import type { Draft } from '../../src/app/ledger.js';
import { openSession } from '../../src/app/proceedings.js';
import { toBase64 } from '../../src/core/bytes.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import type { RecordStore } from '../../src/store/types.js';
import { enrolledLedger, signAct } from '../server/support.js';
import { querySql, runSql } from '../support/raw-sql.js';
import { BACKENDS } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';

for (const backend of BACKENDS) {
  describe(`accepted acts on ${backend.name}`, () => {
    let handle: StoreHandle;
    beforeEach(async () => {
      handle = await backend.fresh();
    });
    afterEach(async () => {
      await handle.dispose();
    });

    /** A board whose secretary (her key held by the ledger) has opened session s; ada enrolled. */
    const boardInSession = async () => {
      const store = await handle.open({ create: true });
      const { ledger, keys } = await enrolledLedger(['sec', 'ada'], undefined, store);
      ledger.useKeys(new Map([['sec', keys.get('sec')!.privateKey]]));
      await ledger.append([openSession({ session: 's', body: 'board' })]);
      return { ledger, keys };
    };

    /** ada's arrival or departure, signed on her device, refused by its time after `refusedAfter`. */
    const signedBy = (pair: KeyPair, kind: 'arrive' | 'depart', refusedAfter?: number): Draft => {
      const presence = { session: 's', person: 'ada' };
      const sent = signAct('ada', pair, `attendance.${kind}`, presence);
      return {
        act: { type: `attendance.${kind}`, payload: presence },
        actor: 'ada',
        signed: {
          time: sent.time,
          signer: 'ada',
          key: toBase64(pair.publicKey),
          sig: sent.sig,
          ...(refusedAfter !== undefined ? { refusedAfter } : {}),
        },
      };
    };

    it('refuses the same signed act twice, in one batch or later, and remembers it until its time is out', async () => {
      const { ledger, keys } = await boardInSession();
      const ada = keys.get('ada')!;
      const arrival = signedBy(ada, 'arrive', 1_000);
      const departure = signedBy(ada, 'depart');
      const [first, twice] = await ledger.appendEach([arrival, arrival]);
      expect(first!.ok).toBe(true);
      expect(twice).toMatchObject({ ok: false, error: { code: 'conflict' } });
      await ledger.append([departure]);
      await expect(ledger.append([arrival])).rejects.toMatchObject({ code: 'conflict' });

      // Forgetting what is refused by its time before 1000 keeps the arrival (until 1000) and the
      // departure (for good); before 1001 the arrival goes, from the store too.
      await ledger.forgetAccepted(1_000);
      expect((await handle.dump())['accepted']).toHaveLength(2);
      await ledger.forgetAccepted(1_001);
      expect((await handle.dump())['accepted']).toHaveLength(1);
      const reopened = await Ledger.open(await handle.open({ create: false }));
      await expect(reopened.append([departure])).rejects.toMatchObject({ code: 'conflict' });
      // The ledger takes the forgotten arrival again: refusing it by its time is the server's part.
      await reopened.append([arrival]);
      await ledger.store.close();
      await reopened.store.close();
    });

    it('asks the record, not memory: an act another writer accepted is refused, alone in its batch', async () => {
      const { ledger, keys } = await boardInSession();
      const other = await Ledger.open(await handle.open({ create: false }));
      const ada = keys.get('ada')!;
      const arrival = signedBy(ada, 'arrive');
      await ledger.append([arrival]);
      // The other writer never saw it in memory; a source that drafts it is asked about too.
      const results = await other.appendEach([() => arrival, signedBy(ada, 'depart')]);
      expect(results[0]).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(results[1]!.ok).toBe(true);
      expect((await handle.dump())['accepted']).toHaveLength(2);
      await ledger.store.close();
      await other.store.close();
    });

    it('refuses an act another writer accepted after it was looked up, before the lock', async () => {
      const { ledger, keys } = await boardInSession();
      const ada = keys.get('ada')!;
      const sentAlready = { ok: false, error: { code: 'conflict', message: /sent already/ } };
      // Each arrival is followed by a departure: the rules would take the arrival again, so only
      // its having been accepted refuses it.
      const arrival = signedBy(ada, 'arrive');
      // The other writer's store: right after its early look-up, the first writer records it.
      const own = await handle.open({ create: false });
      let meanwhile: (() => Promise<unknown>) | undefined = () =>
        ledger.append([arrival, signedBy(ada, 'depart')]);
      const racing = new Proxy(own, {
        get(target, name, receiver) {
          if (name !== 'acceptedAmong') return Reflect.get(target, name, receiver) as unknown;
          return async (acts: Parameters<RecordStore['acceptedAmong']>[0]) => {
            const found = await target.acceptedAmong(acts);
            const first = meanwhile;
            meanwhile = undefined;
            await first?.();
            return found;
          };
        },
      });
      const other = await Ledger.open(racing);
      expect(await other.appendEach([arrival])).toMatchObject([sentAlready]);

      // A source whose signature could not be read before the lock is asked about under it: an
      // act accepted before this ledger's state, while an unrelated entry was appended since.
      await new Promise((resolve) => setTimeout(resolve, 2));
      const late = signedBy(ada, 'arrive');
      await ledger.append([late, signedBy(ada, 'depart')]);
      await other.catchUp();
      const size = other.size;
      await ledger.append([openSession({ session: 't', body: 'board' })]);
      const unreadable = (state: { size: number }) => {
        if (state.size === size) throw new Error('not drafted before the state moves on');
        return late;
      };
      expect(await other.appendEach([unreadable as never])).toMatchObject([sentAlready]);
      expect((await handle.dump())['accepted']).toHaveLength(4);
      await ledger.store.close();
      await other.store.close();
    });

    it('brings acts kept by their signature alone (schema 6) up to date, each with the time its entry gives', async () => {
      const { ledger, keys } = await boardInSession();
      const ada = keys.get('ada')!;
      const arrival = signedBy(ada, 'arrive', Date.now() + 60_000);
      await new Promise((resolve) => setTimeout(resolve, 2));
      const departure = signedBy(ada, 'depart');
      await ledger.append([arrival]);
      await ledger.append([departure, openSession({ session: 't', body: 'board' })]);
      await ledger.store.close();
      const postgres = handle.location.startsWith('postgres');
      // 6,000 rows no entry carries (no append writes one), their signatures before any other:
      // the old rows are read a page at a time, and the acts' own are on a later page.
      const orphans = postgres
        ? "SELECT decode('0000' || lpad(to_hex(n), 124, '0'), 'hex'), NULL FROM generate_series(1, 6000) AS n"
        : "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 6000) SELECT unhex(printf('0000%0124x', n)), NULL FROM c";
      // The table as schema 6 left it.
      await runSql(handle, [
        `CREATE TABLE accepted_old (sig ${postgres ? 'bytea' : 'blob'} PRIMARY KEY, until bigint)`,
        'INSERT INTO accepted_old SELECT sig, until FROM accepted',
        `INSERT INTO accepted_old ${orphans}`,
        'DROP TABLE accepted',
        'ALTER TABLE accepted_old RENAME TO accepted',
        'CREATE INDEX accepted_until ON accepted (until)',
        "DELETE FROM kysely_migration WHERE name = '0007-accepted-by-time'",
        "UPDATE meta SET value = '6' WHERE key = 'schema'",
      ]);

      const reopened = await Ledger.open(await handle.open({ create: false }));
      const rows = await querySql<{ at: number | string; sig: Uint8Array; until: unknown }>(
        handle,
        'SELECT at, sig, until FROM accepted ORDER BY at',
      );
      expect(rows.map((r) => [Number(r.at), toBase64(r.sig), r.until === null])).toEqual([
        [Date.parse(arrival.signed!.time), arrival.signed!.sig, false],
        [Date.parse(departure.signed!.time), departure.signed!.sig, true],
      ]);
      for (const again of [arrival, departure])
        await expect(reopened.append([again])).rejects.toMatchObject({ code: 'conflict' });
      await reopened.store.close();
    });

    it('refuses an act whose time is not a time, which could not be named among those accepted', async () => {
      const { ledger, keys } = await boardInSession();
      const presence = { session: 's', person: 'ada' };
      const sent = signAct('ada', keys.get('ada')!, 'attendance.arrive', presence, 'yesterday');
      const draft: Draft = {
        act: { type: 'attendance.arrive', payload: presence },
        actor: 'ada',
        signed: {
          time: 'yesterday',
          signer: 'ada',
          key: toBase64(keys.get('ada')!.publicKey),
          sig: sent.sig,
        },
      };
      const before = await handle.dump();
      const [result] = await ledger.appendEach([draft]);
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'invalid-input',
          message: expect.stringMatching(/time yesterday is not a time/),
        },
      });
      expect(await handle.dump()).toEqual(before);
      await ledger.store.close();
    });

    it('refuses a signature that is not 64 bytes in canonical base64, even one marked verified', async () => {
      const { ledger, keys } = await boardInSession();
      const arrival = signedBy(keys.get('ada')!, 'arrive');
      const sig = arrival.signed!.sig;
      // The same bytes with an unused bit of the last character set.
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      const respelled = sig.slice(0, 85) + alphabet[alphabet.indexOf(sig[85]!) + 1]! + '==';
      const before = await handle.dump();
      for (const wrong of ['AAAA', respelled]) {
        const draft = { ...arrival, signed: { ...arrival.signed!, sig: wrong, verified: true } };
        await expect(ledger.append([draft])).rejects.toMatchObject({
          code: 'invalid-input',
          message: expect.stringMatching(/not 64 bytes in canonical base64/),
        });
      }
      expect(await handle.dump()).toEqual(before);
      await ledger.append([arrival]);
      await ledger.store.close();
    });
  });
}
