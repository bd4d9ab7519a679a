/**
 * `collegium serve` instances as processes on one PostgreSQL database of a test's own (a schema
 * of the `test` database), for the tests of faults between meetings: a record made in the test
 * process, instances started on it (directly or through a proxy that cuts the database away),
 * every member signed in on the instance they use, and the record read back as entries.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBase64 } from '../../src/core/bytes.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { decodeEntry } from '../../src/record/entry.js';
import type { SignedEntry } from '../../src/record/entry.js';
import type { Ledger } from '../../src/app/ledger.js';
import { postgresBackend } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';
import { serveProcess } from '../server/process.js';
import type { ServeProcess } from '../server/process.js';
import { Browser, enrolledLedger } from '../server/support.js';

export interface Instance {
  readonly serve: ServeProcess;
  /** Its base URL, without the final slash. */
  readonly base: string;
}

export class Cluster {
  readonly running: Instance[] = [];
  private readonly browsers = new Map<string, Browser>();

  private constructor(
    readonly handle: StoreHandle,
    readonly keys: Map<string, KeyPair>,
  ) {}

  /** A record of `charter` in a fresh schema, each of `people` with a key; `setUp` runs on it. */
  static async create(
    people: readonly string[],
    charter: string,
    setUp: (ledger: Ledger, keys: Map<string, KeyPair>) => Promise<unknown> = async () => undefined,
  ): Promise<Cluster> {
    const handle = await postgresBackend.fresh();
    const made = await enrolledLedger(people, charter, await handle.open({ create: true }));
    await setUp(made.ledger, made.keys);
    await made.ledger.store.close();
    return new Cluster(handle, made.keys);
  }

  /** An instance on `db` (default: the record's database), listening; started from the sources. */
  async instance(db = this.handle.location, ...args: string[]): Promise<Instance> {
    const data = mkdtempSync(join(tmpdir(), 'collegium-instance-'));
    // Many sign-ins a minute, unless the test limits them.
    const limit = args.includes('--logins-per-minute') ? [] : ['--logins-per-minute', '100000'];
    const serve = serveProcess(['--port', '0', '--db', db, '--data', data, ...limit, ...args]);
    // On a busy machine compiling the sources takes a while.
    const base = (await serve.url(90_000)).replace(/\/$/, '');
    const started = { serve, base };
    this.running.push(started);
    return started;
  }

  /** `person` signed in on `base` (one browser each, kept). */
  async as(person: string, base: string): Promise<Browser> {
    const id = `${person} ${base}`;
    let browser = this.browsers.get(id);
    if (!browser) {
      browser = new Browser(base);
      const login = await browser.loginAs(person, this.keys.get(person)!, base);
      if (login.status !== 200) throw new Error(`${person}: ${JSON.stringify(login.body)}`);
      this.browsers.set(id, browser);
    }
    return browser;
  }

  /** Signs `person` in on `base` again (a sign-in lost with its instance). */
  forget(person: string, base: string): void {
    this.browsers.delete(`${person} ${base}`);
  }

  /** A private key file of `person`, as the command line reads it. */
  keyFile(person: string): string {
    const file = join(mkdtempSync(join(tmpdir(), 'collegium-key-')), `${person}.key`);
    const pair = this.keys.get(person)!;
    writeFileSync(
      file,
      JSON.stringify({
        type: 'collegium-ed25519-private-key',
        publicKey: `ed25519:${toBase64(pair.publicKey)}`,
        privateKey: toBase64(pair.privateKey),
      }),
      { mode: 0o600 },
    );
    return file;
  }

  /** Every entry of the record, decoded, with its index. */
  async entries(): Promise<(SignedEntry & { index: number })[]> {
    const store = await this.handle.open({ create: false });
    try {
      const found: (SignedEntry & { index: number })[] = [];
      for await (const stored of store.entries(0, await store.size()))
        found.push({ ...decodeEntry(stored.bytes), index: stored.index });
      return found;
    } finally {
      await store.close();
    }
  }

  async dispose(): Promise<void> {
    for (const { serve } of this.running.splice(0)) if (serve.running()) await serve.stop();
    await this.handle.dispose();
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether the error is a connection that failed (an instance gone), not a bug of the test. */
export function connectionFailed(error: unknown): boolean {
  return error instanceof TypeError && error.message === 'fetch failed';
}
