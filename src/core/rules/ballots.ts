import { RuleInputError } from './errors.js';
import { compareIds, type Roster } from './roster.js';
import type { Exclusion, ExclusionReason, ProxyRule } from './types.js';

/** What admission needs of a ballot, formula or alternatives alike. */
export interface CastBallot {
  voter: string;
  castBy?: string;
  /** For a ballot by proxy: whether a grant of the voter's was in force (unknown: assumed). */
  granted?: boolean;
  /** For a ballot by proxy: the entry of its grant (unknown: after every known one). */
  grantedAt?: number;
  /**
   * For a ballot by proxy: how many grants between voting members its holder held for this vote
   * before this one, used or not (unknown: the holder's ballots under earlier grants).
   */
  grantsBefore?: number;
}

export interface Admission<B> {
  counted: B[];
  /** Sorted by voter, so the result does not depend on the order ballots arrived in. */
  excluded: Exclusion[];
  /** Counted ballots whose voter is present only through the proxy holder. */
  representedByProxy: number;
}

const grantOrder = (ballot: CastBallot) => ballot.grantedAt ?? Number.MAX_SAFE_INTEGER;

/** The proxy holder, when someone other than the voter cast the ballot. */
function proxyHolder(ballot: CastBallot): string | undefined {
  return ballot.castBy !== undefined && ballot.castBy !== ballot.voter ? ballot.castBy : undefined;
}

/** What a caller knows of its ballots' content. */
export interface BallotScreens<B> {
  /** Refuses a ballot for what it says (an unknown alternative), before it uses up a proxy
   * holder's limit. */
  rejectContent?: (ballot: B) => ExclusionReason | undefined;
  /** The ballot records that its voter did not vote (not voting, declined): a candidate's is
   * neither counted nor excluded, since nothing was cast that the rules could refuse. */
  recordsNoVote?: (ballot: B) => boolean;
}

/** Splits roll-call ballots into counted and excluded. */
export function admitBallots<B extends CastBallot>(
  roster: Roster,
  proxies: ProxyRule | undefined,
  ballots: readonly B[],
  { rejectContent = () => undefined, recordsNoVote = () => false }: BallotScreens<B> = {},
): Admission<B> {
  if (proxies && !(Number.isInteger(proxies.maxPerHolder) && proxies.maxPerHolder >= 0)) {
    throw new RuleInputError(
      'invalid-proxy-rule',
      `maxPerHolder must be a whole number >= 0, got ${proxies.maxPerHolder}`,
    );
  }
  const seen = new Set<string>();
  const screen = (ballot: B): ExclusionReason | undefined => {
    if (!roster.voting.has(ballot.voter)) {
      return roster.candidates.has(ballot.voter) ? 'candidate' : 'not-a-member';
    }
    // The first ballot of a voter counts; the app normally refuses later ones before this.
    if (seen.has(ballot.voter)) return 'duplicate';
    seen.add(ballot.voter);
    const content = rejectContent(ballot);
    if (content) return content;
    const holder = proxyHolder(ballot);
    if (holder === undefined) return roster.present.has(ballot.voter) ? undefined : 'absent';
    if (!proxies) return 'proxy-not-allowed';
    if (ballot.granted === false) return 'proxy-without-grant';
    // A grantor who is present votes in person: the proxy does not count.
    if (roster.present.has(ballot.voter)) return 'grantor-present';
    if (!roster.voting.has(holder) && !proxies.anyHolder) return 'proxy-holder-not-a-member';
    return roster.present.has(holder) ? undefined : 'proxy-holder-absent';
  };

  const excluded: Exclusion[] = [];
  const inPerson: B[] = [];
  const byHolder = new Map<string, B[]>();
  for (const ballot of ballots) {
    if (roster.candidates.has(ballot.voter) && recordsNoVote(ballot)) continue;
    const reason = screen(ballot);
    const holder = proxyHolder(ballot);
    if (reason) excluded.push({ voter: ballot.voter, reason });
    else if (holder === undefined) inPerson.push(ballot);
    else {
      const held = byHolder.get(holder) ?? [];
      held.push(ballot);
      byHolder.set(holder, held);
    }
  }

  // Over the limit, a holder keeps the ballots under the first grants given, used or not: a later
  // grant came once the holder held enough already. Then by voter id, whatever the order ballots
  // arrived in.
  const byProxy: B[] = [];
  for (const held of byHolder.values()) {
    held.sort((a, b) => grantOrder(a) - grantOrder(b) || compareIds(a.voter, b.voter));
    held.forEach((ballot, index) => {
      if ((ballot.grantsBefore ?? index) < (proxies?.maxPerHolder ?? 0)) byProxy.push(ballot);
      else excluded.push({ voter: ballot.voter, reason: 'proxy-limit' });
    });
  }

  excluded.sort((a, b) => compareIds(a.voter, b.voter) || compareIds(a.reason, b.reason));
  return {
    counted: [...inPerson, ...byProxy],
    excluded,
    representedByProxy: byProxy.length,
  };
}
