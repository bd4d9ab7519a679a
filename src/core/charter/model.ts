/** The charter as the rest of Collegium sees it: normalized, validated, with defaults applied. */
import type { CirculationRule, MajorityRule, ProxyRule, QuorumRule } from '../rules/types.js';
import type { READ_POLICIES, SIGNER_GROUPS } from './schema.js';

export interface Person {
  readonly id: string;
  readonly name: string;
  /** Raw 32-byte Ed25519 public key, when the person signs for themselves. */
  readonly key?: Uint8Array;
  /** The same key in base64, as entries carry it (compared for every act). */
  readonly keyBase64?: string;
}

export type Obligation =
  | { readonly kind: 'draw-in-present-members-of'; readonly body: string }
  | { readonly kind: 'report-to'; readonly body: string };

export interface MotionKind {
  readonly majority?: MajorityRule;
  readonly quorum?: QuorumRule;
}

/** Deciding between meetings by written answers. */
export interface CirculationPolicy {
  readonly rule: CirculationRule;
  /** The decision is provisional until the body's next session confirms it. */
  readonly ratify: boolean;
  /** Who may put a question: officers, or any voting member too. */
  readonly putBy: 'officers' | 'members';
}

/** A body that sits as several bodies together, and how its votes count. */
export interface Joint {
  readonly bodies: readonly string[];
  readonly votes: 'jointly' | 'each-body';
}

export interface Body {
  readonly id: string;
  readonly name: string;
  readonly parent?: string;
  /** Everyone on the body, voting members and candidates alike, in charter order. */
  readonly votingMembers: readonly string[];
  readonly candidates: readonly string[];
  readonly chair?: string;
  readonly secretary?: string;
  /** Officers besides the chair and the secretary. */
  readonly officers: readonly string[];
  readonly quorum: QuorumRule;
  readonly majority: MajorityRule;
  readonly castingVote: boolean;
  readonly proxies?: ProxyRule;
  readonly secondBallot: 'refuse' | 'replace';
  /** Whether the tally may be shown while the vote is open (else only once it is closed). */
  readonly runningTally: boolean;
  /** The days of notice a session needs; none: no notice period. */
  readonly noticeDays?: number;
  readonly powers: readonly string[];
  readonly obligations: readonly Obligation[];
  readonly motionKinds: Readonly<Record<string, MotionKind>>;
  readonly circulation?: CirculationPolicy;
  /** The documents the body issues, by kind. */
  readonly instruments: ReadonlyMap<string, InstrumentKind>;
  readonly joint?: Joint;
}

/**
 * The rules of a kind of motion the body names, or undefined when it names none so: only its own
 * kinds count, as 'constructor' is an id and a name every object answers to.
 */
export function motionKindOf(body: Body, kind: string): MotionKind | undefined {
  return Object.hasOwn(body.motionKinds, kind) ? body.motionKinds[kind] : undefined;
}

/**
 * Who may read the record through the server: `public` anyone; `members` the people who sit on a
 * body (voting members, candidates, chairs, secretaries); `officers` the chairs and secretaries.
 */
export type ReadPolicy = (typeof READ_POLICIES)[number];

export interface Charter {
  readonly organization: { readonly id: string; readonly name: string; readonly log: string };
  readonly record: { readonly read: ReadPolicy };
  readonly people: ReadonlyMap<string, Person>;
  readonly bodies: ReadonlyMap<string, Body>;
}

export type SignerGroup = (typeof SIGNER_GROUPS)[number];

/** One name in a signing rule: a group of the body, or a person. */
export type SignerRef = { readonly group: SignerGroup } | { readonly person: string };

/**
 * Who must sign: at least `atLeast` of those named, in the order named (a group in the order
 * the charter lists its people). A charter's plain list of people is every one of them.
 */
export interface SignersRule {
  readonly atLeast: number;
  readonly of: readonly SignerRef[];
}

/** A kind of document a body issues, and who must sign it. */
export interface InstrumentKind {
  readonly kind: string;
  /** The words before the signatures: "By order of the Politburo". */
  readonly formula?: string;
  readonly signers: SignersRule;
  /** `as-listed`: the signatures come in the order the rule lists its signers. */
  readonly order: 'any' | 'as-listed';
  /** `decision`: it must rest on an adopted decision of the body; `none`: it may rest on nothing. */
  readonly restsOn: 'decision' | 'none';
}
