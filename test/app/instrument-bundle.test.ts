/**
 * An instrument exported as a bundle and verified offline under trust policies: accepted as
 * issued, refused under a stricter policy with every reason, refused once any byte is changed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportInstrument } from '../../src/app/instrument-export.js';
import {
  annulInstrument,
  draftInstrument,
  issueInstrument,
  signInstrument,
} from '../../src/app/instruments.js';
import { Ledger } from '../../src/app/ledger.js';
import {
  attendance,
  castBallot,
  closeVote,
  openSession,
  openVote,
  proposeMotion,
  record,
} from '../../src/app/proceedings.js';
import { toBase64 } from '../../src/core/bytes.js';
import { dayInWords } from '../../src/core/minutes/words.js';
import { keyPairFromSeed } from '../../src/record/ed25519.js';
import type { InstrumentBundle } from '../../src/record/proof-formats.js';
import { cosigner } from '../../src/record/witness.js';
import { openStore } from '../../src/store/index.js';
import { verifyInstrumentBundle } from '../../src/verify/instrument.js';
import { keyProblems, loadTrustPolicy } from '../../src/verify/policy.js';
import { REASON_HEADINGS } from '../../src/verify/reason-headings.js';
import type { TrustPolicy } from '../../src/verify/policy.js';

const seeds = new Map(['ann', 'bob', 'cy'].map((p, i) => [p, new Uint8Array(32).fill(i + 1)]));
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
      secretary: 'dee',
      quorum: 'majority',
      majority: 'votes-cast',
      instruments: {
        order: { formula: 'By order of the Board', signers: ['ann', 'bob'], order: 'as-listed' },
      },
    },
  },
};

let ledger: Ledger;
let bundle: InstrumentBundle;

function policy(accept: string): TrustPolicy {
  const loaded = loadTrustPolicy(`logs: [${ledger.state.logKey}]\naccept:\n${accept}`);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.value;
}

beforeAll(async () => {
  const store = await openStore(join(mkdtempSync(join(tmpdir(), 'collegium-ib-')), 'r.db'), {
    create: true,
  });
  ledger = await Ledger.create(store, charter, { keys: seeds });
  await record(ledger, openSession({ session: 's1', body: 'board', mode: 'live' }, 'ann'));
  for (const p of ['ann', 'bob', 'cy']) await record(ledger, attendance('arrive', 's1', p, p));
  await record(
    ledger,
    proposeMotion({ session: 's1', motion: 'fence', text: 'Mend the fence.' }, 'ann'),
  );
  await record(ledger, openVote('s1', 'fence', 'ann'));
  for (const voter of ['ann', 'bob', 'cy'])
    await record(ledger, castBallot({ session: 's1', motion: 'fence', voter, choice: 'aye' }));
  await record(ledger, closeVote('s1', 'fence', { actor: 'ann' }));
  await record(
    ledger,
    draftInstrument(
      {
        instrument: 'o1',
        body: 'board',
        kind: 'order',
        to: 'The carpenter',
        text: 'Mend it.',
        restsOn: { session: 's1', motion: 'fence' },
      },
      { actor: 'ann', maxBytes: 1000 },
    ),
  );
  await record(ledger, signInstrument('o1', 'ann'));
  await record(ledger, signInstrument('o1', 'bob'));
  await record(ledger, issueInstrument('o1', 'ann'));
  bundle = await exportInstrument(ledger.store, ledger.state, 'o1');
});

describe('an instrument bundle', () => {
  it('is accepted under a policy its signers meet', async () => {
    const verdict = await verifyInstrumentBundle(
      bundle,
      policy('  - kind: order\n    signed-by: {at-least: 1, of: [ann]}\n    own-keys: true\n'),
    );
    expect(verdict.reasons).toEqual([]);
    expect(verdict.accepted).toBe(true);
    expect(verdict.instrument?.signatures.map((s) => s.signer)).toEqual(['ann', 'bob']);
    expect(verdict.instrument?.state).toBe('issued');
  });

  it('is refused under a stricter policy, saying why', async () => {
    const verdict = await verifyInstrumentBundle(
      bundle,
      policy('  - kind: order\n    signed-by: {at-least: 2, of: [ann, cy]}\n'),
    );
    expect(verdict.accepted).toBe(false);
    expect(verdict.reasons.map((r) => r.code)).toEqual(['signers']);
  });

  it('is refused without the cosignatures the policy requires, and accepted with them', async () => {
    const witness = cosigner('witness.example/w1', new Uint8Array(32).fill(9));
    const other = cosigner('witness.example/w2', new Uint8Array(32).fill(8));
    const logs = `logs: [${ledger.state.logKey}]\n`;
    const load = (text: string) => {
      const loaded = loadTrustPolicy(text);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
      return loaded.value;
    };
    const strict = load(
      `${logs}witnesses: {at-least: 1, of: [${witness.verifierKey}]}\naccept:\n  - kind: order\n`,
    );
    const refused = await verifyInstrumentBundle(bundle, strict);
    expect(refused.reasons.map((r) => r.code)).toEqual(['witnesses']);
    // The checkpoint's text, then its signatures: a cosignature is one more signature line.
    const split = bundle.checkpoint.indexOf('\n\n') + 1;
    const body = bundle.checkpoint.slice(0, split);
    const cosigned = (by: typeof witness) => ({
      ...bundle,
      checkpoint: bundle.checkpoint + by.cosign(body, 1_767_139_200),
    });
    expect((await verifyInstrumentBundle(cosigned(witness), strict)).accepted).toBe(true);
    // A witness the policy does not name does not count.
    const byOther = await verifyInstrumentBundle(cosigned(other), strict);
    expect(byOther.reasons.map((r) => r.code)).toEqual(['witnesses']);
  });

  it('says which cosignature of a named witness is there but does not verify, and why', async () => {
    const witness = cosigner('witness.example/w1', new Uint8Array(32).fill(9));
    const other = cosigner('witness.example/w2', new Uint8Array(32).fill(8));
    const witnessed = (atLeast: number) => {
      const loaded = loadTrustPolicy(
        `logs: [${ledger.state.logKey}]\nwitnesses: {at-least: ${atLeast}, of: [${witness.verifierKey}, ${other.verifierKey}]}\naccept:\n  - kind: order\n`,
      );
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
      return loaded.value;
    };
    const body = bundle.checkpoint.slice(0, bundle.checkpoint.indexOf('\n\n') + 1);
    const line = witness.cosign(body, 1_767_139_200); // 2025-12-31T00:00:00Z
    /** The cosignature `of` with byte `at` of its key ID, time and signature changed, or its name. */
    const changed = (at: number | undefined, newName?: string, of = line) => {
      const [, name, encoded] = /^\u2014 (\S+) (\S+)\n$/.exec(of)!;
      const bytes = Buffer.from(encoded!, 'base64');
      if (at !== undefined) bytes[at] = bytes[at]! ^ 0x01;
      return `\u2014 ${newName ?? name} ${bytes.toString('base64')}\n`;
    };
    const reasonsWith = async (cosignature: string, atLeast = 1) => {
      const verdict = await verifyInstrumentBundle(
        { ...bundle, checkpoint: bundle.checkpoint + cosignature },
        witnessed(atLeast),
      );
      return { reasons: verdict.reasons, proven: verdict.proven };
    };
    const notVerifying =
      'the cosignature of witness.example/w1 is on the checkpoint but does not verify';
    const needs = {
      code: 'witnesses',
      message: 'cosigned by 0 of the witnesses the policy names (none); it needs 1',
    };
    const signatureFails = `${notVerifying}: its signature of the checkpoint as of 2025-12-31T00:00:00Z does not verify: the line or the checkpoint was changed`;
    for (const at of [4 + 8 + 10, 4 + 8 + 63])
      expect((await reasonsWith(changed(at))).reasons).toEqual([
        { code: 'witnesses', message: signatureFails },
        needs,
      ]);
    // A changed time: the signature was made over the first.
    expect((await reasonsWith(changed(4 + 7))).reasons[0]?.message).toBe(
      `${notVerifying}: its signature of the checkpoint as of 2025-12-31T00:00:01Z does not verify: the line or the checkpoint was changed`,
    );
    expect((await reasonsWith(changed(0))).reasons[0]?.message).toMatch(
      new RegExp(
        `^${notVerifying}: its cosignature line has the key ID [0-9a-f]{8}, not ${witness.keyId.toString(16).padStart(8, '0')}, that of the key the policy names$`,
      ),
    );
    expect((await reasonsWith(changed(undefined, 'witness.example/w9'))).reasons[0]).toEqual({
      code: 'witnesses',
      message: `${notVerifying}: a cosignature line has its key ID under another name, 'witness.example/w9'`,
    });
    expect((await reasonsWith(`\u2014 ${witness.name} not*base64\n`)).reasons[0]?.message).toBe(
      `${notVerifying}: a line names it, but is not a signature line (\u2014 name base64)`,
    );
    // Not there at all: not witnessed, and only that.
    expect((await reasonsWith('')).reasons).toEqual([needs]);
    // Enough others verify: accepted, and the one that does not is told.
    const tamperedOther = changed(4 + 8 + 10, undefined, other.cosign(body, 1_767_139_200));
    const accepted = await reasonsWith(line + tamperedOther);
    expect(accepted.reasons).toEqual([]);
    expect(accepted.proven).toContain(
      'cosigned by 1 of the witnesses the policy names: witness.example/w1; the cosignature of witness.example/w2 is on the checkpoint but does not verify: its signature of the checkpoint as of 2025-12-31T00:00:00Z does not verify: the line or the checkpoint was changed',
    );
  });

  it('reads a policy whose log or witness key could never verify, telling each at its line, and blames the policy, not the bundle', async () => {
    const witness = cosigner('witness.example/w1', new Uint8Array(32).fill(9));
    const log = ledger.state.logKey!;
    // A log key given as a witness, a key with a wrong key ID, a key of 3 bytes: all well formed.
    const wrongId = log.replace(/\+([0-9a-f]{8})\+/, (_, id: string) =>
      id === '00000000' ? '+00000001+' : '+00000000+',
    );
    const text = `logs: [${wrongId}]\nwitnesses:\n  at-least: 1\n  of: [${witness.verifierKey}, ${log}, w+00000000+AAAA]\naccept:\n  - kind: order\n`;
    const loaded = loadTrustPolicy(text);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const of = `  of: [${witness.verifierKey}, ${log}, `;
    const at = keyProblems(loaded.value).map((p) => {
      const { line, col } = loaded.locate(p.path);
      return `${line}:${col}: ${p.message}`;
    });
    expect(at).toEqual([
      '1:8: the verifier key has the wrong key ID: no checkpoint verifies by it, as `collegium log-key` prints a log key',
      `4:${of.length - log.length - 1}: not an Ed25519 type 0x04 key: no cosignature verifies by it`,
      `4:${of.length + 1}: not an Ed25519 type 0x04 key: no cosignature verifies by it`,
    ]);
    // The log key is the policy's fault: no log it trusts signed the checkpoint.
    const verdict = await verifyInstrumentBundle(bundle, loaded.value);
    expect(verdict.reasons).toEqual([
      {
        code: 'untrusted-checkpoint',
        message: expect.stringContaining('the verifier key has the wrong key ID') as unknown,
      },
    ]);
    // Witness keys that could never verify are said as the policy's.
    const witnessed = loadTrustPolicy(text.replace(wrongId, log));
    if (!witnessed.ok) throw new Error(JSON.stringify(witnessed.problems));
    const reasons = (await verifyInstrumentBundle(bundle, witnessed.value)).reasons;
    expect(reasons.map((r) => r.message)).toEqual([
      expect.stringMatching(
        /^the policy's witness key \S+ could never verify: not an Ed25519 type 0x04 key$/,
      ),
      "the policy's witness key w could never verify: not an Ed25519 type 0x04 key",
      'cosigned by 0 of the witnesses the policy names (none); it needs 1',
    ]);
  });

  it('is refused when any byte of it changes', async () => {
    const text = JSON.stringify(bundle);
    for (let at = 0; at < text.length; at += Math.ceil(text.length / 60)) {
      const changed = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
      let value: unknown;
      try {
        value = JSON.parse(changed);
      } catch {
        continue;
      }
      const verdict = await verifyInstrumentBundle(value, policy('  - kind: order\n'));
      expect(verdict.accepted, `byte ${at}`).toBe(false);
    }
  });

  it('is refused for a kind the policy does not accept', async () => {
    const verdict = await verifyInstrumentBundle(bundle, policy('  - kind: mandate\n'));
    expect(verdict.reasons.map((r) => r.code)).toEqual(['kind-not-accepted']);
  });

  it("is refused without its decision's session opening or proposal, which tell whose decision it was", async () => {
    const s1 = ledger.state.sessions.get('s1')!.openedAt;
    const fence = ledger.state.motions.get(JSON.stringify(['s1', 'fence']))!.proposedAt;
    const without = (left: number[]) => ({
      ...bundle,
      entries: bundle.entries.filter((e) => !left.includes(e.index)),
    });
    const issued = policy('  - kind: order\n    in-force: false\n');
    expect((await verifyInstrumentBundle(bundle, issued)).accepted).toBe(true);
    const cases: [number[], string][] = [
      [[s1], 'the motion "Mend the fence": it leaves out the opening of session s1'],
      [[fence], 'motion fence of session s1: it leaves out the proposal of the motion'],
      [
        [s1, fence],
        'motion fence of session s1: it leaves out the proposal of the motion and the opening of session s1',
      ],
    ];
    for (const [left, words] of cases) {
      const verdict = await verifyInstrumentBundle(without(left), issued);
      expect(verdict.accepted).toBe(false);
      expect(verdict.reasons).toEqual([
        { code: 'rests-on', message: `the bundle does not prove ${words}` },
      ]);
    }
  });

  it('holds every entry after the issue while in force, and is refused in force without one', async () => {
    await record(
      ledger,
      proposeMotion({ session: 's1', motion: 'paint', text: 'Paint the fence.' }, 'ann'),
    );
    await record(
      ledger,
      proposeMotion({ session: 's1', motion: 'sweep', text: 'Sweep the yard.' }, 'ann'),
    );
    const later = await exportInstrument(ledger.store, ledger.state, 'o1');
    const issue = ledger.state.instruments.get('o1')!.issued!.index;
    const size = ledger.state.size;
    const after = later.entries.map((e) => e.index).filter((i) => i > issue);
    expect(after).toEqual(Array.from({ length: size - 1 - issue }, (_, i) => issue + 1 + i));
    const inForce = policy('  - kind: order\n');
    const whole = await verifyInstrumentBundle(later, inForce);
    expect(whole.accepted).toBe(true);
    expect(whole.proven).toContainEqual(expect.stringMatching(/^every entry from its issue/));
    // Any entry after the issue left out: whether o1 is still in force is not shown.
    for (const left of [issue + 1, size - 1]) {
      const chosen = { ...later, entries: later.entries.filter((e) => e.index !== left) };
      const verdict = await verifyInstrumentBundle(chosen, inForce);
      expect(verdict.reasons).toEqual([
        {
          code: 'not-in-force',
          message: expect.stringContaining(`the bundle leaves out entry ${left}:`),
        },
      ]);
      // A policy that asks only that it was issued still accepts it.
      const issued = policy('  - kind: order\n    in-force: false\n');
      expect((await verifyInstrumentBundle(chosen, issued)).accepted).toBe(true);
    }
  });

  it('is refused past its last day, said in words', async () => {
    const DAY = 86_400_000;
    const until = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
    await record(
      ledger,
      draftInstrument(
        {
          instrument: 'o-until',
          body: 'board',
          kind: 'order',
          to: 'The carpenter',
          text: 'Mend it by then.',
          until,
          restsOn: { session: 's1', motion: 'fence' },
        },
        { actor: 'ann', maxBytes: 1000 },
      ),
    );
    await record(ledger, signInstrument('o-until', 'ann'));
    await record(ledger, signInstrument('o-until', 'bob'));
    await record(ledger, issueInstrument('o-until', 'ann'));
    const issued = await exportInstrument(ledger.store, ledger.state, 'o-until');
    const later = new Date(Date.now() + 20 * DAY);
    const verdict = await verifyInstrumentBundle(issued, policy('  - kind: order\n'), {
      now: later,
    });
    const number = ledger.state.instruments.get('o-until')!.draft.number;
    expect(verdict.reasons).toEqual([
      {
        code: 'not-in-force',
        message: `order no. ${number} of Board was in force until ${dayInWords(until)}`,
      },
    ]);
  });

  it('is refused once annulled where the policy wants it in force, and accepted where not', async () => {
    await record(
      ledger,
      proposeMotion({ session: 's1', motion: 'undo', text: 'Annul o1.' }, 'ann'),
    );
    await record(ledger, openVote('s1', 'undo', 'ann'));
    for (const voter of ['ann', 'bob', 'cy'])
      await record(ledger, castBallot({ session: 's1', motion: 'undo', voter, choice: 'aye' }));
    await record(ledger, closeVote('s1', 'undo', { actor: 'ann' }));
    await record(ledger, annulInstrument('o1', { by: { session: 's1', motion: 'undo' } }, 'ann'));
    const annulled = await exportInstrument(ledger.store, ledger.state, 'o1');
    const inForce = await verifyInstrumentBundle(annulled, policy('  - kind: order\n'));
    expect(inForce.reasons.map((r) => r.code)).toEqual(['not-in-force']);
    // Named as the bundle's charter names it, not by the record's id; headed in words on a page.
    const number = ledger.state.instruments.get('o1')!.draft.number;
    expect(inForce.reasons[0]!.message).toBe(
      `order no. ${number} of Board is annulled as of the checkpoint`,
    );
    expect(REASON_HEADINGS[inForce.reasons[0]!.code]).toBe('Not in force');
    expect(inForce.instrument?.state).toBe('annulled');
    const asIssued = await verifyInstrumentBundle(
      annulled,
      policy('  - kind: order\n    in-force: false\n'),
    );
    expect(asIssued.accepted).toBe(true);
    // The annulment taken out of the bundle does not make it in force again.
    const annulment = annulled.entries.find(
      (e) => JSON.parse(Buffer.from(e.leaf, 'base64').toString()).type === 'instrument.annul',
    )!;
    const hidden = {
      ...annulled,
      entries: annulled.entries.filter((e) => e !== annulment),
    };
    const stripped = await verifyInstrumentBundle(hidden, policy('  - kind: order\n'));
    expect(stripped.accepted).toBe(false);
    expect(stripped.reasons.map((r) => r.code)).toEqual(['not-in-force']);
    expect(stripped.reasons[0]!.message).toMatch(/the bundle leaves out entry \d+/);
  });

  it('made before the annulment, is accepted as of its checkpoint, and says it speaks for no later entry', async () => {
    // The annulment above came after this bundle's checkpoint: the bundle cannot show it.
    const before = await verifyInstrumentBundle(bundle, policy('  - kind: order\n'));
    expect(ledger.state.instruments.get('o1')!.status).toBe('annulled');
    expect(before.accepted).toBe(true);
    expect(before.instrument?.state).toBe('issued');
    expect(before.checkpointSize).toBeLessThan(ledger.state.size);
    expect(before.proven).toContain(
      `the bundle shows the record as of its checkpoint, entry ${before.checkpointSize! - 1}: a revocation, settlement or annulment recorded after it is not in it; a fresh bundle shows one`,
    );
  });
});
