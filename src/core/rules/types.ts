/** The voting rules' inputs and outputs, as the app layer passes and reads them. */

export type Choice = 'aye' | 'nay' | 'abstain' | 'not-voting' | 'declined';

/** Every choice, in the order tallies and explanations list them. */
export const CHOICES: readonly Choice[] = ['aye', 'nay', 'abstain', 'not-voting', 'declined'];

export type QuorumRule =
  | { kind: 'majority' }
  | { kind: 'count'; count: number }
  /**
   * At least ceil(fraction × members), exact for the decimal the charter writes. `tolerant` is
   * the reading of votes closed before: a product within 1e-9 of a whole number taken as it.
   */
  | { kind: 'fraction'; fraction: number; tolerant?: boolean };

export type MajorityRule =
  'votes-cast' | 'present' | 'membership' | 'two-thirds' | 'three-quarters' | 'unanimous';

/** How a circulation's written answers decide: every member asked, or a majority rule with an
 * optional quorum of answers (none: any number of answers is enough). */
export type CirculationRule =
  { kind: 'unanimous' } | { kind: 'majority'; majority: MajorityRule; quorum?: QuorumRule };

export type AlternativesMethod = 'plurality' | 'absolute';

/** Absent from a context: proxies are not allowed. */
export interface ProxyRule {
  maxPerHolder: number;
  /**
   * The reading of votes closed before a holder had to be a voting member and all a holder's
   * grants counted against the limit: they were decided so, and replay as they were.
   */
  anyHolder?: boolean;
}

export interface VotingContext {
  /** Voting members of the body at that moment (candidates excluded). */
  votingMembers: readonly string[];
  /** Candidates of the body: voice, no vote. */
  candidates: readonly string[];
  /** Persons present when the vote opened; may include candidates and guests. */
  present: readonly string[];
  quorum: QuorumRule;
  /** Who chairs, for the casting vote. */
  chair?: string;
  /** The charter gives the chair a casting vote on a tie. */
  castingVote: boolean;
  proxies?: ProxyRule;
}

/** A ballot cast in person, or by a proxy holder (`castBy`) for the voter. */
export interface Ballot {
  voter: string;
  choice: Choice;
  castBy?: string;
  /** For a ballot by proxy: whether a grant of the voter's was in force (unknown: assumed). */
  granted?: boolean;
  /** For a ballot by proxy: the entry of its grant, which orders a holder's grants. */
  grantedAt?: number;
  /** For a ballot by proxy: how many grants its holder held for this vote before this one. */
  grantsBefore?: number;
}

export type CastingVote = 'aye' | 'nay';

export type FormulaVote =
  | { mode: 'roll-call'; ballots: readonly Ballot[]; casting?: CastingVote }
  | { mode: 'counts'; counts: Partial<Record<Choice, number>>; casting?: CastingVote };

/** `alternative: null` is an abstention. */
export interface AlternativeBallot {
  voter: string;
  alternative: string | null;
  castBy?: string;
  /** As for Ballot. */
  granted?: boolean;
  grantedAt?: number;
  grantsBefore?: number;
}

export type AlternativesVote =
  | { mode: 'roll-call'; ballots: readonly AlternativeBallot[] }
  | { mode: 'counts'; counts: Readonly<Record<string, number>>; abstain?: number };

export type ExclusionReason =
  | 'candidate'
  | 'not-a-member'
  | 'absent'
  | 'duplicate'
  | 'proxy-not-allowed'
  | 'proxy-holder-absent'
  | 'proxy-holder-not-a-member'
  | 'proxy-limit'
  | 'proxy-without-grant'
  | 'grantor-present'
  | 'unknown-alternative'
  | 'not-asked'
  | 'late'
  | 'disputed';

export type Exclusion = { voter: string; reason: ExclusionReason };

export interface QuorumResult {
  required: number;
  /** Voting members present, including those represented by a counted proxy ballot. */
  presentVoting: number;
  votingMembers: number;
  /** How many of `presentVoting` are present only through a proxy ballot. */
  representedByProxy: number;
  met: boolean;
}

export interface Decision {
  /** 'adopted' | 'rejected' | 'not-decided', or the winning alternative's id. */
  outcome: 'adopted' | 'rejected' | 'not-decided' | string;
  /** In words a person can check. */
  explanation: string;
  quorum: QuorumResult;
  /** aye/nay/abstain/not-voting/declined, or one entry per alternative plus abstain. */
  tally: Record<string, number>;
  runoff?: readonly [string, string];
  /** The chair's casting vote, when it was counted to break a tie. */
  castingVote?: CastingVote;
  excluded: readonly Exclusion[];
  /** Inconsistencies worth a human's eye. */
  flags: readonly string[];
  /** In a joint session counted body by body: each body's own decision. */
  bodies?: readonly { readonly body: string; readonly decision: Decision }[];
}
