/**
 * Proxies granted until a time, and taken back, read afresh from docs/charter.md ("Proxies"): a
 * grant is in force from when it is recorded until its time, unless revoked before; live, one is
 * refused to oneself, when the grantor has one in force already (two grants until a time both
 * cover every vote from now on), and when the holder holds N in force already. It shares no code
 * with src.
 */

export interface TimedGrant {
  id: string;
  grantor: string;
  holder: string;
  /** Milliseconds since the epoch: its last moment. */
  until: number;
  revoked: boolean;
}

export class GrantBook {
  private readonly grants: TimedGrant[] = [];

  constructor(private readonly maxPerHolder: number) {}

  /** In force at `now`: recorded, not taken back, its time not passed. */
  inForce(now: number): TimedGrant[] {
    return this.grants.filter((g) => !g.revoked && g.until > now);
  }

  /** Whether the charter and the record let this grant be made now; recorded where they do. */
  grant(g: Omit<TimedGrant, 'revoked'>, now: number): boolean {
    const live = this.inForce(now);
    const ok =
      g.grantor !== g.holder &&
      g.until > now &&
      !live.some((h) => h.grantor === g.grantor) &&
      live.filter((h) => h.holder === g.holder).length < this.maxPerHolder;
    if (ok) this.grants.push({ ...g, revoked: false });
    return ok;
  }

  /** A recorded grant not yet taken back, nor past its time (what happens to those is not asked). */
  revocable(id: string, now: number): 'yes' | 'no' | 'lapsed' {
    const g = this.grants.find((x) => x.id === id);
    if (g === undefined || g.revoked) return 'no';
    return g.until > now ? 'yes' : 'lapsed';
  }

  revoke(id: string): void {
    this.grants.find((x) => x.id === id)!.revoked = true;
  }

  /** The holder who may cast `voter`'s ballot at a vote opened at `now`, if any. */
  holderFor(voter: string, now: number): string | undefined {
    return this.inForce(now).find((g) => g.grantor === voter)?.holder;
  }

  /** The last grant `voter` made, whether or not still in force: whom a stale ballot names. */
  lastHolderOf(voter: string): string | undefined {
    return this.grants.filter((g) => g.grantor === voter).at(-1)?.holder;
  }
}
