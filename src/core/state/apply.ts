/**
 * Folds one act into the state, after checking that the charter and the state allow it. A refused
 * act throws a DomainError and leaves the state as it was: every check comes before any change.
 * The checks and changes of each act type are its reducer's (reducers/).
 *
 * A new act is admitted (`'admit'`): held to every rule of this version. An act the record holds
 * is replayed (`'replay'`): held to the rules it was admitted under, so that a rule added since
 * (reducer.ts, `admitting`) does not make a record written before unreadable.
 */
import type { ActType, RecordedAct } from '../acts.js';
import { fail } from '../errors.js';
import type { State } from './model.js';
import { actInWords, motionInWords } from './names.js';
import { REDUCERS, type RecordedActOf, type Reducer } from './reducers/index.js';

export function applyAct(state: State, act: RecordedAct, how: 'admit' | 'replay'): void {
  if (act.index !== state.size)
    fail('conflict', `entry ${act.index} arrives where entry ${state.size} belongs`);
  // An adopted amendment is in force from the entry after its vote's close, whatever follows.
  const pending = state.pendingAmendment;
  if (pending && act.type !== 'charter.amend')
    fail(
      'charter-rule',
      `the amendment adopted by ${motionInWords(state, pending)} comes into force with the next entry, before anything else: not ${actInWords(act.type)}`,
    );
  reduce(state, act, how === 'admit');
  state.size += 1;
}

function reduce<T extends ActType>(state: State, act: RecordedActOf<T>, admitting: boolean): void {
  // The type was checked where the act came in (record/entry.ts, payloads.ts); this keeps any
  // other, `toString` say, from calling what is no reducer.
  if (!Object.hasOwn(REDUCERS, act.type))
    fail('invalid-input', `there is no act type ${JSON.stringify(act.type)}`);
  const reducer: Reducer<T> = REDUCERS[act.type];
  reducer(state, act, admitting);
}
