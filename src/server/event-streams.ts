/**
 * The streams of the event hub: how many are let in, how one is opened, and how a listener that
 * reconnects is sent what it missed without holding more than a page of it.
 */
import type { ServerResponse } from 'node:http';
import type { Ledger } from '../app/ledger.js';
import { deriveEvents, serializeEvent } from './event-derivation.js';
import type { RecordedRef } from './event-derivation.js';
import { ApiError, refuse } from './errors.js';

interface AdmissionLimits {
  /** Streams open at once, from one address and in all. */
  readonly streamsPerAddress: number;
  readonly streams: number;
}

/** The streams open, counted by the address they come from, against the limits. */
export class StreamAdmission {
  private readonly perAddress = new Map<string, number>();

  constructor(private readonly limits: AdmissionLimits) {}

  /** Refuses a stream past the limits: per address (429), then in all (503). */
  admit(address: string, open: number): void {
    const { streamsPerAddress, streams } = this.limits;
    if ((this.perAddress.get(address) ?? 0) >= streamsPerAddress)
      throw new ApiError(
        'rate-limited',
        `too many event streams from your address: at most ${streamsPerAddress} at once; close one first`,
        { 'retry-after': '10' },
      );
    if (open >= streams)
      refuse('unavailable', 'too many listeners on the event stream; try again later');
  }

  opened(address: string): void {
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
  }

  closed(address: string): void {
    const left = (this.perAddress.get(address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(address, left);
    else this.perAddress.delete(address);
  }
}

/** Starts the event stream on a connection taken over from Fastify. */
export function openStream(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 3000\n\n');
}

/**
 * Sends the events of entries from..end-1, a page at a time, waiting for the client to take
 * each page before reading the next: what one listener holds is one page, whatever it missed.
 */
export async function catchUp(
  ledger: Ledger,
  res: ServerResponse,
  range: { readonly from: number; readonly end: number; readonly page: number },
): Promise<void> {
  const { from, end, page } = range;
  for (let start = from; start < end && !gone(res); start += page) {
    const stop = Math.min(end, start + page);
    const missed: RecordedRef[] = [];
    for await (const stored of ledger.store.entries(start, stop)) {
      const e = JSON.parse(Buffer.from(stored.bytes).toString('utf8')) as RecordedRef;
      missed.push({ index: stored.index, type: e.type, payload: e.payload });
    }
    if (gone(res)) return;
    for (const event of deriveEvents(missed, ledger.state)) res.write(serializeEvent(event));
    // An id with no event moves the client's Last-Event-ID past this page, events or none.
    res.write(`id: ${stop - 1}\n\n`);
    await drained(res);
  }
}

/** Whether the stream is over: the client left, or the server is closing. */
export function gone(res: ServerResponse): boolean {
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
