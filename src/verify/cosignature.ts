/**
 * Witness cosignatures (c2sp.org/tlog-cosignature, Ed25519, type 0x04) checked in the browser and
 * in Node alike (a server keeping a witness's answer, the CLI, the page): which of a set of
 * witnesses cosigned a checkpoint note, and when.
 */
import { utf8, verifyEd25519 } from './web-crypto.js';
import type { Ed25519Verify } from './web-crypto.js';
import { hex32, SIGNATURE_PREFIX } from '../record/note-text.js';
import { lineBy, parseTypedVerifierKey, splitNote } from './note.js';
import type { SignatureLine, VerifierKey } from './note.js';

const COSIGNATURE = 0x04;

export interface Cosigned {
  /** The witness's key name. */
  readonly name: string;
  /** Its verifier key, as given. */
  readonly verifierKey: string;
  /** When it cosigned, in seconds since the epoch. */
  readonly timestamp: number;
  /** Its signature line, as the note carries it (with its newline): what a log keeps of it. */
  readonly line: string;
}

export interface CosignatureCheck {
  /** The witnesses among those given whose cosignature on the note verifies, in their order. */
  readonly valid: Cosigned[];
  /** The names of those given that signed the note with a cosignature that fails. */
  readonly invalid: string[];
}

/** A witness given whose cosignature line is on the note but does not verify, and why. */
export interface FailedCosignature {
  readonly name: string;
  readonly why: string;
  /** The line is by the witness's name and key ID: only its signature fails. */
  readonly signed: boolean;
}

/**
 * Which of the witnesses, given by their type 0x04 verifier keys, cosigned the checkpoint `note`.
 * Signature lines by other keys (the log's own) are ignored; the first line of a key counts.
 * Throws for a note that is not a signed note or a key that is not a cosigner's verifier key.
 */
export async function verifyCosignatures(
  note: string,
  witnessKeys: readonly string[],
  verify: Ed25519Verify = verifyEd25519,
): Promise<CosignatureCheck> {
  const { valid, failed } = await checkCosignatures(note, witnessKeys, verify);
  return { valid, invalid: failed.filter((f) => f.signed).map((f) => f.name) };
}

/**
 * As verifyCosignatures, with why each failing line fails: a line by the witness's name and key
 * ID whose signature fails, and also a line that gives its name with another key ID, its key ID
 * under another name, or its name on a line that is no signature (a cosignature changed in its
 * name or key ID no longer matches the witness, and would pass for no cosignature at all).
 */
export async function checkCosignatures(
  note: string,
  witnessKeys: readonly string[],
  verify: Ed25519Verify = verifyEd25519,
): Promise<{ valid: Cosigned[]; failed: FailedCosignature[] }> {
  const { text, lines, unread } = splitNote(note);
  const valid: Cosigned[] = [];
  const failed: FailedCosignature[] = [];
  for (const verifierKey of witnessKeys) {
    const key = await parseTypedVerifierKey(verifierKey, COSIGNATURE);
    const line = lineBy(lines, key);
    if (line === undefined) {
      const why = unmatchedLine(key, lines, unread);
      if (why !== undefined) failed.push({ name: key.name, why, signed: false });
      continue;
    }
    const checked = await cosignatureTime(key.publicKey, text, line.signature, verify);
    if (typeof checked === 'number')
      valid.push({ name: key.name, verifierKey, timestamp: checked, line: line.text });
    else failed.push({ name: key.name, why: checked.why, signed: true });
  }
  return { valid, failed };
}

/** Why a line that names the witness, or carries its key ID, is not its cosignature; if one does. */
function unmatchedLine(
  key: VerifierKey,
  lines: readonly SignatureLine[],
  unread: readonly string[],
): string | undefined {
  const named = lines.find((l) => l.name === key.name);
  if (named)
    return `its cosignature line has the key ID ${hex32(named.keyId)}, not ${hex32(key.keyId)}, that of the key the policy names`;
  const keyed = lines.find((l) => l.keyId === key.keyId);
  if (keyed) return `a cosignature line has its key ID under another name, '${keyed.name}'`;
  if (unread.some((line) => line.startsWith(`${SIGNATURE_PREFIX}${key.name} `)))
    return 'a line names it, but is not a signature line (\u2014 name base64)';
  return undefined;
}

/** The timestamp of a valid cosignature (u64 timestamp || Ed25519 signature) on `body`, or why
 * it is not one. */
async function cosignatureTime(
  publicKey: Uint8Array,
  body: string,
  signature: Uint8Array,
  verify: Ed25519Verify,
): Promise<number | { why: string }> {
  if (signature.length !== 8 + 64)
    return {
      why: `its cosignature is ${signature.length} bytes, not the 72 of a time and an Ed25519 signature`,
    };
  const time = new DataView(signature.buffer, signature.byteOffset).getBigUint64(0);
  if (time > BigInt(Number.MAX_SAFE_INTEGER)) return { why: `its time (${time}) is past any date` };
  const message = utf8(`cosignature/v1\ntime ${time}\n${body}`);
  if (await verify(publicKey, message, signature.subarray(8))) return Number(time);
  return {
    why: `its signature of the checkpoint as of ${when(Number(time))} does not verify: the line or the checkpoint was changed`,
  };
}

/** A cosignature's time in words: the date, or the seconds where no date is that late. */
function when(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime())
    ? `time ${seconds}`
    : date.toISOString().replace('.000Z', 'Z');
}
