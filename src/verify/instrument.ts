/**
 * Verifies an instrument bundle offline under a trust policy, in the browser and in Node alike:
 * the checkpoint by a trusted log key (and the witnesses the policy names), every entry's
 * inclusion and signature and its signer's key at the time, the signatures' chain (each over the
 * content's hash and the signature before it), the signing rule of the charter in force, that it
 * was issued and rests on an adopted decision, then the policy's own demands. It gives every
 * reason for a refusal, not only the first.
 */
import type { Acts, DecisionRef } from '../core/acts.js';
import { charterFromJson } from '../core/charter/index.js';
import type { Body, Charter, InstrumentKind } from '../core/charter/model.js';
import { signingRuleMet, withArticle } from '../core/rules/signing.js';
import { instrumentContentHash, signatureLink } from '../core/state/instruments.js';
import { instrumentNamed, namesOf, quotedText } from '../core/state/names.js';
import { timeInWords } from '../core/minutes/words.js';
import { capitalized, kindInWords, outcomeSaid } from '../core/words.js';
import type { InstrumentStatus } from '../core/state/model.js';
import { BundleFailure, KeyHistory } from '../record/bundle-sequence.js';
import { checkInstrumentBundleShape } from '../record/bundle-shape.js';
import type { InstrumentBundle, RecordEntry } from '../record/proof-formats.js';
import { failureOf, proveAll, proveItem } from './entries.js';
import { parseVerifierKey, verifyCheckpoint } from './note.js';
import type { Checkpoint } from './note.js';
import { COSIGNER_KEY, keyProblem } from './policy.js';
import type { AcceptRule, TrustPolicy } from './policy.js';
import { checkCosignatures } from './cosignature.js';
import {
  annulledByRatification,
  bodyDeciding,
  decisionLeftOut,
  decisionPut,
  ratificationUnread,
} from './ratification.js';
import { verifyEd25519 } from './web-crypto.js';
import type { Ed25519Verify } from './web-crypto.js';

/** Why a bundle is refused: a stable code and the reason in words. */
export interface Reason {
  readonly code: string;
  readonly message: string;
}

export interface VerifiedSignature {
  readonly signer: string;
  readonly name: string;
  /** Signed with the signer's own key, not recorded for them by an officer. */
  readonly ownKey: boolean;
  /** Who recorded it for the signer (an id), and by name as the charter gives it. */
  readonly recordedBy?: string;
  readonly recordedByName?: string;
  readonly index: number;
  readonly time: string;
}

export interface InstrumentVerdict {
  readonly accepted: boolean;
  /** What the bundle proves of the instrument, once its entries are proven. */
  readonly instrument?: {
    readonly id: string;
    readonly body: string;
    /** The body's name in the charter the bundle proves, for a reader rather than its id. */
    readonly bodyName?: string;
    readonly kind: string;
    readonly number: string;
    readonly text: string;
    readonly formula?: string;
    readonly state: InstrumentStatus;
    readonly signatures: readonly VerifiedSignature[];
  };
  readonly reasons: readonly Reason[];
  readonly proven: readonly string[];
  /** The size of the log at the checkpoint: what the bundle proves, it proves as of there. */
  readonly checkpointSize?: number;
}

export interface VerifyOptions {
  /** The date a mandate's last day is compared with (default: now). */
  readonly now?: Date;
  /** The check of Ed25519 signatures (default WebCrypto's; in Node, pass node:crypto's). */
  readonly ed25519?: Ed25519Verify;
}

/** Verifies `value` (a parsed bundle file) under `policy`. Never throws. */
export async function verifyInstrumentBundle(
  value: unknown,
  policy: TrustPolicy,
  options: VerifyOptions = {},
): Promise<InstrumentVerdict> {
  const proven: string[] = [];
  try {
    const bundle = checkInstrumentBundleShape(value);
    const verify = options.ed25519 ?? verifyEd25519;
    const { checkpoint, logKey } = await trustedCheckpoint(bundle, policy, verify, proven);
    const reasons = await witnessReasons(bundle.checkpoint, policy, verify, proven);
    const entries = await provenEntries(bundle, { checkpoint, logKey, verify }, proven);
    const found = readInstrument(bundle.instrument, entries, checkpoint.size);
    if (found.unproven === undefined && found.state === 'issued')
      proven.push(
        `every entry from its issue to the checkpoint is in the bundle, and none of them revokes, settles or annuls the ${named(found)}`,
      );
    // In force means in force at the checkpoint: the bundle cannot show a later revocation.
    if (found.state === 'issued')
      proven.push(
        `the bundle shows the record as of its checkpoint, entry ${checkpoint.size - 1}: a revocation, settlement or annulment recorded after it is not in it; a fresh bundle shows one`,
      );
    reasons.push(...found.reasons, ...policyReasons(found, policy, options.now ?? new Date()));
    const instrument = summary(found);
    if (reasons.length === 0) proven.push(`accepted under the policy: ${acceptedFor(found)}`);
    return {
      accepted: reasons.length === 0,
      instrument,
      reasons,
      proven,
      checkpointSize: checkpoint.size,
    };
  } catch (error) {
    const { item, reason } = failureOf(error);
    return {
      accepted: false,
      reasons: [{ code: codeOf(item), message: `${item}: ${reason}` }],
      proven,
    };
  }
}

/** The failures that stop the verification: nothing after them can be believed. */
function codeOf(item: string): string {
  if (item === 'checkpoint' || item === 'log key') return 'untrusted-checkpoint';
  if (item.startsWith('entry')) return 'tampered';
  return 'malformed';
}

async function trustedCheckpoint(
  bundle: InstrumentBundle,
  policy: TrustPolicy,
  verify: Ed25519Verify,
  proven: string[],
): Promise<{ checkpoint: Checkpoint; logKey: string }> {
  const errors: string[] = [];
  for (const logKey of policy.logs) {
    try {
      const key = await parseVerifierKey(logKey);
      const checkpoint = await verifyCheckpoint(bundle.checkpoint, key, verify);
      proven.push(
        `the checkpoint is signed by the trusted log key ${key.name}: a tree of ${checkpoint.size} entries`,
      );
      return { checkpoint, logKey };
    } catch (error) {
      errors.push(`${logKey.split('+')[0]}: ${(error as Error).message}`);
    }
  }
  throw new BundleFailure(
    'checkpoint',
    `signed by no log the policy trusts (${errors.join('; ')})`,
  );
}

async function witnessReasons(
  note: string,
  policy: TrustPolicy,
  verify: Ed25519Verify,
  proven: string[],
): Promise<Reason[]> {
  const wanted = policy.witnesses;
  if (!wanted) return [];
  // A key the policy names that could never verify is the policy's fault, not the bundle's.
  const unusable: Reason[] = [];
  const usable: string[] = [];
  for (const key of wanted.of) {
    const why = keyProblem(key, COSIGNER_KEY);
    if (why === undefined) usable.push(key);
    else
      unusable.push({
        code: 'witnesses',
        message: `the policy's witness key ${key.split('+')[0]} could never verify: ${why}`,
      });
  }
  const checked = await checkCosignatures(note, usable, verify);
  const cosigned = checked.valid.map((c) => c.name);
  // A line of a named witness that fails is said apart: tampered with, not merely not witnessed.
  const failed = [
    ...unusable,
    ...checked.failed.map((f) => ({
      code: 'witnesses',
      message: `the cosignature of ${f.name} is on the checkpoint but does not verify: ${f.why}`,
    })),
  ];
  if (cosigned.length >= wanted.atLeast) {
    // Enough verify: one that does not is told, and counted for nothing.
    const besides = failed.map((f) => `; ${f.message}`).join('');
    proven.push(
      `cosigned by ${cosigned.length} of the witnesses the policy names: ${cosigned.join(', ')}${besides}`,
    );
    return [];
  }
  return [
    ...failed,
    {
      code: 'witnesses',
      message: `cosigned by ${cosigned.length} of the witnesses the policy names (${cosigned.join(', ') || 'none'}); it needs ${wanted.atLeast}`,
    },
  ];
}

/** An entry proven in the log and signed with a key its signer held; and the charter then. */
interface Proven {
  readonly entry: RecordEntry;
  readonly charter: Charter;
  /** Signed with the record's custodial key (for someone who holds no key of their own). */
  readonly custodial: boolean;
}

async function provenEntries(
  bundle: InstrumentBundle,
  trusted: { checkpoint: Checkpoint; logKey: string; verify: Ed25519Verify },
  proven: string[],
): Promise<Proven[]> {
  const { checkpoint, logKey, verify } = trusted;
  const [{ entry: genesis }, changes, entries] = await Promise.all([
    proveItem(bundle.genesis, checkpoint, verify),
    proveAll(bundle.enrolments, checkpoint, () => {}, verify),
    proveAll(bundle.entries, checkpoint, () => {}, verify),
  ]);
  if (genesis.index !== 0 || genesis.type !== 'charter.adopt')
    throw new BundleFailure('entry 0', 'the first entry is not the charter adoption');
  const adopt = genesis.payload as unknown as Acts['charter.adopt'];
  if (adopt.log !== logKey)
    throw new BundleFailure('entry 0', 'the charter names another log key than the one trusted');
  const charter = charterFromJson(adopt.charter);
  const history = new KeyHistory(charter, adopt.custodian, changes);
  const out = entries.map(({ entry }) => {
    history.check(entry);
    return {
      entry,
      charter: history.at(entry.index).charter!,
      custodial: entry.key === adopt.custodian,
    };
  });
  proven.push(
    `${out.length} entries of ${charter.organization.name} are in the log, each signed with the key its signer held then`,
  );
  return out;
}

/** The instrument as its entries say, with what breaks the charter or its chain. */
interface FoundInstrument {
  readonly id: string;
  readonly draft: Acts['instrument.draft'];
  readonly charter: Charter;
  readonly body?: Body;
  readonly kind?: InstrumentKind;
  readonly signatures: VerifiedSignature[];
  readonly state: InstrumentStatus;
  /**
   * Where it is issued and its life has not ended, the first entry after its issue that the
   * bundle leaves out: whether it is still in force is then not shown.
   */
  readonly unproven?: number;
  readonly reasons: Reason[];
}

function readInstrument(id: string, entries: readonly Proven[], size: number): FoundInstrument {
  const own = entries.filter((p) => (p.entry.payload as { instrument?: string }).instrument === id);
  const draftEntry = own.find((p) => p.entry.type === 'instrument.draft');
  if (!draftEntry) throw new BundleFailure('instrument', `the bundle holds no draft of ${id}`);
  const draft = draftEntry.entry.payload as unknown as Acts['instrument.draft'];
  const { charter } = draftEntry;
  const body = charter.bodies.get(draft.body);
  const kind = body?.instruments.get(draft.kind);
  const reasons: Reason[] = [];
  const signatures = signatureChain(draft, own, charter, reasons);
  if (!body || !kind)
    reasons.push({
      code: 'signing-rule',
      message: `the charter in force names no ${draft.kind} of ${draft.body}`,
    });
  else {
    const signers = signatures.map((s) => s.signer);
    const rule = signingRuleMet(kind, body, signers, namesOf(charter));
    if (!rule.met)
      reasons.push({ code: 'signing-rule', message: `the charter's rule: ${rule.explanation}` });
  }
  reasons.push(...restsOnReasons(draft, kind, entries, body?.name ?? draft.body));
  const state = stateOf(own);
  if (state === 'draft' || state === 'signing')
    reasons.push({ code: 'not-issued', message: `${id} was not issued` });
  const issue = own.find((p) => p.entry.type === 'instrument.issue')?.entry.index;
  const unproven = state === 'issued' ? leftOutAfter(issue!, entries, size) : undefined;
  return {
    id,
    draft,
    charter,
    ...(body ? { body } : {}),
    ...(kind ? { kind } : {}),
    signatures,
    state,
    ...(unproven !== undefined ? { unproven } : {}),
    reasons,
  };
}

/**
 * The first entry after `issue`, in a tree of `size`, that `entries` (in index order, each once)
 * leave out; undefined when they hold every one to the last.
 */
function leftOutAfter(issue: number, entries: readonly Proven[], size: number): number | undefined {
  let expected = issue + 1;
  for (const { entry } of entries) {
    if (entry.index <= issue) continue;
    if (entry.index !== expected) return expected;
    expected++;
  }
  return expected < size ? expected : undefined;
}

/** The signatures in the order their chain proves, each over the draft's content hash. */
function signatureChain(
  draft: Acts['instrument.draft'],
  own: readonly Proven[],
  charter: Charter,
  reasons: Reason[],
): VerifiedSignature[] {
  const content = instrumentContentHash(draft);
  const name = namesOf(charter);
  let after: string | null = null;
  return own
    .filter((p) => p.entry.type === 'instrument.sign')
    .map(({ entry, custodial }) => {
      const p = entry.payload as unknown as Acts['instrument.sign'];
      const signer = entry.actor ?? '(nobody)';
      if (p.content !== content)
        reasons.push({
          code: 'signature-chain',
          message: `${signer}'s signature (entry ${entry.index}) covers another text`,
        });
      if (p.after !== after)
        reasons.push({
          code: 'signature-chain',
          message: `${signer}'s signature (entry ${entry.index}) does not follow the one before it`,
        });
      after = signatureLink(entry as unknown as Parameters<typeof signatureLink>[0]);
      const ownKey = entry.signer === entry.actor && !custodial;
      return {
        signer,
        name: name(signer),
        ownKey,
        ...(entry.signer === entry.actor
          ? {}
          : {
              recordedBy: entry.signer ?? 'the record',
              recordedByName: entry.signer === null ? 'the record' : name(entry.signer),
            }),
        index: entry.index,
        time: entry.time,
      };
    });
}

function restsOnReasons(
  draft: Acts['instrument.draft'],
  kind: InstrumentKind | undefined,
  entries: readonly Proven[],
  issuerName: string,
): Reason[] {
  const ref = draft.restsOn;
  if (ref === undefined)
    return kind?.restsOn === 'decision'
      ? [
          {
            code: 'rests-on',
            message: `${withArticle(draft.kind)} rests on a decision, and this one names none`,
          },
        ]
      : [];
  const words = decisionWords(ref, entries);
  const close = entries.find((p) => closes(p.entry, ref));
  const outcome = (close?.entry.payload as { decision?: { outcome?: string } } | undefined)
    ?.decision?.outcome;
  if (outcome !== 'adopted')
    return [
      {
        code: 'rests-on',
        message: close
          ? `${words} was ${outcomeSaid(outcome ?? 'not-decided')}`
          : `the bundle does not prove ${words}`,
      },
    ];
  const left = decisionLeftOut(ref, entries);
  if (left !== undefined)
    return [
      { code: 'rests-on', message: `the bundle does not prove ${words}: it leaves out ${left}` },
    ];
  const by = bodyDeciding(ref, entries);
  // An instrument rests on a decision of its own body or of a body it delegates to, as the record
  // holds it to (a transcription records another's, flagged: the bundle does not carry the flag).
  if (by !== undefined && by.id !== draft.body && by.parent !== draft.body)
    return [
      { code: 'rests-on', message: `${words} is a decision of ${by.name}, not of ${issuerName}` },
    ];
  const unread = ratificationUnread(ref, entries);
  if (unread !== undefined)
    return [
      { code: 'rests-on', message: `the bundle does not prove whether ${words} stands: ${unread}` },
    ];
  return annulledByRatification(ref, entries)
    ? [{ code: 'rests-on', message: `${words} was annulled when its ratification failed` }]
    : [];
}

function closes(entry: RecordEntry, ref: DecisionRef): boolean {
  const p = entry.payload as { session?: string; motion?: string; circulation?: string };
  if ('circulation' in ref)
    return entry.type === 'circulation.close' && p.circulation === ref.circulation;
  return entry.type === 'vote.close' && p.session === ref.session && p.motion === ref.motion;
}

/** Whether `entry` proposes the ratification of `ref` closed by `close`. */
const LIFE: Readonly<Record<string, InstrumentStatus>> = {
  'instrument.issue': 'issued',
  'instrument.revoke': 'revoked',
  'instrument.settle': 'settled',
};

function stateOf(own: readonly Proven[]): InstrumentStatus {
  let state: InstrumentStatus = 'draft';
  for (const { entry } of own) {
    if (entry.type === 'instrument.sign' && state === 'draft') state = 'signing';
    else if (entry.type === 'instrument.annul')
      state = (entry.payload as { supersededBy?: string }).supersededBy ? 'superseded' : 'annulled';
    else state = LIFE[entry.type] ?? state;
  }
  return state;
}

function policyReasons(found: FoundInstrument, policy: TrustPolicy, now: Date): Reason[] {
  const { draft } = found;
  const rule = policy.accept.find(
    (a) => a.kind === draft.kind && (a.body === undefined || a.body === draft.body),
  );
  if (!rule)
    return [
      {
        code: 'kind-not-accepted',
        message: `the policy accepts no ${draft.kind} of ${draft.body}`,
      },
    ];
  return [...signerReasons(found, rule), ...inForceReasons(found, rule, now)];
}

function signerReasons(found: FoundInstrument, rule: AcceptRule): Reason[] {
  const counted = found.signatures.filter((s) => s.ownKey || !rule.ownKeys).map((s) => s.signer);
  const recorded = rule.ownKeys
    ? found.signatures.filter((s) => !s.ownKey).map((s) => s.signer)
    : [];
  const not =
    recorded.length > 0
      ? ` (not counted, not signed with their own key: ${recorded.join(', ')})`
      : '';
  // Each demand the policy makes is told apart: the signers it trusts, and the charter's rule
  // met by the signatures that count.
  const reasons: Reason[] = [];
  if (rule.signedBy) {
    const trusted = counted.filter((s) => rule.signedBy!.of.includes(s));
    if (trusted.length < rule.signedBy.atLeast)
      reasons.push({
        code: 'signers',
        message: `signed by ${trusted.length} of the signers the policy trusts (${trusted.join(', ') || 'none'}), it needs ${rule.signedBy.atLeast} of ${rule.signedBy.of.join(', ')}${not}`,
      });
  }
  if (rule.ownKeys && found.kind && found.body) {
    const met = signingRuleMet(found.kind, found.body, counted, namesOf(found.charter));
    if (!met.met)
      reasons.push({
        code: 'own-keys',
        message: `with their own keys only: ${met.explanation}${not}`,
      });
  }
  return reasons;
}

function inForceReasons(found: FoundInstrument, rule: AcceptRule, now: Date): Reason[] {
  if (!rule.inForce) return [];
  if (found.state !== 'issued' && found.state !== 'draft' && found.state !== 'signing')
    return [
      { code: 'not-in-force', message: `${named(found)} is ${found.state} as of the checkpoint` },
    ];
  if (found.unproven !== undefined)
    return [
      {
        code: 'not-in-force',
        message: `the bundle leaves out entry ${found.unproven}: from its issue to the checkpoint it must hold every entry, or whether ${named(found)} was revoked, settled or annulled since cannot be shown`,
      },
    ];
  const until = found.draft.until;
  if (until !== undefined && now.toISOString().slice(0, until.length) > until)
    return [
      { code: 'not-in-force', message: `${named(found)} was in force until ${timeInWords(until)}` },
    ];
  return [];
}

/**
 * A decision as the bundle can name it: by the text of the motion or question its entries put,
 * else by the reference the instrument gives.
 */
function decisionWords(ref: DecisionRef, entries: readonly Proven[]): string {
  const circulation = 'circulation' in ref;
  const put = decisionPut(ref, entries);
  const text = (put?.entry.payload as { text?: unknown } | undefined)?.text;
  if (typeof text === 'string')
    return `${circulation ? 'the question' : 'the motion'} ${quotedText(text)}`;
  return circulation
    ? `circulation ${ref.circulation}`
    : `motion ${ref.motion} of session ${ref.session}`;
}

/** The instrument as the bundle's charter names it: "order no. 2026/1 of Board". */
function named(found: FoundInstrument): string {
  return instrumentNamed(
    { ...found.draft, kind: kindInWords(found.draft.kind) },
    found.body?.name ?? found.draft.body,
  );
}

function summary(found: FoundInstrument): NonNullable<InstrumentVerdict['instrument']> {
  const { draft } = found;
  return {
    id: found.id,
    body: draft.body,
    ...(found.body ? { bodyName: found.body.name } : {}),
    kind: draft.kind,
    number: draft.number,
    text: draft.text,
    ...(found.kind?.formula ? { formula: found.kind.formula } : {}),
    state: found.state,
    signatures: found.signatures,
  };
}

function acceptedFor(found: FoundInstrument): string {
  const names = found.signatures.map((s) => s.name).join('. ');
  // Without a formula of its own, the kind capitalized, as the document prints it.
  return `${found.kind?.formula ?? capitalized(found.draft.kind)}: ${names}`;
}
