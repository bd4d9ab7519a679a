/** Running an act from a button: busy while it runs, its error kept for the page to show. */
import { useCallback, useEffect, useState } from 'react';
import { Unreachable } from './api.js';
import { onReopened } from './events.js';

export interface Action {
  /** What is running, in words, or undefined. */
  readonly busy?: string;
  readonly error?: unknown;
  readonly run: <T>(label: string, work: () => Promise<T>) => Promise<T | undefined>;
}

export function useAction(): Action {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  // The server back (its event stream open again), a page shows what stands, read anew: that it
  // could not be reached is over, and the act is there to do again.
  useEffect(
    () => (error instanceof Unreachable ? onReopened(() => setError(undefined)) : undefined),
    [error],
  );
  const run = useCallback(async <T>(label: string, work: () => Promise<T>) => {
    setBusy(label);
    setError(undefined);
    try {
      return await work();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(undefined);
    }
  }, []);
  return { busy, error, run };
}
