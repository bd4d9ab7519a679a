/**
 * Decisions across the record, whether taken in a session (a motion) or between sessions (a
 * circulation): how one names another, which of them await ratification, and the chain a
 * decision belongs to (what it continues, what continued it).
 */
import type { DecisionRef } from '../acts.js';
import type { Body } from '../charter/model.js';
import { fail } from '../errors.js';
import type { Decision } from '../rules/types.js';
import { dayInWords, timeInWords } from '../minutes/words.js';
import { lastCountedAnswer } from './circulations.js';
import { motionKey } from './model.js';
import type { CirculationState, MotionState, Ratification, State } from './model.js';

/** What every decision has, whichever kind it is. */
export interface DecisionView {
  readonly ref: DecisionRef;
  readonly body: string;
  readonly text: string;
  /** The entry that put the question. */
  readonly index: number;
  readonly decision?: Decision;
  readonly ratification?: Ratification;
  readonly follows?: DecisionRef;
  readonly ratifies?: DecisionRef;
  readonly dispatch?: string;
  /** The outcome the minutes state, for a decision transcribed from them. */
  readonly stated?: string;
  /** Totals the minutes state that the names of their roll call do not bear out. */
  readonly countFlags?: readonly string[];
}

export function isCirculationRef(ref: DecisionRef): ref is { circulation: string } {
  return 'circulation' in ref;
}

/** A key unique among all decisions of a record. */
export function refKey(ref: DecisionRef): string {
  return isCirculationRef(ref)
    ? JSON.stringify(['circulation', ref.circulation])
    : motionKey(ref.session, ref.motion);
}

/** "motion georgia of session pb-1920-05-05", "circulation enzeli". */
export function refInWords(ref: DecisionRef): string {
  return isCirculationRef(ref)
    ? `circulation ${ref.circulation}`
    : `motion ${ref.motion} of session ${ref.session}`;
}

/** The decision a reference names, or undefined when the record has none such. */
export function findDecision(state: State, ref: DecisionRef): DecisionView | undefined {
  if (isCirculationRef(ref)) {
    const c = state.circulations.get(ref.circulation);
    return c && circulationDecision(c);
  }
  const m = state.motions.get(motionKey(ref.session, ref.motion));
  return m && motionDecision(m);
}

function motionDecision(m: MotionState): DecisionView {
  return { ...m, ref: { session: m.session, motion: m.id }, index: m.proposedAt };
}

function circulationDecision(c: CirculationState): DecisionView {
  return { ...c, ref: { circulation: c.id }, index: c.openedAt };
}

/** The decision a reference names; refused when the record has none such. */
export function decisionOf(state: State, ref: DecisionRef): DecisionView {
  return findDecision(state, ref) ?? fail('not-found', `no ${refInWords(ref)} in the record`);
}

/**
 * The body whose session must confirm an adopted decision of `body`, if any: the parent a
 * delegated body reports to, else (for a circulation, under `ratify: next-session`) the body itself.
 */
export function ratifierOf(body: Body, kind: 'motion' | 'circulation'): string | undefined {
  const reportTo = body.obligations.find((o) => o.kind === 'report-to');
  if (reportTo) return reportTo.body;
  return kind === 'circulation' && body.circulation?.ratify ? body.id : undefined;
}

/** The ratification an adopted decision starts, when its body's decisions need one. */
export function provisionalIf(
  body: Body,
  kind: 'motion' | 'circulation',
  decision: Decision,
): Ratification | undefined {
  const by = decision.outcome === 'adopted' ? ratifierOf(body, kind) : undefined;
  return by === undefined ? undefined : { by, status: 'provisional' };
}

/** Every decision of the record, motions then circulations, each in record order. */
export function allDecisions(
  state: State,
  keep: (d: { readonly ratification?: Ratification }) => boolean = () => true,
): DecisionView[] {
  // Views are made only of the decisions kept: a record holds many more motions than a read needs.
  const views: DecisionView[] = [];
  for (const m of state.motions.values()) if (keep(m)) views.push(motionDecision(m));
  for (const c of state.circulations.values()) if (keep(c)) views.push(circulationDecision(c));
  return views;
}

/** Provisional decisions awaiting a session of `body` (of any body when omitted), oldest first. */
export function awaitingRatification(state: State, body?: string): DecisionView[] {
  return allDecisions(
    state,
    (d) =>
      d.ratification?.status === 'provisional' &&
      (body === undefined || d.ratification.by === body),
  ).sort((a, b) => a.index - b.index);
}

/**
 * The chain a decision belongs to, in record order: the decisions it continues or ratifies (back
 * to the first), itself, and every decision that continues or ratifies any of them since.
 */
export function chainOf(state: State, ref: DecisionRef): DecisionView[] {
  // Followed through the decisions' own links, each keyed once: a view (a copy) is made only of
  // those in the chain, not of every motion of the record, whose rolls a copy would read.
  const all = decisionLinks(state);
  const byKey = new Map(all.map((d) => [d.key, d]));
  let root = byKey.get(refKey(ref));
  const seen = new Set<string>();
  while (root && !seen.has(root.key)) {
    seen.add(root.key);
    const up = root.up.map((key) => byKey.get(key))[0];
    if (!up) break;
    root = up;
  }
  if (!root) return [];
  const chain = new Map([[root.key, root]]);
  for (let grew = true; grew;) {
    grew = false;
    for (const d of all) {
      if (chain.has(d.key)) continue;
      if (d.up.some((key) => chain.has(key))) {
        chain.set(d.key, d);
        grew = true;
      }
    }
  }
  return [...chain.values()].map((d) => d.view()).sort((a, b) => a.index - b.index);
}

/** A decision's key, the keys of what it follows and ratifies (in that order), and its view. */
interface DecisionLinks {
  readonly key: string;
  readonly up: readonly string[];
  view(): DecisionView;
}

/** Every decision's links, motions then circulations, as allDecisions orders them. */
function decisionLinks(state: State): DecisionLinks[] {
  const keys = (...refs: (DecisionRef | undefined)[]) =>
    refs.filter((r) => r !== undefined).map(refKey);
  const links: DecisionLinks[] = [];
  for (const m of state.motions.values())
    links.push({ key: m.key, up: keys(m.follows, m.ratifies), view: () => motionDecision(m) });
  for (const c of state.circulations.values())
    links.push({
      key: refKey({ circulation: c.id }),
      up: keys(c.follows),
      view: () => circulationDecision(c),
    });
  return links;
}

/** Whether the decision stands provisionally, awaiting a session of `body`. */
export function awaits(d: DecisionView, body: string): boolean {
  return d.ratification?.status === 'provisional' && d.ratification.by === body;
}

/**
 * What a closed ratifying motion does to the decision it names: adopted, it is final; rejected,
 * annulled; not decided, still provisional. Only a decision awaiting the motion's body changes.
 */
export function settleRatification(
  state: State,
  motion: MotionState,
  decision: Decision,
  index: number,
): void {
  const target = motion.ratifies && findDecision(state, motion.ratifies);
  if (!target?.ratification || !awaits(target, motion.body)) return;
  if (decision.outcome !== 'adopted' && decision.outcome !== 'rejected') return;
  target.ratification.status = decision.outcome === 'adopted' ? 'ratified' : 'annulled';
  target.ratification.decidedBy = { session: motion.session, motion: motion.id };
  target.ratification.decidedAt = index;
}

/** A flag for a ratifying motion whose decision awaits no ratification by its body. */
export function ratificationFlag(state: State, motion: MotionState): string | undefined {
  if (!motion.ratifies) return undefined;
  const target = findDecision(state, motion.ratifies);
  const decidedBy = target?.ratification?.decidedBy;
  if (decidedBy?.session === motion.session && decidedBy.motion === motion.id) return undefined;
  if (target && awaits(target, motion.body)) return undefined;
  return `${motion.id} ratifies ${refInWords(motion.ratifies)}, which awaits no ratification by ${motion.body}`;
}

/**
 * A flag for a motion of a sitting that ratifies a question in writing on a day before the last
 * answer counted came: the question was not decided yet, so that sitting could not confirm it (a
 * transcription records the question whole at its opening, so only the dates tell; live, a vote
 * on a question still open is refused). A day alone is the whole of that day, as for an
 * instrument dated before the answers it rests on.
 */
export function ratifiedBeforeAnswersFlag(state: State, motion: MotionState): string | undefined {
  const ref = motion.ratifies;
  if (!ref || !isCirculationRef(ref)) return undefined;
  const date = state.sessions.get(motion.session)?.date;
  const c = state.circulations.get(ref.circulation);
  const last = c && lastCountedAnswer(c);
  if (date === undefined || last === undefined || date >= last.slice(0, date.length))
    return undefined;
  return `${motion.id} ratifies ${refInWords(ref)} at a sitting of ${dayInWords(date)}, before its answers were in: the last counted came on ${timeInWords(last)}`;
}
