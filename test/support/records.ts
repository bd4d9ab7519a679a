/** Records of the bundled examples, replayed from their proceedings, for tests that need one. */
import { readFileSync } from 'node:fs';
import { Ledger } from '../../src/app/ledger.js';
import { replay } from '../../src/app/replay.js';
import { parseCharter } from '../../src/core/charter/index.js';
import type { RecordStore } from '../../src/store/index.js';
import { COOPERATIVE, proceedingsFile } from './examples.js';
import type { Example } from './examples.js';

/** Creates the example's record in `store`: its charter, then every session of its proceedings. */
export async function replayExample(
  store: RecordStore,
  example: Example = COOPERATIVE,
): Promise<Ledger> {
  const charter = parseCharter(readFileSync(example.charter, 'utf8'));
  if (!charter.ok) throw new Error('invalid example');
  const ledger = await Ledger.create(store, charter.json);
  for (const file of example.proceedings)
    await replay(ledger, proceedingsFile(file, charter.value));
  return ledger;
}
