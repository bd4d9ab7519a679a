/**
 * Every field a bundle carries is checked, or the bundle is refused: by the one verifier with
 * node:crypto's Ed25519 (as the CLI runs it) and with WebCrypto's (as the browser does), and by
 * the independent Python verifier.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRange } from '../../src/app/export.js';
import type { State } from '../../src/core/state/index.js';
import { verifyWithKeyCache } from '../../src/record/ed25519.js';
import type { Bundle, BundleReport } from '../../src/record/proof-formats.js';
import { openStore } from '../../src/store/index.js';
import type { RecordStore } from '../../src/store/index.js';
import { verifyBundle } from '../../src/verify/bundle.js';
import { replayExample } from '../support/records.js';

const dir = mkdtempSync(join(tmpdir(), 'collegium-bundle-fields-'));
let store: RecordStore;
let state: State;
let logKey: string;

beforeAll(async () => {
  store = await openStore(join(dir, 'record.db'), { create: true });
  state = (await replayExample(store)).state;
  logKey = state.logKey!;
});

afterAll(async () => {
  await store.close();
});

type Json = Record<string, unknown>;
const copy = (bundle: Bundle): Json => JSON.parse(JSON.stringify(bundle)) as Json;

const verifiers: [string, (bundle: unknown, key: string) => Promise<BundleReport>][] = [
  // The one verifier, with the CLI's Ed25519 (node:crypto) and the browser's (WebCrypto).
  ['node:crypto', (bundle, key) => verifyBundle(bundle, key, undefined, verifyWithKeyCache)],
  ['WebCrypto', (bundle, key) => verifyBundle(bundle, key)],
];

describe.each(verifiers)('the %s verifier', (_, verify) => {
  it('accepts a bundle as exported, which carries only the fields of the format', async () => {
    const bundle = await exportRange(store, state, 0, 12);
    expect(Object.keys(bundle).sort()).toEqual(
      ['checkpoint', 'enrolments', 'entries', 'format', 'genesis', 'range'].sort(),
    );
    const report = await verify(bundle, logKey);
    expect(report.failure).toBeUndefined();
  });

  const refusals: [string, (b: Json) => void, string, RegExp][] = [
    ['its range removed', (b) => delete b['range'], 'range', /missing/],
    [
      'a range the wrong way round',
      (b) => (b['range'] = { first: 12, last: 5 }),
      'range',
      /first .* last/,
    ],
    [
      'the keys of an earlier format, or any field the format has not',
      (b) => (b['keys'] = { log: logKey, signers: [] }),
      'bundle',
      /unknown field 'keys'/,
    ],
    ['a field added to the range', (b) => ((b['range'] as Json)['note'] = 1), 'range', /'note'/],
    [
      'a field added to an entry',
      (b) => ((b['entries'] as Json[])[2]!['signer'] = 'ada'),
      'entries[2]',
      /unknown field 'signer'/,
    ],
    [
      'a field added to the genesis entry',
      (b) => ((b['genesis'] as Json)['charter'] = {}),
      'genesis',
      /unknown field 'charter'/,
    ],
    [
      'entry 0 in the range with a proof that does not hold',
      (b) => {
        const first = (b['entries'] as Json[])[0]!;
        first['proof'] = [...(first['proof'] as string[]).slice(1), '00'.repeat(32)];
      },
      'entry 0',
      /proof/,
    ],
  ];
  for (const [what, change, item, reason] of refusals) {
    it(`refuses a bundle with ${what}`, async () => {
      const bundle = copy(await exportRange(store, state, 0, 12));
      change(bundle);
      const report = await verify(bundle, logKey);
      expect(report.ok).toBe(false);
      expect(report.failure?.item).toBe(item);
      expect(report.failure?.reason).toMatch(reason);
    });
  }
});

describe('the independent Python verifier', () => {
  const script = new URL('../interop/verify_bundle.py', import.meta.url).pathname;
  const run = (bundle: unknown): { status: number | null; stdout: string } => {
    const file = join(dir, `bundle-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(bundle));
    return spawnSync('python3', [script, file, logKey], { encoding: 'utf8' });
  };

  it('accepts a bundle as exported, and checks its range complete', async () => {
    const bundle = await exportRange(store, state, 3, 40);
    const file = join(dir, 'python.json');
    writeFileSync(file, JSON.stringify(bundle));
    const out = execFileSync('python3', [script, file, logKey], { encoding: 'utf8' });
    expect(out).toContain('complete: every entry from 3 to 40');
  });

  it('refuses a bundle without its range, with an unknown field, or with a gap', async () => {
    const bundle = await exportRange(store, state, 3, 40);
    const noRange = copy(bundle);
    delete noRange['range'];
    expect(run(noRange).stdout).toMatch(/FAIL: range: missing/);
    expect(run({ ...copy(bundle), keys: {} }).stdout).toMatch(/FAIL: bundle: unknown field 'keys'/);
    const gap = copy(bundle);
    (gap['entries'] as unknown[]).splice(4, 1);
    const result = run(gap);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/FAIL: range: /);
  });
});
