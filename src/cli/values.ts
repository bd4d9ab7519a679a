/**
 * Circulations, dispatches and decisions as --json gives them: their maps as arrays, the body's
 * model (made of the charter's maps) left out for its id, and what an open question's outcome is.
 */
import { putOnDispatch } from '../app/registers.js';
import {
  decideCirculationIn,
  dispatchStatus,
  isCirculationRef,
  isSettled,
} from '../core/state/index.js';
import type { CirculationState, DecisionView, DispatchState, State } from '../core/state/index.js';
import { circulationState } from './format-circulations.js';

export function circulationValue(c: CirculationState, now: string) {
  const { answers, bodyAtOpen: _body, ...rest } = c;
  const open = c.status === 'open';
  return {
    ...rest,
    state: circulationState(c, now),
    answers: [...answers.values()],
    ...(open
      ? {
          forming: decideCirculationIn(c),
          canChange: c.deadline > now && !isSettled(c),
        }
      : {}),
  };
}

/** A dispatch, its motions named as `{session, motion}` rather than by their keys. */
export function dispatchValue(state: State, d: DispatchState) {
  const motions = putOnDispatch(state, d).filter((ref) => !isCirculationRef(ref));
  return { ...d, state: dispatchStatus(d), motions };
}

/** What every decision has, motion or circulation. */
export function decisionValue(d: DecisionView) {
  return {
    ref: d.ref,
    body: d.body,
    text: d.text,
    index: d.index,
    ...(d.decision ? { decision: d.decision } : {}),
    ...(d.ratification ? { ratification: d.ratification } : {}),
    ...(d.ratifies ? { ratifies: d.ratifies } : {}),
    ...(d.follows ? { follows: d.follows } : {}),
    ...(d.dispatch !== undefined ? { dispatch: d.dispatch } : {}),
  };
}
