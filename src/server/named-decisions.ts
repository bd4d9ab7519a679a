/**
 * Decisions as the registers list them, each named in words beside its reference (`named`: its
 * motion and session, or the question put between sessions), so that a page never shows the ids
 * the record keys them by.
 */
import { decisionInWords } from '../core/state/index.js';
import type { DecisionView, State } from '../core/state/index.js';
import { decisionItem } from './decision-views.js';

export function namedDecisionItem(state: State, d: DecisionView) {
  return { ...decisionItem(state, d), named: decisionInWords(state, d.ref) };
}
