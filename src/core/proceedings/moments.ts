/**
 * The dates and times of a proceedings file, and the order they give its items. A time carries
 * no zone: times are compared as written, and recorded as the record writes times (UTC).
 */
import type { Path } from '../format/yaml-source.js';
import type { ProceedingsFile } from './schema.js';

/**
 * A day or a time of day (`1920-09-24`, `1920-09-25T12:00`) as the record writes times
 * (`1920-09-25T12:00:00.000Z`). A day alone is its first moment, or with `endOfDay` its last:
 * a deadline given as a day runs to the end of it.
 */
export function instantOf(moment: string, endOfDay = false): string {
  const [day, time] = moment.split('T') as [string, string | undefined];
  // The last moment as the command line's deadlines write it: the last second of the day.
  if (time === undefined) return `${day}T${endOfDay ? '23:59:59.000' : '00:00:00.000'}Z`;
  const [hm, fraction = ''] = time.split('.');
  const seconds = hm!.length === 5 ? `${hm}:00` : hm;
  return `${day}T${seconds}.${fraction.padEnd(3, '0').slice(0, 3)}Z`;
}

export type ItemKind = 'dispatch' | 'circulation' | 'session';

/** An item of the file: where it is, and when it happened. */
export interface FileItem {
  readonly kind: ItemKind;
  /** Its index in its list (`dispatches`, `circulations`, `sessions`). */
  readonly index: number;
  readonly path: Path;
  readonly id: string;
  /** The instant its date gives; none for a session without a date. */
  readonly at?: string;
}

const LISTS = { dispatch: 'dispatches', circulation: 'circulations', session: 'sessions' } as const;
/** On the same day and time: what came in first, then the questions put on it, then sessions. */
const RANK: Record<ItemKind, number> = { dispatch: 0, circulation: 1, session: 2 };

/**
 * The file's items in the order they are recorded: by date and time, a day alone counting as its
 * first moment; at the same moment dispatches, then circulations, then sessions, each in file
 * order. A session without a date comes right after the session before it in the file (first, if
 * none is).
 */
export function replayOrder(file: ProceedingsFile): FileItem[] {
  let previous = '';
  const keyed = [
    ...file.dispatches.map((d, i) => sortable('dispatch', i, d.id, d.received)),
    ...file.circulations.map((c, i) => sortable('circulation', i, c.id, c.opened)),
    ...file.sessions.map((s, i) => {
      const session = sortable('session', i, s.id, s.date);
      previous = session.item.at ?? previous;
      return { ...session, key: previous };
    }),
  ];
  // A stable sort: items at the same moment and of the same kind keep their order in the file.
  keyed.sort(
    (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || RANK[a.item.kind] - RANK[b.item.kind],
  );
  return keyed.map((k) => k.item);
}

function sortable(
  kind: ItemKind,
  index: number,
  id: string,
  moment: string | undefined,
): { item: FileItem; key: string } {
  const at = moment === undefined ? undefined : instantOf(moment);
  return {
    item: { kind, index, id, path: [LISTS[kind], index], ...(at ? { at } : {}) },
    key: at ?? '',
  };
}
