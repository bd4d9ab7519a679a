/** Loading a resource, and loading it again when it changes, without piling up requests. */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  readonly data?: T;
  readonly error?: unknown;
  /** Loads again; calls while a load runs coalesce into one more load after it. */
  readonly reload: () => void;
  /** Changes the data in place, until the next load answers (for what a live event says). */
  readonly update: (change: (data: T) => T) => void;
}

export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown }>({ key });
  const loader = useRef(load);
  loader.current = load;
  const running = useRef(false);
  const again = useRef(false);
  const current = useRef(key);
  current.current = key;

  const reload = useCallback(() => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    void (async () => {
      do {
        again.current = false;
        const forKey = current.current;
        try {
          const data = await loader.current();
          if (forKey === current.current) setState({ key: forKey, data });
        } catch (error) {
          if (forKey === current.current) setState((s) => ({ ...s, key: forKey, error }));
        }
      } while (again.current);
      running.current = false;
    })();
  }, []);

  const update = useCallback((change: (data: T) => T) => {
    setState((s) => (s.data === undefined ? s : { ...s, data: change(s.data) }));
  }, []);

  useEffect(reload, [key, reload]);
  return state.key === key
    ? { data: state.data, error: state.error, reload, update }
    : { reload, update };
}

/** A reload at most once per `ms`: the first call schedules it, later ones join it. */
export function useLaterReload(reload: () => void, ms: number): () => void {
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  return useCallback(() => {
    pending.current ??= setTimeout(() => {
      pending.current = undefined;
      reload();
    }, ms);
  }, [reload, ms]);
}
