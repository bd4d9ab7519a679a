/**
 * The audit of a record longer than the pages it is followed in (4,000 entries), with signatures
 * checked on worker threads and on the calling thread: either way, whatever is changed and
 * wherever (the last entry of a page, the first of the next, one in the middle), the same first
 * failure is named, and the same number of entries is found sound before it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../bench/record.js';
import { audit } from '../../src/app/audit.js';
import { onTamperedCopy } from '../support/tampered.js';
import type { Tamper } from '../support/tampered.js';
import type { AuditReport } from '../../src/app/audit.js';

const SIZE = 8_600;
let dir: string;
let pristine: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'collegium-audit-pages-'));
  pristine = join(dir, 'pristine.db');
  // An assembly of 60 in session, every member's acts signed with a key of their own.
  await build(pristine, SIZE, 60, 500, 'server');
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Audits a copy changed by `tamper`, on two threads and on none: both reports. */
async function auditBoth(tamper: Tamper): Promise<[AuditReport, AuditReport]> {
  return onTamperedCopy(pristine, tamper, async (store) => [
    await audit(store, { threads: 2 }),
    await audit(store, { threads: 0 }),
  ]);
}

const entryBytes = (db: Database.Database, idx: number): Buffer =>
  (db.prepare('select bytes from entries where idx = ?').get(idx) as { bytes: Buffer }).bytes;

const setEntry = (db: Database.Database, idx: number, bytes: Buffer): void =>
  void db.prepare('update entries set bytes = ? where idx = ?').run(bytes, idx);

/** Entry `idx` with `from` replaced by `to` in its text. */
const replaceIn =
  (idx: number, change: (text: string) => string): Tamper =>
  (db) =>
    setEntry(db, idx, Buffer.from(change(entryBytes(db, idx).toString('utf8'))));

/** A signature one bit off (still canonical base64 of 64 bytes). */
const badSignature = (idx: number): Tamper =>
  replaceIn(idx, (text) =>
    text.replace(/"sig":"(.)/, (_, c: string) => `"sig":"${c === 'A' ? 'B' : 'A'}`),
  );

/** The link to the entry before broken: prev is not signed, so only the link fails. */
const badLink = (idx: number): Tamper =>
  replaceIn(idx, (text) =>
    text.replace(/"prev":"(.)/, (_, c: string) => `"prev":"${c === '0' ? '1' : '0'}`),
  );

describe('the audit, page by page', () => {
  it('passes the record as written, every entry verified', async () => {
    const [threads, inline] = await auditBoth(() => undefined);
    expect(threads).toEqual(inline);
    expect(threads).toMatchObject({ ok: true, size: SIZE, verified: SIZE });
  }, 120_000);

  const cases: [string, Tamper, number, RegExp][] = [
    ['a signature, last entry of a page', badSignature(3999), 3999, /signature does not verify/],
    ['a signature, first entry of a page', badSignature(4000), 4000, /signature does not verify/],
    ['a link, first entry of a page', badLink(4000), 4000, /link to the entry before is broken/],
    [
      'an entry not in canonical form',
      replaceIn(6100, (text) => text.replace('{"actor"', '{ "actor"')),
      6100,
      /malformed: not in canonical form/,
    ],
    [
      'a signature after a broken link in the same page',
      (db) => [badLink(4500), badSignature(4501)].forEach((t) => t(db)),
      4500,
      /link to the entry before is broken/,
    ],
    [
      'a broken link and a signature on one entry: the signature is named',
      (db) => [badLink(4500), badSignature(4500)].forEach((t) => t(db)),
      4500,
      /signature does not verify/,
    ],
    [
      'a signature in the page before a broken link',
      (db) => [badSignature(3998), badLink(4001)].forEach((t) => t(db)),
      3998,
      /signature does not verify/,
    ],
    [
      'a deleted entry, first of a page',
      (db) => void db.prepare('delete from entries where idx = 8000').run(),
      8000,
      /entry 8000 is missing/,
    ],
  ];

  it.each(cases)(
    'names the first failure: %s',
    async (_, tamper, index, reason) => {
      const [threads, inline] = await auditBoth(tamper);
      expect(threads).toEqual(inline);
      expect(threads.failure?.index).toBe(index);
      expect(threads.failure?.reason).toMatch(reason);
      // Every page before the failing one was found sound.
      expect(threads.verified).toBe(Math.floor(index / 4000) * 4000);
    },
    120_000,
  );

  it('names a stored leaf or node that is not the hash of what it covers', async () => {
    const flip =
      (level: number, idx: number): Tamper =>
      (db) =>
        void db
          .prepare('update nodes set hash = zeroblob(32) where level = ? and idx = ?')
          .run(level, idx);
    for (const [level, idx] of [
      [0, 4000],
      [0, 8599],
      [3, 600],
    ] as const) {
      const [threads, inline] = await auditBoth(flip(level, idx));
      expect(threads).toEqual(inline);
      expect(threads.failure?.item).toBe(`node ${level}/${idx}`);
    }
  }, 120_000);

  it('property: any one changed byte of any entry is named at that entry, on threads or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: SIZE - 1 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 255 }),
        async (idx, where, delta) => {
          const [threads, inline] = await auditBoth((db) => {
            const bytes = Buffer.from(entryBytes(db, idx));
            const position = Math.floor(where * bytes.length);
            bytes[position] = (bytes[position]! + delta) % 256;
            setEntry(db, idx, bytes);
          });
          expect(threads).toEqual(inline);
          expect(threads.failure?.index).toBe(idx);
        },
      ),
      { numRuns: 6 },
    );
  }, 240_000);
});
