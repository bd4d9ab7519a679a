/** collegium checkpoints: the tree sizes the log has signed, to pick one for --size or a proof. */
import type { Command } from 'commander';
import { toHex } from '../../core/bytes.js';
import { checkpointRoot, entryBytesAt } from '../../app/proofs.js';
import { decodeEntryAt } from '../../record/entry.js';
import type { RecordStore, StoredCheckpoint } from '../../store/index.js';
import { readingStore } from '../context.js';
import type { RecordOptions } from '../context.js';
import type { Run } from '../main.js';
import { checkRange, dbOption, parseIndex, rangeInWords } from '../options.js';
import { jsonSafely } from '../terminal-text.js';
import type { Range } from '../options.js';

export function registerCheckpointsCommand(program: Command, run: Run): void {
  dbOption(
    program
      .command('checkpoints')
      .description(
        'list the tree sizes the log has signed a checkpoint of: size, root hash, and the time of the last entry in that tree',
      ),
  )
    .option('--from <size>', 'smallest tree size (default: 0)', parseIndex)
    .option('--to <size>', 'largest tree size, included (default: the latest)', parseIndex)
    .action(
      run(async (out, options: RecordOptions & Range) => {
        checkRange(options);
        // Printed as they are read, page by page: a long record has as many checkpoints as appends.
        let listed = 0;
        await readingStore(options, async (store) => {
          for await (const stored of store.checkpoints(options.from ?? 0, options.to)) {
            const item = await describeCheckpoint(store, stored);
            if (out.json)
              out.raw(`${listed === 0 ? '[' : ','}\n  ${jsonSafely(JSON.stringify(item))}`);
            else out.lines([`${String(item.size).padStart(8)}  ${item.root}  ${item.time}`]);
            listed++;
          }
          if (listed === 0 && !out.json)
            out.lines([
              `no checkpoint of a tree size ${rangeInWords(options)}: the latest is of size ${await store.size()}`,
            ]);
        });
        if (out.json) out.raw(listed === 0 ? '[]\n' : '\n]\n');
      }),
    );
}

interface ListedCheckpoint {
  readonly size: number;
  /** The tree's root hash, in hex. */
  readonly root: string;
  /** When the last entry of the tree was recorded (the checkpoint itself carries no time). */
  readonly time: string;
}

async function describeCheckpoint(
  store: RecordStore,
  stored: StoredCheckpoint,
): Promise<ListedCheckpoint> {
  const last = await entryBytesAt(store, stored.size - 1);
  const time = last ? decodeEntryAt(stored.size - 1, last).time : '';
  return { size: stored.size, root: toHex(checkpointRoot(stored)), time };
}
