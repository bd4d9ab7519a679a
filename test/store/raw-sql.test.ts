/** insertAtOnce: a batch's rows for several tables in one PostgreSQL statement, or none. */
import type { CompiledQuery, QueryResult } from 'kysely';
import { describe, expect, it } from 'vitest';
import { insertAtOnce } from '../../src/store/raw-sql.js';
import type { Executor } from '../../src/store/raw-sql.js';

/** An executor that keeps what it is asked to run. */
function recorder(): Executor & { readonly ran: CompiledQuery[] } {
  const ran: CompiledQuery[] = [];
  return {
    ran,
    executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> {
      ran.push(query as CompiledQuery);
      return Promise.resolve({ rows: [] });
    },
  };
}

const last = {
  text: 'insert into "checkpoints" ("size", "note") values (?, ?)',
  parameters: [3, 'n'],
};

describe('insertAtOnce', () => {
  it('runs one statement: each table with rows a WITH clause, the last statement after, numbered in order', async () => {
    const db = recorder();
    const done = await insertAtOnce(
      db,
      [
        {
          table: 'entries',
          columns: ['idx', 'bytes'],
          rows: [
            [1, 'a'],
            [2, 'b'],
          ],
        },
        { table: 'nodes', columns: ['level', 'idx', 'hash'], rows: [] },
        { table: 'accepted', columns: ['sig', 'until'], rows: [['s', null]] },
      ],
      last,
    );
    expect(done).toBe(true);
    expect(db.ran).toHaveLength(1);
    expect(db.ran[0]!.sql).toBe(
      'with "entries_rows" as (insert into "entries" ("idx", "bytes") values ($1, $2), ($3, $4)), ' +
        '"accepted_rows" as (insert into "accepted" ("sig", "until") values ($5, $6)) ' +
        'insert into "checkpoints" ("size", "note") values ($7, $8)',
    );
    expect(db.ran[0]!.parameters).toEqual([1, 'a', 2, 'b', 's', null, 3, 'n']);
  });

  it('runs the last statement alone when no table has rows', async () => {
    const db = recorder();
    expect(await insertAtOnce(db, [{ table: 'nodes', columns: ['level'], rows: [] }], last)).toBe(
      true,
    );
    expect(db.ran.map((q) => q.sql)).toEqual([
      'insert into "checkpoints" ("size", "note") values ($1, $2)',
    ]);
  });

  it('runs nothing and answers false past 30,000 values, the last statement’s counted', async () => {
    const db = recorder();
    const rows = (n: number) => Array.from({ length: n }, (_, i) => [i, 'x']);
    const at = (n: number) =>
      insertAtOnce(db, [{ table: 'entries', columns: ['idx', 'bytes'], rows: rows(n) }], last);
    expect(await at(14_999)).toBe(true); // 29,998 + 2
    expect(db.ran).toHaveLength(1);
    expect(await at(15_000)).toBe(false); // 30,000 + 2
    expect(db.ran).toHaveLength(1);
  });
});
