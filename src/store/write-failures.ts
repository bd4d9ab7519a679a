/**
 * The failure the last write met where reads still answer (SQLite's full or failing disk;
 * PostgreSQL taking only reads, as a standby does), until a write succeeds: readiness says the
 * record cannot be written, where its reads would say nothing is wrong. Forgotten after a while
 * without writes, so that an instance no balancer sends writes to is ready again, and finds out.
 */
import type { StoreUnavailable } from './types.js';

/** How long a write's failure is remembered when no write comes after it to clear it. */
export const WRITE_FAILURE_REMEMBERED_MS = 30_000;

export class WriteFailures {
  private last: { readonly error: StoreUnavailable; readonly at: number } | undefined;

  remember(error: StoreUnavailable): void {
    this.last = { error, at: Date.now() };
  }

  clear(): void {
    this.last = undefined;
  }

  current(): StoreUnavailable | undefined {
    const last = this.last;
    return last && Date.now() - last.at < WRITE_FAILURE_REMEMBERED_MS ? last.error : undefined;
  }
}
