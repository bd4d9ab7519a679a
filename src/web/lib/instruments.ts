/**
 * Instruments as the app reads and acts on them: the API's shapes, a signature made on the
 * member's device over the text the page shows, and the words for where an instrument stands.
 */
import type {
  InstrumentSignature,
  InstrumentSummary,
  InstrumentView,
} from '../../api/instruments.js';
import type { Acts } from '../../core/acts.js';
import { capitalized, kindInWords } from '../../core/words.js';
import { instrumentContentHash, pastLastDay } from '../../core/state/instruments.js';
import { channelInWords } from './answers.js';
import { getJson, seg } from './api.js';
import type { Upload } from './files.js';
import type { DecisionRef, Organization } from './types.js';

export { INSTRUMENT_STATUSES as INSTRUMENT_STATES } from '../../core/state/model.js';

export type {
  InstrumentSignature,
  InstrumentSummary,
  InstrumentView,
  QueuedInstrument,
} from '../../api/instruments.js';

export type InstrumentStatus = InstrumentSummary['status'];

export const STATUS_LABEL: Readonly<Record<InstrumentStatus, string>> = {
  draft: 'draft',
  signing: 'being signed',
  issued: 'issued',
  revoked: 'revoked',
  settled: 'settled',
  annulled: 'annulled',
  superseded: 'superseded',
};

export function getInstrument(id: string): Promise<InstrumentView> {
  return getJson<InstrumentView>(`/api/instruments/${seg(id)}`);
}

/** The kinds of instrument to filter by: those the bodies' charters name, those listed, and the
 * one chosen, in alphabetical order. */
export function kindsOf(
  org: Organization | undefined,
  listed: readonly InstrumentSummary[] | undefined,
  chosen: string | undefined,
): string[] {
  const kinds = new Set([
    ...(org?.bodies ?? []).flatMap((b) => (b.instruments ?? []).map((k) => k.kind)),
    ...(listed ?? []).map((i) => i.kind),
    ...(chosen ? [chosen] : []),
  ]);
  return [...kinds].sort();
}

/** "Directive", "Mandate": a kind as a document's heading names it. */
export function kindLabel(kind: string): string {
  return capitalized(kindInWords(kind));
}

/** Whether signatures are still gathered: drafted, or partly signed. */
export function isOpenForSigning(status: InstrumentStatus): boolean {
  return status === 'draft' || status === 'signing';
}

/** A signature as the document prints it: the name, and who recorded it and how, if not the
 * signer. */
export function signatureInWords(s: InstrumentSignature): string {
  if (s.recordedBy === undefined) return s.signerName;
  const how = s.channel ? `, ${channelInWords(s.channel)}` : '';
  return `${s.signerName} (recorded by ${s.recordedByName ?? s.recordedBy}${how})`;
}

/** The charter's signing rule with names: "At least 2 of Lenin, Trotsky and Stalin, in any
 * order." */
export function ruleWithNames(
  rule: Pick<NonNullable<InstrumentView['rule']>, 'signers' | 'atLeast' | 'order'>,
  name: (id: string) => string,
): string {
  const names = rule.signers.map(name);
  const list = names.length === 0 ? 'no one' : listInWords(names);
  const who =
    rule.atLeast >= names.length
      ? names.length === 1
        ? list
        : `Each of ${list}`
      : `At least ${rule.atLeast} of ${list}`;
  const order = rule.order === 'as-listed' ? 'in the order listed' : 'in any order';
  return names.length > 1 ? `${who}, ${order}.` : `${who}.`;
}

/** "Lenin", "Lenin and Trotsky", "Lenin, Trotsky and Stalin". */
function listInWords(names: readonly string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Why `person`, a signer of a kind signed in the order listed, may not sign yet: those listed
 * before them who have not signed, in words; undefined when that is not why (they may sign, or
 * have signed, or no one may sign now).
 */
export function signingAfter(
  view: InstrumentView,
  person: string,
  name: (id: string) => string,
): string | undefined {
  const rule = view.rule;
  if (rule?.order !== 'as-listed' || view.mayNowSign.length === 0) return undefined;
  if (view.mayNowSign.includes(person)) return undefined;
  const signed = new Set(view.signatures.map((s) => s.signer));
  const place = rule.signers.indexOf(person);
  if (place < 0 || signed.has(person)) return undefined;
  const before = rule.signers.slice(0, place).filter((s) => !signed.has(s));
  if (before.length === 0) return undefined;
  const list = listInWords(before.map(name));
  const them = before.length === 1 ? 'they have' : 'they all have';
  return `You sign it after ${list}, in the order the charter lists: it comes to you once ${them} signed.`;
}

/** Where the rule stands, in words: met, or how many signatures are still needed. */
export function ruleStanding(view: InstrumentView): string {
  const rule = view.rule;
  if (!rule) return 'The charter named no such kind when it was drafted.';
  if (rule.met)
    return isOpenForSigning(view.status)
      ? 'The rule is met: it may be issued.'
      : 'The rule is met: signed as the charter requires.';
  const have = view.signatures.length;
  if (have < rule.atLeast) return `Not met yet: ${have} of the ${rule.atLeast} signatures needed.`;
  return `Not met: ${rule.explanation}.`;
}

/** The draft payload the record holds, as the view shows its fields. */
function draftOf(view: InstrumentView, attachments: 'omitted' | 'empty'): Acts['instrument.draft'] {
  const optional = {
    date: view.date,
    to: view.to,
    attachments:
      view.attachments.length > 0 || attachments === 'empty' ? view.attachments : undefined,
    restsOn: view.restsOn,
    answers: view.answers,
    holder: view.holder,
    scope: view.scope,
    until: view.until,
    amount: view.amount,
    from: view.from,
  };
  return {
    instrument: view.id,
    body: view.body,
    kind: view.kind,
    mode: view.mode,
    number: view.number,
    text: view.text,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

/**
 * Whether the content hash the server names is the hash of the text and fields the page shows:
 * a signature covers that hash, so the member signs what they read, not the server's word.
 */
export function contentMatches(view: InstrumentView): boolean {
  return (['omitted', 'empty'] as const).some(
    (form) => instrumentContentHash(draftOf(view, form)) === view.content,
  );
}

/** The form as typed: text fields, '' where not given. */
export interface InstrumentDraft {
  readonly kind: string;
  readonly number: string;
  readonly date: string;
  readonly to: string;
  readonly text: string;
  /** The dispatch it answers. */
  readonly answers: string;
  readonly holder: string;
  readonly scope: string;
  readonly until: string;
  readonly amount: string;
  readonly unit: string;
  readonly from: string;
}

/** The instrument.draft payload from the form: only the fields given, trimmed. */
export function draftPayload(
  draft: InstrumentDraft,
  fixed: {
    instrument: string;
    body: string;
    number: string;
    restsOn?: DecisionRef;
    uploads: readonly Upload[];
  },
): Record<string, unknown> {
  const words = (value: string) => value.trim() || undefined;
  const receipt = draft.kind === 'receipt';
  const mandate = draft.kind === 'mandate';
  const optional = {
    date: words(draft.date),
    to: words(draft.to),
    attachments: fixed.uploads.length > 0 ? fixed.uploads.map((u) => u.attachment) : undefined,
    restsOn: fixed.restsOn,
    answers: words(draft.answers),
    holder: mandate ? words(draft.holder) : undefined,
    scope: mandate ? words(draft.scope) : undefined,
    until: mandate ? words(draft.until) : undefined,
    amount: receipt ? { value: Number(draft.amount), unit: draft.unit.trim() } : undefined,
    from: receipt ? words(draft.from) : undefined,
  };
  return {
    instrument: fixed.instrument,
    body: fixed.body,
    kind: draft.kind.trim(),
    mode: 'live',
    number: fixed.number,
    text: draft.text.trim(),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

/**
 * What is wrong with a mandate's last day, in a sentence, before the form is sent: one before the
 * date the document bears, or already past at `now`, would leave a mandate never in force (the
 * record refuses both). The record's days are UTC days: late in the evening west of UTC, the
 * browser's day is already past there.
 */
export function lastDayProblem(draft: InstrumentDraft, now: Date): string | undefined {
  const until = draft.until.trim();
  const date = draft.date.trim();
  if (draft.kind !== 'mandate' || !until) return undefined;
  if (date && pastLastDay(until, date))
    return `The last day, ${until}, comes before the date the document bears, ${date}: the mandate would never be in force.`;
  const today = now.toISOString().slice(0, 10);
  if (pastLastDay(until, today))
    return `The last day, ${until}, is past already (it is ${today} in UTC, whose days the record keeps): the mandate would never be in force.`;
  return undefined;
}
