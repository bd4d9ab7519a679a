/**
 * The register of dispatches as use cases: registering an incoming request (its number given by
 * the register unless it carries one), referring it by an inscription, closing it.
 */
import type { Acts } from '../core/acts.js';
import { fail } from '../core/errors.js';
import { ID_MAX_LENGTH } from '../core/id-rule.js';
import { withoutUndefined } from '../core/json.js';
import { bodyOf, nextDispatchNumber, dispatchOf } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import { attachmentsOf, type FileInput } from './attachments.js';
import type { DraftSource } from './ledger.js';
import { defaultOfficer } from './proceedings.js';

export type DispatchRequest = Omit<
  Acts['dispatch.register'],
  'dispatch' | 'number' | 'attachments'
> & {
  dispatch?: string;
  number?: string;
};

export function registerDispatch(
  request: DispatchRequest,
  options: { actor?: string; files?: readonly FileInput[]; maxBytes: number },
): DraftSource {
  const { attachments, stored } = attachmentsOf(options.files ?? [], options.maxBytes);
  return (state) => {
    const charter = state.charter ?? fail('conflict', 'the record has no charter');
    const body = bodyOf(charter, request.body);
    const number = request.number ?? nextDispatchNumber(state, body.id, request.received);
    const payload: Acts['dispatch.register'] = {
      ...request,
      dispatch: request.dispatch ?? dispatchId(state, body.id, number),
      number,
      ...(attachments.length > 0 ? { attachments } : {}),
    };
    return {
      act: { type: 'dispatch.register', payload },
      actor: options.actor ?? defaultOfficer(body),
      ...(stored.length > 0 ? { files: stored } : {}),
    };
  };
}

export function referDispatch(
  dispatch: string,
  referral: Omit<Acts['dispatch.refer'], 'dispatch'>,
  actor?: string,
): DraftSource {
  return (state) => ({
    act: {
      type: 'dispatch.refer',
      payload: {
        dispatch,
        inscription: referral.inscription,
        ...withoutUndefined({ people: referral.people, body: referral.body }),
      },
    },
    actor: actor ?? officerOfDispatch(state, dispatch),
  });
}

export function closeDispatch(dispatch: string, reason: string, actor?: string): DraftSource {
  return (state) => ({
    act: { type: 'dispatch.close', payload: { dispatch, reason } },
    actor: actor ?? officerOfDispatch(state, dispatch),
  });
}

function officerOfDispatch(state: State, id: string): string {
  return defaultOfficer(bodyOf(state.charter!, dispatchOf(state, id).body));
}

/** A new id for a dispatch: `board-2026-7` from its body and number, numbered when taken. */
export function dispatchId(state: State, body: string, number: string): string {
  return idFromNumber(state.dispatches, body, number, 'dispatch');
}

/** A new id from a body and a register number, numbered when taken: `board-2026-7-2`. */
export function idFromNumber(
  taken: { has(id: string): boolean },
  body: string,
  number: string,
  fallback: string,
): string {
  const slug = number
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const base = `${body}-${slug || fallback}`.slice(0, ID_MAX_LENGTH - 4);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
