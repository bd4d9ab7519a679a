/** What the HTTP API answers (docs/api.md), as the web app reads it. */
import type { AgendaItem, Channel, DecisionRef, MinutesRef } from '../../core/acts.js';
import type { Choice, MajorityRule } from '../../core/rules/types.js';
import type { InstrumentEvent, InstrumentKind } from '../../api/instruments.js';

export type { Channel, Choice, DecisionRef, MajorityRule, MinutesRef };

export interface OrganizationRef {
  readonly id: string;
  readonly name: string;
  readonly log: string;
}

/** Who is asking (GET /api/me): the API's contract. */
export type { Me } from '../../api/me.js';

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly enrolled: boolean;
  /** The key the person signs with now (base64), if any. */
  readonly key?: string | null;
  /** Every key the record has for the person (one a device), newest first. */
  readonly keys?: readonly string[];
  /** When each enrolled key was added, by its entry (a key the charter gives is not listed). */
  readonly keysAdded?: readonly {
    readonly key: string;
    readonly index: number;
    readonly time: string;
  }[];
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
  /** Days of notice the charter requires before a session opens; null where none. */
  readonly noticeDays?: number | null;
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
  /** The parent whose members at hand the body must draw into each decision, if any. */
  readonly drawsIn?: string | null;
  /** The kinds of instrument the body issues, each with its signing rule. */
  readonly instruments?: readonly InstrumentKind[];
  /** How the body decides between meetings, where its charter says (`circulation:`). */
  readonly circulation?: {
    /** The rule in words ("unanimous consent"). */
    readonly rule?: string;
    readonly putBy?: 'officers' | 'members';
    readonly ratify?: boolean;
  } | null;
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
  /** null for a session convened and not opened yet. */
  readonly mode: 'live' | 'minutes' | null;
  readonly open: boolean;
  /** Convened and not opened yet: its notice comes with it. */
  readonly convened?: boolean;
  readonly notice?: SessionNotice;
  readonly present: number;
}

/** An agenda item as a notice gives it, with the minutes it puts for approval as they read now. */
export type AgendaItemInfo = AgendaItem & { readonly approves?: MinutesRef };

/** The notice that convened a session (GET /api/sessions/:id `notice`). */
export interface SessionNotice {
  readonly date: string;
  readonly title: string | null;
  readonly place: string | null;
  readonly chair: string | null;
  /** When the notice went out (ISO time). */
  readonly noticed: string;
  readonly by: string | null;
  readonly entry: number;
  readonly agenda: readonly AgendaItemInfo[];
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
  /** The provisional decision it ratifies, what it follows, the dispatch it answers. */
  readonly ratifies?: DecisionRef | null;
  /** What it ratifies, and the dispatch it answers, in words. */
  readonly ratifiesNamed?: string;
  /** What it did to the decision it was put to ratify (docs/api.md). */
  readonly ratifying?: 'ratifies' | 'annuls' | 'left-standing';
  readonly follows?: DecisionRef | null;
  readonly dispatch?: string | null;
  readonly dispatchNamed?: string;
  /** The agenda item it was put under, and the minutes it approves. */
  readonly item?: string | null;
  readonly approves?: MinutesRef | null;
  /** Where the decision must be ratified, once adopted: provisional, ratified or annulled. */
  readonly ratification?: Ratification | null;
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
  /** The motion or session it is for, in words; null for a grant until a time. */
  readonly named: string | null;
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
  /** Who sent apologies for absence. */
  readonly excused?: readonly {
    readonly person: string;
    readonly reason: string | null;
    readonly entry: number;
  }[];
  /** The notice it was convened by (null when none), and what the record holds against a rule. */
  readonly notice?: SessionNotice | null;
  readonly flags?: readonly string[];
  readonly motions: readonly Motion[];
  /** Decisions awaiting ratification by this session's body: its agenda of ratifications. */
  readonly awaitingRatification?: readonly ProvisionalDecision[];
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

/** An entry as the log answers it (GET /api/log): its exact bytes, their parsed form and what it
 * acts on in words, or why it is withheld. The API's contract. */
export type { EntryNamed, LogEntry, LogPage } from '../../api/log.js';

export type {
  Bundle,
  BundleEntry as BundleItem,
  InclusionProof,
  RecordEntry,
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
    /** arrive, depart or excuse (an apology, with its reason if any). */
    kind: string;
    reason?: string;
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
  /** A circulation was put, answered, confirmed, disputed, withdrawn or closed. */
  circulation: {
    id: string;
    status: CirculationStatus;
    answered: number;
    asked: number;
    outcome?: string;
    session?: undefined;
  };
  /** A dispatch was registered, referred or closed. */
  dispatch: { id: string; status: DispatchStatus; session?: undefined };
  /** An instrument was drafted, signed, issued, revoked, settled or annulled. */
  instrument: InstrumentEvent & { session?: undefined };
  /** A session convened, or its notice revised. */
  notice: { session: string; body: string; date: string; items: number };
  /** The minutes of a session signed by an officer, or objected to by a member. */
  minutes: { session: string; change: 'signed' | 'objected' };
}

export type LiveEventKind = keyof LiveEvents;

/** Where a decision that must be ratified stands (src/core/state/model.ts). */
export interface Ratification {
  /** The body whose session ratifies it. */
  readonly by: string;
  readonly byName?: string;
  readonly status: 'provisional' | 'ratified' | 'annulled';
  /** The motion that ratified or annulled it. */
  readonly decidedBy?: { readonly session: string; readonly motion: string } | null;
  /** That motion in words: 'motion 1 ("…") of the session of … on …'. */
  readonly decidedByNamed?: string;
  readonly decidedAt?: number | null;
}

/** A decision as the rules compute it: outcome, explanation and tally. */
export interface RuledDecision {
  /** adopted, rejected, not-decided or advisory. */
  readonly outcome: string;
  readonly explanation: string;
  readonly tally: Readonly<Record<string, number>>;
  readonly flags?: readonly string[];
}

export type CirculationStatus = 'open' | 'closed' | 'withdrawn';

/** A circulation in a register (GET /api/circulations). */
export interface CirculationSummary {
  readonly id: string;
  readonly body: string;
  readonly bodyName: string;
  readonly text: string;
  /** Who put it; null when the organization did (a transcription). */
  readonly by: string | null;
  readonly byName: string | null;
  readonly deadline: string;
  readonly status: CirculationStatus;
  readonly asked: number;
  readonly answered: number;
  /** The outcome if it closed now, and whether it can still change. */
  readonly forming: {
    readonly outcome: string;
    readonly explanation: string;
    readonly settled: boolean;
  };
  /** Once closed: the decision recorded. */
  readonly decision?: RuledDecision | null;
  readonly ratification?: Ratification | null;
  readonly dispatch?: string | null;
  readonly overdue: boolean;
}

/** A member's answer, the latest they gave. */
export interface MemberAnswer {
  readonly choice: 'aye' | 'nay' | 'abstain';
  readonly comment?: string | null;
  readonly channel?: Channel | null;
  /** The officer who recorded it for the member. */
  readonly recordedBy?: string | null;
  /** When it was given; none for a transcribed answer whose minutes give no time. */
  readonly at?: string;
  /** Its entry. */
  readonly index: number;
  readonly late: boolean;
  readonly confirmed: boolean;
  readonly disputed?: { readonly reason?: string | null } | null;
  /** The member's earlier answer this one replaced, and its entry. */
  readonly replaced?: { readonly choice: string; readonly index: number };
}

/** A decision in a chain (what it follows, what ratifies it). */
export interface ChainLink {
  readonly ref: DecisionRef;
  readonly body: string;
  readonly bodyName?: string;
  readonly text: string;
  /** In words: its motion and session, or the question put between sessions. */
  readonly named: string;
  readonly outcome?: string | null;
  readonly ratification?: Ratification | null;
}

/** A circulation in full (GET /api/circulations/ID). */
export interface CirculationView extends CirculationSummary {
  readonly mode: 'live' | 'minutes';
  /** The members named, in a consultation; absent when put to the whole body. */
  readonly to?: readonly string[] | null;
  /** Its rule in words; null: advisory. */
  readonly rule: { readonly kind: string; readonly words: string } | null;
  readonly members: readonly {
    readonly id: string;
    readonly name: string;
    readonly answer?: MemberAnswer | null;
  }[];
  readonly openedAt: number;
  readonly openedTime: string;
  readonly closedAt?: number | null;
  readonly withdrawn?: { readonly reason?: string | null; readonly index: number } | null;
  readonly flags: readonly string[];
  readonly stated?: string | null;
  readonly chain: readonly ChainLink[];
  /** The outcome if it closed now (once closed, the decision), with its tally. */
  readonly forming: RuledDecision & { readonly settled: boolean };
}

/** A question in the member's inbox (GET /api/inbox). */
export type InboxQuestion = CirculationSummary & {
  readonly myAnswer?: MemberAnswer | null;
  /** An answer an officer recorded for the member, awaiting their confirmation. */
  readonly toConfirm: boolean;
  /** Open, its deadline not passed, and not answered yet (or the answer recorded for them
   * disputed): the server's word, as of the inbox's reading. */
  readonly toAnswer: boolean;
};

export type DispatchStatus = 'registered' | 'referred' | 'closed';

export interface AttachmentInfo {
  readonly name: string;
  /** Hex SHA-256 of its bytes: GET /api/attachments/HASH gives them. */
  readonly hash: string;
  readonly size: number;
}

/** A dispatch of the register (GET /api/dispatches). */
export interface DispatchView {
  readonly id: string;
  readonly body: string;
  readonly bodyName: string;
  readonly number: string;
  readonly received: string;
  readonly from: string;
  readonly channel: Channel;
  readonly text: string;
  readonly attachments: readonly AttachmentInfo[];
  readonly status: DispatchStatus;
  readonly referrals: readonly {
    readonly by: string | null;
    readonly byName?: string | null;
    readonly inscription: string;
    readonly people: readonly string[];
    readonly body?: string | null;
    readonly index: number;
  }[];
  readonly circulations: readonly string[];
  /** The questions put on it, each named in words ("the question … put to …"). */
  readonly questions: readonly { readonly circulation: string; readonly named: string }[];
  readonly motions: readonly {
    readonly session: string;
    readonly motion: string;
    /** In words: 'motion 1 ("…") of the session of … on …'. */
    readonly named: string;
  }[];
  readonly closed?: {
    readonly reason: string;
    readonly index: number;
    readonly by: string | null;
  } | null;
  readonly registeredAt: number;
}

/** A decision awaiting ratification (GET /api/decisions/provisional, a session's agenda). */
export interface ProvisionalDecision {
  readonly ref: DecisionRef;
  /** The body that took it. */
  readonly body: string;
  readonly bodyName?: string;
  readonly text: string;
  /** In words: its motion and session, or the question put between sessions. */
  readonly named: string;
  readonly index: number;
  readonly decision?: RuledDecision | null;
  readonly ratification?: Ratification | null;
}
