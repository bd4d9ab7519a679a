/**
 * Live events (Server-Sent Events): what the record's new entries mean for those watching a
 * session (`event-derivation.ts`). Each event is serialized once and the same bytes are written
 * to every listener. A motion's ballot events are coalesced (`ballot-coalescing.ts`). A client
 * that reconnects with Last-Event-ID is sent what it missed, derived from the record in the same
 * way (`event-streams.ts`). One that reconnects to another instance, which has not followed the log
 * as far as the one it left, is not sent again what that one sent it.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActType } from '../core/acts.js';
import { holdsKey, motionKey } from '../core/state/index.js';
import type { Ledger } from '../app/ledger.js';
import type { Visitor } from './auth.js';
import { BallotCoalescer } from './ballot-coalescing.js';
import { deriveEvents, serializeEvent } from './event-derivation.js';
import type { LiveEvent, RecordedRef } from './event-derivation.js';
import { StreamAdmission, catchUp, gone, openStream } from './event-streams.js';
import { mayRead } from './readers.js';
import { SessionStreams } from './stream-sessions.js';
import type { SessionExpiry } from './stream-sessions.js';

/** A listener that lets this much pile up unread is dropped: it would hold memory for nothing. */
const MAX_BUFFERED = 1 << 20;
const KEEP_ALIVE = Buffer.from(': keep-alive\n\n');
/** The acts after which someone may no longer read the record: their seat, or their key, gone. */
const READERS_CHANGE: ReadonlySet<ActType> = new Set<ActType>(['charter.amend', 'member.revoke']);

interface HubOptions {
  readonly keepAliveMs: number;
  readonly ballotEventMs: number;
  readonly ballotEventWrites: number;
  readonly now: () => number;
  /** Streams open at once, from one address and in all. */
  readonly streamsPerAddress: number;
  readonly streams: number;
  /** Entries read at a time when catching a listener up, and at most per connection. */
  readonly catchUpPage: number;
  readonly catchUpMax: number;
  readonly sessionExpiry: SessionExpiry;
}

/** Live events waiting for a listener that is still being caught up. */
interface Waiting {
  readonly chunks: Buffer[];
  bytes: number;
}

export class EventHub {
  private readonly listeners = new Set<ServerResponse>();
  /** Listeners still being sent what they missed: live events wait for them here. */
  private readonly catchingUp = new Map<ServerResponse, Waiting>();
  /**
   * Listeners that came back with an id this instance has not reached yet (they heard it from
   * another instance): the events up to it, which this one sends as it follows, are theirs already.
   */
  private readonly heardUpTo = new Map<ServerResponse, number>();
  /** Whom each stream was opened for: it is theirs only while they may read the record. */
  private readonly readers = new Map<ServerResponse, Visitor | null>();
  /** The streams of each cookie, and when its session expires. */
  private readonly sessions: SessionStreams;
  private readonly admission: StreamAdmission;
  private readonly ballots: BallotCoalescer;
  private lastId = -1;
  private readonly keepAlive: NodeJS.Timeout;

  constructor(
    private readonly ledger: Ledger,
    private readonly options: HubOptions,
  ) {
    this.admission = new StreamAdmission(options);
    this.ballots = new BallotCoalescer(
      options,
      () => ledger.state,
      (event) => this.send(event),
      () => this.listeners.size,
    );
    this.sessions = new SessionStreams(options.sessionExpiry);
    // A session's expiry is looked at as often as the keep-alive is written, not at every event.
    // A stream is not a use of its session: opening it is a request (it touches the session as
    // any does), but keep-alives and events are not, or a page left open would keep its session
    // for ever; the member's requests, from this or any other page, keep it.
    this.keepAlive = setInterval(() => {
      this.sessions.check(options.now(), (cookie) => this.sessionEnded(cookie));
      this.write(KEEP_ALIVE);
    }, options.keepAliveMs);
    this.keepAlive.unref();
  }

  get size(): number {
    return this.listeners.size;
  }

  /** Sends what newly recorded acts mean to every listener. */
  publish(acts: readonly RecordedRef[]): void {
    if (this.listeners.size === 0 && !this.ballots.waiting) return;
    // Before the acts' events: none of them is told to one whom they leave without the right.
    if (acts.some((act) => READERS_CHANGE.has(act.type))) this.endUnread();
    for (const event of deriveEvents(acts, this.ledger.state, false)) {
      if (event.kind === 'ballot') {
        this.ballots.ballot(motionOf(event), event.id);
        continue;
      }
      if (event.kind === 'decision') this.ballots.decided(motionOf(event));
      this.send(event);
    }
  }

  /**
   * Takes over the request's connection as an event stream. A listener that gives the last id
   * it received is first sent what it missed, read a page at a time; one further behind than
   * `catchUpMax` entries is sent that much, then the stream ends and the client comes back from
   * where it got to (EventSource does so by itself).
   */
  async connect(request: FastifyRequest, reply: FastifyReply, lastEventId?: number): Promise<void> {
    this.admission.admit(request.ip, this.listeners.size);
    reply.hijack();
    const res = reply.raw;
    openStream(res);
    this.listen(request, res);
    const size = this.ledger.state.size;
    if (lastEventId !== undefined && lastEventId >= size) {
      this.heardUpTo.set(res, lastEventId);
      if (!(await this.checkHeard(request, res, lastEventId))) return;
    }
    if (lastEventId === undefined || lastEventId + 1 >= size) return;
    await this.sendMissed(request, res, lastEventId + 1, size);
  }

  /** Ends the streams opened with the cookie of a session that has ended. */
  sessionEnded(cookie: string): void {
    for (const res of this.sessions.of(cookie)) this.end(res);
  }

  /** Ends the streams of readers the record no longer lets read it, or whose key is revoked. */
  private endUnread(): void {
    const state = this.ledger.state;
    for (const [res, reader] of this.readers) {
      const person = reader?.person ?? null;
      const key = reader?.key ?? null;
      const held = person === null || key === null || holdsKey(state, person, key);
      if (!held || !mayRead(state, person)) this.end(res);
    }
  }

  /** Ends every stream: the server is closing. */
  close(): void {
    clearInterval(this.keepAlive);
    this.ballots.close();
    for (const res of this.listeners) res.end();
    this.listeners.clear();
  }

  /** Counts the stream in until it closes, from either end. */
  private listen(request: FastifyRequest, res: ServerResponse): void {
    const address = request.ip;
    this.listeners.add(res);
    const visitor = request.visitor;
    const cookie = visitor?.id;
    this.readers.set(res, visitor);
    if (visitor) this.sessions.opened(visitor.id, res, visitor.expires);
    this.admission.opened(address);
    let open = true;
    const forget = () => {
      if (!open) return;
      open = false;
      this.listeners.delete(res);
      this.catchingUp.delete(res);
      this.heardUpTo.delete(res);
      this.readers.delete(res);
      if (cookie !== undefined) this.sessions.closed(cookie, res);
      this.admission.closed(address);
    };
    res.on('close', forget);
    request.raw.on('close', forget);
  }

  /**
   * Sends the entries from `from` on (at most `catchUpMax` of them) while live events wait, then
   * the live events that waited, or ends a stream cut short.
   */
  private async sendMissed(
    request: FastifyRequest,
    res: ServerResponse,
    from: number,
    size: number,
  ): Promise<void> {
    const end = Math.min(size, from + this.options.catchUpMax);
    this.catchingUp.set(res, { chunks: [], bytes: 0 });
    try {
      await catchUp(this.ledger, res, { from, end, page: this.options.catchUpPage });
    } catch (error) {
      request.log.error({ err: error }, 'catching a listener up failed');
      res.destroy();
    }
    const waiting = this.catchingUp.get(res)?.chunks ?? [];
    this.catchingUp.delete(res);
    if (gone(res)) return;
    // Cut short: the live events that waited would move the client's Last-Event-ID past what it
    // has not been sent, so they are dropped; it hears them when it comes back.
    if (end < size) this.end(res);
    else for (const chunk of waiting) res.write(chunk);
  }

  /** Ends a stream, out of the listeners at once: an event written before its close is told
   * would be written after its end, an error. */
  private end(res: ServerResponse): void {
    this.listeners.delete(res);
    res.end();
  }

  private send(event: LiveEvent): void {
    // Ids never go backwards, so that a client's Last-Event-ID covers all it was sent: a
    // coalesced ballot event sent late carries the count up to now.
    this.lastId = Math.max(this.lastId, event.id);
    this.write(serializeEvent({ ...event, id: this.lastId }), this.lastId);
  }

  /** Writes `chunk` to every listener; an event's (`id`) not to one that has heard it already. */
  private write(chunk: Buffer, id?: number): void {
    for (const res of this.listeners) {
      // Most streams have no such listener: the common write reads no map.
      if (id !== undefined && this.heardUpTo.size > 0 && this.heardAlready(res, id)) continue;
      const waiting = this.catchingUp.get(res);
      const held = waiting ? waiting.bytes : res.writableLength;
      if (held > MAX_BUFFERED) res.destroy();
      else if (!waiting) res.write(chunk);
      else {
        waiting.chunks.push(chunk);
        waiting.bytes += chunk.length;
      }
    }
  }

  /**
   * An id past what this instance holds was heard from another only if the log holds it: read
   * what others appended, and an id past the log still (a record replaced since, or made up) is
   * no one's, and the listener hears every event from now, not none until the log reaches it.
   * Where the log cannot be read, the id cannot be checked either: the stream ends, and the
   * client comes back with it (EventSource does so by itself), rather than miss every event up
   * to an id no one may have heard. Answers whether the stream goes on.
   */
  private async checkHeard(
    request: FastifyRequest,
    res: ServerResponse,
    lastEventId: number,
  ): Promise<boolean> {
    try {
      await this.ledger.catchUp();
    } catch (error) {
      request.log.error({ err: error }, 'reading the log to check a Last-Event-ID failed');
      this.end(res);
      return false;
    }
    if (lastEventId >= this.ledger.state.size) this.heardUpTo.delete(res);
    return true;
  }

  private heardAlready(res: ServerResponse, id: number): boolean {
    const upTo = this.heardUpTo.get(res);
    if (upTo === undefined) return false;
    if (id <= upTo) return true;
    this.heardUpTo.delete(res);
    return false;
  }
}

/** The key of the motion a ballot or decision event is about. */
function motionOf(event: LiveEvent): string {
  return motionKey(String(event.data['session']), String(event.data['motion']));
}
