/**
 * The version a snapshot is made by, which must be the version that reads it: the state a
 * snapshot holds is what this code's rules folded, so code whose rules, state or snapshot layout
 * differ in any way must fold again rather than take it. The version names three things:
 *
 * - the package's version;
 * - SNAPSHOT_FORMAT, changed by hand whenever the layout of a snapshot changes;
 * - a fingerprint of the code that folds and keeps the state: every source file of core/ (the
 *   rules and the shape of the state) and record/ (how entries are read), and the modules of app/
 *   that fold and snapshot. Any change to them, even one a release forgets to number, makes a
 *   snapshot of the code before it unusable, and opening then folds from entry 0 and writes one
 *   anew. The fingerprint is of the files as they run (dist/*.js, or src/*.ts under a loader).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The layout of a snapshot (snapshots.ts, snapshot-state.ts): changed whenever it changes. */
export const SNAPSHOT_FORMAT = 1;

/** The modules of app/ whose code decides what a snapshot holds. */
const APP_MODULES = ['frontier', 'ledger', 'snapshots', 'snapshot-state', 'snapshot-version'];

let memo: string | undefined;

/** This code's snapshot version, worked out once per process. */
export function snapshotVersion(): string {
  memo ??= `collegium ${packageVersion()}; snapshot format ${SNAPSHOT_FORMAT}; code ${codeFingerprint()}`;
  return memo;
}

function packageVersion(): string {
  // From src/app or dist/app alike, the package's root is two folders up.
  const manifest = createRequire(import.meta.url)('../../package.json') as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

/** SHA-256 over the path and bytes of every file that folds (see above), in a fixed order. */
function codeFingerprint(): string {
  const app = fileURLToPath(new URL('.', import.meta.url));
  const root = join(app, '..');
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const files = [
    ...sourceFiles(join(root, 'core'), extension),
    ...sourceFiles(join(root, 'record'), extension),
    ...APP_MODULES.map((name) => join(app, name + extension)),
  ]
    .map((file) => relative(root, file).split('\\').join('/'))
    .sort();
  const hash = createHash('sha256');
  try {
    for (const file of files) hash.update(`${file}\n`).update(readFileSync(join(root, file)));
  } catch {
    // Code that cannot be read cannot be told from other code: no snapshot is ever taken as its.
    return `unreadable-${crypto.randomUUID()}`;
  }
  return hash.digest('hex').slice(0, 16);
}

function sourceFiles(folder: string, extension: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder, { recursive: true, encoding: 'utf8' });
  } catch {
    return [`${folder}/(unreadable)`];
  }
  return names
    .filter((name) => name.endsWith(extension) && !name.endsWith(`.d${extension}`))
    .map((name) => join(folder, name));
}
