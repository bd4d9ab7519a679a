/**
 * Who is asking: sessions kept in a cookie, CSRF tokens bound to it, and logins by a signed
 * challenge. A visitor who is not signed in still has a cookie (random, kept nowhere) so that
 * their CSRF token, an HMAC of it under a key every instance shares, can be checked without
 * storing anything for them. Signing in replaces the cookie, so a cookie planted before cannot be used.
 * A session remembers the key it signed in with: the member's acts are verified against it, and
 * the session ends when that key is revoked.
 */
import { createHmac, randomBytes, timingSafeEqual, verify } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KeyObject } from 'node:crypto';
import type {} from '@fastify/cookie';
import { fromBase64 } from '../core/bytes.js';
import type { StoredWebSession, WebSessionStore } from '../store/web-sessions.js';
import { BatchedReads } from './batched-reads.js';
import { refuse } from './errors.js';

export const SESSION_COOKIE = 'collegium_session';
export const CSRF_HEADER = 'x-csrf-token';
/** Signatures over login challenges can never be taken for signatures over anything else. */
export const LOGIN_CONTEXT = 'collegium/login/v1\n';

export interface Visitor {
  /** The cookie's value. */
  readonly id: string;
  readonly person: string | null;
  /** The key the session signed in with (base64); null when not signed in, or by demo login. */
  readonly key: string | null;
  readonly csrf: string;
  /** When the session expires unless used again (ms); Infinity when not signed in. */
  readonly expires: number;
}

/**
 * Whether `person` still holds `key` in the record; for null (a demo login, which proved no key),
 * whether the server is in demo mode: a record served for real after the demo takes no such login.
 */
export type HoldsKey = (person: string, key: string | null) => boolean;

const COOKIE_FORM = /^[A-Za-z0-9_-]{43}$/;
/**
 * A session's last use is written when it is older than this: not at every request. A kept
 * session is read again then too (see Sessions).
 */
const TOUCH_AFTER_MS = 60_000;
/** How many sessions are kept in memory (all are forgotten at once past it). */
const SESSIONS_KEPT = 100_000;
/** How many cookies' CSRF tokens are kept computed (all are forgotten at once past it). */
const CSRF_TOKENS_KEPT = 100_000;
/** Expired sessions and challenges are swept at most this often, by whichever request comes. */
const SWEEP_EVERY_MS = 60_000;

/**
 * Sessions, CSRF tokens and login challenges, kept in the database (WebSessionStore) that every
 * server instance of the record shares: a session started through one instance is valid on all,
 * ended on one it is ended on all, and a challenge is used once whichever instance is asked.
 *
 * Where the database tells of sessions ended, the sessions read lately are kept in memory (a
 * read on every request was the largest cost of a ballot): on PostgreSQL, each is forgotten as
 * soon as any instance ends it, and all of them whenever the telling was interrupted; on SQLite,
 * all of them whenever another connection has written to the file. Only a session's last use
 * changes while it lasts, and only that instance's kept copy knows when it was used elsewhere:
 * a kept session is read again once it is as old as a touch (TOUCH_AFTER_MS), before it is
 * touched or taken for idle.
 */
export class Sessions {
  private csrfKey: Promise<Uint8Array> | undefined;
  private readonly csrfTokens = new Map<string, string>();
  private readonly kept = new Map<string, StoredWebSession>();
  /** Whether sessions are kept: only while ends are told (follow), or other writers (SQLite). */
  private keeping: boolean;
  /** Counts the ends told: a session read while one was told is not kept (it may be that one). */
  private endsTold = 0;
  /** Whether other writers were asked about in this turn of the event loop (SQLite). */
  private askedThisTurn = false;
  private sweptAt = 0;
  /** Every request's session is read from the database: many requests' in one query. */
  private readonly reads: BatchedReads<string, StoredWebSession>;
  /** Told the cookie of each session that ends (see whenEnded). */
  private ended: (id: string) => void = () => undefined;

  constructor(
    private readonly shared: WebSessionStore,
    private readonly now: () => number,
    private readonly idleMs: number,
    private readonly challengeMs: number,
    private readonly holds: HoldsKey,
    /**
     * The origin browsers reach the server at is https: a proxy in front speaks TLS, even where
     * the server is not told so (--trust-proxy), and the cookie is never to travel without it.
     */
    private readonly httpsOrigin = false,
  ) {
    this.keeping = shared.writtenElsewhere !== undefined;
    this.reads = new BatchedReads(
      (ids) => shared.sessions(ids),
      (session) => session.id,
    );
  }

  /** The visitor the request's cookie names, or undefined without a well-formed cookie. */
  async visitor(request: FastifyRequest): Promise<Visitor | undefined> {
    const id = request.cookies[SESSION_COOKIE];
    if (id === undefined || !COOKIE_FORM.test(id)) return undefined;
    const told = this.endsTold;
    const session = await this.session(id);
    const csrf = await this.csrfOf(id);
    if (session) {
      const now = this.now();
      if (this.lasts(session, now)) {
        let lastSeen = session.lastSeen;
        if (now - lastSeen > TOUCH_AFTER_MS) {
          lastSeen = now;
          await this.shared.touchSession(id, now);
          this.keep({ ...session, lastSeen }, told);
        }
        const { person, key } = session;
        return { id, person, key, csrf, expires: lastSeen + this.idleMs };
      }
      await this.end(id);
    }
    return { id, person: null, key: null, csrf, expires: Infinity };
  }

  /**
   * When the session `id` expires unless used before then (ms), read as a request's is; undefined
   * where it has ended, and ended now where it has expired or its key is revoked. Asking is no
   * use of the session: it is not touched.
   */
  async expiry(id: string): Promise<number | undefined> {
    const session = await this.session(id);
    if (!session) return undefined;
    if (this.lasts(session, this.now())) return session.lastSeen + this.idleMs;
    await this.end(id);
    return undefined;
  }

  /** Whether `session` is still good at `now`: not idle too long, its key not revoked. */
  private lasts(session: StoredWebSession, now: number): boolean {
    // A revoked key signs nothing more: the session it opened ends with it.
    return this.holds(session.person, session.key) && now - session.lastSeen <= this.idleMs;
  }

  /**
   * Keeps the sessions read lately in memory while the database tells of each one ended (by
   * any instance), if it can; answers how to stop.
   */
  async follow(): Promise<() => Promise<void>> {
    if (!this.shared.watchEnded) return async () => undefined;
    const stop = await this.shared.watchEnded((note) => {
      this.endsTold++;
      // Kept only while every end is told; an empty id is a sweep.
      if (note.kind !== 'notified') this.keeping = note.kind === 'listening';
      if (note.kind !== 'notified' || note.payload === '') this.kept.clear();
      else {
        this.kept.delete(note.payload);
        this.ended(note.payload);
      }
    });
    return async () => {
      this.keeping = false;
      this.kept.clear();
      await stop();
    };
  }

  /**
   * Tells `listener` the cookie of each session that ends: here (a logout, a login over it, its
   * key revoked), or on another instance where the database tells of it.
   */
  whenEnded(listener: (id: string) => void): void {
    this.ended = listener;
  }

  /** Refuses a request whose X-CSRF-Token is not the token of its cookie. */
  checkCsrf(request: FastifyRequest, visitor: Visitor | undefined): void {
    const header = request.headers[CSRF_HEADER];
    // Compared as bytes: a header's characters beyond ASCII take more bytes than characters.
    const sent = typeof header === 'string' ? Buffer.from(header) : undefined;
    const expected = visitor && Buffer.from(visitor.csrf);
    if (!expected || !sent || sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
      refuse('csrf', `send the header X-CSRF-Token with the token GET /api/me gives`);
    }
  }

  /**
   * A new cookie for the visitor, signed in as `person` with `key` (null: a demo login), or not
   * signed in at all.
   */
  async start(
    request: FastifyRequest,
    reply: FastifyReply,
    person: string | null,
    key: string | null = null,
  ): Promise<Visitor> {
    const old = request.cookies[SESSION_COOKIE];
    if (old !== undefined && COOKIE_FORM.test(old)) await this.end(old);
    const id = randomBytes(32).toString('base64url');
    const csrf = await this.csrfOf(id);
    let expires = Infinity;
    if (person !== null) {
      await this.sweep();
      const told = this.endsTold;
      const session = { id, person, key, lastSeen: this.now() };
      await this.shared.putSession(session);
      // This instance made it: known without a read, on the instance the member signed in on.
      this.keep(session, told);
      expires = session.lastSeen + this.idleMs;
    }
    void reply.setCookie(SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: this.httpsOrigin || request.protocol === 'https',
    });
    return { id, person, key: person === null ? null : key, csrf, expires };
  }

  /** A challenge for `person` to sign, good once and for a short while. */
  async challenge(person: string): Promise<string> {
    await this.sweep();
    const challenge = randomBytes(32).toString('base64');
    await this.shared.putChallenge(challenge, person, this.now() + this.challengeMs);
    return challenge;
  }

  /**
   * Checks a login: the challenge was given to `person`, is fresh and unused (it is used up
   * now, whatever the outcome), and `signature` signs it for `origin` with `key`.
   */
  async checkLogin(
    person: { readonly id: string; readonly name: string },
    login: { readonly challenge: string; readonly signature: string; readonly origin: string },
    key: KeyObject | undefined,
  ): Promise<void> {
    const { challenge, signature, origin } = login;
    const given = await this.shared.takeChallenge(challenge);
    if (!given || given.person !== person.id || given.expires < this.now())
      refuse('unauthenticated', 'no such challenge for this person, or it has expired: ask again');
    if (!key)
      refuse(
        'unauthenticated',
        `this key is not one of ${person.name}'s (revoked, or never enrolled): sign in from another device of theirs, or ask an officer for an invitation and open it on this one`,
      );
    const message = Buffer.from(`${LOGIN_CONTEXT}${origin}\n${challenge}`, 'utf8');
    let valid = false;
    try {
      // Canonical base64 only (fromBase64 throws on any other spelling), as everywhere else.
      const sig = fromBase64(signature);
      valid = sig.length === 64 && verify(null, message, key, sig);
    } catch {
      valid = false;
    }
    if (!valid)
      refuse('unauthenticated', `the signature is not ${person.name}'s over this challenge`);
  }

  /** The stored session `id` names: kept in memory a while, if it may be (see the class). */
  private async session(id: string): Promise<StoredWebSession | undefined> {
    this.noticeOtherWriters();
    const kept = this.kept.get(id);
    if (kept && this.now() - kept.lastSeen <= TOUCH_AFTER_MS) return kept;
    const told = this.endsTold;
    const session = await this.reads.read(id);
    if (session) this.keep(session, told);
    else this.kept.delete(id);
    return session;
  }

  /**
   * Forgets every kept session if another connection has written to the database (SQLite),
   * asked once a turn of the event loop (the question costs a few microseconds): the requests
   * of one turn are answered as if they had come at once.
   */
  private noticeOtherWriters(): void {
    if (!this.shared.writtenElsewhere || this.askedThisTurn) return;
    this.askedThisTurn = true;
    setImmediate(() => (this.askedThisTurn = false));
    if (!this.shared.writtenElsewhere()) return;
    this.endsTold++;
    this.kept.clear();
  }

  /** Keeps `session`, read when `told` ends had been told, unless one was told since. */
  private keep(session: StoredWebSession, told: number): void {
    if (!this.keeping || told !== this.endsTold) return;
    if (this.kept.size >= SESSIONS_KEPT) this.kept.clear();
    this.kept.set(session.id, session);
  }

  private async end(id: string): Promise<void> {
    // Told here too: a request reading it meanwhile must not keep it.
    this.endsTold++;
    this.kept.delete(id);
    this.ended(id);
    await this.shared.endSession(id);
  }

  private async csrfOf(id: string): Promise<string> {
    // A cookie's token never changes: kept for the cookies seen lately (HMAC is not free).
    const known = this.csrfTokens.get(id);
    if (known !== undefined) return known;
    // The key is the same for every instance and never changes: read once.
    this.csrfKey ??= this.shared.csrfKey();
    let key: Uint8Array;
    try {
      key = await this.csrfKey;
    } catch (error) {
      this.csrfKey = undefined;
      throw error;
    }
    const token = createHmac('sha256', key).update(id).digest('base64url');
    if (this.csrfTokens.size >= CSRF_TOKENS_KEPT) this.csrfTokens.clear();
    this.csrfTokens.set(id, token);
    return token;
  }

  /** Forgets idle sessions and expired challenges, now and then. */
  private async sweep(): Promise<void> {
    const now = this.now();
    if (now - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = now;
    await this.shared.sweepSessions(now - this.idleMs);
    await this.shared.sweepChallenges(now);
  }
}
