/**
 * A notice as the convene form prepares it: the earliest day the charter's notice period allows,
 * and the agenda as typed made into the act's agenda and the files sent beside it.
 */
import type { AgendaItem, DecisionRef } from '../../core/acts.js';
import type { Upload } from './files.js';
import { ID_FORM_WORDS } from '../../core/id-rule.js';
import { isId } from './format.js';

const DAY = 86_400_000;

/**
 * The first day (YYYY-MM-DD) a session may meet on without being flagged, for a notice sent at
 * `noticedMs` and `days` of notice: the record counts from the notice to the first moment of the
 * session's day (src/core/state/reducers/session.ts).
 */
export function earliestDay(noticedMs: number, days: number): string {
  return new Date(Math.ceil((noticedMs + days * DAY) / DAY) * DAY).toISOString().slice(0, 10);
}

/** An agenda item as typed in the form. */
export interface ItemDraft {
  /** Keeps React's rows apart while items are moved. */
  readonly key: number;
  readonly item: string;
  readonly title: string;
  readonly motion: string;
  readonly dispatch: string;
  readonly ratifies?: DecisionRef | undefined;
  readonly minutes: string;
  readonly uploads: readonly Upload[];
}

let keys = 0;

/** A new, empty item with the first number no other item has as its id. */
export function newItem(items: readonly ItemDraft[]): ItemDraft {
  let n = items.length + 1;
  while (items.some((i) => i.item === String(n))) n++;
  const empty = { motion: '', dispatch: '', minutes: '', uploads: [] };
  return { key: ++keys, item: String(n), title: '', ...empty };
}

/** What is wrong with the agenda as typed, in words; none when it can be sent. */
export function agendaProblems(items: readonly ItemDraft[]): string[] {
  return items.flatMap((d, i) => {
    const id = d.item.trim();
    const problems: string[] = [];
    if (!isId(id)) problems.push(`Item ${i + 1}: ${ID_FORM_WORDS}.`);
    else if (items.findIndex((o) => o.item.trim() === id) !== i)
      problems.push(`Item ${i + 1}: the id "${id}" is taken by an item above.`);
    if (!d.title.trim()) problems.push(`Item ${i + 1} has no title.`);
    return problems;
  });
}

/** The agenda as the act names it, and the files to send beside it (each once). */
export function agendaOf(items: readonly ItemDraft[]): {
  agenda: AgendaItem[];
  files: Upload['file'][];
} {
  const files = new Map<string, Upload['file']>();
  const agenda = items.map((d): AgendaItem => {
    d.uploads.forEach((u) => files.set(u.attachment.hash, u.file));
    return {
      item: d.item.trim(),
      title: d.title.trim(),
      ...(d.motion.trim() ? { motion: d.motion.trim() } : {}),
      ...(d.uploads.length > 0 ? { attachments: d.uploads.map((u) => ({ ...u.attachment })) } : {}),
      ...(d.dispatch ? { dispatch: d.dispatch } : {}),
      ...(d.ratifies ? { ratifies: d.ratifies } : {}),
      ...(d.minutes ? { minutes: d.minutes } : {}),
    };
  });
  return { agenda, files: [...files.values()] };
}

/** The items with the one at `index` moved by `by` places (-1 up, 1 down), where it can go. */
export function moved<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= items.length) return [...items];
  const copy = [...items];
  [copy[index], copy[to]] = [copy[to]!, copy[index]!];
  return copy;
}
