/**
 * Instruments in words: one in full as the document reads (`instrument show`, the protocol), one
 * line of the register, and what awaits a person's signature.
 */
import { channelInWords, kindInWords, numbered, plural } from '../core/words.js';
import type { DecisionRef } from '../core/acts.js';
import { timeInWords } from '../core/minutes/words.js';
import { signersInOrder, signersRuleInWords, signingRuleMet } from '../core/rules/signing.js';
import {
  bodyName,
  decisionInWords,
  dispatchInWords,
  findDecision,
  inForce,
  instrumentTitled,
  isReceipt,
  personName,
  signatureLine,
} from '../core/state/index.js';
import type { InstrumentEvent, InstrumentState, State } from '../core/state/index.js';
import { capitalized, outcomeWords, ratificationWords } from './format-decisions.js';

/** Today's date, against which a mandate's last day has passed or not. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Where it stands, an issued mandate past its last day saying so. */
export function instrumentStatus(i: InstrumentState, today: string): string {
  // A receipt issued is a debt that stands until settled: say so, as its reader asks.
  if (i.status === 'issued' && isReceipt(i)) return 'issued, outstanding until settled';
  if (i.status !== 'issued' || i.draft.until === undefined) return i.status;
  return inForce(i, today)
    ? `issued, in force until ${timeInWords(i.draft.until)}`
    : `issued, expired ${timeInWords(i.draft.until)}`;
}

/** The first line of its text, cut short for a register's line. */
function headline(text: string): string {
  const first = text.trim().split('\n', 1)[0]!.trim();
  if (first.length > 70) return `${first.slice(0, 69)}…`;
  return first === text.trim() ? first : `${first}…`;
}

/** One line of the register of instruments. */
export function instrumentRow(i: InstrumentState, today: string): string {
  const signed = i.signatures.length;
  return `${i.id}  ${numbered(i.draft.number)}  ${i.draft.body}  ${i.draft.kind}  ${instrumentStatus(i, today)}  ${signed} signature${signed === 1 ? '' : 's'}  "${headline(i.draft.text)}"`;
}

/** A decision as an instrument names it: the reference, its text and its outcome. */
function decisionWords(state: State, ref: DecisionRef): string {
  const decision = findDecision(state, ref);
  if (!decision) return `${decisionInWords(state, ref)}, not in the record`;
  // Where it stands now: a decision annulled since it was adopted carries the instrument with it.
  const standing = decision.ratification
    ? `; ${ratificationWords(state, decision.ratification)}`
    : '';
  return `${decisionInWords(state, ref)}: ${outcomeWords(state, decision)}${standing}`;
}

/**
 * Who drafted it and when. A transcription was drafted on the day it bears, by whom the minutes
 * say: the moment it was recorded is when it was transcribed, not drafted.
 */
function draftedLine(d: InstrumentState['draft'], drafter: string, recorded: string): string {
  const dated = d.date !== undefined ? `; dated ${timeInWords(d.date)}` : '';
  return d.mode === 'minutes'
    ? `  Drafted by ${drafter}${dated}; transcribed on ${timeInWords(recorded)}`
    : `  Drafted by ${drafter} on ${timeInWords(recorded)}${dated}`;
}

/** An instrument in full: the document, its signatures, its rule, and its life since. */
export function instrumentLines(state: State, i: InstrumentState, today: string): string[] {
  const d = i.draft;
  const name = (person: string | null): string =>
    person === null ? 'the organization' : personName(state, person);
  return [
    `${capitalized(kindInWords(d.kind))} ${numbered(d.number)} of ${bodyName(state, d.body)} [${i.id}] [entry ${i.draftedAt}]`,
    d.mode === 'minutes' ? '  Transcribed from the minutes.' : '  Recorded live.',
    draftedLine(d, name(i.draftedBy), i.draftedTime),
    ...(d.to !== undefined ? [`  To: ${d.to}`] : []),
    ...d.text
      .replace(/\n+$/, '')
      .split('\n')
      .map((line) => (line ? `  | ${line}` : '  |')),
    ...(d.restsOn ? [`  Rests on ${decisionWords(state, d.restsOn)}`] : []),
    ...answerLines(state, i),
    ...mandateLines(state, i),
    ...(d.amount
      ? [`  Amount: ${d.amount.value} ${d.amount.unit}${d.from ? `, from ${name(d.from)}` : ''}`]
      : []),
    ...(d.attachments ?? []).map(
      (a) => `  Attached: ${a.name}, ${plural(a.size, 'byte')}, sha256 ${a.hash}`,
    ),
    `  ${signatureLine(i, state.charter!)}`,
    ...signatureLines(state, i),
    ruleLine(state, i),
    ...lifeLines(state, i),
    ...i.flags.map((flag) => `  ! ${flag}`),
    `  State: ${instrumentStatus(i, today)}`,
    `  Content: sha256 ${i.content}`,
  ];
}

function answerLines(state: State, i: InstrumentState): string[] {
  const id = i.draft.answers;
  if (id === undefined) return [];
  return [`  Answers ${dispatchInWords(state, id)} [${id}]`];
}

function mandateLines(state: State, i: InstrumentState): string[] {
  const { holder, scope, until } = i.draft;
  const parts = [
    holder !== undefined ? `holder: ${personName(state, holder)}` : '',
    scope !== undefined ? `scope: ${scope}` : '',
    until !== undefined ? `until ${timeInWords(until)}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? [`  ${capitalized(parts.join('; '))}`] : [];
}

function signatureLines(state: State, i: InstrumentState): string[] {
  return i.signatures.map((s, n) => {
    // A signature neither recorded by an officer nor signed with a key of the signer's own was
    // transcribed with the record's key: the signer held none.
    const own = s.custodial ? ", with the record's key (they hold none)" : ', with their own key';
    const recorded =
      s.recordedBy === undefined
        ? own
        : `, recorded by ${personName(state, s.recordedBy)}${s.channel ? ` (given ${channelInWords(s.channel)})` : ''}`;
    return `    ${n + 1}. ${personName(state, s.signer)}${recorded} [entry ${s.index}, ${timeInWords(s.time)}]`;
  });
}

/** Whether the signatures so far meet the signing rule, and why; undefined without a rule. */
export function ruleMet(
  state: State,
  i: InstrumentState,
): { met: boolean; explanation: string } | undefined {
  if (!i.kindRule) return undefined;
  const signers = i.signatures.map((s) => s.signer);
  return signingRuleMet(i.kindRule, i.bodyAtDraft, signers, (p) => personName(state, p));
}

/** The signing rule in words, and whether the signatures so far meet it. */
export function ruleLine(state: State, i: InstrumentState): string {
  const rule = ruleMet(state, i);
  if (!rule)
    return `  Rule: none: the charter named no ${kindInWords(i.draft.kind)} of ${bodyName(state, i.draft.body)} when it was drafted`;
  return `  Rule: ${rule.met ? 'met' : 'not met'}: ${rule.explanation}`;
}

function lifeLines(state: State, i: InstrumentState): string[] {
  const event = (what: string, e: InstrumentEvent, detail = ''): string => {
    const by = e.by === null ? 'the organization' : personName(state, e.by);
    const date = e.date !== undefined ? ` on ${timeInWords(e.date)}` : '';
    const reason = e.reason !== undefined ? `: ${e.reason}` : '';
    return `  ${what} by ${by}${date}${detail} [entry ${e.index}]${reason}`;
  };
  const lines: string[] = [];
  if (i.issued) lines.push(event('Issued', i.issued));
  if (i.revoked) {
    const by = i.revoked.decision ? `, under ${decisionInWords(state, i.revoked.decision)}` : '';
    lines.push(event('Revoked', i.revoked, by));
  }
  if (i.settled) lines.push(event('Settled', i.settled));
  if (i.annulled) {
    const a = i.annulled;
    // The paper that took its place, named as the register names it; who annulled it after.
    const next = a.supersededBy === undefined ? undefined : state.instruments.get(a.supersededBy);
    const what = next
      ? `Superseded by ${instrumentTitled(state, next.draft)} [${next.id}]; annulled`
      : a.supersededBy !== undefined
        ? `Superseded by ${a.supersededBy}; annulled`
        : 'Annulled';
    lines.push(event(what, a));
    lines.push(`    under ${decisionWords(state, a.decision)}`);
  }
  return lines;
}

/** One instrument awaiting a person's signature, and for a rule in order, who is listed first. */
export function queueLines(state: State, i: InstrumentState, person: string): string[] {
  const kind = i.kindRule!;
  const signed = new Set(i.signatures.map((s) => s.signer));
  const listed = signersInOrder(kind, i.bodyAtDraft);
  const before = listed.slice(0, listed.indexOf(person)).filter((p) => !signed.has(p));
  const names = (people: readonly string[]): string =>
    people.map((p) => personName(state, p)).join(', ');
  return [
    `${i.id}  ${numbered(i.draft.number)}  ${i.draft.kind} of ${i.draft.body}  ${i.signatures.length} of ${kind.signers.atLeast} signed  "${headline(i.draft.text)}"`,
    `  rule: ${signersRuleInWords(kind, i.bodyAtDraft, (p) => personName(state, p))}`,
    ...(kind.order === 'as-listed' && before.length > 0
      ? [
          `  listed before ${personName(state, person)}, not signed yet: ${names(before)} (once ${personName(state, person)} signs, they no longer can)`,
        ]
      : []),
    `  content: sha256 ${i.content}`,
  ];
}

/**
 * What comes to `person` once others sign before them, in a listed order: "Ben Lindqvist signs
 * order no. 2026/1 of Board after Ada Okafor" (or "after one of Ada Okafor, Chen Wei").
 */
export function turnLines(
  state: State,
  turns: readonly {
    instrument: InstrumentState;
    after: { count: number; of: readonly string[] };
  }[],
  person: string,
): string[] {
  if (turns.length === 0) return [];
  const names = (people: readonly string[], join: string) =>
    people.map((p) => personName(state, p)).join(join);
  return [
    'next, in the order listed:',
    ...turns.map(({ instrument: i, after }) => {
      const who =
        after.count >= after.of.length
          ? names(after.of, ' and ')
          : `${after.count === 1 ? 'one' : after.count} of ${names(after.of, ', ')}`;
      return `  ${personName(state, person)} signs ${instrumentTitled(state, i.draft)} [${i.id}] after ${who}`;
    }),
  ];
}
