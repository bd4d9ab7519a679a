/**
 * Proxies, read afresh from docs/charter.md ("Proxies"): a grant for one session, one motion of
 * it, or until a time (its last moment), in force from when it is recorded until it ends (its
 * time passes, its session closes, its motion is decided) or is taken back. Live, one is refused
 * to oneself, unless both are voting members as the charter now stands, for a session closed or a
 * motion decided, for a time already past, when the grantor has one in force already that could
 * apply to the same vote (one until a time applies to every vote), and when the holder holds N in
 * force already that could. A grant that has ended may still be taken back, to no effect. A ballot
 * by proxy needs a grant covering the vote when it is cast, and (live) fewer than N grants for
 * that vote given to its holder before that one, N as the vote opened; cast, it stands whatever
 * becomes of the grant, and counts unless its holder held N grants for that vote recorded before
 * it. It shares no code with src.
 */

/** A person's place on a body: a voting member, a candidate (voice, no vote), or none. */
export type Seat = 'member' | 'candidate' | 'none';

/** What a grant is for: until a time (milliseconds since the epoch, its last moment), or a
 * session, or one motion of a session. */
export type GrantScope = { until: number } | { session: string; motion?: string };

export interface BookGrant {
  id: string;
  grantor: string;
  holder: string;
  scope: GrantScope;
  revoked: boolean;
}

/** Why a grant is refused, live. */
export type GrantRefusal = 'self' | 'not-voting' | 'ended' | 'grantor-has-one' | 'holder-full';

/** A vote, as a ballot by proxy is cast in it. */
export interface VoteAt {
  session: string;
  motion: string;
}

const decidedKey = (v: VoteAt) => `${v.session}/${v.motion}`;

export class GrantBook {
  private readonly grants: BookGrant[] = [];
  private readonly closed = new Set<string>();
  private readonly decided = new Set<string>();

  /** The most grants one may hold, as the charter in force says. */
  constructor(public maxPerHolder: number) {}

  sessionClosed(session: string): void {
    this.closed.add(session);
  }

  motionDecided(vote: VoteAt): void {
    this.decided.add(decidedKey(vote));
  }

  get(id: string): BookGrant | undefined {
    return this.grants.find((g) => g.id === id);
  }

  /** Ended at `now`: its time past, its session closed or its motion decided. */
  ended(g: BookGrant, now: number): boolean {
    const s = g.scope;
    if ('until' in s) return s.until < now;
    if (this.closed.has(s.session)) return true;
    return s.motion !== undefined && this.decided.has(decidedKey({ ...s, motion: s.motion }));
  }

  /** In force at `now`: recorded, not taken back, not ended. */
  inForce(now: number): BookGrant[] {
    return this.grants.filter((g) => !g.revoked && !this.ended(g, now));
  }

  /** Whether two grants could both apply to one vote. */
  private static overlap(a: GrantScope, b: GrantScope): boolean {
    if ('until' in a || 'until' in b) return true;
    if (a.session !== b.session) return false;
    return a.motion === undefined || b.motion === undefined || a.motion === b.motion;
  }

  /**
   * Why the charter and the record refuse this grant now, if they do (each reason that holds,
   * in no order); recorded where they do not.
   */
  grant(g: Omit<BookGrant, 'revoked'>, now: number, seat: (p: string) => Seat): GrantRefusal[] {
    const why: GrantRefusal[] = [];
    if (g.grantor === g.holder) why.push('self');
    if (seat(g.grantor) !== 'member' || seat(g.holder) !== 'member') why.push('not-voting');
    if (this.ended({ ...g, revoked: false }, now) || ('until' in g.scope && g.scope.until === now))
      why.push('ended');
    const live = this.inForce(now).filter((h) => GrantBook.overlap(h.scope, g.scope));
    if (live.some((h) => h.grantor === g.grantor)) why.push('grantor-has-one');
    if (live.filter((h) => h.holder === g.holder).length >= this.maxPerHolder)
      why.push('holder-full');
    if (why.length === 0) this.grants.push({ ...g, revoked: false });
    return why;
  }

  /** Takes a grant back: refused for one never recorded or taken back already; one that has
   * ended is taken back all the same. */
  revoke(id: string): boolean {
    const g = this.get(id);
    if (g === undefined || g.revoked) return false;
    g.revoked = true;
    return true;
  }

  /** Whether `g`, not taken back, covers that vote at time `t`. */
  covers(g: BookGrant, vote: VoteAt, t: number): boolean {
    if (g.revoked) return false;
    const s = g.scope;
    if ('until' in s) return t <= s.until;
    return s.session === vote.session && (s.motion === undefined || s.motion === vote.motion);
  }

  /** The grant under which `holder` may cast `voter`'s ballot in that vote at `t`, if any. */
  covering(voter: string, holder: string, vote: VoteAt, t: number): BookGrant | undefined {
    return this.grants.find(
      (g) => g.grantor === voter && g.holder === holder && this.covers(g, vote, t),
    );
  }

  /** The last grant `voter` made, whatever became of it: whom a stale ballot names. */
  lastHolderOf(voter: string): string | undefined {
    return this.grants.filter((g) => g.grantor === voter).at(-1)?.holder;
  }

  /**
   * How many grants between voting members (`voting`) the holder of `g` held for that vote,
   * recorded before `g` and not taken back, that cover it at `t`: N or more, the ballot under `g`
   * is not counted.
   */
  heldBefore(g: BookGrant, vote: VoteAt, t: number, voting: (p: string) => boolean): number {
    const before = this.grants.slice(0, this.grants.indexOf(g));
    return before.filter(
      (h) =>
        h.holder === g.holder && voting(h.grantor) && voting(h.holder) && this.covers(h, vote, t),
    ).length;
  }
}
