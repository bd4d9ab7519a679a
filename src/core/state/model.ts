/** The state of an organization, derived from its record by folding acts in order (apply.ts). */
import type {
  Acts,
  AgendaItem,
  Attachment,
  Channel,
  DecisionRef,
  MinutesRef,
  SessionMode,
} from '../acts.js';
import type { Body, Charter, InstrumentKind } from '../charter/model.js';
import type { AnswerChoice } from '../rules/circulation.js';
import type {
  Choice,
  CirculationRule,
  Decision,
  MajorityRule,
  QuorumRule,
} from '../rules/types.js';

export interface AttendanceEvent {
  readonly person: string;
  readonly kind: 'arrive' | 'depart';
  readonly index: number;
  readonly time: string;
}

/** A notice convening a session: the latest one given before it opened. */
export interface SessionNotice {
  readonly session: string;
  readonly body: string;
  /** When the body meets: a day or an ISO time, as the notice gives it. */
  readonly date: string;
  readonly title?: string;
  readonly place?: string;
  readonly chair?: string;
  readonly agenda: readonly AgendaItem[];
  /** When the notice went out (ISO time). */
  readonly noticed: string;
  readonly by: string | null;
  readonly index: number;
  /** Apologies sent before the session opens: the session takes them up when it does. */
  readonly excused: Map<string, Excuse>;
}

/** A member's apology for absence, with its reason if given, and its entry. */
export interface Excuse {
  readonly reason?: string;
  readonly index: number;
}

/** A signature of a session's minutes by its chair or the body's secretary. */
export interface MinutesSignature {
  readonly signer: string;
  /** The officer who recorded it for the signer. */
  readonly recordedBy?: string;
  readonly content: string;
  readonly index: number;
  readonly time: string;
  /** The day the minutes give for it, where it was transcribed. */
  readonly date?: string;
}

/** A member's recorded disagreement with the minutes. */
export interface MinutesObjection {
  readonly member: string;
  readonly text: string;
  readonly index: number;
  readonly time: string;
  /** The day the minutes give for it, where it was transcribed. */
  readonly date?: string;
}

/** What became of a session's minutes after it closed. */
export interface MinutesLife {
  /** The motions and circulations put to approve them, in the order put. */
  readonly approvals: DecisionRef[];
  readonly signatures: MinutesSignature[];
  readonly objections: MinutesObjection[];
}

export interface SessionState {
  readonly id: string;
  readonly body: string;
  readonly mode: SessionMode;
  readonly title?: string;
  readonly date?: string;
  readonly place?: string;
  readonly chair?: string;
  readonly atHand?: readonly string[];
  readonly openedAt: number;
  /** The time of its opening entry. */
  readonly openedTime: string;
  closedAt?: number;
  closedTime?: string;
  readonly present: Set<string>;
  readonly attendance: AttendanceEvent[];
  /** Members who sent apologies for their absence, with the reason given. */
  readonly excused: Map<string, Excuse>;
  /** The notice that convened it, if any. */
  readonly notice?: SessionNotice;
  /** What the record holds against a rule (opened before the notice period ran, ...). */
  readonly flags: string[];
  readonly minutes: MinutesLife;
  /** Keys of the session's motions, in the order they were put. */
  readonly motions: string[];
}

export interface RecordedBallot {
  readonly voter: string;
  readonly choice?: Choice;
  readonly alternative?: string | null;
  readonly castBy?: string;
  /** The proxy grant it was cast under, when cast by a proxy holder. */
  readonly grant?: string;
  readonly index: number;
  readonly time: string;
}

export interface MotionState {
  /** motionKey(session, id): motion ids are unique within their session. */
  readonly key: string;
  readonly id: string;
  readonly session: string;
  readonly body: string;
  readonly text: string;
  readonly proposer?: string;
  readonly kind?: string;
  readonly alternatives?: readonly string[];
  readonly method?: 'plurality' | 'absolute';
  readonly power?: string;
  /** The charter as amended, when the motion amends it; `built` is its model, checked. */
  readonly amends?: { readonly json: Record<string, unknown>; readonly built: Charter };
  /** The person the motion re-invites to enrol a key. */
  readonly invites?: string;
  /**
   * The majority the minutes state for it: the charter's decides, and one that differs is flagged
   * (records closed before decided by the minutes' majority, and replay so).
   */
  readonly statedMajority?: MajorityRule;
  /** The rules it is decided by: those in force when proposed, then fixed when its vote opens. */
  majority: MajorityRule;
  quorum: QuorumRule;
  /**
   * The body as the charter in force when the vote opened defined it, and that version's first
   * entry: a vote is decided by the roster and rules of its opening, whatever is amended later.
   */
  bodyAtOpen?: Body;
  charterAtOpen?: number;
  status: 'proposed' | 'open' | 'closed';
  readonly proposedAt: number;
  openedAt?: number;
  closedAt?: number;
  presentAtOpen: readonly string[];
  /** The latest ballot of each voter, in record order: a ballot that replaces one takes its place. */
  readonly ballots: Map<string, RecordedBallot>;
  counts?: Readonly<Record<string, number>>;
  casting?: 'aye' | 'nay';
  /** Hex SHA-256 of who was present and how each voted, fixed when the vote closed (rollDigest). */
  roll?: string;
  decision?: Decision;
  stated?: string;
  /**
   * Where the minutes give totals beside the names of a roll call, each total that the names do
   * not bear out ("the minutes give 5 aye but name 4"); fixed when the vote closed.
   */
  countFlags?: readonly string[];
  /** The entry that put the amendment it carries in force. */
  amendedAt?: number;
  /** The entry of the invitation it authorized. */
  invitedAt?: number;
  readonly ratifies?: DecisionRef;
  readonly follows?: DecisionRef;
  readonly dispatch?: string;
  /** The agenda item it was put under. */
  readonly item?: string;
  /** Minutes it approves once adopted. */
  readonly approves?: MinutesRef;
  /** Set when it was adopted by a body whose decisions another session must confirm. */
  ratification?: Ratification;
}

/**
 * A decision that stands provisionally until a session of the ratifying body confirms it (a
 * motion that `ratifies` it adopted) or annuls it (that motion rejected).
 */
export interface Ratification {
  /** The body whose session confirms it: the same body (`ratify: next-session`) or the parent. */
  readonly by: string;
  status: 'provisional' | 'ratified' | 'annulled';
  /** The ratifying motion, once decided. */
  decidedBy?: { readonly session: string; readonly motion: string };
  decidedAt?: number;
}

/** A member's answer to a circulation, the latest they gave. */
export interface AnswerState {
  readonly member: string;
  readonly choice: AnswerChoice;
  readonly comment?: string;
  readonly channel?: Channel;
  /** The officer who recorded it for the member, who may then confirm or dispute it. */
  readonly recordedBy?: string;
  /**
   * When the member answered: the time given, else (live) the entry's. A transcription whose
   * minutes give no time has none: the day it was transcribed is not when the member answered.
   */
  readonly at?: string;
  /** Given after the deadline: recorded from minutes, not counted. */
  readonly late: boolean;
  readonly index: number;
  /** The answer of the member's this one replaced (a second answer, or one after a dispute). */
  readonly replaced?: { readonly choice: AnswerChoice; readonly index: number };
  confirmedAt?: number;
  disputed?: { readonly reason?: string; readonly index: number };
}

/** A question put outside a session. */
export interface CirculationState {
  readonly id: string;
  readonly body: string;
  readonly mode: SessionMode;
  readonly text: string;
  /** Who put it (null: the organization). */
  readonly by: string | null;
  readonly deadline: string;
  /** The members named, for a consultation; else undefined (every voting member). */
  readonly to?: readonly string[];
  /** The members asked: those named, or the body's voting members when it was put. */
  readonly asked: readonly string[];
  /**
   * Those named in a transcription who had no vote in the body (a live question refuses them):
   * asked, flagged, and their answers not counted.
   */
  readonly notVoting?: readonly string[];
  /**
   * Members of the parent a delegated body draws in, asked as it must ask them: their answers are
   * heard and, as their ballots at a sitting, not counted (they have no vote in the body).
   */
  readonly drawnIn?: readonly string[];
  /** The rule that decides it: its own, else the body's; none for a consultation (advisory). */
  readonly rule?: CirculationRule;
  readonly date?: string;
  readonly dispatch?: string;
  readonly power?: string;
  readonly atHand?: readonly string[];
  readonly follows?: DecisionRef;
  /** Minutes it approves once adopted. */
  readonly approves?: MinutesRef;
  /** The body as the charter in force when it was put defined it. */
  readonly bodyAtOpen: Body;
  /**
   * Of a joint body that votes by each body: those bodies' voting members when it was put, whose
   * answers each body's own majority is counted over.
   */
  readonly parts?: readonly { readonly body: string; readonly votingMembers: readonly string[] }[];
  readonly openedAt: number;
  /** The time of its opening entry. */
  readonly openedTime: string;
  status: 'open' | 'closed' | 'withdrawn';
  readonly answers: Map<string, AnswerState>;
  closedAt?: number;
  closedTime?: string;
  decision?: Decision;
  stated?: string;
  withdrawn?: { readonly reason?: string; readonly index: number };
  /** What a transcription records against a rule (put by someone who may not, ...). */
  readonly flags: string[];
  ratification?: Ratification;
}

/** An inscription on a dispatch. */
export interface Referral {
  readonly by: string | null;
  readonly inscription: string;
  readonly people: readonly string[];
  readonly body?: string;
  readonly index: number;
}

/** An incoming request in a body's register. */
export interface DispatchState {
  readonly id: string;
  readonly body: string;
  readonly number: string;
  readonly received: string;
  readonly from: string;
  readonly channel: Channel;
  readonly text: string;
  readonly attachments: readonly Attachment[];
  readonly registeredBy: string | null;
  readonly registeredAt: number;
  readonly referrals: Referral[];
  /** Circulations and motions (motion keys) put on it, in order. */
  readonly circulations: string[];
  readonly motions: string[];
  closed?: { readonly reason: string; readonly index: number; readonly by: string | null };
}

/** A version of the charter, and when it came into force. */
export interface CharterVersion {
  /** The entry that put it in force: 0 for the adoption, a `charter.amend` entry later. */
  readonly from: number;
  readonly charter: Charter;
  /** The charter file as data, as the record holds it. */
  readonly json: Record<string, unknown>;
  /** The adopted motion that amended the charter to this version (none for the adoption). */
  readonly motion?: { readonly session: string; readonly motion: string };
}

/** A proxy: the grantor lets the holder vote for them, in one body, within a scope. */
export interface ProxyGrant {
  readonly id: string;
  readonly body: string;
  readonly grantor: string;
  readonly holder: string;
  /** One session (and, with `motion`, one motion of it); else until `until`, or until revoked. */
  readonly session?: string;
  readonly motion?: string;
  readonly until?: string;
  readonly grantedAt: number;
  revokedAt?: number;
}

/** An invitation to enrol a key, by the hash of its secret token. */
export interface Invitation {
  readonly person: string;
  readonly expires: string;
  /** The enrolment that used it: an invitation enrols one key. */
  used?: { readonly index: number; readonly time: string };
}

export interface State {
  /** Number of entries folded in. */
  size: number;
  /** The charter in force: the last of `charters`. */
  charter?: Charter;
  /** Every version of the charter in the order they came into force. */
  readonly charters: CharterVersion[];
  /** Base64 public key of the record's custodial key, which signs for people without keys. */
  custodian?: string;
  /** The log's verifier key, which signs its checkpoints. */
  logKey?: string;
  readonly sessions: Map<string, SessionState>;
  /** Notices of sessions not opened yet, by session id. */
  readonly convened: Map<string, SessionNotice>;
  readonly motions: Map<string, MotionState>;
  /** Keys people enrolled (base64), in the order enrolled, beside the charter's. */
  readonly enrolled: Map<string, string[]>;
  /** The entry that enrolled each key (base64), and its time: what tells a person's devices apart. */
  readonly keysEnrolled: Map<string, { readonly index: number; readonly time: string }>;
  /** Keys revoked, by person: never valid again for them. */
  readonly revoked: Map<string, Set<string>>;
  /**
   * Indexes of the entries that change who holds which key, in order: enrolments, revocations,
   * amendments in force and the motions that carried them.
   */
  readonly keyChanges: number[];
  /** Invitations by token hash, open or used (a used one says when, to whoever tries it again). */
  readonly invitations: Map<string, Invitation>;
  /** Proxy grants by id, revoked ones too. */
  readonly grants: Map<string, ProxyGrant>;
  readonly circulations: Map<string, CirculationState>;
  readonly dispatches: Map<string, DispatchState>;
  readonly instruments: Map<string, InstrumentState>;
  /** The amendment the last entry adopted: the next entry must put it in force. */
  pendingAmendment?: { readonly session: string; readonly motion: string };
}

export function emptyState(): State {
  return {
    size: 0,
    charters: [],
    sessions: new Map(),
    convened: new Map(),
    motions: new Map(),
    enrolled: new Map(),
    keysEnrolled: new Map(),
    revoked: new Map(),
    keyChanges: [],
    invitations: new Map(),
    grants: new Map(),
    circulations: new Map(),
    dispatches: new Map(),
    instruments: new Map(),
  };
}

/** Where an instrument stands: drafted, being signed, issued, and what became of it since. */
export const INSTRUMENT_STATUSES = [
  'draft',
  'signing',
  'issued',
  'revoked',
  'settled',
  'annulled',
  'superseded',
] as const;
export type InstrumentStatus = (typeof INSTRUMENT_STATUSES)[number];

/** One signature of an instrument, in the order given. */
export interface InstrumentSignature {
  readonly signer: string;
  /** The officer who recorded it for the signer (who did not sign with their own key). */
  readonly recordedBy?: string;
  readonly channel?: Channel;
  /** Signed with the record's custodial key: the signer holds no key of their own. */
  readonly custodial: boolean;
  readonly index: number;
  readonly time: string;
  /** What the next signature names as the one before it (signatureLink of instruments.ts). */
  readonly link: string;
}

/** An act after issue, with its entry. */
export interface InstrumentEvent {
  readonly index: number;
  readonly by: string | null;
  readonly date?: string;
  readonly reason?: string;
}

/** A document a body issues, from its draft on. */
export interface InstrumentState {
  readonly id: string;
  /** The draft as recorded: what every signature covers. */
  readonly draft: Acts['instrument.draft'];
  /** Hex SHA-256 of the draft (instrumentContentHash). */
  readonly content: string;
  /** The kind as the charter in force at the draft defined it; none when minutes name another. */
  readonly kindRule?: InstrumentKind;
  readonly bodyAtDraft: Body;
  readonly draftedBy: string | null;
  readonly draftedAt: number;
  readonly draftedTime: string;
  readonly signatures: InstrumentSignature[];
  status: InstrumentStatus;
  issued?: InstrumentEvent;
  revoked?: InstrumentEvent & { readonly decision?: DecisionRef };
  settled?: InstrumentEvent;
  annulled?: InstrumentEvent & { readonly decision: DecisionRef; readonly supersededBy?: string };
  /** What a transcription records against the charter (a signature out of order, ...). */
  readonly flags: string[];
}

/**
 * The key of a motion among all the record's motions. Built so that no two (session, motion)
 * pairs share one, whatever characters the ids hold: records made before ids were checked on
 * every entry point may hold a "/" in an id, and `a/b` + `c` must not be `a` + `b/c`.
 */
export function motionKey(session: string, motion: string): string {
  return JSON.stringify([session, motion]);
}
