/**
 * Bringing a record of an earlier schema up to date: the migrations and the schema's row in one
 * transaction, so that one cut short leaves the record as it was; migration 0007 going on from
 * wherever a run outside a transaction (an earlier version's, on SQLite) was cut short; no upgrade
 * while a writer holds the log's lock; and a record that ran migrations this version does not
 * know refused as a later version's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/app/ledger.js';
import type { Draft } from '../../src/app/ledger.js';
import { openSession } from '../../src/app/proceedings.js';
import { toBase64 } from '../../src/core/bytes.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { enrolledLedger, signAct } from '../server/support.js';
import { querySql, runSql } from '../support/raw-sql.js';
import { BACKENDS, postgresClient } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';

const MIGRATION = '0007-accepted-by-time';

for (const backend of BACKENDS) {
  describe(`upgrading a record on ${backend.name}`, () => {
    const postgres = backend.name === 'postgres';
    const bin = postgres ? 'bytea' : 'blob';
    let handle: StoreHandle;
    /** The accepted acts as schema 7 keeps them: time, signature (hex), until. */
    let accepted: string[];

    /** A record with two acts signed on ada's device, accepted. */
    beforeEach(async () => {
      handle = await backend.fresh();
      const store = await handle.open({ create: true });
      const { ledger, keys } = await enrolledLedger(['sec', 'ada'], undefined, store);
      ledger.useKeys(new Map([['sec', keys.get('sec')!.privateKey]]));
      await ledger.append([openSession({ session: 's', body: 'board' })]);
      const ada = keys.get('ada')!;
      for (const kind of ['arrive', 'depart'] as const) {
        const presence = { session: 's', person: 'ada' };
        const sent = signAct('ada', ada, `attendance.${kind}`, presence);
        const draft: Draft = {
          act: { type: `attendance.${kind}`, payload: presence },
          actor: 'ada',
          signed: { time: sent.time, signer: 'ada', key: toBase64(ada.publicKey), sig: sent.sig },
        };
        await ledger.append([draft]);
      }
      await ledger.store.close();
      accepted = await acceptedRows();
      expect(accepted).toHaveLength(2);
    });
    afterEach(async () => {
      await handle.dispose();
    });

    async function acceptedRows(): Promise<string[]> {
      const rows = await querySql<{ at: unknown; sig: Uint8Array; until: unknown }>(
        handle,
        'SELECT at, sig, until FROM accepted ORDER BY at, sig',
      );
      return rows.map((r) => `${Number(r.at)} ${Buffer.from(r.sig).toString('hex')} ${r.until}`);
    }

    /** The record as schema 6 left it: the accepted acts by their signature alone. */
    const schema6 = [
      `CREATE TABLE accepted_old (sig ${bin} PRIMARY KEY, until bigint)`,
      'INSERT INTO accepted_old SELECT sig, until FROM accepted',
      'DROP TABLE accepted',
      'ALTER TABLE accepted_old RENAME TO accepted',
      'CREATE INDEX accepted_until ON accepted (until)',
      `DELETE FROM kysely_migration WHERE name = '${MIGRATION}'`,
      "UPDATE meta SET value = '6' WHERE key = 'schema'",
    ];
    /** Schema 6 as 0007 names it in kysely_migration and meta, its tables left as they are. */
    const notRun = [
      `DELETE FROM kysely_migration WHERE name = '${MIGRATION}'`,
      "UPDATE meta SET value = '6' WHERE key = 'schema'",
    ];

    /** Opens the record to write and checks it is at this schema, with its acts and index. */
    async function expectUpToDate(): Promise<void> {
      const store = await handle.open({ create: false });
      await Ledger.open(store);
      await store.close();
      expect(await acceptedRows()).toEqual(accepted);
      const index = postgres
        ? "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'accepted_until'"
        : "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'accepted_until'";
      expect(await querySql(handle, index)).toHaveLength(1);
      const meta = await querySql<{ value: string }>(
        handle,
        "SELECT value FROM meta WHERE key = 'schema'",
      );
      expect(meta).toEqual([{ value: SCHEMA_VERSION }]);
      const run = await querySql(handle, `SELECT name FROM kysely_migration`);
      expect(run).toHaveLength(Number(SCHEMA_VERSION));
    }

    it('upgrades in one transaction: one cut short leaves the record as it was', async () => {
      const cut = postgres
        ? [
            `CREATE FUNCTION cut() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.name = '${MIGRATION}' THEN RAISE EXCEPTION 'cut short'; END IF; RETURN NEW; END $$`,
            'CREATE TRIGGER cut BEFORE INSERT ON kysely_migration FOR EACH ROW EXECUTE FUNCTION cut()',
          ]
        : [
            `CREATE TRIGGER cut BEFORE INSERT ON kysely_migration WHEN NEW.name = '${MIGRATION}' BEGIN SELECT RAISE(ABORT, 'cut short'); END`,
          ];
      await runSql(handle, [...schema6, ...cut]);
      const before = await handle.dump();
      await expect(handle.open({ create: false })).rejects.toThrow(/cut short/);
      expect(await handle.dump()).toEqual(before);
      await runSql(handle, [
        postgres ? 'DROP TRIGGER cut ON kysely_migration' : 'DROP TRIGGER cut',
      ]);
      await expectUpToDate();
    });

    const cutShort: [string, string[]][] = [
      [
        'the new table begun beside the old, a row in it',
        [
          ...schema6,
          `CREATE TABLE accepted_by_time (at bigint NOT NULL, sig ${bin} NOT NULL, until bigint, PRIMARY KEY (at, sig))`,
          'INSERT INTO accepted_by_time SELECT 1, sig, NULL FROM accepted',
        ],
      ],
      [
        'the old table dropped, the new one not yet renamed',
        ['DROP INDEX accepted_until', 'ALTER TABLE accepted RENAME TO accepted_by_time', ...notRun],
      ],
      ['the new table renamed, its index not yet made', ['DROP INDEX accepted_until', ...notRun]],
    ];
    for (const [state, statements] of cutShort) {
      it(`runs 0007 again where a run outside a transaction left ${state}`, async () => {
        await runSql(handle, statements);
        await expectUpToDate();
      });
    }

    it('refuses a record that ran a migration this version does not know, whatever meta says', async () => {
      const later = `INSERT INTO kysely_migration (name, timestamp) VALUES ('0099-later', '2030-01-01T00:00:00.000Z')`;
      await runSql(handle, [later]);
      for (const readOnly of [true, false])
        await expect(handle.open({ create: false, readOnly })).rejects.toMatchObject({
          code: 'not-a-record',
          message: expect.stringMatching(
            /is a Collegium record upgraded by a later version of collegium \(it has run the migration 0099-later, which this version does not know\)/,
          ),
        });
      // One it would bring up to date, but for that migration: left as it is.
      await runSql(handle, ["UPDATE meta SET value = '6' WHERE key = 'schema'"]);
      const before = await handle.dump();
      await expect(handle.open({ create: false })).rejects.toMatchObject({
        code: 'not-a-record',
        message: expect.stringContaining('0099-later'),
      });
      expect(await handle.dump()).toEqual(before);
    });

    // On PostgreSQL, whose log lock is an advisory lock that another connection holds.
    if (postgres)
      it('waits for a writer holding the log lock, then upgrades', async () => {
        await runSql(handle, schema6);
        const schema = /search_path%3D(t_[0-9a-f]+)/.exec(handle.location)![1]!;
        const writer = await postgresClient(schema);
        try {
          await writer.query('BEGIN');
          await writer.query("UPDATE meta SET value = value WHERE key = 'schema'");
          let opened = false;
          const opening = handle.open({ create: false }).then((store) => {
            opened = true;
            return store;
          });
          await new Promise((resolve) => setTimeout(resolve, 500));
          expect(opened).toBe(false);
          const run = `SELECT name FROM kysely_migration WHERE name = '${MIGRATION}'`;
          expect(await querySql(handle, run)).toEqual([]);
          await writer.query('COMMIT');
          await (await opening).close();
        } finally {
          await writer.end();
        }
        await expectUpToDate();
      });
  });
}
