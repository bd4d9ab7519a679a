/** What the HTTP API answers (docs/api.md), as the web app reads it. */
import type { Choice, MajorityRule } from '../../core/rules/types.js';

export type { Choice, MajorityRule };

export interface OrganizationRef {
  readonly id: string;
  readonly name: string;
  readonly log: string;
}

export interface Me {
  readonly person: string | null;
  readonly name: string | null;
  readonly roles: readonly { readonly body: string; readonly role: string }[];
  readonly demo: boolean;
  readonly csrf: string;
  readonly organization: OrganizationRef;
  /** The key this session signed in with (base64); null by demo login. */
  readonly key?: string | null;
  /** Every key the record has for the person, newest first. */
  readonly keys?: readonly string[];
}

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly enrolled: boolean;
  /** The key the person signs with now (base64), if any. */
  readonly key?: string | null;
  /** Every key the record has for the person (one a device), newest first. */
  readonly keys?: readonly string[];
}

export interface BodyInfo {
  readonly id: string;
  readonly name: string;
  readonly parent: string | null;
  readonly members: readonly string[];
  readonly candidates: readonly string[];
  readonly chair: string | null;
  readonly secretary: string | null;
  /** Officers besides the chair and the secretary: they run sessions and enrol keys too. */
  readonly officers?: readonly string[];
  readonly rules: readonly string[];
  /** Whether the tally is shown while a vote is open. */
  readonly runningTally?: boolean;
  /** The majority the body decides by, and in words ("a majority of votes cast"). */
  readonly majority: MajorityRule;
  readonly majorityInWords: string;
  /** The kinds of motion the charter names, each with the rule it implies. */
  readonly motionKinds: readonly MotionKindInfo[];
  /** Whether the chair breaks a tie with a casting vote. */
  readonly castingVote: boolean;
  /** How many proxies one member may hold; null where the charter allows none. */
  readonly proxies: { readonly maxPerHolder: number } | null;
  /** The powers a delegated body holds from its parent: each of its motions names one. */
  readonly powers: readonly string[];
}

export interface MotionKindInfo {
  readonly id: string;
  readonly majority: MajorityRule;
  /** The rule in words: "two thirds of votes cast", with the kind's quorum if it has one. */
  readonly rule: string;
}

export interface Organization {
  readonly organization: OrganizationRef;
  readonly people: readonly Person[];
  readonly bodies: readonly BodyInfo[];
}

export interface SessionSummary {
  readonly id: string;
  readonly body: string;
  readonly title?: string;
  readonly date?: string;
  readonly mode: 'live' | 'minutes';
  readonly open: boolean;
  readonly present: number;
}

export interface Quorum {
  readonly required: number;
  readonly presentVoting: number;
  readonly votingMembers?: number;
  readonly met: boolean;
}

export interface DecisionInfo {
  readonly outcome: string;
  readonly explanation: string;
  readonly entry: number;
}

export interface Motion {
  readonly id: string;
  readonly text: string;
  readonly proposer?: string | null;
  readonly kind?: string | null;
  readonly alternatives?: readonly string[] | null;
  readonly method?: string | null;
  /** The delegated power it is decided under. */
  readonly power?: string | null;
  readonly status: 'proposed' | 'open' | 'closed';
  /** How many were present when the vote opened. */
  readonly present?: number | null;
  /** Who was present when the vote opened: they, and only they, may vote. */
  readonly presentAtOpen?: readonly string[] | null;
  /** The body's voting members when the vote opened: an amendment since does not change them. */
  readonly votingAtOpen?: readonly string[] | null;
  /** Before the vote opens, the quorum under the motion's rule for who is present now. */
  readonly quorum?: (Quorum & { readonly votingMembers: number }) | null;
  readonly voted?: readonly string[];
  /** The chair's casting vote, once given (hidden with the tally where it is). */
  readonly casting?: 'aye' | 'nay' | null;
  /** How many have voted, as the latest live event said (kept by the app, not the server). */
  readonly votedCount?: number;
  readonly tally?: Readonly<Record<string, number>> | null;
  readonly decision?: DecisionInfo | null;
  readonly entries?: {
    readonly proposed?: number | null;
    readonly opened?: number | null;
    readonly closed?: number | null;
  };
  /** Whether the motion carries an amended charter, and its bodies as amended. */
  readonly amends?: boolean;
  readonly amendment?: Amendment | null;
  /** The person the motion re-invites to enrol a key, and the invitation's entry once issued. */
  readonly invites?: string | null;
  readonly invited?: number | null;
  /** The charter versions (their first entries) in force when the vote opened and closed. */
  readonly charter?: {
    readonly atOpen: number | null;
    readonly atClose: number | null;
    readonly amendedWhileOpen: boolean;
  };
}

export interface Amendment {
  /** The entry that put it in force, once adopted. */
  readonly inForce: number | null;
  /** What it changes, one change a line, in words (as `collegium charter diff` says them). */
  readonly changes: readonly string[];
  readonly bodies: readonly {
    readonly id: string;
    readonly name: string;
    readonly members: readonly string[];
    readonly candidates: readonly string[];
    readonly chair: string | null;
    readonly secretary: string | null;
  }[];
}

/** A proxy grant in force (GET /api/proxies). */
export interface ProxyGrant {
  readonly id: string;
  readonly body: string;
  readonly grantor: string;
  readonly holder: string;
  readonly session: string | null;
  readonly motion: string | null;
  readonly until: string | null;
  readonly entry: number;
  /** In a session's list: the open votes the holder may cast the grantor's ballot in now. */
  readonly motions?: readonly string[];
}

export interface Session {
  readonly id: string;
  readonly body: string;
  readonly title?: string | null;
  readonly date?: string | null;
  readonly place?: string | null;
  readonly mode: 'live' | 'minutes';
  readonly open: boolean;
  readonly chair?: string | null;
  readonly present: readonly string[];
  readonly attendance: readonly {
    readonly person: string;
    readonly kind: string;
    readonly entry: number;
  }[];
  readonly quorum: Quorum & { readonly votingMembers: number };
  readonly motions: readonly Motion[];
}

/** A decision as GET …/closing computes it, before it is recorded. */
export interface ClosingDecision {
  readonly outcome: string;
  readonly explanation: string;
  readonly tally: Readonly<Record<string, number>>;
  /** The chair's casting vote, when it is counted to break a tie. */
  readonly castingVote?: 'aye' | 'nay';
}

export interface Receipt {
  readonly entry: number;
  readonly leafHash: string;
  readonly type: string;
}

/** An entry as the log answers it: its exact bytes and their parsed form. */
export type LogEntry =
  | {
      readonly index: number;
      /** Base64 of the entry's bytes, the Merkle leaf. */
      readonly leaf: string;
      readonly entry: RecordEntry;
      readonly withheld?: undefined;
    }
  /** A ballot of an open vote whose tally the charter hides: in its place, said why. */
  | {
      readonly index: number;
      readonly leaf: null;
      readonly entry: null;
      readonly withheld: string;
    };

export interface RecordEntry {
  readonly v: number;
  readonly index: number;
  readonly org: string;
  readonly prev: string | null;
  readonly time: string;
  readonly type: string;
  readonly actor: string | null;
  readonly signer: string | null;
  readonly key: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly sig: string;
}

export interface LogPage {
  readonly size: number;
  readonly entries: readonly LogEntry[];
}

export type {
  Bundle,
  BundleEntry as BundleItem,
  InclusionProof,
} from '../../record/proof-formats.js';

export interface Invitation {
  readonly person: string;
  readonly name: string;
  readonly organization: OrganizationRef | string;
  readonly expires: string;
  /** The keys the record has for the person: an enrolment adds one, they stay theirs. */
  readonly keys: readonly string[];
}

/** The live events of GET /api/events, by kind. */
export interface LiveEvents {
  attendance: {
    session: string;
    person: string;
    kind: string;
    present: number;
    quorum: Quorum;
  };
  motion: { session: string; motion: string; text: string };
  'vote-opened': { session: string; motion: string; present: number };
  ballot: { session: string; motion: string; voted: number; tally?: Record<string, number> };
  decision: {
    session: string;
    motion: string;
    outcome: string;
    explanation: string;
    entry: number;
  };
  session: { session: string; open: boolean };
  /** A proxy given or taken back (`session` for a grant of one session or motion). */
  proxies: { grant: string; body: string; session?: string; granted: boolean };
  /** The organization changed: its charter amended, or someone's keys. */
  organization: {
    change: 'charter' | 'keys';
    session?: string;
    motion?: string;
    person?: string;
  };
}

export type LiveEventKind = keyof LiveEvents;
