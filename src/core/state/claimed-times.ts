/**
 * Checks of a new act against the time of the entry that records it. Like the payload's form,
 * they are asked of new acts only (the ledger), so that records written before still audit.
 */
import type { Act } from '../acts.js';
import { fail } from '../errors.js';
import type { State } from './model.js';

/**
 * An answer recorded live for a member (by telephone, on paper) was given before it is recorded:
 * its `at` is not later than the act's `time`. Minutes transcribe times as they were, and are
 * left alone.
 */
export function checkClaimedTimes(state: State, act: Act, time: string): void {
  if (act.type !== 'circulation.answer') return;
  const { at, circulation } = act.payload;
  if (at === undefined || at <= time) return;
  if (state.circulations.get(circulation)?.mode !== 'live') return;
  fail(
    'invalid-input',
    `circulation.answer: at ${at} is later than the act that records it (${time}): an answer is recorded once given`,
  );
}
