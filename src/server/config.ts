/** What a server is built from, and the defaults of everything it can be told. */
import type { FastifyServerOptions } from 'fastify';
import { fileURLToPath } from 'node:url';
import type { Ledger } from '../app/ledger.js';
import type { WitnessEndpoint } from '../app/witness-files.js';

export interface ServerOptions {
  /** The organization's record, opened. The server is its only writer while it runs. */
  readonly ledger: Ledger;
  /** Demo mode: the server holds these people's private keys (32-byte seeds) and signs for them. */
  readonly demo?: { readonly keys: ReadonlyMap<string, Uint8Array> };
  /** The built web app (index.html and its assets). */
  readonly webRoot?: string;
  /**
   * The public origin (scheme://host[:port]) that logins are signed for and invitation links
   * point to. Default: the origin each request was made to.
   */
  readonly origin?: string;
  /**
   * Trust X-Forwarded-For and -Proto from the proxies in front (the client's address; TLS): true,
   * the one that connects; a number, so many in a row from it (a CDN, then a balancer); or the
   * addresses (IP or CIDR) of the proxies.
   */
  readonly trustProxy?: boolean | number | readonly string[];
  /** Serve HTTPS with this key and certificate (PEM). */
  readonly https?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  readonly clock?: () => Date;
  /** Fastify's logger: false (default) or pino options. */
  readonly logger?: FastifyServerOptions['logger'];
  /** Login attempts allowed per minute from one address. */
  readonly loginsPerMinute?: number;
  /** Acts of one member that may be refused in a minute, before all theirs are (refused-acts.ts). */
  readonly refusedActsPerMinute?: number;
  /** Largest request body, in bytes. */
  readonly bodyLimit?: number;
  /** How long a request may take to arrive, headers and body, in milliseconds. */
  readonly requestTimeoutMs?: number;
  /** Largest act that carries an amended charter (a whole charter file, as JSON), in bytes. */
  readonly amendmentBodyLimit?: number;
  /** How long the group commit gathers acts before it records them, in milliseconds. */
  readonly commitWindowMs?: number;
  /** Most acts recorded in one transaction. */
  readonly commitMaxBatch?: number;
  /** Worker threads verifying signatures; 0 verifies on the main thread. */
  readonly verifyThreads?: number;
  /**
   * Rehearse recording on a scratch record before listening (rehearsal.ts), so that the first
   * acts of a burst do not run cold code. `collegium serve` does; a server in a test need not.
   */
  readonly rehearse?: boolean;
  /** Interval of the keep-alive comments on the event stream, in milliseconds. */
  readonly keepAliveMs?: number;
  /** Least interval between two `ballot` events of one motion, in milliseconds. */
  readonly ballotEventMs?: number;
  /**
   * Writes a second that one motion's `ballot` events may take, one per listener each: with more
   * listeners than this allows at ballotEventMs, the events come further apart.
   */
  readonly ballotEventWrites?: number;
  /** Event streams open at once, from one address and in all. */
  readonly eventStreamsPerAddress?: number;
  readonly eventStreams?: number;
  /** Entries read at a time to catch a reconnecting listener up, and at most per connection. */
  readonly catchUpPage?: number;
  readonly catchUpMax?: number;
  /**
   * The largest file a dispatch may carry, in bytes (default: COLLEGIUM_MAX_ATTACHMENT, else
   * 10 MiB; see app/attachments.ts).
   */
  readonly maxAttachmentBytes?: number;
  /** Longest wait of the deadline timer before it looks again, in milliseconds. */
  readonly deadlineCheckMs?: number;
  /** How often the log is read for other writers' entries, notified or not, in milliseconds. */
  readonly followPollMs?: number;
  /** Most entries in one bundle; bundle requests allowed per minute from one address. */
  readonly bundleMaxEntries?: number;
  readonly bundlesPerMinute?: number;
  /**
   * Witnesses asked to cosign each new checkpoint (c2sp.org/tlog-witness), in the background;
   * their cosignatures are served with the checkpoint.
   */
  readonly witnesses?: readonly WitnessEndpoint[];
}

/** The package's dist/web, from src/ and from dist/ alike. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export const DEFAULTS = {
  loginsPerMinute: 10,
  /** Far more than a member's mistakes (a ballot sent twice, a vote closed meanwhile) make. */
  refusedActsPerMinute: 600,
  bodyLimit: 64 * 1024,
  /** Long enough for the largest file from a slow phone; a request that never ends is cut off. */
  requestTimeoutMs: 120_000,
  /** A charter file may be 1 MiB of YAML; as JSON, with its quotes, it takes somewhat more. */
  amendmentBodyLimit: 2 * 1024 * 1024,
  commitWindowMs: 2,
  commitMaxBatch: 2000,
  keepAliveMs: 15_000,
  ballotEventMs: 200,
  /** 1,000 listeners hear a count every half second; up to 400, every 200 ms. */
  ballotEventWrites: 2_000,
  eventStreamsPerAddress: 100,
  eventStreams: 20_000,
  catchUpPage: 500,
  catchUpMax: 10_000,
  bundleMaxEntries: 10_000,
  bundlesPerMinute: 300,
  /**
   * The deadline timer waits at most this long before it looks again: a far deadline is not
   * left to one long timer, which a clock set forward would make late.
   */
  deadlineCheckMs: 10 * 60_000,
  /**
   * Other writers' entries are looked for this often even without a notification (PostgreSQL
   * notifies at once; SQLite never does, so this is how soon a CLI's act shows there).
   */
  followPollMs: 500,
  /** After a close at a deadline failed (the database away), it is tried again this soon. */
  deadlineRetryMs: 5_000,
  /** How far an act's time may be from the server's clock. */
  timeSkewMs: 5 * 60_000,
  /** A login challenge is good for this long, once. */
  challengeMs: 2 * 60_000,
  /** An idle signed-in session ends after this long. */
  sessionIdleMs: 12 * 3600_000,
  /** Witnesses: the first delay after one is not reached (doubled up to the most), its time to answer. */
  witnessRetryMs: 1_000,
  witnessMaxRetryMs: 5 * 60_000,
  witnessTimeoutMs: 10_000,
  /** Invitations are good for this long. */
  invitationMs: 7 * 24 * 3600_000,
} as const;
