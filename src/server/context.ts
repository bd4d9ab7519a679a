/** What the routes share: the ledger and everything built around it for one server. */
import type { FastifyRequest } from 'fastify';
import type { Ledger } from '../app/ledger.js';
import type { Acting } from './acting.js';
import type { Sessions, Visitor } from './auth.js';
import type { CommitQueue } from './commit.js';
import type { DeadlineCloser } from './deadlines.js';
import type { EventHub } from './events.js';
import type { PersonKeys } from './keys.js';
import type { RefusedActs } from './refused-acts.js';

/**
 * Who a route is for: anyone (GET), whoever the charter lets read the record (GET), a signed-in
 * person reading what is their own (GET: their questions), a visitor with a CSRF token, a
 * signed-in person acting (with the CSRF token).
 */
export type Access = 'anyone' | 'reader' | 'own' | 'visitor' | 'person';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** The media type of a success that is not JSON (a CSV download), for the OpenAPI document. */
    produces?: string;
    /** What a body larger than the route takes is refused with, naming the limits (413). */
    tooLarge?: string;
    /**
     * Every field of the route's body is optional: a body left out, or an empty one said to be
     * JSON, stands for `{}` (json-bodies.ts).
     */
    bodiless?: boolean;
  }
  /** What the OpenAPI document says of a route besides its schemas. */
  interface FastifySchema {
    summary?: string;
    tags?: string[];
  }
  interface FastifyRequest {
    /** Set for routes that need a reader, a visitor or a person, once checked. */
    visitor: Visitor | null;
  }
}

export interface Context {
  readonly ledger: Ledger;
  readonly demo: boolean;
  readonly sessions: Sessions;
  readonly keys: PersonKeys;
  readonly acting: Acting;
  readonly queue: CommitQueue;
  readonly hub: EventHub;
  /** Closes circulations at their deadlines. */
  readonly deadlines: DeadlineCloser;
  readonly now: () => number;
  readonly loginsPerMinute: number;
  readonly refusedActs: RefusedActs;
  readonly invitationMs: number;
  /** The largest body of an act, and of an act that carries an amended charter. */
  readonly bodyLimit: number;
  readonly amendmentBodyLimit: number;
  /** The largest file a dispatch may carry, and the largest act that carries files (base64). */
  readonly maxAttachmentBytes: number;
  readonly attachmentBodyLimit: number;
  readonly bundles: { readonly maxEntries: number; readonly perMinute: number };
  /** The origin logins are signed for and invitation links point to. */
  origin(request: FastifyRequest): string;
}

/** Who reads, on a route with `access: 'reader'`: the signed-in person, or null. */
export function reader(request: FastifyRequest): string | null {
  return request.visitor?.person ?? null;
}

/** Who is signed in, and with which key (null: a demo login, where the server signs). */
export interface SignedIn {
  readonly person: string;
  readonly key: string | null;
}

/** The signed-in person of a route with `access: 'person'`. */
export function me(request: FastifyRequest): string {
  return signedIn(request).person;
}

/** The signed-in person of a route with `access: 'person'`, and the key they signed in with. */
export function signedIn(request: FastifyRequest): SignedIn {
  const person = request.visitor?.person;
  if (!person) throw new Error('a route that acts must be declared with access: person');
  return { person, key: request.visitor?.key ?? null };
}
