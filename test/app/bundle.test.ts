import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolMember, revokeKey } from '../../src/app/enrolment.js';
import { exportRange } from '../../src/app/export.js';
import { Ledger } from '../../src/app/ledger.js';
import {
  attendance,
  castBallot,
  openSession,
  openVote,
  proposeMotion,
  record,
} from '../../src/app/proceedings.js';
import { proveConsistency, proveInclusion } from '../../src/app/proofs.js';
import { fromBase64, toBase64 } from '../../src/core/bytes.js';
import type { Bundle } from '../../src/record/proof-formats.js';
import { verifyBundle } from '../../src/verify/bundle.js';
import { parseCheckpoint } from '../../src/record/checkpoint.js';
import { leafHash } from '../../src/record/merkle.js';
import { verifyConsistency, verifyInclusion } from '../../src/record/merkle-proofs.js';
import { generateKeyPair } from '../../src/record/ed25519.js';
import { formatVerifierKey } from '../../src/record/note.js';
import { openStore } from '../../src/store/index.js';
import type { RecordStore } from '../../src/store/index.js';
import { replayExample } from '../support/records.js';
import { COOPERATIVE, charterFile, fixedClock } from '../support/examples.js';
import type { State } from '../../src/core/state/index.js';
import type { KeyPair } from '../../src/record/ed25519.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-bundle-'));
let store: RecordStore;
let logKey: string;
let state: State;

beforeAll(async () => {
  store = await openStore(join(dir, 'record.db'), { create: true });
  state = (await replayExample(store)).state;
  logKey = state.logKey!;
});

afterAll(async () => {
  await store.close();
});

const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const body = (note: string): string => note.slice(0, note.indexOf('\n\n') + 1);

describe('proofs from the stored tree', () => {
  it('prove every entry included in the signed checkpoint, at every signed size', async () => {
    const size = await store.size();
    const latest = await proveInclusion(store, 0);
    expect(latest.size).toBe(size);
    for (let index = 0; index < size; index += 7) {
      const p = await proveInclusion(store, index);
      const root = parseCheckpoint(body(p.checkpoint)).rootHash;
      expect(Buffer.from(root).toString('hex')).toBe(p.root);
      verifyInclusion(p.index, p.size, hex(p.leafHash), p.proof.map(hex), root);
    }
    const older = (await proveConsistency(store, 1)).oldSize;
    const p = await proveInclusion(store, 0, older);
    expect(p.size).toBe(older);
  });

  it('prove every signed size consistent with the latest', async () => {
    const sizes: number[] = [];
    for await (const c of store.checkpoints()) sizes.push(c.size);
    expect(sizes.length).toBeGreaterThan(2);
    for (const old of sizes) {
      const p = await proveConsistency(store, old);
      verifyConsistency(p.oldSize, p.newSize, p.proof.map(hex), hex(p.oldRoot), hex(p.newRoot));
    }
  });

  it('refuse a size with no checkpoint and an index outside the tree', async () => {
    const size = await store.size();
    await expect(proveInclusion(store, size)).rejects.toThrow(/not in the tree/);
    await expect(proveInclusion(store, 0, size + 5)).rejects.toThrow(/no checkpoint of size/);
  });
});

describe('bundles', () => {
  const fresh = async (): Promise<Bundle> => exportRange(store, state, 5, 40);

  it('verify offline with the log key, and prove the range complete', async () => {
    const report = await verifyBundle(await fresh(), logKey);
    expect(report.failure).toBeUndefined();
    expect(report.ok).toBe(true);
    expect(report.proven.join('\n')).toContain('complete: every entry from 5 to 40 is here');
  });

  it('are verified by an independent RFC 9162 and signed-note implementation', async () => {
    const file = join(dir, 'bundle.json');
    writeFileSync(file, JSON.stringify(await fresh()));
    const script = new URL('../interop/verify_bundle.py', import.meta.url).pathname;
    const out = execFileSync('python3', [script, file, logKey], { encoding: 'utf8' });
    expect(out).toContain('signature verified');
    expect(out).toContain(`36 entries lead to root`);
    const tampered = await fresh();
    const e = tampered.entries[3]!;
    (tampered.entries as Bundle['entries'][number][])[3] = {
      ...e,
      leaf: toBase64(flip(fromBase64(e.leaf), 10)),
    };
    writeFileSync(file, JSON.stringify(tampered));
    const run = spawnSync('python3', [script, file, logKey], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/FAIL: entry 8: the proof does not lead to the checkpoint's root/);
  });

  const failures: [string, (b: Bundle) => Bundle, RegExp][] = [
    [
      'a changed leaf byte',
      (b) => withEntry(b, 2, (e) => ({ ...e, leaf: toBase64(flip(fromBase64(e.leaf), 40)) })),
      /entry 7/,
    ],
    [
      'a changed proof hash',
      (b) =>
        withEntry(b, 0, (e) => ({
          ...e,
          proof: [e.proof[0]!.replace(/^./, (c) => (c === '0' ? '1' : '0')), ...e.proof.slice(1)],
        })),
      /entry 5/,
    ],
    [
      'an entry left out',
      (b) => ({ ...b, entries: b.entries.filter((e) => e.index !== 20) }),
      /range|link/,
    ],
    ['two entries swapped', (b) => ({ ...b, entries: swap(b.entries, 3, 4) }), /entry (8|9)/],
    [
      'a changed checkpoint',
      (b) => ({
        ...b,
        checkpoint: b.checkpoint.replace(/\n(\d+)\n/, (_, n: string) => `\n${Number(n) + 1}\n`),
      }),
      /checkpoint/,
    ],
    [
      'a changed genesis entry',
      (b) => ({
        ...b,
        genesis: { ...b.genesis, leaf: toBase64(flip(fromBase64(b.genesis.leaf), 100)) },
      }),
      /entry 0/,
    ],
  ];
  for (const [what, tamper, where] of failures) {
    it(`fail on ${what}, naming the item`, async () => {
      const report = await verifyBundle(tamper(await fresh()), logKey);
      expect(report.ok).toBe(false);
      expect(`${report.failure?.item}: ${report.failure?.reason}`).toMatch(where);
    });
  }

  it('fail with another log key, and on what is not a bundle', async () => {
    const other = formatVerifierKey('maple-court.example/board', generateKeyPair().publicKey);
    expect((await verifyBundle(await fresh(), other)).failure?.item).toBe('checkpoint');
    expect((await verifyBundle({ hello: 1 }, logKey)).failure?.reason).toMatch(
      /not a collegium-bundle\/2 bundle/,
    );
    expect((await verifyBundle(await fresh(), 'not a key')).failure?.item).toBe('log key');
  });

  it('of a leaf hash match the stored leaves', async () => {
    const b = await fresh();
    const first = b.entries[0]!;
    expect(Buffer.from(leafHash(fromBase64(first.leaf))).toString('hex')).toBe(
      (await proveInclusion(store, 5)).leafHash,
    );
  });
});

describe('bundles of a person with several keys', () => {
  it('verify entries signed with either key, each by the enrolments proven in them', async () => {
    const keyed = await openStore(join(dir, 'keys.db'), { create: true });
    try {
      const ledger = await Ledger.create(keyed, charterFile(COOPERATIVE.charter).json, {
        clock: fixedClock(),
      });
      const phone = generateKeyPair();
      const laptop = generateKeyPair();
      const keyOf = (pair: KeyPair) => toBase64(pair.publicKey);
      await record(ledger, enrolMember('ben', keyOf(phone)));
      await record(ledger, enrolMember('ben', keyOf(laptop)));
      const first = ledger.size;
      await record(ledger, openSession({ session: 's', body: 'board' }));
      await ledger.append(
        ['ada', 'ben', 'chen', 'dana'].map((p) => attendance('arrive', 's', p, 'hana')),
      );
      const signedWith = async (pair: KeyPair, motion: string): Promise<number> => {
        ledger.useKeys(new Map([['ben', pair.privateKey]]));
        return (
          await record(
            ledger,
            proposeMotion({ session: 's', motion, text: motion, proposer: 'ben' }),
          )
        ).index;
      };
      const byPhone = await signedWith(phone, 'm1');
      const byLaptop = await signedWith(laptop, 'm2');
      await record(ledger, revokeKey('ben', { key: keyOf(phone), actor: 'ada' }));
      await signedWith(laptop, 'm3');
      await record(ledger, openVote('s', 'm3'));
      await record(ledger, castBallot({ session: 's', motion: 'm3', voter: 'ben', choice: 'aye' }));

      const bundle = await exportRange(keyed, ledger.state, first, ledger.size - 1);
      expect(bundle.enrolments!.map((e) => e.index)).toEqual(ledger.state.keyChanges);
      const report = await verifyBundle(bundle, ledger.state.logKey!);
      expect(report.failure).toBeUndefined();
      expect(report.ok).toBe(true);
      const keysOf = (index: number) =>
        (
          JSON.parse(Buffer.from(fromBase64(bundle.entries[index - first]!.leaf)).toString()) as {
            key: string;
          }
        ).key;
      expect([keysOf(byPhone), keysOf(byLaptop)]).toEqual([keyOf(phone), keyOf(laptop)]);

      // Without the laptop's enrolment, nothing proves the laptop ben's: its first entry fails.
      const withoutEnrolment = { ...bundle, enrolments: bundle.enrolments!.slice(0, 1) };
      const partial = await verifyBundle(withoutEnrolment, ledger.state.logKey!);
      expect(partial.ok).toBe(false);
      expect(partial.failure?.item).toBe(`entry ${byLaptop}`);

      // Given out of order or twice, the key changes are refused as such, not an entry's key.
      const [enrolled, ...later] = bundle.enrolments!;
      for (const enrolments of [
        [...later, enrolled!],
        [enrolled!, enrolled!, ...later],
      ]) {
        const shuffled = await verifyBundle({ ...bundle, enrolments }, ledger.state.logKey!);
        expect(shuffled.failure).toEqual({
          item: 'enrolments',
          reason: 'not in index order, or an entry is given twice',
        });
      }
    } finally {
      await keyed.close();
    }
  });
});

function flip(bytes: Uint8Array, at: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[at % copy.length] = copy[at % copy.length]! ^ 0x01;
  return copy;
}

function withEntry(
  b: Bundle,
  i: number,
  change: (e: Bundle['entries'][number]) => Bundle['entries'][number],
): Bundle {
  return { ...b, entries: b.entries.map((e, k) => (k === i ? change(e) : e)) };
}

function swap<T>(list: readonly T[], i: number, j: number): T[] {
  const copy = [...list];
  [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  return copy;
}
