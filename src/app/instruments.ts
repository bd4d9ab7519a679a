/**
 * Instruments as use cases: drafting a document (its number given by the body's register unless
 * it carries one), signing it (the signature naming the content's hash and the signature before
 * it, as the record holds them when it is recorded), issuing, revoking, settling and annulling.
 */
import type { Acts, Channel, DecisionRef } from '../core/acts.js';
import { fail } from '../core/errors.js';
import { withoutUndefined } from '../core/json.js';
import { nextNumberAfter } from '../core/state/dispatches.js';
import { bodyOf, instrumentNumbers, instrumentOf, nextAfter } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import { attachmentsOf, type FileInput } from './attachments.js';
import { idFromNumber } from './dispatches.js';
import type { DraftSource } from './ledger.js';
import { defaultOfficer } from './proceedings.js';

export type InstrumentRequest = Omit<
  Acts['instrument.draft'],
  'instrument' | 'number' | 'attachments' | 'mode'
> & {
  instrument?: string;
  number?: string;
  mode?: Acts['instrument.draft']['mode'];
};

/**
 * A draft of a new instrument, numbered by the body's register unless the request numbers it.
 * The actor is the body's officer unless given; `null` is the organization (minutes transcribed).
 */
export function draftInstrument(
  request: InstrumentRequest,
  options: { actor?: string | null; files?: readonly FileInput[]; maxBytes: number },
): DraftSource {
  const { attachments, stored } = attachmentsOf(options.files ?? [], options.maxBytes);
  return (state) => {
    const charter = state.charter ?? fail('conflict', 'the record has no charter');
    const body = bodyOf(charter, request.body);
    const number =
      request.number ??
      nextNumberAfter(instrumentNumbers(state, body.id), request.date ?? new Date().toISOString());
    const payload: Acts['instrument.draft'] = {
      ...request,
      mode: request.mode ?? 'live',
      instrument: request.instrument ?? instrumentId(state, body.id, number),
      number,
      ...(attachments.length > 0 ? { attachments } : {}),
    };
    return {
      act: { type: 'instrument.draft', payload },
      actor: options.actor === undefined ? defaultOfficer(body) : options.actor,
      ...(stored.length > 0 ? { files: stored } : {}),
    };
  };
}

/**
 * A signature by `signer`, over the instrument's content as the record holds it and after its
 * last signature. `recorder`: an officer records a signature given on paper or by wire.
 * `content`: the hash of the text as the signer read it, when they name it (refused if the
 * instrument is not that text).
 */
export function signInstrument(
  instrument: string,
  signer: string,
  options: { recorder?: string; channel?: Channel; content?: string } = {},
): DraftSource {
  return (state) => {
    const i = instrumentOf(state, instrument);
    return {
      act: {
        type: 'instrument.sign',
        payload: {
          instrument,
          content: options.content ?? i.content,
          after: nextAfter(i),
          ...withoutUndefined({ channel: options.channel }),
        },
      },
      actor: signer,
      ...withoutUndefined({ recorder: options.recorder }),
    };
  };
}

/**
 * The later acts on an instrument: each the act of the body's officer unless `actor` is given
 * (`null`: the organization, transcribing minutes).
 */
export function issueInstrument(
  instrument: string,
  actor?: string | null,
  date?: string,
): DraftSource {
  return (state) => ({
    act: { type: 'instrument.issue', payload: { instrument, ...withoutUndefined({ date }) } },
    actor: actor === undefined ? officerOfInstrument(state, instrument) : actor,
  });
}

export function revokeInstrument(
  instrument: string,
  details: { reason?: string; date?: string; by?: DecisionRef },
  actor?: string | null,
): DraftSource {
  return (state) => ({
    act: { type: 'instrument.revoke', payload: { instrument, ...withoutUndefined(details) } },
    actor: actor === undefined ? officerOfInstrument(state, instrument) : actor,
  });
}

export function settleInstrument(
  instrument: string,
  details: { note?: string; date?: string },
  actor?: string | null,
): DraftSource {
  return (state) => ({
    act: { type: 'instrument.settle', payload: { instrument, ...withoutUndefined(details) } },
    actor: actor === undefined ? officerOfInstrument(state, instrument) : actor,
  });
}

export function annulInstrument(
  instrument: string,
  details: { by: DecisionRef; supersededBy?: string; reason?: string },
  actor?: string | null,
): DraftSource {
  return (state) => ({
    act: {
      type: 'instrument.annul',
      payload: {
        instrument,
        by: details.by,
        ...withoutUndefined({ supersededBy: details.supersededBy, reason: details.reason }),
      },
    },
    actor: actor === undefined ? officerOfInstrument(state, instrument) : actor,
  });
}

function officerOfInstrument(state: State, id: string): string {
  return defaultOfficer(bodyOf(state.charter!, instrumentOf(state, id).draft.body));
}

/** A new id for an instrument: `politburo-004-109` from its body and number. */
export function instrumentId(state: State, body: string, number: string): string {
  return idFromNumber(state.instruments, body, number, 'instrument');
}
