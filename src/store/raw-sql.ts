/**
 * Queries of the hot path written as SQL text with `?` parameters: building them through
 * Kysely's query builder (an immutable tree, compiled again each time) costs more than running
 * them. The text is the same for both engines but for PostgreSQL's numbered parameters.
 */
import { CompiledQuery } from 'kysely';
import type { QueryResult } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** A database or a transaction: what runs a compiled query. */
export interface Executor {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

const numbered = new Map<string, string>();

/** PostgreSQL's spelling of the parameters of SQL written with `?`: `$1`, `$2`… */
function numberParameters(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** numberParameters, kept for each text: the hot path's texts are few and run again and again. */
function numberedParameters(text: string): string {
  let found = numbered.get(text);
  if (found === undefined) {
    found = numberParameters(text);
    numbered.set(text, found);
  }
  return found;
}

/** Runs `text` (parameters written `?`) on `db`, a database or a transaction. */
export function runSql<R>(
  db: Executor,
  kind: Engine,
  text: string,
  parameters: readonly unknown[],
): Promise<QueryResult<R>> {
  const query = kind === 'postgres' ? numberedParameters(text) : text;
  return db.executeQuery<R>(CompiledQuery.raw(query, [...parameters]));
}

const insertTexts = new Map<string, string>();
/** The most rows one statement inserts: well under both engines' limits on parameters. */
const MOST_ROWS = 256;

/**
 * Inserts `rows` (each the values of `columns`, in order), in as few statements as it can. On
 * SQLite, which runs in this process, statements of a power of two rows each: a few texts per
 * table, each prepared once and reused whatever the number of rows. On PostgreSQL, where each
 * statement is a round trip, one statement for up to MOST_ROWS rows.
 */
export async function insertRows(
  db: Executor,
  kind: Engine,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  let done = 0;
  while (done < rows.length) {
    const left = Math.min(rows.length - done, MOST_ROWS);
    // The largest power of two not over what is left, on SQLite; all of it, on PostgreSQL.
    const size = kind === 'sqlite' ? 2 ** Math.floor(Math.log2(left)) : left;
    await runSql(db, kind, insertText(table, columns, size), rows.slice(done, done + size).flat());
    done += size;
  }
}

/**
 * Inserts into several tables in one statement on PostgreSQL (one round trip, where a
 * transaction holding a lock waits for each): every insert but the last is a data-modifying
 * `WITH` clause, run whether or not anything reads it. `last` ends the statement (a `select` or
 * an insert of its own, `?` for its parameters). Tables with no rows are left out; answers
 * false, having run nothing, when the rows take more parameters than one statement may carry.
 * Its text is not kept: its row counts vary from one batch to the next.
 */
export async function insertAtOnce(
  db: Executor,
  inserts: readonly InsertedRows[],
  last: { text: string; parameters: readonly unknown[] },
): Promise<boolean> {
  const filled = inserts.filter(({ rows }) => rows.length > 0);
  let count = last.parameters.length;
  for (const { columns, rows } of filled) count += columns.length * rows.length;
  if (count > MOST_PARAMETERS) return false;
  const clauses = filled.map(
    ({ table, columns, rows }) =>
      `"${table}_rows" as (${insertStatement(table, columns, rows.length)})`,
  );
  const text = clauses.length > 0 ? `with ${clauses.join(', ')} ${last.text}` : last.text;
  const parameters = [...filled.flatMap(({ rows }) => rows.flat()), ...last.parameters];
  await db.executeQuery(CompiledQuery.raw(numberParameters(text), parameters));
  return true;
}

/** Rows for one table: each the values of `columns`, in order. */
export interface InsertedRows {
  readonly table: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/** Well under PostgreSQL's limit of 65,535 parameters a statement. */
const MOST_PARAMETERS = 30_000;

/** insertStatement, kept for each table and count: insertRows uses a few counts, again and again. */
function insertText(table: string, columns: readonly string[], count: number): string {
  const key = `${table}(${columns.join()})${count}`;
  let text = insertTexts.get(key);
  if (text === undefined) {
    text = insertStatement(table, columns, count);
    insertTexts.set(key, text);
  }
  return text;
}

/** `insert into "table" (columns) values (?, …), …` for `count` rows. */
function insertStatement(table: string, columns: readonly string[], count: number): string {
  const row = `(${columns.map(() => '?').join(', ')})`;
  const names = columns.map((c) => `"${c}"`).join(', ');
  return `insert into "${table}" (${names}) values ${Array(count).fill(row).join(', ')}`;
}
