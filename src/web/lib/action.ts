/** Running an act from a button: busy while it runs, its error kept for the page to show. */
import { useCallback, useState } from 'react';

export interface Action {
  /** What is running, in words, or undefined. */
  readonly busy?: string;
  readonly error?: unknown;
  readonly run: <T>(label: string, work: () => Promise<T>) => Promise<T | undefined>;
}

export function useAction(): Action {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
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
