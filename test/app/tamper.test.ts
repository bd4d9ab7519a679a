/**
 * Tampering with a stored record, by someone who holds the database file and every key in it:
 * each kind must be caught by the audit, which names what it found.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { registerDispatch } from '../../src/app/dispatches.js';
import { record } from '../../src/app/proceedings.js';
import { onTamperedCopy } from '../support/tampered.js';
import { toHex } from '../../src/core/bytes.js';
import { signCheckpoint } from '../../src/record/checkpoint.js';
import { decodeEntry, signEntry } from '../../src/record/entry.js';
import type { SignedEntry } from '../../src/record/entry.js';
import { leafHash, MemoryNodes, nodesToStoreOnAppend, rootAt } from '../../src/record/merkle.js';
import { noteSigner } from '../../src/record/note.js';
import { openStore } from '../../src/store/index.js';
import { replayExample } from '../support/records.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-tamper-'));
const pristine = join(dir, 'pristine.db');

beforeAll(async () => {
  const store = await openStore(pristine, { create: true });
  await replayExample(store);
  await store.close();
});

/** A copy of the pristine record, changed by `tamper` directly in SQLite, then audited. */
async function auditAfter(
  tamper: (db: Database.Database) => void,
  checkpoints: string[] = [],
  threads?: number,
) {
  return onTamperedCopy(pristine, tamper, (store) =>
    audit(store, { checkpoints, ...(threads !== undefined ? { threads } : {}) }),
  );
}

const flip = (bytes: Buffer, at: number): Buffer => {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x20;
  return copy;
};

describe('the audit catches', () => {
  it('nothing on the record as written', async () => {
    const report = await auditAfter(() => undefined);
    expect(report.ok).toBe(true);
    expect(report.checkpoints).toBeGreaterThan(2);
    expect(report.nodes).toBeGreaterThan(report.size);
  });

  it('a changed byte of a stored tree node, at any level', async () => {
    for (const [level, idx] of [
      [0, 0],
      [0, 33],
      [1, 5],
      [3, 2],
      [5, 1],
    ] as const) {
      const report = await auditAfter((db) => {
        const row = db
          .prepare('select hash from nodes where level = ? and idx = ?')
          .get(level, idx) as { hash: Buffer };
        db.prepare('update nodes set hash = ? where level = ? and idx = ?').run(
          flip(row.hash, 7),
          level,
          idx,
        );
      });
      expect(report.ok).toBe(false);
      expect(report.failure?.item).toBe(`node ${level}/${idx}`);
    }
  });

  it('a deleted tree node', async () => {
    const report = await auditAfter((db) =>
      db.prepare('delete from nodes where level = 2 and idx = 3').run(),
    );
    expect(report.failure?.item).toBe('node 2/3');
  });

  it('a changed byte of a checkpoint, in its body or its signature', async () => {
    for (const position of [3, 30, -20]) {
      const report = await auditAfter((db) => {
        const row = db
          .prepare('select size, note from checkpoints order by size limit 1 offset 1')
          .get() as { size: number; note: string };
        const at = position < 0 ? row.note.length + position : position;
        const changed =
          row.note.slice(0, at) + (row.note[at] === 'A' ? 'B' : 'A') + row.note.slice(at + 1);
        db.prepare('update checkpoints set note = ? where size = ?').run(changed, row.size);
      });
      expect(report.ok).toBe(false);
      expect(report.failure?.item).toMatch(/^checkpoint of size \d+$/);
    }
  });

  it('a deleted entry, in the middle or at the end', async () => {
    const middle = await auditAfter((db) => db.prepare('delete from entries where idx = 30').run());
    expect(middle.failure?.item).toBe('entry 30');
    const last = await auditAfter((db) => {
      const { n } = db.prepare('select max(idx) n from entries').get() as { n: number };
      db.prepare('delete from entries where idx = ?').run(n);
    });
    expect(last.ok).toBe(false);
    expect(last.failure?.reason).toMatch(/missing|removed/);
  });

  it('a signature that does not verify, when checked on worker threads too', async () => {
    const changeSignature = (db: Database.Database): void => {
      const row = db.prepare('select bytes from entries where idx = 41').get() as { bytes: Buffer };
      const entry = JSON.parse(row.bytes.toString('utf8')) as { sig: string };
      const sig = Buffer.from(entry.sig, 'base64');
      sig[5] = sig[5]! ^ 1;
      const bytes = row.bytes.toString('utf8').replace(entry.sig, sig.toString('base64'));
      db.prepare('update entries set bytes = ? where idx = 41').run(Buffer.from(bytes));
    };
    for (const threads of [0, 2]) {
      const report = await auditAfter(changeSignature, [], threads);
      expect(report.failure?.item).toBe('entry 41');
      expect(report.failure?.reason).toMatch(/signature does not verify/);
    }
    expect((await auditAfter(() => undefined, [], 2)).ok).toBe(true);
  });

  it('a signature spelled differently in base64 (its unused bits changed)', async () => {
    const report = await auditAfter((db) => {
      const row = db.prepare('select bytes from entries where idx = 20').get() as { bytes: Buffer };
      const text = row.bytes.toString('utf8');
      const sig = /"sig":"([^"]+)"/.exec(text)![1]!;
      // The character before the padding carries bits that base64 decoders ignore.
      const i = sig.indexOf('=') - 1;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      const respelled =
        sig.slice(0, i) + alphabet[alphabet.indexOf(sig[i]!) ^ 1] + sig.slice(i + 1);
      db.prepare('update entries set bytes = ? where idx = 20').run(
        Buffer.from(text.replace(sig, respelled)),
      );
    });
    expect(report.failure?.item).toBe('entry 20');
  });

  it('a decision field renamed, without throwing', async () => {
    const report = await auditAfter((db) => {
      const rows = db.prepare('select idx, bytes from entries order by idx').all() as {
        idx: number;
        bytes: Buffer;
      }[];
      const close = rows.find((r) => r.bytes.toString('utf8').includes('"type":"vote.close"'))!;
      db.prepare('update entries set bytes = ? where idx = ?').run(
        Buffer.from(close.bytes.toString('utf8').replace('"decision"', '"Aecision"')),
        close.idx,
      );
    });
    expect(report.ok).toBe(false);
    expect(report.failure?.item).toMatch(/^entry \d+$/);
  });

  it('two entries swapped', async () => {
    const report = await auditAfter((db) => {
      const a = db.prepare('select bytes from entries where idx = 12').get() as { bytes: Buffer };
      const b = db.prepare('select bytes from entries where idx = 13').get() as { bytes: Buffer };
      db.prepare('update entries set bytes = ? where idx = 12').run(b.bytes);
      db.prepare('update entries set bytes = ? where idx = 13').run(a.bytes);
    });
    expect(report.failure?.item).toBe('entry 12');
  });

  describe('a history rewritten with the keys the database holds', () => {
    /** Re-signs entry `at` with a changed time and every entry after it, and rebuilds the tree. */
    const rewrite =
      (resign: 'latest' | 'all') =>
      (db: Database.Database): void => {
        const secret = (name: string): Uint8Array =>
          (db.prepare('select value from secrets where name = ?').get(name) as { value: Buffer })
            .value;
        const custodian = secret('custodian');
        const rows = db.prepare('select idx, bytes from entries order by idx').all() as {
          idx: number;
          bytes: Buffer;
        }[];
        const tree = new MemoryNodes();
        const nodes: { level: number; index: number; hash: Uint8Array }[] = [];
        let prev: string | null = null;
        for (const row of rows) {
          let bytes: Uint8Array = row.bytes;
          if (row.idx >= 20) {
            const { sig: _sig, ...envelope } = decodeEntry(row.bytes) as SignedEntry;
            const time = row.idx === 20 ? '1999-01-01T00:00:00.000Z' : envelope.time;
            bytes = signEntry({ ...envelope, prev, time }, custodian);
            db.prepare('update entries set bytes = ? where idx = ?').run(bytes, row.idx);
          }
          const leaf = leafHash(bytes);
          nodes.push(...nodesToStoreOnAppend(row.idx, leaf, tree));
          tree.append(leaf);
          prev = toHex(leaf);
        }
        db.prepare('delete from nodes').run();
        const insert = db.prepare('insert into nodes (level, idx, hash) values (?, ?, ?)');
        for (const n of nodes) insert.run(n.level, n.index, n.hash);
        const origin = 'maple-court.example/board';
        const signer = noteSigner(origin, secret('log'));
        const sizes = (
          db.prepare('select size from checkpoints order by size').all() as { size: number }[]
        ).map((r) => r.size);
        for (const size of resign === 'all' ? sizes : sizes.slice(-1)) {
          const note = signCheckpoint(
            { origin, size, rootHash: rootAt(size, tree), extensions: [] },
            signer,
          );
          db.prepare('update checkpoints set note = ? where size = ?').run(note, size);
        }
      };

    it('where only the latest checkpoint is re-signed: an earlier one no longer matches', async () => {
      const report = await auditAfter(rewrite('latest'));
      expect(report.ok).toBe(false);
      expect(report.failure?.item).toMatch(/^checkpoint of size \d+$/);
      expect(report.failure?.reason).toMatch(/rewritten/);
    });

    it('where every checkpoint is re-signed: a checkpoint kept outside the record catches it', async () => {
      const kept = new Database(pristine, { readonly: true });
      const latest = (
        kept.prepare('select note from checkpoints order by size desc limit 1').get() as {
          note: string;
        }
      ).note;
      kept.close();
      // The database alone cannot tell: every byte in it is consistent again.
      expect((await auditAfter(rewrite('all'))).ok).toBe(true);
      const report = await auditAfter(rewrite('all'), [latest]);
      expect(report.ok).toBe(false);
      expect(report.failure?.item).toMatch(/^given checkpoint 1 \(size \d+\)$/);
      expect(report.failure?.reason).toMatch(/rewritten/);
    });
  });
});

describe('the audit catches a file kept beside the record', () => {
  const withFile = join(dir, 'with-file.db');
  const letter = new TextEncoder().encode('Dear Board, the roof leaks again.');
  const hash = createHash('sha256').update(letter).digest('hex');

  beforeAll(async () => {
    const store = await openStore(withFile, { create: true });
    const ledger = await replayExample(store);
    const request = { dispatch: 'd1', body: 'board', received: '2026-11-05', from: 'A member' };
    await record(
      ledger,
      registerDispatch(
        { ...request, channel: 'letter', text: 'The roof' },
        { files: [{ name: 'letter.txt', bytes: letter }], maxBytes: 1000 },
      ),
    );
    await store.close();
  });

  const auditFile = (tamper: (db: Database.Database) => void) =>
    onTamperedCopy(withFile, tamper, (store) => audit(store));

  it('changed, naming it and its dispatch; not kept, as a file kept elsewhere', async () => {
    expect((await auditFile(() => undefined)).ok).toBe(true);
    const changed = await auditFile((db) =>
      db
        .prepare('UPDATE attachments SET bytes = ? WHERE hash = ?')
        .run(Buffer.from('Dear Board, all is well.'), hash),
    );
    expect(changed.failure).toEqual({
      item: 'file letter.txt (dispatch d1)',
      reason: `the file kept for sha256 ${hash} is not that file: its 24 bytes hash to ${createHash('sha256').update('Dear Board, all is well.').digest('hex')} (changed outside Collegium)`,
    });
    // Not kept is no fault: a file may be named by its hash and kept elsewhere.
    const elsewhere = await auditFile((db) => db.prepare('DELETE FROM attachments').run());
    expect(elsewhere.ok).toBe(true);
  });
});
