/**
 * Where a random check keeps one record: a directory of its own, the charter written in it, the
 * database beside it; removed once the check is done with it, whatever it found.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RecordFiles {
  here: string;
  charter: string;
  db: string;
}

export async function inRecordDir<T>(
  dir: string,
  name: string,
  charterText: string,
  use: (files: RecordFiles) => Promise<T>,
): Promise<T> {
  const here = join(dir, name);
  mkdirSync(here, { recursive: true });
  const charter = join(here, 'charter.yaml');
  writeFileSync(charter, charterText);
  try {
    return await use({ here, charter, db: join(here, 'r.db') });
  } finally {
    rmSync(here, { recursive: true, force: true });
  }
}
