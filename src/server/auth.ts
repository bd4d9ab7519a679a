/**
 * Who is asking: sessions kept in a cookie, CSRF tokens bound to it, and logins by a signed
 * challenge. A visitor who is not signed in still has a cookie (random, kept nowhere) so that
 * their CSRF token, an HMAC of it under a key of this process, can be checked without storing
 * anything for them. Signing in replaces the cookie, so a cookie planted before cannot be used.
 * A session remembers the key it signed in with: the member's acts are verified against it, and
 * the session ends when that key is revoked.
 */
import { createHmac, randomBytes, timingSafeEqual, verify } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KeyObject } from 'node:crypto';
import type {} from '@fastify/cookie';
import { fromBase64 } from '../core/bytes.js';
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
}

/** Whether `person` still holds `key` in the record. */
export type HoldsKey = (person: string, key: string) => boolean;

const COOKIE_FORM = /^[A-Za-z0-9_-]{43}$/;
/** Past this many signed-in sessions, expired ones are swept before another is added. */
const SWEEP_AT = 50_000;
const CHALLENGES_HELD = 50_000;

export class Sessions {
  private readonly secret = randomBytes(32);
  /** Signed-in sessions by cookie, with their CSRF token (an HMAC costs more than the lookup). */
  private readonly signedIn = new Map<
    string,
    { person: string; key: string | null; csrf: string; lastSeen: number }
  >();
  private readonly challenges = new Map<string, { person: string; expires: number }>();

  constructor(
    private readonly now: () => number,
    private readonly idleMs: number,
    private readonly challengeMs: number,
    private readonly holds: HoldsKey,
  ) {}

  /** The visitor the request's cookie names, or undefined without a well-formed cookie. */
  visitor(request: FastifyRequest): Visitor | undefined {
    const id = request.cookies[SESSION_COOKIE];
    if (id === undefined || !COOKIE_FORM.test(id)) return undefined;
    const session = this.signedIn.get(id);
    if (session) {
      const now = this.now();
      // A revoked key signs nothing more: the session it opened ends with it.
      const held = session.key === null || this.holds(session.person, session.key);
      if (held && now - session.lastSeen <= this.idleMs) {
        session.lastSeen = now;
        return { id, person: session.person, key: session.key, csrf: session.csrf };
      }
      this.signedIn.delete(id);
    }
    return { id, person: null, key: null, csrf: this.csrfOf(id) };
  }

  /** Refuses a request whose X-CSRF-Token is not the token of its cookie. */
  checkCsrf(request: FastifyRequest, visitor: Visitor | undefined): void {
    const sent = request.headers[CSRF_HEADER];
    if (
      !visitor ||
      typeof sent !== 'string' ||
      sent.length !== visitor.csrf.length ||
      !timingSafeEqual(Buffer.from(sent), Buffer.from(visitor.csrf))
    ) {
      refuse('csrf', `send the header X-CSRF-Token with the token GET /api/me gives`);
    }
  }

  /**
   * A new cookie for the visitor, signed in as `person` with `key` (null: a demo login), or not
   * signed in at all.
   */
  start(
    request: FastifyRequest,
    reply: FastifyReply,
    person: string | null,
    key: string | null = null,
  ): Visitor {
    const old = request.cookies[SESSION_COOKIE];
    if (old !== undefined) this.signedIn.delete(old);
    const id = randomBytes(32).toString('base64url');
    const csrf = this.csrfOf(id);
    if (person !== null) {
      if (this.signedIn.size >= SWEEP_AT) this.sweep();
      this.signedIn.set(id, { person, key, csrf, lastSeen: this.now() });
    }
    void reply.setCookie(SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: request.protocol === 'https',
    });
    return { id, person, key: person === null ? null : key, csrf };
  }

  /** A challenge for `person` to sign, good once and for a short while. */
  challenge(person: string): string {
    if (this.challenges.size >= CHALLENGES_HELD) {
      const now = this.now();
      for (const [c, v] of this.challenges) if (v.expires < now) this.challenges.delete(c);
      // Still full: the oldest go first (a Map iterates in insertion order).
      for (const c of this.challenges.keys()) {
        if (this.challenges.size < CHALLENGES_HELD) break;
        this.challenges.delete(c);
      }
    }
    const challenge = randomBytes(32).toString('base64');
    this.challenges.set(challenge, { person, expires: this.now() + this.challengeMs });
    return challenge;
  }

  /**
   * Checks a login: the challenge was given to `person`, is fresh and unused (it is used up
   * now, whatever the outcome), and `signature` signs it for `origin` with `key`.
   */
  checkLogin(
    person: string,
    challenge: string,
    signature: string,
    origin: string,
    key: KeyObject | undefined,
  ): void {
    const given = this.challenges.get(challenge);
    this.challenges.delete(challenge);
    if (!given || given.person !== person || given.expires < this.now())
      refuse('unauthenticated', 'no such challenge for this person, or it has expired: ask again');
    if (!key)
      refuse('unauthenticated', `that key is not one of ${person}'s (revoked, or never enrolled)`);
    const message = Buffer.from(`${LOGIN_CONTEXT}${origin}\n${challenge}`, 'utf8');
    let valid = false;
    try {
      // Canonical base64 only (fromBase64 throws on any other spelling), as everywhere else.
      const sig = fromBase64(signature);
      valid = sig.length === 64 && verify(null, message, key, sig);
    } catch {
      valid = false;
    }
    if (!valid) refuse('unauthenticated', `the signature is not ${person}'s over this challenge`);
  }

  private csrfOf(id: string): string {
    return createHmac('sha256', this.secret).update(id).digest('base64url');
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.signedIn)
      if (now - s.lastSeen > this.idleMs) this.signedIn.delete(id);
  }
}
