/**
 * Live events (Server-Sent Events): what the record's new entries mean for those watching a
 * session. Each event is serialized once and the same bytes are written to every listener.
 * Ballots are many and each changes only a count, so a motion's ballot events are coalesced: at
 * most one per motion every `ballotEventMs`, carrying the count so far (and the tally where the
 * charter shows it), and always one just before the decision. A client that reconnects with
 * Last-Event-ID is sent what it missed, derived from the record in the same way.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActType } from '../core/acts.js';
import { requiredPresent } from '../core/rules/quorum.js';
import { bodyOf, motionKey } from '../core/state/index.js';
import type { SessionState, State } from '../core/state/index.js';
import type { Ledger } from '../app/ledger.js';
import { ApiError, refuse } from './errors.js';
import { charterOf, decisionView, shownTally } from './views.js';

export type EventKind = 'attendance' | 'motion' | 'vote-opened' | 'ballot' | 'decision' | 'session';

export interface LiveEvent {
  /** The index of the entry that caused it. */
  readonly id: number;
  readonly kind: EventKind;
  readonly data: Readonly<Record<string, unknown>>;
}

/** An act as recorded: enough of it to say what happened. */
export interface RecordedRef {
  readonly index: number;
  readonly type: ActType;
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * The events that `acts` (in record order) cause, read from `state`, which has them all. Ballot
 * events are coalesced per motion into one, where the motion's last ballot among `acts` is.
 */
export function deriveEvents(
  acts: readonly RecordedRef[],
  state: State,
  /** Whether to count ballot events' data now; the hub counts when it sends. */
  countBallots = true,
): LiveEvent[] {
  const events: (LiveEvent | null)[] = [];
  const ballotAt = new Map<string, number>();
  const attendance = attendanceEvents(acts, state);
  for (const act of acts) {
    const p = act.payload as { session?: string; motion?: string };
    const session = p.session ?? '';
    switch (act.type) {
      case 'session.open':
      case 'session.close':
        events.push({
          id: act.index,
          kind: 'session',
          data: { session, open: act.type === 'session.open' },
        });
        break;
      case 'attendance.arrive':
      case 'attendance.depart': {
        const event = attendance.get(act.index);
        if (event) events.push(event);
        break;
      }
      case 'motion.propose':
        events.push({
          id: act.index,
          kind: 'motion',
          data: { session, motion: p.motion, text: (act.payload as { text?: string }).text },
        });
        break;
      case 'vote.open': {
        const m = state.motions.get(motionKey(session, p.motion ?? ''));
        events.push({
          id: act.index,
          kind: 'vote-opened',
          data: { session, motion: p.motion, present: m?.presentAtOpen.length ?? 0 },
        });
        break;
      }
      case 'ballot.cast':
      case 'vote.count':
      case 'vote.casting': {
        const key = motionKey(session, p.motion ?? '');
        const before = ballotAt.get(key);
        if (before !== undefined) events[before] = null;
        ballotAt.set(key, events.length);
        events.push(
          countBallots
            ? ballotEvent(state, key, act.index)
            : { id: act.index, kind: 'ballot', data: { session, motion: p.motion } },
        );
        break;
      }
      case 'vote.close': {
        const m = state.motions.get(motionKey(session, p.motion ?? ''));
        const decision = m && decisionView(m);
        if (decision)
          events.push({
            id: act.index,
            kind: 'decision',
            data: { session, motion: m.id, ...decision },
          });
        break;
      }
      default:
        break;
    }
  }
  return events.filter((e): e is LiveEvent => e !== null);
}

/** A motion's ballot event as the state now has it. */
function ballotEvent(state: State, key: string, id: number): LiveEvent {
  const m = state.motions.get(key);
  if (!m) return { id, kind: 'ballot', data: {} };
  const tally = shownTally(state, m);
  return {
    id,
    kind: 'ballot',
    data: {
      session: m.session,
      motion: m.id,
      voted: m.counts ? Object.values(m.counts).reduce((a, b) => a + b, 0) : m.ballots.size,
      ...(tally ? { tally } : {}),
    },
  };
}

/**
 * The attendance events among `acts`, each with who was present just after it. Each session's
 * attendance is walked once, counting as it goes: a batch of many arrivals costs no more than one.
 */
function attendanceEvents(acts: readonly RecordedRef[], state: State): Map<number, LiveEvent> {
  const wanted = new Map<string, Set<number>>();
  for (const act of acts) {
    if (act.type !== 'attendance.arrive' && act.type !== 'attendance.depart') continue;
    const session = String(act.payload['session']);
    const set = wanted.get(session) ?? new Set<number>();
    set.add(act.index);
    wanted.set(session, set);
  }
  const events = new Map<number, LiveEvent>();
  for (const [id, indexes] of wanted) {
    const session = state.sessions.get(id);
    if (session) walkAttendance(state, session, indexes, events);
  }
  return events;
}

function walkAttendance(
  state: State,
  session: SessionState,
  indexes: ReadonlySet<number>,
  events: Map<number, LiveEvent>,
): void {
  const body = bodyOf(charterOf(state), session.body);
  const voting = new Set(body.votingMembers.filter((p) => !body.candidates.includes(p)));
  const required = requiredPresent(body.quorum, voting.size);
  const present = new Set<string>();
  let presentVoting = 0;
  for (const a of session.attendance) {
    const arriving = a.kind === 'arrive';
    if (arriving !== present.has(a.person) && voting.has(a.person))
      presentVoting += arriving ? 1 : -1;
    if (arriving) present.add(a.person);
    else present.delete(a.person);
    if (!indexes.has(a.index)) continue;
    events.set(a.index, {
      id: a.index,
      kind: 'attendance',
      data: {
        session: session.id,
        person: a.person,
        kind: a.kind,
        present: present.size,
        quorum: {
          required,
          presentVoting,
          votingMembers: voting.size,
          met: presentVoting >= required,
        },
      },
    });
  }
}

export function serializeEvent(event: LiveEvent): Buffer {
  return Buffer.from(
    `id: ${event.id}\nevent: ${event.kind}\ndata: ${JSON.stringify(event.data)}\n\n`,
  );
}

/** A listener that lets this much pile up unread is dropped: it would hold memory for nothing. */
const MAX_BUFFERED = 1 << 20;
const KEEP_ALIVE = Buffer.from(': keep-alive\n\n');

interface Pending {
  timer: NodeJS.Timeout;
  index: number;
}

export interface HubOptions {
  readonly keepAliveMs: number;
  readonly ballotEventMs: number;
  readonly now: () => number;
  /** Streams open at once, from one address and in all. */
  readonly streamsPerAddress: number;
  readonly streams: number;
  /** Entries read at a time when catching a listener up, and at most per connection. */
  readonly catchUpPage: number;
  readonly catchUpMax: number;
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
  /** Streams open, by the address they come from. */
  private readonly perAddress = new Map<string, number>();
  private readonly lastBallotSent = new Map<string, number>();
  private readonly pending = new Map<string, Pending>();
  private lastId = -1;
  private readonly keepAlive: NodeJS.Timeout;

  constructor(
    private readonly ledger: Ledger,
    private readonly options: HubOptions,
  ) {
    this.keepAlive = setInterval(() => this.write(KEEP_ALIVE), options.keepAliveMs);
    this.keepAlive.unref();
  }

  get size(): number {
    return this.listeners.size;
  }

  /** Sends what newly recorded acts mean to every listener. */
  publish(acts: readonly RecordedRef[]): void {
    if (this.listeners.size === 0 && this.pending.size === 0) return;
    for (const event of deriveEvents(acts, this.ledger.state, false)) {
      if (event.kind === 'ballot') {
        this.ballot(
          motionKey(String(event.data['session']), String(event.data['motion'])),
          event.id,
        );
        continue;
      }
      if (event.kind === 'decision') {
        const key = motionKey(String(event.data['session']), String(event.data['motion']));
        this.flushBallot(key);
        this.lastBallotSent.delete(key);
      }
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
    const address = request.ip;
    this.admit(address);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    this.listeners.add(res);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    let open = true;
    const forget = () => {
      if (!open) return;
      open = false;
      this.listeners.delete(res);
      this.catchingUp.delete(res);
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
    };
    res.on('close', forget);
    request.raw.on('close', forget);
    const size = this.ledger.state.size;
    if (lastEventId === undefined || lastEventId + 1 >= size) return;
    const end = Math.min(size, lastEventId + 1 + this.options.catchUpMax);
    this.catchingUp.set(res, { chunks: [], bytes: 0 });
    try {
      await this.catchUp(res, lastEventId + 1, end);
    } catch (error) {
      request.log.error({ err: error }, 'catching a listener up failed');
      res.destroy();
    }
    const waiting = this.catchingUp.get(res)?.chunks ?? [];
    this.catchingUp.delete(res);
    if (gone(res)) return;
    // Cut short: the live events that waited would move the client's Last-Event-ID past what it
    // has not been sent, so they are dropped; it hears them when it comes back.
    if (end < size) res.end();
    else for (const chunk of waiting) res.write(chunk);
  }

  /** Refuses a stream past the limits: per address (429), then in all (503). */
  private admit(address: string): void {
    const { streamsPerAddress, streams } = this.options;
    if ((this.perAddress.get(address) ?? 0) >= streamsPerAddress)
      throw new ApiError(
        'rate-limited',
        `too many event streams from your address: at most ${streamsPerAddress} at once; close one first`,
        { 'retry-after': '10' },
      );
    if (this.listeners.size >= streams)
      refuse('unavailable', 'too many listeners on the event stream; try again later');
  }

  /**
   * Sends the events of entries from..end-1, a page at a time, waiting for the client to take
   * each page before reading the next: what one listener holds is one page, whatever it missed.
   */
  private async catchUp(res: ServerResponse, from: number, end: number): Promise<void> {
    const page = this.options.catchUpPage;
    for (let start = from; start < end && !gone(res); start += page) {
      const stop = Math.min(end, start + page);
      const missed: RecordedRef[] = [];
      for await (const stored of this.ledger.store.entries(start, stop)) {
        const e = JSON.parse(Buffer.from(stored.bytes).toString('utf8')) as RecordedRef;
        missed.push({ index: stored.index, type: e.type, payload: e.payload });
      }
      if (gone(res)) return;
      for (const event of deriveEvents(missed, this.ledger.state)) res.write(serializeEvent(event));
      // An id with no event moves the client's Last-Event-ID past this page, events or none.
      res.write(`id: ${stop - 1}\n\n`);
      await drained(res);
    }
  }

  /** Ends every stream: the server is closing. */
  close(): void {
    clearInterval(this.keepAlive);
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    for (const res of this.listeners) res.end();
    this.listeners.clear();
  }

  /** A ballot on the motion was recorded as entry `index`: sent now, or with the next ones. */
  private ballot(key: string, index: number): void {
    const waiting = this.pending.get(key);
    if (waiting) {
      waiting.index = Math.max(waiting.index, index);
      return;
    }
    const now = this.options.now();
    const last = this.lastBallotSent.get(key);
    if (last === undefined || now - last >= this.options.ballotEventMs) {
      this.lastBallotSent.set(key, now);
      this.send(ballotEvent(this.ledger.state, key, index));
      return;
    }
    const timer = setTimeout(() => this.flushBallot(key), last + this.options.ballotEventMs - now);
    this.pending.set(key, { timer, index });
  }

  /** Sends the motion's coalesced ballot event now, if one is waiting. */
  private flushBallot(key: string): void {
    const waiting = this.pending.get(key);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.pending.delete(key);
    this.lastBallotSent.set(key, this.options.now());
    this.send(ballotEvent(this.ledger.state, key, waiting.index));
  }

  private send(event: LiveEvent): void {
    // Ids never go backwards, so that a client's Last-Event-ID covers all it was sent: a
    // coalesced ballot event sent late carries the count up to now.
    this.lastId = Math.max(this.lastId, event.id);
    this.write(serializeEvent({ ...event, id: this.lastId }));
  }

  private write(chunk: Buffer): void {
    for (const res of this.listeners) {
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
}

/** Whether the stream is over: the client left, or the server is closing. */
function gone(res: ServerResponse): boolean {
  return res.destroyed || res.writableEnded;
}

/** Resolves when the response has room for more, or is closed. */
function drained(res: ServerResponse): Promise<void> {
  if (!res.writableNeedDrain || gone(res)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
