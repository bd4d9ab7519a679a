import { openSqliteStore } from './sqlite.js';
import { displayLocation, StoreOpenError } from './types.js';
import type { CopyTarget, RecordStore } from './types.js';

export * from './types.js';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/**
 * Opens the store at `location`: a postgres:// URL or an SQLite file path. `create` makes a new
 * record's tables (and an SQLite file's folder); `readOnly` is for work that only reads.
 * Throws StoreMissing where there is no record yet, StoreOpenError where there cannot be one.
 */
export function openStore(
  location: string,
  options: { create: boolean; readOnly?: boolean },
): Promise<RecordStore> {
  return openAt(location, options);
}

/**
 * Opens the store a record is to be copied into: a new record's place that holds nothing else,
 * or an unfinished copy (which no other opening takes) to be finished or begun again.
 */
export function openCopyTarget(location: string): Promise<CopyTarget> {
  return openAt(location, { create: true, copy: true });
}

async function openAt(
  location: string,
  options: { create: boolean; readOnly?: boolean; copy?: boolean },
): Promise<CopyTarget> {
  if (isPostgresUrl(location)) {
    const problem = postgresUrlProblem(location);
    if (problem)
      throw new StoreOpenError('invalid-location', `${displayLocation(location)}: ${problem}`);
    // Loaded only for a PostgreSQL record: the driver is not small, and SQLite needs none of it.
    const { openPostgresStore } = await import('./postgres.js');
    return openPostgresStore(location, options);
  }
  // A mistyped PostgreSQL URL (`postgres:/host/db`) is no file: it would be looked for as one.
  if (/^postgres(ql)?:/.test(location))
    throw new StoreOpenError(
      'invalid-location',
      `${displayLocation(location)}: not a PostgreSQL URL (postgres://USER@HOST:PORT/DATABASE)`,
    );
  // Taken for a file path, another scheme's URL would have `init` make a folder named "mysql:".
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1];
  if (location === '' || scheme)
    throw new StoreOpenError(
      'not-a-record',
      `${scheme ? `${scheme}://` : 'an empty location'} is no place for a record: give an SQLite file or a postgres:// URL`,
    );
  return openSqliteStore(location, options);
}

/**
 * What is wrong with a postgres:// URL that the driver would only fail on with "URI malformed",
 * saying neither where nor why: its user, password or database name badly percent-encoded; or
 * on with a misleading error: one of them holding a NUL, a wait it sets that is no wait.
 */
export function postgresUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a valid URL';
  }
  const parts = [
    ['user name', parsed.username],
    ['password', parsed.password],
    ['database name', parsed.pathname.slice(1)],
  ] as const;
  for (const [name, text] of parts) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(text);
    } catch {
      return `the ${name} in the URL is not well percent-encoded: each % must start an escape of two hex digits (%25 for % itself), and the escapes must spell UTF-8`;
    }
    // The driver would send it, and the server refuse the connection for a malformed packet.
    if (decoded.includes('\u0000'))
      return `the ${name} in the URL holds a NUL character (%00), which PostgreSQL takes in no name`;
  }
  return waitProblem(parsed.searchParams);
}

/** The waits a URL may set (see openPostgresStore), each in its unit. */
const URL_WAITS = {
  connect_timeout: 'seconds',
  statement_timeout: 'milliseconds',
  query_timeout: 'milliseconds',
  idle_in_transaction_session_timeout: 'milliseconds',
} as const;

/**
 * A wait that is not a whole number above 0: the driver takes `query_timeout=abc`, `0` or `5s` as
 * no time at all, and every query then fails as if the database were away; the others it sends on,
 * or ignores, as they come.
 */
function waitProblem(parameters: URLSearchParams): string | undefined {
  for (const [name, unit] of Object.entries(URL_WAITS)) {
    const value = parameters.get(name);
    if (value !== null && !/^[1-9][0-9]*$/.test(value))
      return `${name} in the URL is a wait in ${unit}, a whole number above 0, not '${value}'`;
  }
  return undefined;
}
