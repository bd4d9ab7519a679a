/**
 * Server instances in this process on one PostgreSQL database, each with its own store, ledger
 * and clock, as separate processes (or machines) would be: for tests of what instances share
 * when processes are more than the test needs (test/instances/cluster.ts runs real ones).
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { Ledger } from '../../src/app/ledger.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { decodeEntry } from '../../src/record/entry.js';
import type { SignedEntry } from '../../src/record/entry.js';
import { postgresBackend } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import { assemblyCharter, enrolledLedger, testServer, votersOf } from '../server/support.js';

/** Five voters of an assembly that decides questions in writing by a majority of votes cast. */
export const voters = votersOf(5);
/** Their charter, the record public: listeners need no sign-in. */
export const QUESTION_CHARTER = assemblyCharter(
  voters,
  '    circulation: { rule: { majority: votes-cast } }\nrecord: { read: public }',
);
/** The question's id. */
export const Q = 'q';

export interface InProcessInstance {
  readonly app: FastifyInstance;
  readonly ledger: Ledger;
  /** Where it listens, when asked to (`listen`). */
  readonly base?: string;
}

export interface InstanceOptions {
  /** Not told of appends and never polling: it reads what the others recorded only when the
   * test makes it (a follower running late). */
  readonly deaf?: boolean;
  /** Its clock, for entries and server alike (default the machine's). */
  readonly clock?: () => Date;
  /** Listening on a port, for clients that need a socket (an event stream). */
  readonly listen?: boolean;
}

/**
 * One shared database and the instances on it.
 *
 * @example
 * const shared = new SharedDatabase();
 * afterEach(() => shared.stop());
 * const keys = await shared.create(['sec', 'v0'], CHARTER, (ledger) => ledger.append([...]));
 * const [a, b] = [await shared.instance(), await shared.instance({ deaf: true })];
 */
export class SharedDatabase {
  private handle: StoreHandle | undefined;
  private readonly closing: (() => Promise<unknown>)[] = [];

  /**
   * A fresh database holding `charter` with `people` enrolled, then what `setup` appends with the
   * secretary's key (`sec`, where enrolled); the people's keys.
   */
  async create(
    people: readonly string[],
    charter: string,
    setup?: (ledger: Ledger, keys: Map<string, KeyPair>) => Promise<unknown>,
  ): Promise<Map<string, KeyPair>> {
    this.handle = await postgresBackend.fresh();
    const { ledger, keys } = await enrolledLedger(
      people,
      charter,
      await this.handle.open({ create: true }),
    );
    try {
      const sec = keys.get('sec');
      if (sec) ledger.useKeys(new Map([['sec', sec.privateKey]]));
      await setup?.(ledger, keys);
    } finally {
      await ledger.store.close();
    }
    return keys;
  }

  /** An instance on the shared database, ready (and listening where asked). */
  async instance(options: InstanceOptions = {}): Promise<InProcessInstance> {
    const store = await this.shared().open({ create: false });
    if (options.deaf) store.watch = async () => async () => undefined;
    const clock = options.clock === undefined ? {} : { clock: options.clock };
    const ledger = await Ledger.open(store, clock);
    const app = testServer({ ledger, ...clock, followPollMs: options.deaf ? 3_600_000 : 200 });
    this.closing.push(async () => {
      await app.close();
      await ledger.store.close();
    });
    if (!options.listen) {
      await app.ready();
      return { app, ledger };
    }
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    return { app, ledger, base: `http://127.0.0.1:${port}` };
  }

  /** Every entry of the record, decoded with its index, once the record passes its audit. */
  async auditedEntries(): Promise<(SignedEntry & { index: number })[]> {
    const store = await this.shared().open({ create: false });
    try {
      const entries = [];
      for await (const stored of store.entries(0, await store.size()))
        entries.push({ ...decodeEntry(stored.bytes), index: stored.index });
      expect(await audit(store)).toMatchObject({ ok: true });
      return entries;
    } finally {
      await store.close();
    }
  }

  /** Stops every instance, last started first, and drops the database. */
  async stop(): Promise<void> {
    for (const close of this.closing.splice(0).reverse()) await close();
    await this.handle?.dispose();
    this.handle = undefined;
  }

  private shared(): StoreHandle {
    if (!this.handle) throw new Error('no shared database: call create() first');
    return this.handle;
  }
}
