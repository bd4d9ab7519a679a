/**
 * The dates and times of a proceedings file, and the order they give its items. A time carries
 * no zone: times are compared as written, and recorded as the record writes times (UTC).
 */
import type { Path } from '../format/yaml-source.js';
import { isInstrument, laterAct } from './instruments.js';
import type { LaterActFile } from './instruments.js';
import type { DecisionRefFile, ProceedingsFile } from './schema.js';

/**
 * A day or a time of day (`1920-09-24`, `1920-09-25T12:00`) as the record writes times
 * (`1920-09-25T12:00:00.000Z`). A day alone is its first moment, or with `endOfDay` its last:
 * a deadline given as a day runs to the end of it.
 */
export function instantOf(moment: string, endOfDay = false): string {
  const [day, time] = moment.split('T') as [string, string | undefined];
  // The last moment as the command line's deadlines write it: the last millisecond of the day, so
  // that all of it counts, to the last fraction of its last second.
  if (time === undefined) return `${day}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z`;
  const [hm, fraction = ''] = time.split('.');
  const seconds = hm!.length === 5 ? `${hm}:00` : hm;
  return `${day}T${seconds}.${fraction.padEnd(3, '0').slice(0, 3)}Z`;
}

export type ItemKind = 'dispatch' | 'circulation' | 'session' | 'instrument' | 'later-act';

/** An item of the file: where it is, and when it happened. */
export interface FileItem {
  readonly kind: ItemKind;
  /** Its index in its list (`dispatches`, `circulations`, `sessions`, `instruments`). */
  readonly index: number;
  readonly path: Path;
  /** Its id; for a later act, the id of the instrument it is on. */
  readonly id: string;
  /** The instant its date gives; none for an item without a date. */
  readonly at?: string;
}

const LISTS = {
  dispatch: 'dispatches',
  circulation: 'circulations',
  session: 'sessions',
  instrument: 'instruments',
  'later-act': 'instruments',
} as const;
/**
 * On the same day and time: what came in first, then the questions put on it, then sessions,
 * then the instruments that rest on their decisions, then what is done later to instruments.
 */
const RANK: Record<ItemKind, number> = {
  dispatch: 0,
  circulation: 1,
  session: 2,
  instrument: 3,
  'later-act': 4,
};

interface Keyed {
  readonly item: FileItem;
  readonly key: string;
}

/**
 * The file's items in the order they are recorded: by date and time, a day alone counting as its
 * first moment; at the same moment dispatches, then circulations, sessions, instruments and later
 * acts on instruments, each in file order. A session without a date comes right after the session
 * before it in the file (first, if none is). An instrument without a date comes right after the
 * item of `instruments:` before it, and no earlier than what it rests on or answers in the file; a
 * later act (revoke, settle, annul) never comes before the instrument it is on, or the decision
 * and the instrument it names, whatever its date: the date is recorded as the minutes give it.
 */
export function replayOrder(file: ProceedingsFile): FileItem[] {
  let previous = '';
  const keyed: Keyed[] = [
    ...file.dispatches.map((d, i) => sortable('dispatch', i, d.id, d.received)),
    ...file.circulations.map((c, i) => sortable('circulation', i, c.id, c.opened)),
    ...file.sessions.map((s, i) => {
      const session = sortable('session', i, s.id, s.date);
      previous = session.item.at ?? previous;
      return { ...session, key: previous };
    }),
  ];
  keyed.push(...instrumentsKeyed(file, keyed));
  // A stable sort: items at the same moment and of the same kind keep their order in the file.
  keyed.sort(
    (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || RANK[a.item.kind] - RANK[b.item.kind],
  );
  return keyed.map((k) => k.item);
}

/** The items of `instruments:`, each placed after what it refers to in the file. */
function instrumentsKeyed(file: ProceedingsFile, others: readonly Keyed[]): Keyed[] {
  const keys = new Map(others.map((k) => [JSON.stringify([k.item.kind, k.item.id]), k.key]));
  const keyOf = (kind: ItemKind, id: string | undefined) =>
    id === undefined ? '' : (keys.get(JSON.stringify([kind, id])) ?? '');
  const decisionKey = (ref: DecisionRefFile | 'none' | undefined) =>
    ref === undefined || ref === 'none'
      ? ''
      : 'circulation' in ref
        ? keyOf('circulation', ref.circulation)
        : keyOf('session', ref.session);
  const laterKey = (item: LaterActFile, own: FileItem, previous: string) => {
    const { instrument } = laterAct(item);
    return latest([
      own.at ?? previous,
      keyOf('instrument', instrument),
      decisionKey('by' in item ? item.by : undefined),
      keyOf('instrument', 'superseded-by' in item ? item['superseded-by'] : undefined),
    ]);
  };
  let previous = '';
  const keyed = file.instruments.map((item, i) => {
    let own: Keyed;
    if (isInstrument(item)) {
      own = sortable('instrument', i, item.id, item.date);
      const after = [previous, decisionKey(item['rests-on']), keyOf('dispatch', item.answers)];
      if (own.item.at === undefined) own = { ...own, key: latest(after) };
      keys.set(JSON.stringify(['instrument', item.id]), own.key);
    } else {
      own = sortable(
        'later-act',
        i,
        laterAct(item).instrument,
        'date' in item ? item.date : undefined,
      );
      own = { ...own, key: laterKey(item, own.item, previous) };
    }
    previous = own.key;
    return own;
  });
  // Again once every instrument's place is known: a later act may come first in the file.
  return keyed.map((own, i) => {
    const item = file.instruments[i]!;
    if (isInstrument(item)) return own;
    return { ...own, key: laterKey(item, own.item, keyed[i - 1]?.key ?? '') };
  });
}

function latest(keys: readonly string[]): string {
  return keys.reduce((a, b) => (b > a ? b : a), '');
}

function sortable(kind: ItemKind, index: number, id: string, moment: string | undefined): Keyed {
  const at = moment === undefined ? undefined : instantOf(moment);
  return {
    item: { kind, index, id, path: [LISTS[kind], index], ...(at ? { at } : {}) },
    key: at ?? '',
  };
}
