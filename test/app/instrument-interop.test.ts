/**
 * An instrument bundle checked by an independent implementation (test/interop/verify_instrument.py:
 * Python and OpenSSL, written from docs/record.md): accepted as exported, with its signers in
 * order; and refused by it and by verifyInstrumentBundle alike once tampered with, both in the
 * bundle (its proofs then fail) and in a log rewritten by someone holding the log key and a
 * signer's key (its proofs then hold, and only the content hash and the chain tell).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportInstrument } from '../../src/app/instrument-export.js';
import { draftInstrument, issueInstrument, signInstrument } from '../../src/app/instruments.js';
import { LOG_SECRET, Ledger } from '../../src/app/ledger.js';
import {
  attendance,
  castBallot,
  closeVote,
  openSession,
  openVote,
  proposeMotion,
  record,
} from '../../src/app/proceedings.js';
import { fromBase64, toBase64, toHex } from '../../src/core/bytes.js';
import { canonicalJson } from '../../src/core/canonical.js';
import { signCheckpoint } from '../../src/record/checkpoint.js';
import { keyPairFromSeed, signBytes } from '../../src/record/ed25519.js';
import {
  decodeEntry,
  entryBytes,
  signingMessage,
  verifyEntrySignature,
} from '../../src/record/entry.js';
import type { SignedEntry } from '../../src/record/entry.js';
import { inclusionProof, leafHash, MemoryNodes, rootAt } from '../../src/record/merkle.js';
import { noteSigner } from '../../src/record/note.js';
import type { BundleEntry, InstrumentBundle } from '../../src/record/proof-formats.js';
import { openStore } from '../../src/store/index.js';
import { verifyInstrumentBundle } from '../../src/verify/instrument.js';
import { loadTrustPolicy } from '../../src/verify/policy.js';
import { changedAt, placesOf, REMOVED } from '../support/json-changes.js';

const people = ['ann', 'bob', 'cy'];
const seeds = new Map(people.map((p, i) => [p, new Uint8Array(32).fill(i + 1)]));
const key = (p: string) => `ed25519:${toBase64(keyPairFromSeed(seeds.get(p)!).publicKey)}`;

const charter = {
  collegium: 1,
  organization: { id: 'coop', name: 'Coop', log: 'coop.example/board' },
  people: {
    ann: { name: 'Ann Archer', key: key('ann') },
    bob: { name: 'Bob Baker', key: key('bob') },
    cy: { name: 'Cy Cole', key: key('cy') },
    dee: { name: 'Dee Dunn' },
  },
  bodies: {
    board: {
      name: 'Board',
      members: ['ann', 'bob', 'cy', 'dee'],
      chair: 'ann',
      secretary: 'bob',
      quorum: 'majority',
      majority: 'votes-cast',
      instruments: {
        order: { formula: 'By order of the Board', signers: { 'at-least': 4, of: 'members' } },
      },
    },
  },
};

// Non-ASCII, a control character escaped and a number: what RFC 8785 must spell exactly.
const TEXT = 'Mend the fence \u2014 «by Friday»,\nat no more than the sum below.';
const SIGNERS = 'ann, bob, dee (recorded by ann), cy';

const dir = mkdtempSync(join(tmpdir(), 'collegium-ii-'));
const script = new URL('../interop/verify_instrument.py', import.meta.url).pathname;
let ledger: Ledger;
let bundle: InstrumentBundle;
let logKey: string;

beforeAll(async () => {
  const store = await openStore(join(dir, 'r.db'), { create: true });
  ledger = await Ledger.create(store, charter, { keys: seeds });
  logKey = ledger.state.logKey!;
  await record(ledger, openSession({ session: 's1', body: 'board', mode: 'live' }, 'ann'));
  for (const p of people) await record(ledger, attendance('arrive', 's1', p, p));
  await record(ledger, proposeMotion({ session: 's1', motion: 'fence', text: 'Mend it.' }, 'ann'));
  await record(ledger, openVote('s1', 'fence', 'ann'));
  for (const voter of people)
    await record(ledger, castBallot({ session: 's1', motion: 'fence', voter, choice: 'aye' }));
  await record(ledger, closeVote('s1', 'fence', { actor: 'ann' }));
  const draft = {
    instrument: 'o1',
    body: 'board',
    kind: 'order',
    to: 'The carpenter',
    text: TEXT,
    amount: { value: 3000, unit: 'EUR' },
    restsOn: { session: 's1', motion: 'fence' },
  };
  await record(ledger, draftInstrument(draft, { actor: 'ann', maxBytes: 1000 }));
  await record(ledger, signInstrument('o1', 'ann'));
  await record(ledger, signInstrument('o1', 'bob'));
  await record(ledger, signInstrument('o1', 'dee', { recorder: 'ann', channel: 'letter' }));
  await record(ledger, signInstrument('o1', 'cy'));
  await record(ledger, issueInstrument('o1', 'ann'));
  bundle = await exportInstrument(ledger.store, ledger.state, 'o1');
});

function python(value: unknown, vkey = logKey): { status: number | null; out: string } {
  const file = join(dir, `bundle-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(value));
  const run = spawnSync('python3', [script, file, vkey], { encoding: 'utf8' });
  // A machine without python3 or openssl fails here: the check is never skipped.
  expect(run.error, 'python3 must be installed').toBeUndefined();
  expect(run.stderr, 'the script must not crash').toBe('');
  return { status: run.status, out: run.stdout };
}

async function typescript(value: unknown, vkey = logKey) {
  const policy = loadTrustPolicy(`logs: [${vkey}]\naccept:\n  - kind: order\n`);
  if (!policy.ok) throw new Error(JSON.stringify(policy.problems));
  return verifyInstrumentBundle(value, policy.value);
}

/** The entries of the bundle as they parse, by position in the bundle. */
const entryAt = (b: InstrumentBundle, i: number): SignedEntry =>
  decodeEntry(fromBase64(b.entries[i]!.leaf));
const positionOf = (b: InstrumentBundle, type: string, actor?: string): number =>
  b.entries.findIndex((item, i) => {
    const e = entryAt(b, i);
    return item && e.type === type && (actor === undefined || e.actor === actor);
  });

describe('the independent check of an instrument bundle', () => {
  it('has openssl beside python3', () => {
    const run = spawnSync('openssl', ['version'], { encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    expect(run.stdout).toMatch(/^OpenSSL 3/);
  });

  it('accepts the bundle as exported, and prints the signers in order', async () => {
    const { status, out } = python(bundle);
    expect(out).toContain('checkpoint coop.example/board size');
    expect(out).toMatch(/content [0-9a-f]{64}: 4 signatures/);
    expect(out).toContain('rests on motion fence of session s1, adopted');
    expect(out).toMatch(/issued \(entry \d+\)/);
    expect(out.trim().split('\n').at(-1)).toBe(`signed by: ${SIGNERS}`);
    expect(status).toBe(0);
    const verdict = await typescript(bundle);
    expect(verdict.reasons).toEqual([]);
    expect(verdict.instrument?.signatures.map((s) => s.signer)).toEqual([
      'ann',
      'bob',
      'dee',
      'cy',
    ]);
  });

  it('refuses a bundle under another log key', async () => {
    const other = (
      await openStore(join(dir, 'other.db'), { create: true }).then((s) =>
        Ledger.create(s, charter, { keys: seeds }),
      )
    ).state.logKey!;
    expect(python(bundle, other)).toEqual({
      status: 1,
      out: expect.stringMatching(/FAIL: (key id|the checkpoint is not signed)/),
    });
    expect((await typescript(bundle, other)).accepted).toBe(false);
  });
});

/** A copy of the bundle with `change` made to its list of entries. */
function withEntries(change: (entries: BundleEntry[]) => void): InstrumentBundle {
  const entries = structuredClone(bundle.entries) as BundleEntry[];
  change(entries);
  return { ...bundle, entries };
}

const inTheBundle: [string, () => InstrumentBundle, RegExp, string][] = [
  [
    'a changed byte in the text of the draft leaf',
    () =>
      withEntries((entries) => {
        const at = positionOf(bundle, 'instrument.draft');
        const leaf = Buffer.from(entries[at]!.leaf, 'base64');
        const where = leaf.indexOf('Mend the fence');
        expect(where).toBeGreaterThan(0);
        leaf[where] = 'B'.charCodeAt(0);
        entries[at] = { ...entries[at]!, leaf: leaf.toString('base64') };
      }),
    /FAIL: entry \d+: the proof does not lead to the checkpoint's root/,
    'tampered',
  ],
  [
    'two signatures in swapped order',
    () =>
      withEntries((entries) => {
        const [b, d] = [
          positionOf(bundle, 'instrument.sign', 'bob'),
          positionOf(bundle, 'instrument.sign', 'dee'),
        ];
        [entries[b], entries[d]] = [entries[d]!, entries[b]!];
      }),
    /FAIL: entries: not in index order/,
    'malformed',
  ],
  [
    'a signature entry removed',
    () => withEntries((entries) => entries.splice(positionOf(bundle, 'instrument.sign', 'bob'), 1)),
    /FAIL: entry \d+: dee's signature names [0-9a-f]{64} before it, not [0-9a-f]{64}/,
    'signature-chain',
  ],
  [
    'the issue removed',
    () => withEntries((entries) => entries.splice(positionOf(bundle, 'instrument.issue'), 1)),
    /FAIL: instrument o1: not issued after its last signature/,
    'not-issued',
  ],
];

describe('a tampered bundle is refused by both verifiers', () => {
  for (const [what, tampered, python_, code] of inTheBundle)
    it(`with ${what}`, async () => {
      const value = tampered();
      expect(python(value)).toEqual({ status: 1, out: expect.stringMatching(python_) });
      const verdict = await typescript(value);
      expect(verdict.accepted).toBe(false);
      expect(verdict.reasons.map((r) => r.code)).toContain(code);
    });
});

/**
 * The bundle of a log rewritten by someone holding the log key and the signers' keys: `change`
 * edits the entries (each with its index in the real log); every entry is then placed anew, those
 * whose act changed signed again by their signer, the tree rebuilt and its checkpoint signed.
 * Every proof and every entry signature of the result holds.
 */
async function rewrittenLog(
  change: (entries: { was: number; entry: SignedEntry }[]) => void,
): Promise<InstrumentBundle> {
  const log: { was: number; entry: SignedEntry }[] = [];
  for await (const stored of ledger.store.entries(0, ledger.size))
    log.push({ was: stored.index, entry: decodeEntry(stored.bytes) });
  change(log);
  const tree = new MemoryNodes();
  const leaves = new Map<number, Uint8Array>();
  let prev: string | null = null;
  for (const [index, { was, entry }] of log.entries()) {
    const envelope = { ...entry, index, prev } as Omit<SignedEntry, 'sig'> & { sig?: string };
    delete envelope.sig;
    const sig = verifyEntrySignature(entry)
      ? entry.sig
      : toBase64(signBytes(seeds.get(entry.signer!)!, signingMessage(envelope as SignedEntry)));
    const bytes = entryBytes(envelope as SignedEntry, sig);
    leaves.set(was, bytes);
    prev = toHex(leafHash(bytes));
    tree.append(leafHash(bytes));
  }
  const position = new Map(log.map(({ was }, index) => [was, index]));
  const item = (was: number) => {
    const index = position.get(was)!;
    const proof = inclusionProof(index, tree.size, tree).map(toHex);
    return { index, leaf: toBase64(leaves.get(was)!), proof };
  };
  const origin = logKey.split('+')[0]!;
  const signer = noteSigner(origin, (await ledger.store.secret(LOG_SECRET))!);
  expect(bundle.enrolments).toEqual([]);
  return {
    ...bundle,
    checkpoint: signCheckpoint(
      { origin, size: tree.size, rootHash: rootAt(tree.size, tree), extensions: [] },
      signer,
    ),
    entries: bundle.entries
      .filter((e) => position.has(e.index))
      .map((e) => item(e.index))
      .sort((a, b) => a.index - b.index),
    genesis: item(0),
  };
}

const indexOf = (type: string, actor?: string): number =>
  bundle.entries[positionOf(bundle, type, actor)]!.index;

const inTheLog: [string, (log: { was: number; entry: SignedEntry }[]) => void, RegExp][] = [
  [
    'the draft changed after the signatures and signed again by its drafter',
    (log) => {
      const draft = log[indexOf('instrument.draft')]!;
      const payload = {
        ...draft.entry.payload,
        text: TEXT.replace('3000', '300'),
      } as SignedEntry['payload'];
      draft.entry = {
        ...draft.entry,
        payload: { ...payload, amount: { value: 30000, unit: 'EUR' } } as SignedEntry['payload'],
      };
    },
    /FAIL: entry \d+: ann's signature covers [0-9a-f]{64}, not the draft's content [0-9a-f]{64}/,
  ],
  [
    'two signatures swapped',
    (log) => {
      const [b, d] = [indexOf('instrument.sign', 'bob'), indexOf('instrument.sign', 'dee')];
      [log[b], log[d]] = [log[d]!, log[b]!];
    },
    /FAIL: entry \d+: dee's signature names [0-9a-f]{64} before it, not [0-9a-f]{64}/,
  ],
  [
    'a signature taken out',
    (log) => log.splice(indexOf('instrument.sign', 'bob'), 1),
    /FAIL: entry \d+: dee's signature names [0-9a-f]{64} before it, not [0-9a-f]{64}/,
  ],
];

describe('a log rewritten under the log key is refused by both verifiers', () => {
  it('but its bundle is accepted when nothing is changed', async () => {
    const same = await rewrittenLog(() => {});
    expect(python(same).status).toBe(0);
    expect((await typescript(same)).accepted).toBe(true);
  });

  for (const [what, change, python_] of inTheLog)
    it(`with ${what}`, async () => {
      const value = await rewrittenLog(change);
      expect(python(value)).toEqual({ status: 1, out: expect.stringMatching(python_) });
      const verdict = await typescript(value);
      expect(verdict.accepted).toBe(false);
      expect(verdict.reasons.map((r) => r.code)).toContain('signature-chain');
    });
});

/** A change of one value: a character of a text, a digit of a number, a value or a place removed. */
const edit = fc.oneof(
  fc.nat().map((i) => (old: unknown) => {
    if (typeof old !== 'string' || old.length === 0) return old === 0 ? 1 : 0;
    const at = i % old.length;
    const c = old.charCodeAt(at);
    return old.slice(0, at) + String.fromCharCode(c === 0x41 ? 0x42 : 0x41) + old.slice(at + 1);
  }),
  fc.constant((old: unknown) => (typeof old === 'number' ? old + 1 : null)),
  fc.constant(() => REMOVED),
  fc.constant((old: unknown) => (Array.isArray(old) ? [...old, ...old.slice(0, 1)] : old)),
  fc.constant((old: unknown) => (Array.isArray(old) ? [...old].reverse() : old)),
);

describe('a bundle changed anywhere', () => {
  it('is refused, or proves the same instrument with the same signatures', async () => {
    const original = await typescript(bundle);
    expect(original.accepted).toBe(true);
    const places = placesOf(bundle);
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), edit, async (which, make) => {
        const changed = changedAt(bundle, places[which % places.length]!, make);
        fc.pre(JSON.stringify(changed) !== JSON.stringify(bundle));
        const verdict = await typescript(changed);
        if (!verdict.accepted) {
          refused++;
          expect(verdict.reasons.length).toBeGreaterThan(0);
          return;
        }
        // What is accepted is what was signed: only an entry the verdict does not read (the
        // motion, whose close says what was decided) can go without changing it.
        expect(verdict.instrument).toEqual(original.instrument);
      }),
      { numRuns: 300 },
    );
    expect(refused).toBeGreaterThan(150);
  });
});

describe("the independent check's RFC 8785", () => {
  const canonicalize = (values: unknown[]): { status: number | null; out: string } => {
    const code = [
      'import json, sys',
      `sys.path.insert(0, ${JSON.stringify(join(script, '..'))})`,
      'from verify_instrument import canonical_json, NotCanonicalizable',
      'out = []',
      'for v in json.load(sys.stdin):',
      '    try: out.append(canonical_json(v))',
      '    except NotCanonicalizable as e: out.append(None)',
      'print(json.dumps(out))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', code], {
      input: JSON.stringify(values),
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    return { status: run.status, out: run.stdout };
  };

  it('spells every value an entry may hold as canonicalJson does', () => {
    const value = fc.letrec((tie) => ({
      json: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'binary' }),
        fc.string({
          unit: fc.constantFrom('"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', 'é', '😀'),
        }),
        fc.maxSafeInteger(),
        fc.constantFrom(0, -0, 3000, 1e15, true, false, null),
        fc.array(tie('json')),
        fc.dictionary(fc.string({ unit: 'binary' }), tie('json')),
      ),
    })).json;
    const values = fc.sample(value, { numRuns: 500, seed: 20 });
    const { out } = canonicalize(values);
    expect(JSON.parse(out)).toEqual(values.map((v) => canonicalJson(v)));
  });

  it('refuses numbers it cannot spell exactly, and lone surrogates', () => {
    const { out } = canonicalize([1.5, 1e-7, 2 ** 60, '\ud800', 3000]);
    expect(JSON.parse(out)).toEqual([null, null, null, null, '3000']);
  });
});
