/** What an audit names when something fails, shared by its parts. */

export interface AuditFailure {
  /** What failed: `entry 17`, `node 2/5`, `checkpoint of size 40`. */
  readonly item: string;
  /** The entry's index, when an entry failed. */
  readonly index?: number;
  readonly reason: string;
}

export interface AuditProgress {
  readonly phase: 'entries' | 'tree' | 'checkpoints';
  readonly done: number;
  readonly total: number;
}

/** Thrown at the first thing that fails: the audit stops there and reports it. */
export class Failed extends Error {
  constructor(readonly failure: AuditFailure) {
    super(failure.reason);
  }
}

export function entryFailure(index: number, reason: string): Failed {
  return new Failed({ item: `entry ${index}`, index, reason });
}
