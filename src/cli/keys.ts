/**
 * Key files: a person's Ed25519 private key, kept on their own machine. The charter names only
 * the public key; a key file is matched to its person by that public key.
 */
import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fromBase64, toBase64 } from '../core/bytes.js';
import { personKeys, personName } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import { generateKeyPair, keyPairFromSeed } from '../record/ed25519.js';
import { checkNamed, CliError, readJson, whyUnwritable } from './io.js';
import { codeOf } from '../core/errors.js';
import type { FileKind } from '../core/format/source-bytes.js';

const KEY_FILE_TYPE = 'collegium-ed25519-private-key';

export function publicKeyText(publicKey: Uint8Array): string {
  return `ed25519:${toBase64(publicKey)}`;
}

export function writeKeyFile(file: string): string {
  const pair = generateKeyPair();
  const publicKey = publicKeyText(pair.publicKey);
  const text =
    JSON.stringify(
      { type: KEY_FILE_TYPE, publicKey, privateKey: toBase64(pair.privateKey) },
      null,
      2,
    ) + '\n';
  writeSecretFile(file, text);
  return publicKey;
}

/** Writes a new file only its owner may read (mode 0600); one that exists is never overwritten. */
export function writeSecretFile(file: string, text: string): void {
  checkNamed(file);
  try {
    writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    throw new CliError(
      codeOf(error) === 'EEXIST'
        ? `${file} exists already: a key file is never overwritten`
        : `${file}: ${whyUnwritable(error, dirname(file))}`,
      1,
      codeOf(error) === 'EEXIST' ? 'file-exists' : 'cannot-write',
    );
  }
}

/** The code of a file given as a key that is not one. */
const KEY_REFUSED = 'invalid-key-file';

/** A key file keygen writes is some 150 bytes: a larger one is something else given by mistake. */
export const KEY_FILE: FileKind = { name: 'a key file', maxBytes: 64 * 1024 };

export function readKeyFile(file: string): Uint8Array {
  const read = readJson(file, KEY_FILE, {
    code: KEY_REFUSED,
    summary: 'not a key file (expected JSON from collegium keygen)',
  });
  const value = (read.value ?? {}) as { type?: unknown; privateKey?: unknown; publicKey?: unknown };
  if (value.type !== KEY_FILE_TYPE || typeof value.privateKey !== 'string')
    throw new CliError(`${file}: not a Collegium key file`, 1, KEY_REFUSED);
  let seed: Uint8Array;
  try {
    seed = fromBase64(value.privateKey);
  } catch {
    throw new CliError(`${file}: the private key is not in canonical base64`, 1, KEY_REFUSED);
  }
  if (seed.length !== 32)
    throw new CliError(`${file}: the private key is not 32 bytes`, 1, KEY_REFUSED);
  // The public key is what a person reads to know whose key a file is: one the private key does
  // not make (a file edited, or pieced together) would sign as someone other than it says.
  const made = publicKeyText(keyPairFromSeed(seed).publicKey);
  if (value.publicKey !== undefined && value.publicKey !== made)
    throw new CliError(
      `${file}: its public key is not that of its private key, which is ${made}`,
      1,
      KEY_REFUSED,
    );
  return seed;
}

/** Maps each key file to the person whose key it is: enrolled in the record, or in the charter. */
export function keysFor(files: readonly string[], state: State): Map<string, Uint8Array> {
  const keys = new Map<string, Uint8Array>();
  const people = [...(state.charter?.people.keys() ?? [])];
  for (const file of files) {
    const seed = readKeyFile(file);
    const publicKey = keyPairFromSeed(seed).publicKey;
    const person = people.find((p) => personKeys(state, p).includes(toBase64(publicKey)));
    if (!person) throw unknownKey(file, publicKey, state);
    keys.set(person, seed);
  }
  return keys;
}

/** A key file that signs for no one; one revoked says whose it was, so its owner knows why. */
function unknownKey(file: string, publicKey: Uint8Array, state: State): CliError {
  const text = publicKeyText(publicKey);
  const key = toBase64(publicKey);
  const owner = [...state.revoked].find(([, keys]) => keys.has(key))?.[0];
  const why =
    owner === undefined
      ? `no person of the record has the public key ${text}`
      : `the public key ${text} of ${personName(state, owner)} was revoked: it signs nothing any more`;
  return new CliError(`${file}: ${why}`, 1, 'unknown-key');
}
