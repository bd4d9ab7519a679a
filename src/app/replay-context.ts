/**
 * What the replay of a proceedings file shares between its parts: each act located at its place
 * in the file, so that a refusal names it; and the rule that what an item refers to is recorded
 * before it, in the record or earlier in the file.
 */
import type { DecisionRef } from '../core/acts.js';
import { DomainError, fail } from '../core/errors.js';
import type { Path } from '../core/format/yaml-source.js';
import { isMotion, replayOrder } from '../core/proceedings/index.js';
import type { FileItem, ItemKind, ProceedingsFile } from '../core/proceedings/index.js';
import { findDecision, isCirculationRef } from '../core/state/index.js';
import { dayInWords } from '../core/minutes/words.js';
import type { State } from '../core/state/index.js';
import type { Draft, DraftSource } from './ledger.js';

/** Runs `work`, marking a refusal with the place in the file it concerns. */
export function located<T>(where: Path, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof DomainError && error.where === undefined) error.where = where;
    throw error;
  }
}

/** The source, with its place in the file: a refusal while building or applying it names the place. */
export function at(where: Path, source: DraftSource): DraftSource {
  return (state) => located(where, () => ({ ...resolve(source, state), where }));
}

export function resolve(source: DraftSource, state: State): Draft {
  return typeof source === 'function' ? source(state) : source;
}

/** The file's items in the order they are recorded, and where each is, to name it when needed. */
export class FileIndex {
  readonly order: readonly FileItem[];
  private readonly items = new Map<string, FileItem>();
  private readonly motions = new Map<string, Set<string>>();

  constructor(file: ProceedingsFile) {
    this.order = replayOrder(file);
    for (const item of this.order) this.items.set(JSON.stringify([item.kind, item.id]), item);
    for (const s of file.sessions)
      this.motions.set(s.id, new Set(s.motions.filter(isMotion).map((m) => m.id)));
  }

  item(kind: ItemKind, id: string): FileItem | undefined {
    return this.items.get(JSON.stringify([kind, id]));
  }

  /** The item of the file that records what `ref` names, if the file has it. */
  holding(ref: Reference): FileItem | undefined {
    if ('minutes' in ref) return this.item('session', ref.minutes);
    if ('dispatch' in ref) return this.item('dispatch', ref.dispatch);
    if ('instrument' in ref) return this.item('instrument', ref.instrument);
    if (isCirculationRef(ref)) return this.item('circulation', ref.circulation);
    return this.motions.get(ref.session)?.has(ref.motion)
      ? this.item('session', ref.session)
      : undefined;
  }
}

/**
 * What an item of a file may refer to: a decision, a dispatch, an instrument, or the minutes of a
 * session.
 */
export type Reference =
  DecisionRef | { dispatch: string } | { instrument: string } | { minutes: string };

/**
 * Refuses a reference to what is not recorded yet: what an item refers to must be in the record,
 * or earlier in the file (in the order it is recorded: by date).
 */
export function requireBefore(state: State, file: FileIndex, ref: Reference): void {
  if (isRecorded(state, ref)) return;
  const words =
    'minutes' in ref
      ? `session '${ref.minutes}'`
      : 'dispatch' in ref
        ? `dispatch '${ref.dispatch}'`
        : 'instrument' in ref
          ? `instrument '${ref.instrument}'`
          : isCirculationRef(ref)
            ? `circulation '${ref.circulation}'`
            : `motion '${ref.motion}' of session '${ref.session}'`;
  const later = file.holding(ref);
  if (!later) fail('not-found', `no ${words} in the record or before this in the file`);
  const when = later.at === undefined ? '' : ` (${momentInWords(later.at)})`;
  fail(
    'not-found',
    `${words} is recorded after this${when}: what an item refers to must come before it, in the record or earlier in the file's order of dates`,
  );
}

/**
 * The instant an item's date gives, as its file wrote it: its day, and its time of day where it
 * gave one ("1 October 1920, 09:00"), which is what puts it after an item of the same day.
 */
function momentInWords(at: string): string {
  const time = at.slice(11, 16);
  return `${dayInWords(at.slice(0, 10))}${time === '' || time === '00:00' ? '' : `, ${time}`}`;
}

function isRecorded(state: State, ref: Reference): boolean {
  if ('minutes' in ref) return state.sessions.has(ref.minutes);
  if ('dispatch' in ref) return state.dispatches.has(ref.dispatch);
  if ('instrument' in ref) return state.instruments.has(ref.instrument);
  return findDecision(state, ref) !== undefined;
}

/** Refuses, at its own key, each link of an item to what is not recorded before it. */
export function requireLinks(
  state: State,
  file: FileIndex,
  where: Path,
  links: { dispatch?: string; follows?: DecisionRef; ratifies?: DecisionRef },
): void {
  if (links.dispatch !== undefined) {
    const dispatch = links.dispatch;
    located([...where, 'dispatch'], () => requireBefore(state, file, { dispatch }));
  }
  for (const key of ['follows', 'ratifies'] as const) {
    const ref = links[key];
    if (ref !== undefined) located([...where, key], () => requireBefore(state, file, ref));
  }
}
