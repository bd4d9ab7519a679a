/** The result of a verification in this browser: what was proven, or what failed and why. */
import type { Verification } from '../../verify/bundle.js';

export interface VerifyState {
  readonly running: boolean;
  readonly progress?: { readonly done: number; readonly total: number };
  readonly result?: Verification;
  readonly logKey?: string;
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
