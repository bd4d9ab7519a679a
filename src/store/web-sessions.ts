/**
 * What the server instances of one record share beside it, in the same database: signed-in
 * sessions, login challenges, rate-limit counters and the key CSRF tokens are made with. None of
 * it is part of the record (a copy of the record leaves it behind); all of it is what lets any
 * instance answer any request.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { runSql } from './raw-sql.js';
import type { ChannelWatcher } from './postgres-watch.js';
import type { Engine } from './raw-sql.js';
import type { Tables } from './schema.js';

export interface StoredWebSession {
  /** The cookie's value. */
  readonly id: string;
  readonly person: string;
  /** The key (base64) the session signed in with; null for a demo login. */
  readonly key: string | null;
  /** When it was last used, in milliseconds since the epoch (kept to the minute or so). */
  readonly lastSeen: number;
}

/**
 * The shared web state of a record's server instances.
 *
 * @example
 * ```ts
 * const shared = store.webSessions();
 * await shared.putSession({ id, person: 'ada', key, lastSeen: Date.now() });
 * const [session] = await shared.sessions([id]); // on any instance
 * const given = await shared.takeChallenge(challenge); // once, whichever instance asks
 * const { count, resetAt } = await shared.hit('login:address:10.0.0.1', 60_000, Date.now());
 * ```
 */
export interface WebSessionStore {
  /** The key CSRF tokens are an HMAC under: made once, by whichever instance asks first. */
  csrfKey(): Promise<Uint8Array>;
  /** The sessions of those of `ids` that exist, in any order: one query for many requests. */
  sessions(ids: readonly string[]): Promise<StoredWebSession[]>;
  putSession(session: StoredWebSession): Promise<void>;
  /** Notes that the session was used at `time`. */
  touchSession(id: string, time: number): Promise<void>;
  /**
   * Ends the session. On PostgreSQL the other instances, which may keep it in memory (auth.ts),
   * are told in the same statement: it is gone and told together, or neither, even if the
   * connection is lost midway (two statements would leave it kept where it was not told).
   */
  endSession(id: string): Promise<void>;
  /** Forgets the sessions last used before `time`; told as endSession tells, with an empty id. */
  sweepSessions(time: number): Promise<void>;
  putChallenge(challenge: string, person: string, expires: number): Promise<void>;
  /** Takes the challenge away, answering whom it was given to: it can be taken once only. */
  takeChallenge(challenge: string): Promise<{ person: string; expires: number } | undefined>;
  /** Forgets the challenges that expired before `time`, and the counters of windows past. */
  sweepChallenges(time: number): Promise<void>;
  /**
   * Tells `told` of the sessions any instance ends, as it ends them (`notified`, the id; empty
   * when a sweep ended some), and whether it is told at all (`listening`, `lost`); answers how
   * to stop. Absent on SQLite, which tells of other writers instead (writtenElsewhere).
   */
  readonly watchEnded?: ChannelWatcher;
  /**
   * Whether another connection has written to the database since this store was last asked,
   * where the database can tell at once (SQLite); absent elsewhere. Where present, sessions kept
   * in memory are all forgotten whenever it answers true: one of them may have been ended.
   */
  readonly writtenElsewhere?: () => boolean;
  /**
   * Counts one hit on `key` in its window of `windowMs` (a new window when the last one is
   * over), atomically across instances; answers the count in the window and when it ends.
   */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
}

/** The PostgreSQL channel on which ending a session is told (its id; empty for a sweep). */
export const SESSIONS_CHANNEL = 'collegium_sessions';

const SESSIONS_WHERE_ID =
  'select "id", "person", "key", "last_seen" from "web_sessions" where "id"';

/** The name of the CSRF key among the record's secrets. */
const CSRF_SECRET = 'csrf';

export class KyselyWebSessions implements WebSessionStore {
  readonly writtenElsewhere?: () => boolean;

  /**
   * `dataVersion`: a number the database changes whenever another connection commits to it
   * (SQLite's data_version), where it keeps one.
   */
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly kind: Engine,
    readonly watchEnded?: ChannelWatcher,
    dataVersion?: () => number,
  ) {
    if (dataVersion) {
      let seen = dataVersion();
      this.writtenElsewhere = () => {
        const now = dataVersion();
        const written = now !== seen;
        seen = now;
        return written;
      };
    }
  }

  async csrfKey(): Promise<Uint8Array> {
    // Made once: whichever instance inserts first, every instance reads the same key after.
    await this.db
      .insertInto('secrets')
      .values({ name: CSRF_SECRET, value: randomBytes(32) })
      .onConflict((c) => c.column('name').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('secrets')
      .select('value')
      .where('name', '=', CSRF_SECRET)
      .executeTakeFirstOrThrow();
    return new Uint8Array(row.value);
  }

  async sessions(ids: readonly string[]): Promise<StoredWebSession[]> {
    // Read for every request that needs a person, many at once (BatchedReads): one text for any
    // number of ids, prepared once (see raw-sql.ts).
    const { rows } = await runSql<Tables['web_sessions']>(
      this.db,
      this.kind,
      this.kind === 'postgres'
        ? `${SESSIONS_WHERE_ID} = any(?)`
        : `${SESSIONS_WHERE_ID} in (select "value" from json_each(?))`,
      [this.kind === 'postgres' ? ids : JSON.stringify(ids)],
    );
    return rows.map((row) => ({
      id: row.id,
      person: row.person,
      key: row.key,
      lastSeen: Number(row.last_seen),
    }));
  }

  async putSession({ id, person, key, lastSeen }: StoredWebSession): Promise<void> {
    await this.db
      .insertInto('web_sessions')
      .values({ id, person, key, last_seen: lastSeen })
      .execute();
  }

  async touchSession(id: string, time: number): Promise<void> {
    await this.db
      .updateTable('web_sessions')
      .set({ last_seen: time })
      .where('id', '=', id)
      .execute();
  }

  async endSession(id: string): Promise<void> {
    if (this.kind !== 'postgres') {
      await this.db.deleteFrom('web_sessions').where('id', '=', id).execute();
      return;
    }
    await sql`with ended as (delete from "web_sessions" where "id" = ${id})
      select pg_notify(${SESSIONS_CHANNEL}, ${id})`.execute(this.db);
  }

  async sweepSessions(time: number): Promise<void> {
    if (this.kind !== 'postgres') {
      await this.db.deleteFrom('web_sessions').where('last_seen', '<', time).execute();
      return;
    }
    await sql`with swept as (delete from "web_sessions" where "last_seen" < ${time} returning 1)
      select pg_notify(${SESSIONS_CHANNEL}, '') where exists (select 1 from swept)`.execute(
      this.db,
    );
  }

  async putChallenge(challenge: string, person: string, expires: number): Promise<void> {
    await this.db.insertInto('login_challenges').values({ challenge, person, expires }).execute();
  }

  async takeChallenge(challenge: string): Promise<{ person: string; expires: number } | undefined> {
    const row = await this.db
      .deleteFrom('login_challenges')
      .where('challenge', '=', challenge)
      .returning(['person', 'expires'])
      .executeTakeFirst();
    return row && { person: row.person, expires: Number(row.expires) };
  }

  async sweepChallenges(time: number): Promise<void> {
    await this.db.deleteFrom('login_challenges').where('expires', '<', time).execute();
    await this.db.deleteFrom('rate_limits').where('reset_at', '<', time).execute();
  }

  async hit(key: string, windowMs: number, now: number) {
    // One statement: a new window if there is none or it is over, else one more in it.
    const over = sql<boolean>`rate_limits.reset_at <= ${now}`;
    const row = await this.db
      .insertInto('rate_limits')
      .values({ key, count: 1, reset_at: now + windowMs })
      .onConflict((c) =>
        c.column('key').doUpdateSet({
          count: sql`case when ${over} then 1 else rate_limits.count + 1 end`,
          reset_at: sql`case when ${over} then excluded.reset_at else rate_limits.reset_at end`,
        }),
      )
      .returning(['count', 'reset_at'])
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), resetAt: Number(row.reset_at) };
  }
}
