/**
 * What the reading endpoints show of instruments, in the shapes of the API contract
 * (src/api/instruments.ts): a register's summaries, one instrument with its signing rule and who
 * may sign next, and a member's signing queue. `now` (ISO) says whether a mandate has expired.
 */
import type {
  InstrumentSignature,
  InstrumentSummary,
  InstrumentView,
  QueuedInstrument,
  SigningQueue,
} from '../api/instruments.js';
import type { Charter } from '../core/charter/model.js';
import { withoutUndefined } from '../core/json.js';
import { signersInOrder, signersRuleInWords, signingRuleMet } from '../core/rules/signing.js';
import {
  awaitingSignature,
  bodyNameIn,
  decisionInWords,
  findDecision,
  inForce,
  mayNowSign,
  namesOf,
  nextAfter,
  personNameIn,
  signatureLine,
} from '../core/state/index.js';
import type { DecisionRef } from '../core/acts.js';
import type { InstrumentEvent, InstrumentState, State } from '../core/state/index.js';
import { charterOf } from './views.js';

export function instrumentSummary(
  state: State,
  i: InstrumentState,
  now: string,
): InstrumentSummary {
  const charter = charterOf(state);
  const d = i.draft;
  return {
    id: i.id,
    body: d.body,
    bodyName: bodyNameIn(charter, d.body),
    kind: d.kind,
    number: d.number,
    ...withoutUndefined({ date: d.date, to: d.to }),
    text: d.text,
    status: i.status,
    ...withoutUndefined({ formula: i.kindRule?.formula }),
    signatureLine: signatureLine(i, charter),
    signatures: i.signatures.map((s) => signatureView(charter, s)),
    inForce: inForce(i, now),
    flags: i.flags,
    draftedAt: i.draftedAt,
  };
}

function signatureView(
  charter: Charter,
  s: InstrumentState['signatures'][number],
): InstrumentSignature {
  return {
    signer: s.signer,
    signerName: personNameIn(charter, s.signer),
    ...withoutUndefined({
      recordedBy: s.recordedBy,
      recordedByName: s.recordedBy && personNameIn(charter, s.recordedBy),
      channel: s.channel,
    }),
    index: s.index,
    time: s.time,
    ownKey: s.recordedBy === undefined && !s.custodial,
  };
}

/** One instrument: its summary, its draft's particulars, its rule, its life after issue. */
export function instrumentView(state: State, i: InstrumentState, now: string): InstrumentView {
  const charter = charterOf(state);
  const d = i.draft;
  const name = (person: string | undefined) => person && personNameIn(charter, person);
  const named = (ref: DecisionRef | undefined) => ref && decisionInWords(state, ref);
  // A revocation's or annulment's decision is named in words beside its reference.
  const life = <E extends InstrumentEvent & { decision?: DecisionRef }>(e: E | undefined) =>
    e && {
      ...e,
      byName: personNameIn(charter, e.by),
      ...withoutUndefined({ decisionNamed: named(e.decision) }),
    };
  return {
    ...instrumentSummary(state, i, now),
    content: i.content,
    nextAfter: nextAfter(i),
    mode: d.mode,
    ...withoutUndefined({
      holder: d.holder,
      holderName: name(d.holder),
      scope: d.scope,
      until: d.until,
      amount: d.amount,
      from: d.from,
      fromName: name(d.from),
      restsOn: d.restsOn,
      restsOnText: d.restsOn && findDecision(state, d.restsOn)?.text,
      restsOnNamed: named(d.restsOn),
      answers: d.answers,
    }),
    attachments: d.attachments ?? [],
    rule: ruleView(charter, i),
    mayNowSign: nextSigners(state, i, now),
    // Each as the record has it (a revocation's or annulment's decision, what supersedes it).
    ...withoutUndefined({
      issued: life(i.issued),
      revoked: life(i.revoked),
      settled: life(i.settled),
      annulled: life(i.annulled),
    }),
    draftedBy: i.draftedBy,
    draftedByName: personNameIn(charter, i.draftedBy),
    draftedTime: i.draftedTime,
    verifyUrl: `/verify?instrument=${encodeURIComponent(i.id)}`,
  };
}

/** The kind's signing rule as the body stood at the draft; null for a kind the charter lacked. */
function ruleView(charter: Charter, i: InstrumentState): InstrumentView['rule'] {
  const kind = i.kindRule;
  if (kind === undefined) return null;
  const body = i.bodyAtDraft;
  const nameOf = namesOf(charter);
  const signed = i.signatures.map((s) => s.signer);
  const { met, explanation } = signingRuleMet(kind, body, signed, nameOf);
  return {
    inWords: signersRuleInWords(kind, body, nameOf),
    order: kind.order,
    atLeast: kind.signers.atLeast,
    met,
    explanation,
    signers: signersInOrder(kind, body),
  };
}

/** Who may sign the instrument next at `now`, in the rule's order. */
function nextSigners(state: State, i: InstrumentState, now: string): string[] {
  return i.kindRule === undefined
    ? []
    : signersInOrder(i.kindRule, i.bodyAtDraft).filter((p) => mayNowSign(state, i, p, now));
}

/**
 * What awaits `person`'s signature, oldest draft first, each with what they sign (content and
 * the signature it follows) and their place, from 1, among those who could sign it now, in the
 * rule's order (docs/api.md, Instruments).
 */
export function signingQueueOf(state: State, person: string, now: string): SigningQueue {
  const instruments = awaitingSignature(state, person, now).map((i): QueuedInstrument => ({
    ...instrumentSummary(state, i, now),
    content: i.content,
    nextAfter: nextAfter(i),
    position: nextSigners(state, i, now).indexOf(person) + 1,
  }));
  return { instruments };
}
