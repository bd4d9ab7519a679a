/**
 * A charter's signing rule for a kind of instrument: who may sign it, how many must, and in which
 * order. Pure: the same checks refuse a live signature, flag one transcribed from minutes, and
 * run again in an offline verifier.
 */
import type { Body, InstrumentKind, SignerGroup } from '../charter/model.js';
import type { ErrorCode } from '../errors.js';
import { plural } from '../words.js';

/** A person's name as words give it: the charter's name for the id (else the id itself). */
export type NameOf = (person: string) => string;

/** A signature the rule does not allow, with the code a refusal carries. */
export interface SigningProblem {
  readonly code: Extract<ErrorCode, 'not-a-signer' | 'duplicate-signature' | 'out-of-order'>;
  readonly message: string;
}

/** Everyone the rule names, in its order (a group in the charter's order), each once. */
export function signersInOrder(kind: InstrumentKind, body: Body): string[] {
  const people = kind.signers.of.flatMap((ref) =>
    'group' in ref ? groupOf(body, ref.group) : [ref.person],
  );
  return [...new Set(people)];
}

function groupOf(body: Body, group: SignerGroup): readonly string[] {
  if (group === 'members') return body.votingMembers;
  if (group === 'candidates') return body.candidates;
  return [body.chair, body.secretary, ...body.officers].filter((x) => x !== undefined);
}

/**
 * What is wrong with `signer` signing after `signed` (in order), if anything. `spent`: those who
 * signed before out of the listed order, in a transcription, where their signature does not count
 * and cannot be given again.
 */
export function signatureProblem(
  kind: InstrumentKind,
  body: Body,
  signed: readonly string[],
  signer: string,
  nameOf: NameOf,
  spent: readonly string[] = [],
): SigningProblem | undefined {
  const listed = signersInOrder(kind, body);
  const rule = signersRuleInWords(kind, body, nameOf);
  if (!listed.includes(signer))
    return {
      code: 'not-a-signer',
      message: `${nameOf(signer)} is not among the signers of ${withArticle(kind.kind)} of ${body.name}: ${rule}`,
    };
  if (signed.includes(signer))
    return {
      code: 'duplicate-signature',
      message: `${nameOf(signer)} has signed this ${kind.kind} already`,
    };
  if (kind.order === 'as-listed')
    return orderProblem(kind, listed, { signed, spent }, signer, rule, nameOf);
  return undefined;
}

/**
 * A signature out of the listed order: before the last one given, or so far ahead that too few
 * of those listed after it remain to gather the signatures needed (the ones it skips could then
 * never sign).
 */
function orderProblem(
  kind: InstrumentKind,
  listed: readonly string[],
  { signed, spent }: { readonly signed: readonly string[]; readonly spent: readonly string[] },
  signer: string,
  rule: string,
  nameOf: NameOf,
): SigningProblem | undefined {
  const last = signed.at(-1);
  const at = listed.indexOf(signer);
  const order = listed.map(nameOf).join(', ');
  if (last !== undefined && at < listed.indexOf(last))
    return {
      code: 'out-of-order',
      message: `${nameOf(signer)} signs after ${nameOf(last)}, out of the listed order (${order}): ${rule}`,
    };
  const waits = signFirst(kind, listed, { signed, spent }, signer);
  if (waits === undefined) return undefined;
  const { passed, skipped, short } = waits;
  // Those who signed out of order already cannot sign again: telling them to sign first misleads.
  if (short > skipped.length) {
    const gone = passed.filter((p) => spent.includes(p)).map(nameOf);
    return {
      code: 'out-of-order',
      message: `${nameOf(signer)} signs out of the listed order (${order}): ${gone.join(' and ')} signed out of it before and cannot sign again, so the ${kind.signers.atLeast} signatures needed can no longer be gathered in it`,
    };
  }
  const names = skipped.map(nameOf);
  const first =
    short >= skipped.length
      ? `${names.join(' and ')} must sign first`
      : `${short === 1 ? 'one' : `${short}`} of ${names.join(', ')} must sign first`;
  return {
    code: 'out-of-order',
    message: `${nameOf(signer)} may not sign yet: ${first}, or the ${kind.signers.atLeast} signatures needed could never be gathered in the listed order (${order})`,
  };
}

/**
 * Who, listed before `signer`, must sign first in a listed order: of those `skipped` (not signed,
 * nor spent), `short` of them, or the signatures needed could never be gathered after `signer`.
 * Undefined when enough are listed after `signer` to gather them: no one need sign first.
 */
function signFirst(
  kind: InstrumentKind,
  listed: readonly string[],
  { signed, spent }: { readonly signed: readonly string[]; readonly spent: readonly string[] },
  signer: string,
): { passed: string[]; skipped: string[]; short: number } | undefined {
  const at = listed.indexOf(signer);
  const after = listed.slice(at + 1).filter((p) => !signed.includes(p)).length;
  if (signed.length + 1 + after >= kind.signers.atLeast) return undefined;
  const passed = listed.slice(0, at).filter((p) => !signed.includes(p));
  const skipped = passed.filter((p) => !spent.includes(p));
  // Of those skipped, only as many as the signatures still short need sign before.
  return { passed, skipped, short: kind.signers.atLeast - (signed.length + 1 + after) };
}

/**
 * Whose signatures `signer`, in a listed order, waits for before it is their turn: `count` of
 * `of`, all of them when `count` is their number. Undefined when they may sign now, or never may
 * (not listed, signed already, or passed in the order).
 */
export function turnAfter(
  kind: InstrumentKind,
  body: Body,
  signed: readonly string[],
  signer: string,
): { readonly count: number; readonly of: readonly string[] } | undefined {
  const problem = signatureProblem(kind, body, signed, signer, (p) => p);
  if (problem?.code !== 'out-of-order') return undefined;
  const listed = signersInOrder(kind, body);
  const last = signed.at(-1);
  if (last !== undefined && listed.indexOf(signer) < listed.indexOf(last)) return undefined;
  const first = signFirst(kind, listed, { signed, spent: [] }, signer);
  if (first === undefined || first.short > first.skipped.length) return undefined;
  return { count: first.short, of: first.skipped };
}

/**
 * The signatures the rule admits, in order: each after those admitted before it, as a live record
 * would have taken them. One the rule does not name, given twice or out of order is a fault of
 * its own (flagged as such in minutes): it neither counts nor puts the signatures after it out of
 * order.
 */
export function admittedSignatures(
  kind: InstrumentKind,
  body: Body,
  signatures: readonly string[],
): string[] {
  const admitted: string[] = [];
  for (const signer of signatures)
    if (!signatureProblem(kind, body, admitted, signer, (p) => p)) admitted.push(signer);
  return admitted;
}

/** Whether the signatures given (in order) meet the rule, counting those it admits, and why not. */
export function signingRuleMet(
  kind: InstrumentKind,
  body: Body,
  signatures: readonly string[],
  nameOf: NameOf,
): { readonly met: boolean; readonly explanation: string } {
  const rule = signersRuleInWords(kind, body, nameOf);
  const admitted = admittedSignatures(kind, body, signatures).length;
  const needed = kind.signers.atLeast;
  if (admitted < needed) {
    const counted = admitted < signatures.length ? ' the rule admits' : '';
    return {
      met: false,
      explanation: `${admitted} of the ${plural(needed, 'signature')} needed${counted}: ${rule}`,
    };
  }
  return { met: true, explanation: `signed as the charter requires: ${rule}` };
}

/** The rule in words: "at least 2 of the members of politburo (V. I. Lenin, L. D. Trotsky, …)". */
export function signersRuleInWords(kind: InstrumentKind, body: Body, nameOf: NameOf): string {
  const { atLeast, of } = kind.signers;
  const named = of.map((ref) =>
    'group' in ref
      ? `the ${ref.group} of ${body.name} (${groupOf(body, ref.group).map(nameOf).join(', ')})`
      : nameOf(ref.person),
  );
  const everyOne = of.every((ref) => 'person' in ref) && atLeast === of.length;
  const who = everyOne
    ? `${named.join(', ')}, every one of them`
    : `at least ${atLeast} of ${named.join(', ')}`;
  return kind.order === 'as-listed' ? `${who}, in the order listed` : who;
}

/** "a directive", "an order". */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}
