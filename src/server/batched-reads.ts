/**
 * Reads by key, many keys in one read. One read is in flight at a time; the keys asked for
 * meanwhile wait for the next, which takes them all (up to `most`). Alone, a key is read at
 * once; under load, each read takes what arrived during the one before. Where every request
 * needs a row of the database (its session), a burst of requests then costs a few queries and
 * a few of the pool's connections, not one of each per request.
 *
 * @example
 * ```ts
 * const sessions = new BatchedReads((ids) => store.sessions(ids), (s) => s.id);
 * const session = await sessions.read(cookie); // undefined where there is none
 * ```
 */
export class BatchedReads<K, V> {
  private waiting = new Map<K, Waiter<V>[]>();
  private reading = false;

  /**
   * `readMany`: the values of those of `keys` that exist, in any order; `keyOf`: a value's key.
   * `most`: the most keys one read asks for.
   */
  constructor(
    private readonly readMany: (keys: readonly K[]) => Promise<readonly V[]>,
    private readonly keyOf: (value: V) => K,
    private readonly most = 512,
  ) {}

  /** The value of `key`, or undefined; rejected when the read that asked for it failed. */
  read(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      this.next();
    });
  }

  private next(): void {
    if (this.reading || this.waiting.size === 0) return;
    const batch = new Map<K, Waiter<V>[]>();
    for (const [key, waiters] of this.waiting) {
      if (batch.size === this.most) break;
      batch.set(key, waiters);
      this.waiting.delete(key);
    }
    this.reading = true;
    void this.readMany([...batch.keys()])
      .then(
        (values) => {
          const found = new Map(values.map((value) => [this.keyOf(value), value]));
          for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.get(key));
        },
        (error: unknown) => {
          for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
        },
      )
      .finally(() => {
        this.reading = false;
        this.next();
      });
  }
}

interface Waiter<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}
