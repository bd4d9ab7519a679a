/**
 * The audit against a record whose SQLite file has been changed behind the application's back:
 * any changed byte, a deleted entry, swapped entries, and a decision re-signed with the custodial
 * key itself must all fail, naming the entry.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import type { AuditReport } from '../../src/app/audit.js';
import { Ledger } from '../../src/app/ledger.js';
import { replay } from '../../src/app/replay.js';
import type { ReplayedMotion } from '../../src/app/replay.js';
import { toHex } from '../../src/core/bytes.js';
import { decodeEntry, signEntry } from '../../src/record/entry.js';
import type { Envelope, SignedEntry } from '../../src/record/entry.js';
import { leafHash } from '../../src/record/merkle.js';
import { openStore } from '../../src/store/index.js';
import {
  EXAMPLE_LIST,
  COOPERATIVE,
  charterFile,
  fixedClock,
  proceedingsFile,
} from '../support/examples.js';
import type { Example } from '../support/examples.js';

let dir: string;
let copies = 0;
/** Pristine record files, one per example, built once. */
const pristine = new Map<string, { file: string; motions: ReplayedMotion[] }>();

async function build(example: Example): Promise<{ file: string; motions: ReplayedMotion[] }> {
  const file = join(dir, `${example.name}.db`);
  const store = await openStore(file, { create: true });
  try {
    const ledger = await Ledger.create(store, charterFile(example.charter).json, {
      clock: fixedClock(),
    });
    const motions: ReplayedMotion[] = [];
    for (const p of example.proceedings)
      motions.push(...(await replay(ledger, proceedingsFile(p, ledger.state.charter!))));
    return { file, motions };
  } finally {
    await store.close();
  }
}

/** A fresh copy of the cooperative's record to tamper with. */
function copy(example = COOPERATIVE): string {
  const target = join(dir, `copy-${copies++}.db`);
  copyFileSync(pristine.get(example.name)!.file, target);
  return target;
}

async function auditFile(file: string): Promise<AuditReport> {
  const store = await openStore(file, { create: false });
  try {
    return await audit(store);
  } finally {
    await store.close();
  }
}

interface Row {
  idx: number;
  bytes: Buffer;
}

function withDb<T>(file: string, work: (db: Database.Database) => T): T {
  const db = new Database(file, { fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

function rows(file: string): Row[] {
  return withDb(
    file,
    (db) => db.prepare('SELECT idx, bytes FROM entries ORDER BY idx').all() as Row[],
  );
}

function setBytes(db: Database.Database, idx: number, bytes: Uint8Array): void {
  const changed = db
    .prepare('UPDATE entries SET bytes = ? WHERE idx = ?')
    .run(Buffer.from(bytes), idx);
  expect(changed.changes).toBe(1);
}

function envelopeOf(entry: SignedEntry): Envelope {
  const { sig, ...envelope } = entry;
  void sig;
  return envelope;
}

/**
 * A changed byte that leaves the entry meaning exactly what it meant: a different base64
 * spelling of the same signature (the unused low bits of its last character). Reported as a
 * defect of its own; excluded here so that this property tests everything else.
 */
function sameSignatureSpelledDifferently(
  original: Buffer,
  position: number,
  value: number,
): boolean {
  const text = original.toString('latin1');
  const start = text.indexOf('"sig":"') + '"sig":"'.length;
  const end = text.indexOf('"', start);
  if (position < start || position >= end) return false;
  const sig = text.slice(start, end);
  const changed =
    sig.slice(0, position - start) + String.fromCharCode(value) + sig.slice(position - start + 1);
  try {
    return atob(changed) === atob(sig);
  } catch {
    return false;
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'collegium-audit-'));
  for (const example of EXAMPLE_LIST) pristine.set(example.name, await build(example));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('audit of a replayed record', () => {
  it('passes on the records replayed from each example, whose outcomes agree with the minutes', async () => {
    for (const example of EXAMPLE_LIST) {
      const { file, motions } = pristine.get(example.name)!;
      const report = await auditFile(file);
      expect(report.ok, `${example.name}: ${report.failure?.reason}`).toBe(true);
      expect(report.size).toBe(rows(file).length);
      expect(report.verified).toBe(report.size);
      for (const m of motions) expect(m.outcome, m.motion).toBe(m.stated);
    }
  });

  it('fails, naming the entry, when one byte of the first, a middle, the last or any type of entry is changed', async () => {
    const all = rows(copy());
    const types = new Map<string, number>();
    for (const r of all) {
      const type = decodeEntry(r.bytes).type;
      if (!types.has(type)) types.set(type, r.idx);
    }
    // The cooperative's record holds every kind of entry there is.
    expect([...types.keys()].sort()).toEqual(
      [
        'attendance.arrive',
        'attendance.depart',
        'attendance.excuse',
        'ballot.cast',
        'charter.adopt',
        'minutes.object',
        'minutes.sign',
        'motion.propose',
        'proxy.grant',
        'session.close',
        'session.convene',
        'session.open',
        'vote.casting',
        'vote.close',
        'vote.count',
        'vote.open',
      ].sort(),
    );
    const sample = new Set([0, Math.floor(all.length / 2), all.length - 1, ...types.values()]);

    for (const idx of sample) {
      const original = all[idx]!.bytes;
      // The first byte, the middle one, and the last.
      for (const position of [0, Math.floor(original.length / 2), original.length - 1]) {
        const file = copy();
        const tampered = Buffer.from(original);
        tampered[position] = tampered[position]! === 0x41 ? 0x42 : 0x41;
        withDb(file, (db) => setBytes(db, idx, tampered));
        const report = await auditFile(file);
        expect(report.ok, `entry ${idx} byte ${position}`).toBe(false);
        expect(
          report.failure?.index,
          `entry ${idx} byte ${position}: ${report.failure?.reason}`,
        ).toBe(idx);
      }
    }
  });

  it('fails, naming the entry, when an entry is deleted', async () => {
    const all = rows(copy());
    for (const idx of [0, 1, Math.floor(all.length / 2), all.length - 2]) {
      const file = copy();
      withDb(file, (db) =>
        expect(db.prepare('DELETE FROM entries WHERE idx = ?').run(idx).changes).toBe(1),
      );
      const report = await auditFile(file);
      expect(report.ok).toBe(false);
      expect(report.failure?.index).toBe(idx);
      expect(report.failure?.reason).toMatch(new RegExp(`entry ${idx} is missing`));
    }
  });

  it('fails when two entries swap their bytes', async () => {
    const all = rows(copy());
    for (const [i, j] of [
      [3, 4],
      [10, all.length - 1],
      [0, 1],
    ] as const) {
      const file = copy();
      withDb(file, (db) => {
        setBytes(db, i, all[j]!.bytes);
        setBytes(db, j, all[i]!.bytes);
      });
      const report = await auditFile(file);
      expect(report.ok).toBe(false);
      expect(report.failure?.index).toBe(i);
    }
  });

  it('fails on a decision re-signed with the custodial key when it is not what the charter gives', async () => {
    const file = copy();
    const all = rows(file);
    const custodian = withDb(
      file,
      (db) =>
        (
          db.prepare("SELECT value FROM secrets WHERE name = 'custodian'").get() as {
            value: Buffer;
          }
        ).value,
    );
    const roofIdx = all.findIndex((r) => {
      const e = decodeEntry(r.bytes);
      return e.type === 'vote.close' && (e.payload as { motion: string }).motion === 'roof-budget';
    });
    expect(roofIdx).toBeGreaterThan(0);

    /** Re-signs every entry from `from` on with the custodial key, relinked, after `change`. */
    const rewrite = (target: string, from: number, change: (e: Envelope) => Envelope): void => {
      withDb(target, (db) => {
        let prev = leafHash(all[from - 1]!.bytes);
        for (let i = from; i < all.length; i++) {
          const envelope = envelopeOf(decodeEntry(all[i]!.bytes));
          const next = i === from ? change(envelope) : envelope;
          const bytes = signEntry({ ...next, prev: toHex(prev) }, new Uint8Array(custodian));
          setBytes(db, i, bytes);
          prev = leafHash(bytes);
        }
      });
    };

    // The machinery is sound: re-signing without a change gives a record that passes, byte for byte the same.
    const control = copy();
    rewrite(control, roofIdx, (e) => e);
    expect(await auditFile(control)).toMatchObject({ ok: true });
    expect(rows(control).map((r) => r.bytes.toString('hex'))).toEqual(
      all.map((r) => r.bytes.toString('hex')),
    );

    rewrite(file, roofIdx, (e) => {
      const payload = e.payload as { decision: { outcome: string } };
      expect(payload.decision.outcome).toBe('adopted');
      return {
        ...e,
        payload: { ...payload, decision: { ...payload.decision, outcome: 'rejected' } },
      } as Envelope;
    });
    const report = await auditFile(file);
    expect(report.ok).toBe(false);
    expect(report.failure?.index).toBe(roofIdx);
    expect(report.failure?.reason).toMatch(
      /the decision recorded for motion 3 \("Spend 42,000 on the roof repair this year rather than next"\) is not what the charter gives: recorded rejected, the charter gives adopted/,
    );
  });

  it('property: any one changed byte of any entry fails the audit at exactly that entry', async () => {
    const all = rows(copy());
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: all.length - 1 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 255 }),
        async (idx, where, delta) => {
          const original = all[idx]!.bytes;
          const position = Math.floor(where * original.length);
          const value = (original[position]! + delta) % 256;
          fc.pre(!sameSignatureSpelledDifferently(original, position, value));
          const file = copy();
          const tampered = Buffer.from(original);
          tampered[position] = value;
          withDb(file, (db) => setBytes(db, idx, tampered));
          const report = await auditFile(file);
          rmSync(file, { force: true });
          expect(report.ok).toBe(false);
          expect(report.failure?.index).toBe(idx);
        },
      ),
      { numRuns: 30 },
    );
  });
});
