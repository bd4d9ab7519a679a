/** The result of a verification in this browser: what was proven, or what failed and why. */
import type { Verification } from '../../verify/bundle.js';
import { ApiError, errorSentence, Unreachable } from '../lib/api.js';

export interface VerifyState {
  readonly running: boolean;
  readonly progress?: { readonly done: number; readonly total: number };
  readonly result?: Verification;
  readonly logKey?: string;
}

/**
 * A verification that could not run, failed at `item`: what it checks did not come from the
 * server (not reached, or a script of the app that could not be loaded: never the browser's
 * "Failed to fetch"), the server refused it, or the bundle could not be read (its own words).
 */
export function notVerified(error: unknown, item: string): VerifyState {
  const unreached =
    error instanceof Unreachable ||
    (error instanceof TypeError && /fetch|import/i.test(error.message));
  const reason = unreached
    ? 'could not reach the server for what is checked (the proofs, the log key, the verifier): nothing was verified. Try again once it answers'
    : error instanceof ApiError
      ? errorSentence(error)
      : error instanceof Error
        ? error.message
        : String(error);
  return { running: false, result: { ok: false, proven: [], failure: { item, reason } } };
}

export function VerifyPanel({ state }: { state: VerifyState }) {
  const { running, progress, result, logKey } = state;
  if (!running && !result) return null;
  return (
    <section className="verification" aria-live="polite" aria-busy={running}>
      {running && (
        <p>
          Verifying in this browser
          {progress && progress.total > 0 ? `: ${progress.done} of ${progress.total} entries` : ''}…
        </p>
      )}
      {result && (
        <>
          <p className={result.ok ? 'verified' : 'failed'} data-verified={result.ok}>
            {result.ok
              ? 'Verified in this browser.'
              : `Verification failed at ${result.failure?.item}: ${result.failure?.reason}`}
          </p>
          <ul className="proven">
            {result.proven.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {logKey && (
            <p className="trust">
              Trusted log key, as this server states it (compare it with the one your organization
              publishes): <code>{logKey}</code>
            </p>
          )}
        </>
      )}
    </section>
  );
}
