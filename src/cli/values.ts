/**
 * Circulations, dispatches, decisions and instruments as --json gives them: their maps as arrays, the body's
 * model (made of the charter's maps) left out for its id, and what an open question's outcome is.
 */
import { putOnDispatch } from '../app/registers.js';
import { signersRuleInWords } from '../core/rules/signing.js';
import {
  decideCirculationIn,
  dispatchStatus,
  inForce,
  isCirculationRef,
  isSettled,
  personName,
  signatureLine,
} from '../core/state/index.js';
import type {
  CirculationState,
  DecisionView,
  DispatchState,
  InstrumentState,
  State,
} from '../core/state/index.js';
import { circulationState } from './format-circulations.js';
import { ruleMet } from './format-instruments.js';

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

/**
 * An instrument: its draft and signatures as the state holds them (the body's model left out),
 * its signing rule in words and whether it is met, its signature line, and whether it is in force.
 */
export function instrumentValue(state: State, i: InstrumentState, today: string) {
  const { bodyAtDraft: body, ...rest } = i;
  return {
    ...rest,
    ...(i.kindRule
      ? {
          rule: {
            words: signersRuleInWords(i.kindRule, body, (p) => personName(state, p)),
            ...ruleMet(state, i),
          },
        }
      : {}),
    signatureLine: signatureLine(i, state.charter!),
    inForce: inForce(i, today),
  };
}
