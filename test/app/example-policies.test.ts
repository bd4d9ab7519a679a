/**
 * The 1918 example's trust policies against its own record: the Georgia directive, exported as a
 * bundle, is accepted by the local office ("Ilyich's, yours and to a small extent mine") and
 * refused by the strict one. A record's log key is made when the record is, so the policies name
 * a placeholder, replaced here by the record's key.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { amendmentData, readProceedings } from '../../src/app/amendments.js';
import { EXAMPLES, proceedingsFiles } from '../../src/app/demo.js';
import { exportInstrument } from '../../src/app/instrument-export.js';
import { Ledger } from '../../src/app/ledger.js';
import { replayDrafts } from '../../src/app/replay.js';
import { parseCharter } from '../../src/core/charter/index.js';
import { emptyState } from '../../src/core/state/index.js';
import type { InstrumentBundle } from '../../src/record/proof-formats.js';
import { openStore } from '../../src/store/index.js';
import { verifyInstrumentBundle } from '../../src/verify/instrument.js';
import { keyProblems, loadTrustPolicy } from '../../src/verify/policy.js';
import type { TrustPolicy } from '../../src/verify/policy.js';

const FOLDER = join(EXAMPLES, 'central-committee-1918');
const PLACEHOLDER = 'collegium.example/cc-1918+00000000+REPLACEwithTHEkeyFROMcollegiumLOGkey';

let ledger: Ledger;
let georgia: InstrumentBundle;

function policy(file: string, logKey = ledger.state.logKey!): TrustPolicy {
  const text = readFileSync(join(FOLDER, file), 'utf8');
  expect(text).toContain(PLACEHOLDER);
  const loaded = loadTrustPolicy(text.replace(PLACEHOLDER, logKey));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.value;
}

beforeAll(async () => {
  const charter = parseCharter(readFileSync(join(FOLDER, 'charter.yaml')));
  if (!charter.ok) throw new Error('invalid charter');
  const drafts = proceedingsFiles(FOLDER).flatMap((file) => {
    const read = readProceedings(readFileSync(file), charter.value, (name) =>
      parseCharter(readFileSync(join(dirname(file), name))),
    );
    if (!read.proceedings.ok)
      throw new Error(`${file}: ${JSON.stringify(read.proceedings.problems)}`);
    return replayDrafts(emptyState(), read.proceedings.value, amendmentData(read.charters));
  });
  const store = await openStore(join(mkdtempSync(join(tmpdir(), 'collegium-policy-')), 'r.db'), {
    create: true,
  });
  ledger = await Ledger.create(store, charter.json, {}, drafts);
  georgia = await exportInstrument(ledger.store, ledger.state, 'georgia-directive');
});

describe("the 1918 example's trust policies", () => {
  it('load as written, the log key a placeholder told at its line, and trust no record until it is replaced', async () => {
    for (const file of ['policy-local-office.yaml', 'policy-strict.yaml']) {
      const text = readFileSync(join(FOLDER, file), 'utf8');
      const loaded = loadTrustPolicy(text);
      if (!loaded.ok) throw new Error(`${file}: ${JSON.stringify(loaded.problems)}`);
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.startsWith('logs:')) + 1;
      const [problem, ...others] = keyProblems(loaded.value);
      expect(others, file).toEqual([]);
      expect(loaded.locate(problem!.path), file).toEqual({
        line,
        col: lines[line - 1]!.indexOf(PLACEHOLDER) + 1,
      });
      expect(problem!.message).toMatch(
        /^not an Ed25519 verifier key: no checkpoint verifies by it/,
      );
      const verdict = await verifyInstrumentBundle(georgia, loaded.value);
      expect(verdict.accepted).toBe(false);
      expect(verdict.reasons.map((r) => r.code)).toEqual(['untrusted-checkpoint']);
    }
  });

  it("accept the Georgia directive at the local office: Lenin's and Stalin's signatures", async () => {
    const verdict = await verifyInstrumentBundle(georgia, policy('policy-local-office.yaml'));
    expect(verdict.reasons).toEqual([]);
    expect(verdict.accepted).toBe(true);
    expect(verdict.instrument?.signatures.map((s) => s.signer)).toEqual(['lenin', 'stalin']);
  });

  it('refuse it under the strict policy, saying why', async () => {
    const verdict = await verifyInstrumentBundle(georgia, policy('policy-strict.yaml'));
    expect(verdict.accepted).toBe(false);
    // Neither demand is met (all three, and the charter's rule by their own keys): both told.
    expect(verdict.reasons.map((r) => r.code)).toEqual(['signers', 'own-keys']);
  });
});
