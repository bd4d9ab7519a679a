/**
 * Who may sign what, a delegated body's powers and obligations, ratification, and a recipient's
 * trust policy, read afresh from the design ("Formats: the organization over time ...") and
 * docs/charter.md, docs/proceedings.md and docs/instruments.md, for checking the product end to
 * end. It shares no code with src/core or src/verify: a second, plain reading.
 */

/** A body as the signing rules see it: its people by role, in the charter's order. */
export interface SigningBody {
  members: readonly string[];
  candidates: readonly string[];
  chair?: string | undefined;
  secretary?: string | undefined;
  officers: readonly string[];
}

/** A kind's `signers`, as the charter writes it: absent (one voting member), a list, or some of. */
export type SignersSpec =
  undefined | { every: readonly string[] } | { atLeast: number; of: string | readonly string[] };

export interface KindSpec {
  kind: string;
  formula?: string;
  signers: SignersSpec;
  order?: 'any' | 'as-listed';
  restsOn?: 'decision' | 'none';
}

/** The rule a kind's charter entry gives: how many of whom, and whether in their listed order. */
export interface SigningRule {
  atLeast: number;
  /** Everyone it names, in its order, each once (at the first place that names them). */
  listed: string[];
  asListed: boolean;
  restsOnDecision: boolean;
}

const GROUPS = ['members', 'candidates', 'officers'];

function groupPeople(body: SigningBody, group: string): string[] {
  if (group === 'members') return [...body.members];
  if (group === 'candidates') return [...body.candidates];
  const officers = [body.chair, body.secretary, ...body.officers];
  return officers.filter((p): p is string => p !== undefined);
}

/** The kind's rule, or undefined when it can never be met (the charter is then refused). */
export function signingRule(body: SigningBody, k: KindSpec): SigningRule | undefined {
  const s = k.signers ?? { atLeast: 1, of: 'members' };
  // A plain list names people only, every one of them; `of:` names groups by their words.
  const atLeast = 'every' in s ? s.every.length : s.atLeast;
  const refs = 'every' in s ? s.every : typeof s.of === 'string' ? [s.of] : s.of;
  const listed: string[] = [];
  for (const ref of refs) {
    const people = !('every' in s) && GROUPS.includes(ref) ? groupPeople(body, ref) : [ref];
    for (const p of people) if (!listed.includes(p)) listed.push(p);
  }
  if (atLeast > listed.length) return undefined;
  return {
    atLeast,
    listed,
    asListed: k.order === 'as-listed',
    restsOnDecision: (k.restsOn ?? 'decision') === 'decision',
  };
}

export type SigningFault = { signer: string; fault: 'not-a-signer' | 'out-of-order' };

/**
 * The signatures in the order given: each one the rule names, not given before, and (as-listed)
 * listed after every one admitted before it, with enough listed after it still to come to make up
 * the number (a signature that skips so many could never be followed by enough), is admitted; any
 * other is a fault of its own, which neither counts nor disturbs the order of those after it.
 */
export function readSignatures(rule: SigningRule, signatures: readonly string[]) {
  const admitted: string[] = [];
  const faults: SigningFault[] = [];
  for (const s of signatures) {
    const at = rule.listed.indexOf(s);
    if (at < 0) {
      faults.push({ signer: s, fault: 'not-a-signer' });
      continue;
    }
    if (rule.asListed) {
      const last = admitted.length === 0 ? -1 : rule.listed.indexOf(admitted.at(-1)!);
      const stillToCome = rule.listed.length - at - 1;
      if (at < last || admitted.length + 1 + stillToCome < rule.atLeast) {
        faults.push({ signer: s, fault: 'out-of-order' });
        continue;
      }
    }
    admitted.push(s);
  }
  return { admitted, faults, met: admitted.length >= rule.atLeast };
}

/** A decision as an instrument sees it when it is drafted. */
export interface DecisionSeen {
  body: string;
  outcome: string;
  /** Its ratification's state, where it needs one. */
  ratification?: 'provisional' | 'ratified' | 'annulled';
}

export interface InstrumentSpec {
  id: string;
  body: string;
  kind: string;
  restsOn?: string;
  signatures: string[];
  issued: boolean;
}

/**
 * What a transcription flags on an instrument: a kind its body does not issue (then no rule is
 * checked), signatures the rule does not admit, an issue short of the rule, and what it rests on
 * (none where its kind needs a decision; one of a body that is neither it nor its delegate; one
 * not adopted; one adopted and then annulled by a failed ratification).
 */
export function instrumentFlags(
  spec: InstrumentSpec,
  rule: SigningRule | 'no-such-kind',
  decision: DecisionSeen | undefined,
  delegatesOf: (body: string) => readonly string[],
): string[] {
  const flags: string[] = [];
  if (rule === 'no-such-kind') flags.push('unknown-kind');
  if (spec.restsOn === undefined) {
    if (rule !== 'no-such-kind' && rule.restsOnDecision) flags.push('needs-decision');
  } else if (decision) {
    if (decision.body !== spec.body && !delegatesOf(spec.body).includes(decision.body))
      flags.push('other-body');
    if (decision.outcome !== 'adopted') flags.push('not-adopted');
    else if (decision.ratification === 'annulled') flags.push('annulled');
  }
  if (rule !== 'no-such-kind') {
    const read = readSignatures(rule, spec.signatures);
    for (const f of read.faults) flags.push(`${f.fault}:${f.signer}`);
    if (spec.issued && !read.met) flags.push('short');
  }
  return flags.sort();
}

/** The state an instrument of the minutes is in once recorded. */
export function instrumentState(spec: InstrumentSpec): string {
  if (spec.issued) return 'issued';
  return spec.signatures.length > 0 ? 'signing' : 'draft';
}

/** A delegated body, as its decisions are checked. */
export interface Delegation {
  powers: readonly string[];
  drawIn: boolean;
  reportTo: boolean;
}

/**
 * A delegated body's motion: outside its powers when it has powers and names none of them; not
 * drawing in those of the parent said to be at hand who are not present when it is decided.
 */
export function delegationFlags(
  d: Delegation,
  power: string | undefined,
  atHand: readonly string[],
  present: ReadonlySet<string>,
): string[] {
  const flags: string[] = [];
  if (d.powers.length > 0 && (power === undefined || !d.powers.includes(power)))
    flags.push('outside-powers');
  const missing = d.drawIn ? atHand.filter((p) => !present.has(p)) : [];
  if (missing.length > 0) flags.push(`draw-in:${missing.join(',')}`);
  return flags;
}

/** A question a delegated body puts in writing, as its minutes or its officer put it. */
export interface DelegatedQuestion {
  /** The members it names; absent, every member of the body. */
  to?: readonly string[];
  /** The parent's members at hand. */
  atHand: readonly string[];
  power?: string;
  /** Those who answered, in order. */
  answered: readonly string[];
}

/**
 * Who a delegated body's question asks: those it names, else its members. Of them, those who are
 * not its members are drawn in where it must draw in the parent's members (any voting member of
 * the parent); otherwise they have no vote and no place among those asked.
 */
export function askedBy(
  d: Delegation & { members: readonly string[] },
  parentMembers: readonly string[],
  q: DelegatedQuestion,
) {
  const asked = [...(q.to ?? d.members)];
  const others = asked.filter((p) => !d.members.includes(p));
  const drawnIn = others.filter((p) => d.drawIn && parentMembers.includes(p));
  const withoutVote = others.filter((p) => !drawnIn.includes(p));
  return { asked, voting: asked.filter((p) => d.members.includes(p)), drawnIn, withoutVote };
}

/**
 * What minutes of a delegated body's question are flagged for: outside its powers; not asking
 * every one at hand it must draw in; an answer by one not asked; one asked who has no vote in it,
 * flagged once (by their answer, or as asked when they gave none); and an answer of one drawn in,
 * heard and not counted, "not a voting member: answer not counted", as at a sitting.
 */
export function delegatedQuestionFlags(
  d: Delegation & { members: readonly string[] },
  parentMembers: readonly string[],
  q: DelegatedQuestion,
): string[] {
  const { asked, drawnIn, withoutVote } = askedBy(d, parentMembers, q);
  const flags = delegationFlags(d, q.power, q.atHand, new Set(asked));
  for (const p of q.answered)
    if (!asked.includes(p)) flags.push(`not-asked:${p}`);
    else if (drawnIn.includes(p) || withoutVote.includes(p)) flags.push(`no-vote:${p}`);
  for (const p of withoutVote) if (!q.answered.includes(p)) flags.push(`no-vote:${p}`);
  return flags.sort();
}

/**
 * Why such a question put live is refused, if it is: outside the powers, not asking one at hand
 * it must draw in, asking one who has no vote and is not drawn in, or, under a rule, asking no
 * member who has a vote or a quorum of answers larger than those who have (those drawn in are not
 * counted: no answers could decide it).
 */
export function delegatedQuestionRefusal(
  d: Delegation & { members: readonly string[] },
  parentMembers: readonly string[],
  q: DelegatedQuestion,
  rule: 'unanimous' | { quorum?: number } | undefined,
): string | undefined {
  const { asked, voting, withoutVote } = askedBy(d, parentMembers, q);
  const flags = delegationFlags(d, q.power, q.atHand, new Set(asked));
  if (flags.includes('outside-powers')) return 'outside-powers';
  if (withoutVote.length > 0) return 'no-vote';
  if (rule !== undefined && voting.length === 0) return 'quorum';
  const quorum = typeof rule === 'object' ? rule.quorum : undefined;
  if (quorum !== undefined && quorum > voting.length) return 'quorum';
  if (flags.length > 0) return 'draw-in';
  return undefined;
}

/**
 * Ratification: an adopted decision of a body that reports to its parent stands provisionally;
 * a motion of the parent that ratifies it confirms it adopted and annuls it rejected, leaving it
 * provisional when not decided. A ratifying motion on a decision that does not await the parent
 * (never adopted, of a body that does not report, settled already) is flagged and changes nothing.
 */
export class Ratifications {
  readonly status = new Map<string, 'provisional' | 'ratified' | 'annulled'>();

  decided(key: string, outcome: string, reports: boolean): void {
    if (reports && outcome === 'adopted') this.status.set(key, 'provisional');
  }

  /** The ratifying motion's flag, if any, as it is decided. */
  ratify(target: string, outcome: string): string[] {
    if (this.status.get(target) !== 'provisional') return ['awaits-none'];
    if (outcome === 'adopted') this.status.set(target, 'ratified');
    if (outcome === 'rejected') this.status.set(target, 'annulled');
    return [];
  }
}

/** A signature as a bundle proves it: whose, and whether made with their own key. */
export interface SignatureSeen {
  signer: string;
  ownKey: boolean;
}

export interface AcceptSpec {
  kind: string;
  body?: string;
  signedBy?: { atLeast: number; of: string[] };
  ownKeys?: boolean;
  inForce?: boolean;
}

/**
 * A recipient's verdict on an instrument made live (so the decision it rests on and its signature
 * chain hold), under a policy whose log key is the record's: the charter's rule met by its
 * signatures, issued, and for the first accept
 * entry of its kind (and body, where it names one); signers the policy trusts counted among the
 * signatures that count (with own-keys, only those made with the signer's own key), the charter's
 * rule met by those that count, and, in force, issued and neither revoked nor settled.
 */
export function trustVerdict(
  instrument: { kind: string; body: string; state: string; signatures: SignatureSeen[] },
  rule: SigningRule,
  accept: readonly AcceptSpec[],
): string[] {
  const reasons: string[] = [];
  const signers = instrument.signatures.map((s) => s.signer);
  if (!readSignatures(rule, signers).met) reasons.push('signing-rule');
  if (instrument.state === 'draft' || instrument.state === 'signing') reasons.push('not-issued');
  const a = accept.find(
    (x) => x.kind === instrument.kind && (x.body === undefined || x.body === instrument.body),
  );
  if (!a) return [...reasons, 'kind-not-accepted'];
  const counting = instrument.signatures.filter((s) => s.ownKey || !a.ownKeys).map((s) => s.signer);
  if (a.signedBy) {
    const trusted = counting.filter((s) => a.signedBy!.of.includes(s));
    if (trusted.length < a.signedBy.atLeast) reasons.push('signers');
  }
  if (a.ownKeys && !readSignatures(rule, counting).met) reasons.push('own-keys');
  const ended = instrument.state === 'revoked' || instrument.state === 'settled';
  if ((a.inForce ?? true) && ended) reasons.push('not-in-force');
  return reasons;
}

/**
 * A bundle of an instrument transcribed from minutes, verified under a policy that accepts its
 * kind and asks nothing more: the charter's rule met by the signatures it admits (a kind the
 * body does not issue has none), the decision it rests on adopted and, as of the checkpoint, not
 * annulled by a failed ratification (a kind resting on a decision names one), and issued.
 */
export function bundleVerdict(
  spec: InstrumentSpec,
  rule: SigningRule | 'no-such-kind',
  decision: DecisionSeen | undefined,
  delegatesOf: (body: string) => readonly string[],
): string[] {
  const reasons: string[] = [];
  if (rule === 'no-such-kind' || !readSignatures(rule, spec.signatures).met)
    reasons.push('signing-rule');
  const needsOne = rule !== 'no-such-kind' && rule.restsOnDecision;
  if (
    decision === undefined
      ? needsOne
      : decision.outcome !== 'adopted' ||
        decision.ratification === 'annulled' ||
        (decision.body !== spec.body && !delegatesOf(spec.body).includes(decision.body))
  )
    reasons.push('rests-on');
  if (!spec.issued) reasons.push('not-issued');
  return reasons;
}
