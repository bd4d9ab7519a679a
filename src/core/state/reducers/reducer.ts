/** What a reducer is: the checks and the change of one act type, folded into the state. */
import type { ActType, RecordedAct } from '../../acts.js';
import type { Charter } from '../../charter/model.js';
import { fail } from '../../errors.js';
import type { State } from '../model.js';

/** The recorded act of one type, its payload typed. */
export type RecordedActOf<T extends ActType> = RecordedAct & { readonly type: T };

/**
 * Checks one act against the charter and the state, and applies it. A refused act throws a
 * DomainError before anything changes: every check comes before the first change.
 *
 * `admitting` is true for a new act, false for one the record holds (replayed when the record
 * opens, audited, snapshotted). A rule added after records were written is asked only when
 * admitting (`if (admitting) checkX(...)`), so that a record written before still opens: what the
 * record admitted under the rules of its time, it keeps.
 */
export type Reducer<T extends ActType> = (
  state: State,
  act: RecordedActOf<T>,
  admitting: boolean,
) => void;

/** A reducer of an act that only a record with a charter holds: every act but the adoption. */
export type CharterReducer<T extends ActType> = (
  state: State,
  act: RecordedActOf<T>,
  charter: Charter,
  admitting: boolean,
) => void;

/** The reducer that refuses the act while the record has no charter, else runs `reduce` under it. */
export function underCharter<T extends ActType>(reduce: CharterReducer<T>): Reducer<T> {
  return (state, act, admitting) =>
    reduce(
      state,
      act,
      state.charter ?? fail('conflict', 'the record has no charter yet'),
      admitting,
    );
}
