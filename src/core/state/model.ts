/** The state of an organization, derived from its record by folding acts in order (apply.ts). */
import type { SessionMode } from '../acts.js';
import type { Charter } from '../charter/model.js';
import type { Choice, Decision, MajorityRule, QuorumRule } from '../rules/types.js';

export interface AttendanceEvent {
  readonly person: string;
  readonly kind: 'arrive' | 'depart';
  readonly index: number;
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
  closedAt?: number;
  readonly present: Set<string>;
  readonly attendance: AttendanceEvent[];
  /** Keys of the session's motions, in the order they were put. */
  readonly motions: string[];
}

export interface RecordedBallot {
  readonly voter: string;
  readonly choice?: Choice;
  readonly alternative?: string | null;
  readonly castBy?: string;
  readonly index: number;
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
  readonly majority: MajorityRule;
  readonly quorum: QuorumRule;
  status: 'proposed' | 'open' | 'closed';
  readonly proposedAt: number;
  openedAt?: number;
  closedAt?: number;
  presentAtOpen: readonly string[];
  /** The latest ballot of each voter, in record order: a ballot that replaces one takes its place. */
  readonly ballots: Map<string, RecordedBallot>;
  counts?: Readonly<Record<string, number>>;
  casting?: 'aye' | 'nay';
  decision?: Decision;
  stated?: string;
}

export interface State {
  /** Number of entries folded in. */
  size: number;
  charter?: Charter;
  /** Base64 public key of the record's custodial key, which signs for people without keys. */
  custodian?: string;
  /** The log's verifier key, which signs its checkpoints. */
  logKey?: string;
  readonly sessions: Map<string, SessionState>;
  readonly motions: Map<string, MotionState>;
  /** Keys people enrolled with (base64), which take the place of the charter's. */
  readonly enrolled: Map<string, string>;
  /** Keys revoked, by person: never valid again for them. */
  readonly revoked: Map<string, Set<string>>;
  /** Indexes of the entries that enrolled or revoked a key, in order: who held which key when. */
  readonly keyChanges: number[];
  /** Invitations by token hash, until redeemed. */
  readonly invitations: Map<string, { readonly person: string; readonly expires: string }>;
}

export function emptyState(): State {
  return {
    size: 0,
    sessions: new Map(),
    motions: new Map(),
    enrolled: new Map(),
    revoked: new Map(),
    keyChanges: [],
    invitations: new Map(),
  };
}

/**
 * The key of a motion among all the record's motions. Built so that no two (session, motion)
 * pairs share one, whatever characters the ids hold: records made before ids were checked on
 * every entry point may hold a "/" in an id, and `a/b` + `c` must not be `a` + `b/c`.
 */
export function motionKey(session: string, motion: string): string {
  return JSON.stringify([session, motion]);
}
