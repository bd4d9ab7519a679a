/**
 * Delegated bodies and ratification, read afresh from the design ("A body may be delegated by a
 * parent body: it holds named powers, may carry obligations (draw in the parent's members who are
 * present; report to the parent for ratification), and its decisions are checked against both")
 * and docs/charter.md and docs/proceedings.md. Like rules-oracle.ts, it shares no code with src.
 */

export interface Delegation {
  /** The body it is delegated by. */
  parent: string;
  /** Its named powers; none named, it may decide anything. */
  powers: readonly string[];
  /** Obliged to draw into each decision the parent's members who are at hand. */
  drawIn: boolean;
  /** Its adopted decisions stand provisionally until a session of the parent confirms them. */
  reportTo: boolean;
}

/** What the charter's delegation says of one decision: outside its powers, who was not drawn in. */
export function delegationBreaches(
  d: Delegation,
  power: string | undefined,
  atHand: readonly string[],
  present: ReadonlySet<string>,
): { outsidePowers: boolean; notDrawnIn: string[] } {
  const outsidePowers = d.powers.length > 0 && (power === undefined || !d.powers.includes(power));
  const notDrawnIn = d.drawIn ? atHand.filter((p) => !present.has(p)) : [];
  return { outsidePowers, notDrawnIn };
}

export type RatificationStatus = 'provisional' | 'ratified' | 'annulled';

export interface Ratification {
  by: string;
  status: RatificationStatus;
  /** The motion that ratified or annulled it. */
  decidedBy?: string;
}

/**
 * Where each decision stands, followed in the order of the record: a decision that needs confirming
 * by a body awaits it until a motion of a session of that body, put to ratify it, is adopted
 * (ratified) or rejected (annulled); not decided, that motion leaves it as it stood. A motion put
 * to ratify what awaits no ratification by its own body (not adopted, needing none, confirmed or
 * annulled already, or awaiting another body) changes nothing and is flagged.
 */
export class RatificationLedger {
  private readonly standing = new Map<string, Ratification>();

  /** A decision taken: where it needs confirming by `by` and was adopted, it is provisional. */
  decided(key: string, outcome: string, by: string | undefined): void {
    if (by !== undefined && outcome === 'adopted')
      this.standing.set(key, { by, status: 'provisional' });
  }

  /** A motion of a session of `body` put to ratify `target`; true where it is to be flagged. */
  ratifying(key: string, body: string, target: string, outcome: string): boolean {
    const r = this.standing.get(target);
    if (r === undefined || r.status !== 'provisional' || r.by !== body) return true;
    if (outcome === 'adopted')
      this.standing.set(target, { ...r, status: 'ratified', decidedBy: key });
    if (outcome === 'rejected')
      this.standing.set(target, { ...r, status: 'annulled', decidedBy: key });
    return false;
  }

  /** Where a decision stands once the whole record is read; undefined where it needs no confirming. */
  of(key: string): Ratification | undefined {
    return this.standing.get(key);
  }
}
