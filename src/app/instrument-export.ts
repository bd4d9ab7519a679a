/**
 * Builds an instrument's bundle (record/proof-formats.ts InstrumentBundle): the entries that
 * prove it, each with its inclusion proof against one checkpoint, with the charter and the key
 * changes up to its last entry, so that a recipient verifies it with nothing else.
 */
import type { DecisionRef } from '../core/acts.js';
import { fail } from '../core/errors.js';
import { instrumentOf, motionKey } from '../core/state/index.js';
import type { InstrumentState, State } from '../core/state/index.js';
import { INSTRUMENT_BUNDLE_FORMAT } from '../record/proof-formats.js';
import type { InstrumentBundle } from '../record/proof-formats.js';
import type { RecordStore } from '../store/types.js';
import { provenEntries } from './export.js';
import { checkpointAt } from './proofs.js';

/** The bundle of instrument `id`, proven against the checkpoint of `size` (default the latest). */
export async function exportInstrument(
  store: RecordStore,
  state: State,
  id: string,
  size?: number,
): Promise<InstrumentBundle> {
  const instrument = instrumentOf(state, id);
  const checkpoint = await checkpointAt(store, size);
  const own = instrumentEntries(state, instrument).filter((i) => i < checkpoint.size);
  if (!own.includes(instrument.draftedAt))
    fail('not-found', `instrument ${id} is not in the tree of size ${checkpoint.size}`);
  const after = entriesSinceIssue(instrument, checkpoint.size);
  const indexes = [...new Set([...own, ...after, ...votesClosedIn(state, after)])].sort(
    (a, b) => a - b,
  );
  const last = indexes.at(-1)!;
  const changes = state.keyChanges.filter((i) => i < last && i !== 0);
  const proven = await provenEntries(store, [0, ...changes, ...indexes], checkpoint.size);
  const at = (index: number) => proven.get(index)!;
  return {
    format: INSTRUMENT_BUNDLE_FORMAT,
    instrument: id,
    checkpoint: checkpoint.note,
    entries: indexes.map(at),
    genesis: at(0),
    enrolments: changes.map(at),
  };
}

/**
 * Every entry after the issue of an instrument still in force at `size`, to the last of the tree:
 * only the whole stretch shows that none of them revoked, settled or annulled it (a bundle of
 * chosen entries could leave that one out). An instrument that was never issued, or whose life
 * ended within the tree, needs none: its own entries say so.
 */
function entriesSinceIssue(instrument: InstrumentState, size: number): number[] {
  const issued = instrument.issued?.index;
  if (issued === undefined || issued >= size) return [];
  const ended = [instrument.revoked, instrument.settled, instrument.annulled].some(
    (event) => event !== undefined && event.index < size,
  );
  if (ended) return [];
  return Array.from({ length: size - 1 - issued }, (_, i) => issued + 1 + i);
}

/**
 * The proposals of the votes closed among `indexes`, and their sessions' openings: any of them
 * could be the ratification the decision awaited, which a recipient reads only from them.
 */
function votesClosedIn(state: State, indexes: readonly number[]): number[] {
  const closes = new Set(indexes);
  if (closes.size === 0) return [];
  return [...state.motions.values()]
    .filter((m) => m.closedAt !== undefined && closes.has(m.closedAt))
    .flatMap((m) => [state.sessions.get(m.session)?.openedAt, m.proposedAt])
    .filter((i) => i !== undefined);
}

/**
 * The indexes of every entry that proves the instrument, in order: its own, the decisions it
 * rests on or that revoked or annulled it (with any ratification), the dispatch it answers.
 */
export function instrumentEntries(state: State, instrument: InstrumentState): number[] {
  const own = [
    instrument.draftedAt,
    ...instrument.signatures.map((s) => s.index),
    instrument.issued?.index,
    instrument.revoked?.index,
    instrument.settled?.index,
    instrument.annulled?.index,
  ];
  const decisions = [
    instrument.draft.restsOn,
    instrument.revoked?.decision,
    instrument.annulled?.decision,
  ].flatMap((ref) => (ref ? decisionEntries(state, ref) : []));
  const answers = instrument.draft.answers;
  const dispatch = answers === undefined ? undefined : state.dispatches.get(answers);
  const all = [...own, ...decisions, dispatch?.registeredAt].filter((i) => i !== undefined);
  return [...new Set(all)].sort((a, b) => a - b);
}

/** A decision's opening, its question and its close, and the ratification that decided it. */
function decisionEntries(state: State, ref: DecisionRef): number[] {
  if ('circulation' in ref) {
    const c = state.circulations.get(ref.circulation);
    if (!c) return [];
    return [c.openedAt, c.closedAt, ...ratifying(state, c.ratification?.decidedBy)].filter(
      (i) => i !== undefined,
    );
  }
  const motion = state.motions.get(motionKey(ref.session, ref.motion));
  const session = state.sessions.get(ref.session);
  if (!motion || !session) return [];
  return [
    session.openedAt,
    motion.proposedAt,
    motion.closedAt,
    ...ratifying(state, motion.ratification?.decidedBy),
  ].filter((i) => i !== undefined);
}

function ratifying(state: State, by: { session: string; motion: string } | undefined): number[] {
  const motion = by && state.motions.get(motionKey(by.session, by.motion));
  const session = by && state.sessions.get(by.session);
  return motion && session
    ? [session.openedAt, motion.proposedAt, motion.closedAt].filter((i) => i !== undefined)
    : [];
}
