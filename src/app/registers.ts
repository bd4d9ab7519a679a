/**
 * The registers a secretary keeps, read from the state: dispatches, circulations and decisions,
 * filtered and searched, and everything on one question. Shared by the command line and the server.
 */
import type { DecisionRef } from '../core/acts.js';
import { fail } from '../core/errors.js';
import { checkDays, decisionDate, withinDays } from '../core/minutes/dates.js';
import {
  allDecisions,
  awaitingRatification,
  chainOf,
  dispatchStatus,
  findDecision,
  isCirculationRef,
  motionKey,
  refKey,
} from '../core/state/index.js';
import type {
  CirculationState,
  DecisionView,
  DispatchState,
  InstrumentState,
  InstrumentStatus,
  State,
} from '../core/state/index.js';

export interface RegisterFilter {
  readonly body?: string;
  /**
   * Words that must all appear (in any case) in the item's text, sender, number or id, or a
   * dispatch's inscriptions ("ask Stalin" is found on the dispatch it was written on).
   */
  readonly text?: string;
}

export type DispatchFilter = RegisterFilter & {
  readonly state?: 'open' | 'registered' | 'referred' | 'closed';
};

export type CirculationFilter = RegisterFilter & {
  readonly state?: 'open' | 'overdue' | 'closed' | 'withdrawn';
  /** The time against which a deadline is overdue (ISO). */
  readonly now?: string;
};

/**
 * A register read by `read`, its filter checked first (checkRegisterFilter): every register is
 * made by it, so that none lists nothing for a body no charter has, as if it had decided nothing.
 */
function register<F extends RegisterFilter, T>(
  read: (state: State, filter: F) => T[],
): (state: State, filter: F) => T[] {
  return (state, filter) => {
    checkRegisterFilter(state, filter);
    return read(state, filter);
  };
}

/**
 * Refuses a register's filter naming a body no version of the charter has (`not-found`), or, for
 * one that takes days, days that are not or a range that ends before it begins (`invalid-input`).
 */
function checkRegisterFilter(
  state: State,
  filter: RegisterFilter & { readonly from?: string; readonly to?: string },
): void {
  checkDays(filter);
  checkBody(state, filter.body);
}

export const dispatchRegister = register((state, filter: DispatchFilter): DispatchState[] =>
  [...state.dispatches.values()].filter((d) => {
    const status = dispatchStatus(d);
    if (filter.state === 'open' ? status === 'closed' : filter.state && status !== filter.state)
      return false;
    const inscriptions = d.referrals.map((r) => r.inscription);
    return matches(filter, d.body, [d.id, d.number, d.from, d.text, ...inscriptions]);
  }),
);

export const circulationRegister = register(
  (state, filter: CirculationFilter): CirculationState[] => {
    const now = filter.now ?? new Date().toISOString();
    return [...state.circulations.values()].filter((c) => {
      if (
        filter.state === 'overdue'
          ? !(c.status === 'open' && c.deadline <= now)
          : filter.state && c.status !== filter.state
      )
        return false;
      return matches(filter, c.body, [c.id, c.text]);
    });
  },
);

/** Provisional decisions awaiting ratification, by the ratifying body when given. */
export const provisionalRegister = register((state, filter: RegisterFilter): DecisionView[] =>
  awaitingRatification(state, filter.body).filter((d) =>
    matches({ ...(filter.text ? { text: filter.text } : {}) }, d.body, [d.text]),
  ),
);

export type DecisionFilter = RegisterFilter & {
  /** Only decisions with this outcome (`adopted`, `rejected`, `not-decided`, `advisory`, ...). */
  readonly outcome?: string;
  /** Only decisions taken on this day or after, or on this day or before (ISO days, by
   * `decisionDate`: the session's own date, or the circulation's). */
  readonly from?: string;
  readonly to?: string;
  /** Only questions decided: not circulations still open or motions not yet voted on. */
  readonly decided?: boolean;
};

/**
 * Every decision (motions and circulations), filtered, in record order, the filter taken as
 * checked: for a caller that checks a filter of its own (exports), and for the register below.
 */
export function filteredDecisions(state: State, filter: DecisionFilter): DecisionView[] {
  return allDecisions(state)
    .filter(
      (d) =>
        (filter.outcome === undefined || d.decision?.outcome === filter.outcome) &&
        (!filter.decided || d.decision !== undefined) &&
        withinDays(decisionDate(state, d.ref) ?? '', filter) &&
        matches(filter, d.body, [d.text, JSON.stringify(d.ref)]),
    )
    .sort((a, b) => a.index - b.index);
}

/**
 * Every decision (motions and circulations), filtered, in record order; refused (`invalid-input`)
 * for days that are not, or a range that ends before it begins.
 */
export const decisionRegister = register(filteredDecisions);

/** The entry that recorded a decision (a vote's or a circulation's close), once taken. */
export function decidedAt(state: State, ref: DecisionRef): number | undefined {
  return isCirculationRef(ref)
    ? state.circulations.get(ref.circulation)?.closedAt
    : state.motions.get(motionKey(ref.session, ref.motion))?.closedAt;
}

export type InstrumentFilter = RegisterFilter & {
  readonly kind?: string;
  readonly state?: InstrumentStatus;
  /** Only instruments on this question: a dispatch id, a circulation id or SESSION/MOTION. */
  readonly question?: string;
};

/** The instruments of the registers, filtered, in the order drafted. */
export const instrumentRegister = register((state, filter: InstrumentFilter): InstrumentState[] => {
  const on = filter.question === undefined ? undefined : questionOf(state, filter.question);
  if (filter.question !== undefined && on === undefined)
    fail('not-found', `no question '${filter.question}' in the record`);
  return [...state.instruments.values()].filter((i) => {
    if (filter.kind !== undefined && i.draft.kind !== filter.kind) return false;
    if (filter.state !== undefined && i.status !== filter.state) return false;
    if (on && !on.instruments.includes(i)) return false;
    const d = i.draft;
    return matches(filter, d.body, [i.id, d.number, d.text, d.to ?? '', d.kind]);
  });
});

/** Everything on one question: a dispatch with what was put on it, or a decision's chain. */
export interface Question {
  readonly dispatch?: DispatchState;
  /** Every decision on it, in record order: put on the dispatch, and their chains. */
  readonly decisions: DecisionView[];
  /** The instruments that rest on those decisions or answer the dispatch, in the order drafted. */
  readonly instruments: InstrumentState[];
}

/**
 * The question a dispatch id, a circulation id or `SESSION/MOTION` names; undefined when the
 * record has nothing of that name.
 */
export function questionOf(state: State, name: string): Question | undefined {
  const dispatch = state.dispatches.get(name);
  if (dispatch) {
    // A circulation may bear the dispatch's id (each register has its own): it is shown too.
    const same = state.circulations.has(name) ? [{ circulation: name }] : [];
    const decisions = chains(state, [...putOnDispatch(state, dispatch), ...same]);
    return { dispatch, decisions, instruments: instrumentsOn(state, dispatch, decisions) };
  }
  const ref = parseDecisionRef(name);
  const found = findDecision(state, ref);
  if (!found) return undefined;
  const decisions = chainOf(state, ref);
  const on = decisions.find((d) => d.dispatch !== undefined)?.dispatch;
  const answered = on === undefined ? undefined : state.dispatches.get(on);
  return {
    ...(answered ? { dispatch: answered } : {}),
    decisions,
    instruments: instrumentsOn(state, answered, decisions),
  };
}

function instrumentsOn(
  state: State,
  dispatch: DispatchState | undefined,
  decisions: readonly DecisionView[],
): InstrumentState[] {
  const keys = new Set(decisions.map((d) => refKey(d.ref)));
  return [...state.instruments.values()].filter(
    ({ draft }) =>
      (dispatch !== undefined && draft.answers === dispatch.id) ||
      (draft.restsOn !== undefined && keys.has(refKey(draft.restsOn))),
  );
}

/** The circulations and motions put on a dispatch, in the order they were put. */
export function putOnDispatch(state: State, dispatch: DispatchState): DecisionRef[] {
  return [
    ...dispatch.circulations.map((circulation) => ({ circulation })),
    ...dispatch.motions.flatMap((key) => {
      const m = state.motions.get(key);
      return m ? [{ session: m.session, motion: m.id }] : [];
    }),
  ];
}

/** A decision as people name it: `SESSION/MOTION`, or a circulation's id. */
export function parseDecisionRef(name: string): DecisionRef {
  const [session, motion, ...more] = name.split('/');
  if (motion === undefined) return { circulation: name };
  if (!session || !motion || more.length > 0)
    fail('invalid-input', `"${name}" names no decision: give SESSION/MOTION or a circulation id`);
  return { session, motion };
}

function chains(state: State, refs: readonly DecisionRef[]): DecisionView[] {
  const all = new Map<string, DecisionView>();
  for (const ref of refs) for (const d of chainOf(state, ref)) all.set(refKey(d.ref), d);
  return [...all.values()].sort((a, b) => a.index - b.index);
}

/**
 * Refuses (`not-found`) a body no version of the charter has: a register or an export of it would
 * be empty, as if it had decided nothing. One that existed once is a body of the record.
 */
export function checkBody(state: State, body: string | undefined): void {
  if (body !== undefined && !state.charters.some((v) => v.charter.bodies.has(body)))
    fail('not-found', `no body '${body}' in the charter`);
}

function matches(filter: RegisterFilter, body: string, texts: readonly string[]): boolean {
  if (filter.body !== undefined && body !== filter.body) return false;
  if (!filter.text) return true;
  const haystack = texts.join('\n').toLowerCase();
  return filter.text
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
