/** Opening the record a command works on, and closing it whatever happens. */
import { Ledger } from '../app/ledger.js';
import { openStore } from '../store/index.js';
import type { RecordStore } from '../store/index.js';
import { dbLocation } from './io.js';
import { keysFor, readKeyFile } from './keys.js';

export interface RecordOptions {
  db?: string;
  key?: string[];
}

export async function withStore<T>(
  options: RecordOptions,
  work: (store: RecordStore) => Promise<T>,
): Promise<T> {
  const store = await openStore(dbLocation(options.db), { create: false });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Opens the ledger with the key files given by --key (or COLLEGIUM_KEY). */
export async function withLedger<T>(
  options: RecordOptions,
  work: (ledger: Ledger) => Promise<T>,
): Promise<T> {
  return withStore(options, async (store) => {
    const files = keyFiles(options);
    const ledger = await Ledger.open(store);
    if (files.length > 0) ledger.useKeys(keysFor(files, ledger.state));
    return work(ledger);
  });
}

/** The key files given by --key or COLLEGIUM_KEY, each checked readable before any work. */
export function keyFiles(options: RecordOptions): string[] {
  const files = options.key ?? (process.env['COLLEGIUM_KEY'] ? [process.env['COLLEGIUM_KEY']] : []);
  files.forEach(readKeyFile);
  return files;
}
