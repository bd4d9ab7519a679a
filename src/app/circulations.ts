/**
 * Circulations as use cases, shared by the command line, the server and replay: putting a
 * question outside a session, answering it (or recording an answer that came by telephone),
 * confirming or disputing a recorded answer, withdrawing it, and closing it with the outcome
 * its rule gives (at the deadline, as the organization; early, once the outcome cannot change).
 */
import type { Acts, Channel } from '../core/acts.js';
import { fail } from '../core/errors.js';
import { ID_MAX_LENGTH } from '../core/id-rule.js';
import { withoutUndefined } from '../core/json.js';
import {
  bodyOf,
  decideCirculationIn,
  overdueCirculations,
  circulationOf,
} from '../core/state/index.js';
import type { CirculationState, State } from '../core/state/index.js';
import type { AnswerChoice } from '../core/rules/index.js';
import type { DraftSource } from './ledger.js';
import { defaultOfficer } from './proceedings.js';

/** A question to put: `deadline` an ISO time; without an id, one is made from the body and date. */
export type CirculationRequest = Omit<Acts['circulation.open'], 'circulation' | 'mode'> & {
  circulation?: string;
};

export function putCirculation(request: CirculationRequest, actor?: string): DraftSource {
  return (state) => {
    const charter = state.charter ?? fail('conflict', 'the record has no charter');
    const body = bodyOf(charter, request.body);
    const now = new Date().toISOString();
    const payload: Acts['circulation.open'] = {
      ...request,
      circulation: request.circulation ?? circulationId(state, body.id, now),
      mode: 'live',
    };
    return { act: { type: 'circulation.open', payload }, actor: actor ?? defaultOfficer(body) };
  };
}

export interface AnswerInput {
  readonly circulation: string;
  readonly member: string;
  readonly choice: AnswerChoice;
  readonly comment?: string;
  /** How the answer came, when an officer records it for the member. */
  readonly channel?: Channel;
  /** When the member answered, if earlier than now. */
  readonly at?: string;
  /** The officer recording it; absent, the member answers themself. */
  readonly recorder?: string;
}

export function answerCirculation(input: AnswerInput): DraftSource {
  const payload: Acts['circulation.answer'] = {
    circulation: input.circulation,
    member: input.member,
    choice: input.choice,
    ...withoutUndefined({ comment: input.comment, channel: input.channel, at: input.at }),
  };
  return {
    act: { type: 'circulation.answer', payload },
    actor: input.member,
    ...(input.recorder !== undefined ? { recorder: input.recorder } : {}),
  };
}

/** The member's own word on an answer an officer recorded for them: confirmed, or disputed. */
export function confirmAnswer(circulation: string, member: string, dispute?: string): DraftSource {
  return dispute === undefined
    ? { act: { type: 'circulation.confirm', payload: { circulation, member } }, actor: member }
    : {
        act: { type: 'circulation.dispute', payload: { circulation, member, reason: dispute } },
        actor: member,
      };
}

export function withdrawCirculation(
  circulation: string,
  actor?: string,
  reason?: string,
): DraftSource {
  return (state) => ({
    act: {
      type: 'circulation.withdraw',
      payload: { circulation, ...withoutUndefined({ reason }) },
    },
    actor: actor ?? officerOf(circulationOf(state, circulation)),
  });
}

/**
 * Closes a circulation with the outcome its rule gives now: by `actor` (an officer), or with
 * `actor` null by the organization (at the deadline).
 */
export function closeCirculation(
  circulation: string,
  options: { actor?: string | null; stated?: string } = {},
): DraftSource {
  return (state) => {
    const c = circulationOf(state, circulation);
    const payload: Acts['circulation.close'] = {
      circulation,
      decision: decideCirculationIn(c),
      ...withoutUndefined({ stated: options.stated }),
    };
    const actor = options.actor === undefined ? officerOf(c) : options.actor;
    return {
      act: { type: 'circulation.close', payload },
      actor,
      ...(actor === null ? { signer: null } : {}),
    };
  };
}

/**
 * The organization's closes of every live circulation whose deadline has come by `now`, each with
 * the circulation it closes (oldest deadline first).
 */
export function dueCloses(
  state: State,
  now: Date,
): { readonly circulation: string; readonly close: DraftSource }[] {
  return overdueCirculations(state, now.toISOString())
    .filter((c) => c.mode === 'live')
    .map((c) => ({ circulation: c.id, close: closeCirculation(c.id, { actor: null }) }));
}

/** The earliest deadline of a live circulation still open (ISO), if any: when one is next due. */
export function nextDeadline(state: State): string | undefined {
  let next: string | undefined;
  for (const c of state.circulations.values())
    if (c.mode === 'live' && c.status === 'open' && (next === undefined || c.deadline < next))
      next = c.deadline;
  return next;
}

function officerOf(c: CirculationState): string {
  return defaultOfficer(c.bodyAtOpen);
}

/** A new id for a circulation of `body`: `board-2026-12-02`, numbered when taken. */
export function circulationId(state: State, body: string, now: string): string {
  const base = `${body.slice(0, ID_MAX_LENGTH - 16)}-${now.slice(0, 10)}`;
  let id = base;
  for (let n = 2; state.circulations.has(id); n++) id = `${base}-${n}`;
  return id;
}
