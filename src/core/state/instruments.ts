/**
 * Instruments: the hashes their signatures chain, and what a register says of them. The hashes
 * are the same wherever they are computed (the fold, a member's device, an offline verifier):
 * SHA-256 over RFC 8785 canonical JSON.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { Acts, RecordedAct } from '../acts.js';
import { toHex } from '../bytes.js';
import { canonicalJson } from '../canonical.js';
import { timeInWords } from '../minutes/words.js';
import { capitalized } from '../words.js';
import { admittedSignatures, signatureProblem, turnAfter } from '../rules/signing.js';
import type { Body, Charter, InstrumentKind } from '../charter/model.js';
import type { ErrorCode } from '../errors.js';
import { findDecision } from './decisions.js';
import { decisionInWords, instrumentInWords, instrumentTitled, namesOf } from './names.js';
import type { InstrumentState, State } from './model.js';

const encoder = new TextEncoder();

function hashOf(value: unknown): string {
  return toHex(sha256(encoder.encode(canonicalJson(value))));
}

/** The instrument's content hash: of its draft, which every signature covers. */
export function instrumentContentHash(draft: Acts['instrument.draft']): string {
  return hashOf(draft);
}

/**
 * What the next signature names as the one before it: the hash of this signature's act (who
 * signed, with which key, when, over what). The entry's own signature covers the same fields, so
 * the chain of signatures proves their order without the log's positions.
 */
export function signatureLink(
  act: Pick<RecordedAct, 'type' | 'time' | 'actor' | 'signer' | 'key' | 'payload'>,
): string {
  const { type, time, actor, signer, key, payload } = act;
  return hashOf({ type, time, actor, signer, key, payload });
}

/** The `after` a new signature must name: the last signature's link, or null for the first. */
export function nextAfter(instrument: InstrumentState): string | null {
  return instrument.signatures.at(-1)?.link ?? null;
}

/** A mandate: it empowers its holder until its last day or a revocation. */
export function isMandate(instrument: InstrumentState): boolean {
  return instrument.draft.kind === 'mandate';
}

/** A receipt: it stays outstanding until settled. */
export function isReceipt(instrument: InstrumentState): boolean {
  return instrument.draft.kind === 'receipt';
}

/**
 * Whether an issued instrument still holds on `date` (ISO, day or time): not revoked, settled,
 * annulled or superseded, and for a mandate not past its last day.
 */
export function inForce(instrument: InstrumentState, date?: string): boolean {
  if (instrument.status !== 'issued') return false;
  const until = instrument.draft.until;
  return until === undefined || date === undefined || !pastLastDay(until, date);
}

/**
 * Whether `date` (ISO, day or time) comes after the last day `until`: compared to the precision
 * `until` is given in, so that any time of the last day is still within it.
 */
export function pastLastDay(until: string, date: string): boolean {
  return date.slice(0, until.length) > until;
}

/** The numbers a body's register of instruments holds. */
export function instrumentNumbers(state: State, body: string): string[] {
  return [...state.instruments.values()]
    .filter((i) => i.draft.body === body)
    .map((i) => i.draft.number);
}

/** The instruments that await `person`'s signature at `now`, oldest first. */
export function awaitingSignature(state: State, person: string, now: string): InstrumentState[] {
  return [...state.instruments.values()].filter((i) => mayNowSign(state, i, person, now));
}

/**
 * The instruments `person` signs once others listed before them have, at `now`, oldest first:
 * each with whose signatures they wait for (`count` of `of`).
 */
export function awaitingTurn(
  state: State,
  person: string,
  now: string,
): { instrument: InstrumentState; after: { count: number; of: readonly string[] } }[] {
  return [...state.instruments.values()].flatMap((instrument) => {
    const open = stillToSign(state, instrument, person, now);
    const after = open && turnAfter(open.kind, open.body, open.admitted, person);
    return after ? [{ instrument, after }] : [];
  });
}

/**
 * Whether `person` may sign the instrument next at `now`: not issued, the rule allows it, and
 * (live) neither its last day past nor the decision it rests on annulled.
 */
export function mayNowSign(
  state: State,
  instrument: InstrumentState,
  person: string,
  now: string,
): boolean {
  const open = stillToSign(state, instrument, person, now);
  return (
    open !== undefined &&
    signatureProblem(open.kind, open.body, open.admitted, person, (p) => p) === undefined
  );
}

/**
 * An instrument `person` has still to sign at `now`, if any: not issued, with a signing rule, and
 * (live) signing not closed; with the signatures the rule admitted, as the record tells them.
 */
function stillToSign(
  state: State,
  instrument: InstrumentState,
  person: string,
  now: string,
): { kind: InstrumentKind; body: Body; admitted: string[] } | undefined {
  if (instrument.status !== 'draft' && instrument.status !== 'signing') return undefined;
  const kind = instrument.kindRule;
  if (kind === undefined) return undefined;
  if (signingClosed(state, instrument, now) !== undefined) return undefined;
  const signed = instrument.signatures.map((s) => s.signer);
  if (signed.includes(person)) return undefined;
  const body = instrument.bodyAtDraft;
  return { kind, body, admitted: admittedSignatures(kind, body, signed) };
}

/**
 * Why, live, the instrument can no longer be signed at `now`, if so: the decision it rests on was
 * annulled, or its last day is past (it could no longer be issued). Minutes are transcribed after
 * the fact: their entries' times say nothing of when it was signed.
 */
export function signingClosed(
  state: State,
  instrument: InstrumentState,
  now: string,
):
  | {
      readonly code: Extract<ErrorCode, 'charter-rule' | 'deadline-passed'>;
      readonly message: string;
    }
  | undefined {
  if (instrument.draft.mode !== 'live') return undefined;
  const annulled = restsOnAnnulled(state, instrument, true);
  if (annulled !== undefined) return { code: 'charter-rule', message: annulled };
  const until = instrument.draft.until;
  if (until !== undefined && pastLastDay(until, now))
    return {
      code: 'deadline-passed',
      message: `the last day, ${timeInWords(until)}, is past: ${instrumentTitled(state, instrument.draft)} can no longer be issued, so it is not signed`,
    };
  return undefined;
}

/**
 * Live, the decision an instrument rests on must still stand when it is signed and issued: a
 * ratification that failed after the draft annuls it, and the instrument with it. Said in a
 * `refusal`, the instrument is named in words; else the words are a flag the state keeps, which
 * names the kind by its id, as records folded before keep it.
 */
export function restsOnAnnulled(
  state: State,
  instrument: InstrumentState,
  refusal: boolean,
): string | undefined {
  const ref = instrument.draft.restsOn;
  if (ref === undefined) return;
  const ratification = findDecision(state, ref)?.ratification;
  // One annulled before the draft was refused, or flagged, by the draft already.
  if (ratification?.status !== 'annulled' || (ratification.decidedAt ?? 0) < instrument.draftedAt)
    return;
  const named = refusal
    ? instrumentTitled(state, instrument.draft)
    : instrumentInWords(state, instrument);
  return `${decisionInWords(state, ref)} was annulled when its ratification failed: ${named} no longer rests on an adopted decision`;
}

/**
 * The instrument's signatures as its document prints them, in order, each recorded one saying
 * so: "By order of the Politburo: V. I. Lenin. J. V. Stalin (recorded by V. I. Lenin)".
 */
export function signatureLine(instrument: InstrumentState, charter: Charter): string {
  const name = namesOf(charter);
  const signatures = instrument.signatures.map((s) =>
    s.recordedBy === undefined
      ? name(s.signer)
      : `${name(s.signer)} (recorded by ${name(s.recordedBy)})`,
  );
  const formula = instrument.kindRule?.formula ?? capitalized(instrument.draft.kind);
  return signatures.length === 0
    ? `${formula}: not signed yet`
    : `${formula}: ${signatures.join('. ')}`;
}
