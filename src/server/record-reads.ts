/**
 * Reading the log's entries through the API, bounded and with the ballots of open votes withheld
 * (readers.ts): a page of the log, and the range a bundle may cover.
 */
import type { LogEntry } from '../api/log.js';
import type { State } from '../core/state/index.js';
import type { RecordEntry } from '../record/proof-formats.js';
import type { RecordStore } from '../store/types.js';
import { entryNamed } from './entry-names.js';
import { refuse } from './errors.js';
import { WITHHELD, isWithheld, sealedMotions } from './readers.js';
import type { ReadAct } from './readers.js';

/**
 * Entries from..to-1 as the log shows them to `reader`: bytes and parsed, with what each acts on
 * named in words, or withheld.
 */
export async function logPage(
  store: RecordStore,
  state: State,
  from: number,
  to: number,
  reader: string | null,
): Promise<LogEntry[]> {
  const sealed = sealedMotions(state);
  const items: LogEntry[] = [];
  for await (const stored of store.entries(from, to)) {
    const bytes = Buffer.from(stored.bytes.buffer, stored.bytes.byteOffset, stored.bytes.length);
    const entry = JSON.parse(bytes.toString('utf8')) as RecordEntry;
    items.push(
      isWithheld(sealed, entry, reader)
        ? { index: stored.index, leaf: null, entry: null, withheld: WITHHELD }
        : {
            index: stored.index,
            leaf: bytes.toString('base64'),
            entry,
            named: entryNamed(state, entry.payload),
          },
    );
  }
  return items;
}

interface BundleRequest {
  readonly first: number;
  readonly last: number;
  /** Whether the request named its last entry (else it runs to the end of a session or the log). */
  readonly lastNamed: boolean;
}

/**
 * The range a bundle may cover: at most `max` entries, and none withheld. A range that runs to
 * the end stops before the first withheld entry; one that names its end and holds one is refused.
 */
export async function bundleRange(
  store: RecordStore,
  state: State,
  request: BundleRequest,
  max: number,
): Promise<{ first: number; last: number }> {
  const { first, lastNamed } = request;
  let last = request.last;
  // Not a range: the export says why.
  if (last < first) return { first, last };
  const count = last - first + 1;
  if (count > max)
    refuse(
      'too-large',
      `a bundle holds at most ${max} entries and ${first} to ${last} is ${count}: ask for ranges of at most ${max} (?from=I&to=J)`,
    );
  const withheld = await firstWithheld(store, state, first, last);
  if (withheld !== undefined) {
    if (lastNamed || withheld === first)
      refuse(
        'withheld',
        `entry ${withheld} is a ballot of an open vote, withheld until the vote closes: ask for a range that ends before it`,
      );
    last = withheld - 1;
  }
  return { first, last };
}

/** The first entry of first..last withheld from everyone, if any. */
async function firstWithheld(
  store: RecordStore,
  state: State,
  first: number,
  last: number,
): Promise<number | undefined> {
  const sealed = sealedMotions(state);
  if (sealed.size === 0) return undefined;
  // Ballots come after their vote opened: nothing before the earliest sealed vote is withheld.
  let from = last + 1;
  for (const key of sealed) from = Math.min(from, state.motions.get(key)?.openedAt ?? from);
  for await (const stored of store.entries(Math.max(first, from), last + 1)) {
    const entry = JSON.parse(Buffer.from(stored.bytes).toString('utf8')) as ReadAct;
    if (isWithheld(sealed, entry, null)) return stored.index;
  }
  return undefined;
}
