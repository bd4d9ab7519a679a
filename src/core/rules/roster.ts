import type { VotingContext } from './types.js';

/** Who may vote and who is in the room, as sets, with the context's own inconsistencies. */
export interface Roster {
  voting: ReadonlySet<string>;
  candidates: ReadonlySet<string>;
  present: ReadonlySet<string>;
  /** Voting members present in person. */
  presentVoting: number;
  flags: string[];
}

/** Orders person and alternative ids the same way on every machine (no locale). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function rosterOf(ctx: VotingContext): Roster {
  const candidates = new Set(ctx.candidates);
  // A candidate has no vote even when also listed as a voting member.
  const both = [...new Set(ctx.votingMembers)].filter((id) => candidates.has(id)).sort(compareIds);
  const voting = new Set(ctx.votingMembers.filter((id) => !candidates.has(id)));
  const present = new Set(ctx.present);
  return {
    voting,
    candidates,
    present,
    presentVoting: [...voting].filter((id) => present.has(id)).length,
    flags: both.map(
      (id) => `${id} is listed both as a voting member and as a candidate; counted as a candidate`,
    ),
  };
}
