/**
 * Which witnesses cosigned a checkpoint (C2SP tlog-cosignature, Ed25519, signature type 0x04),
 * for the verifiers of the browser and of Node alike.
 */
import { equalBytes, fromBase64, toHex } from '../core/bytes.js';
import { sha256, utf8, verifyEd25519 } from './web-crypto.js';
import type { Ed25519Verify } from './web-crypto.js';

const COSIGNATURE = 0x04;

/** The names of the witnesses among `vkeys` whose cosignature on `note` verifies. */
export async function cosignersOf(
  note: string,
  vkeys: readonly string[],
  verify: Ed25519Verify = verifyEd25519,
): Promise<string[]> {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) return [];
  const body = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const names: string[] = [];
  for (const vkey of vkeys) {
    const key = cosignerKey(vkey);
    if (key && (await cosigned(body, lines, key, verify))) names.push(key.name);
  }
  return names;
}

interface CosignerKey {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly publicKey: Uint8Array;
}

function cosignerKey(vkey: string): CosignerKey | undefined {
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey);
  if (!match) return undefined;
  const [, name = '', id = '', key = ''] = match;
  const typed = fromBase64(key);
  if (typed.length !== 33 || typed[0] !== COSIGNATURE) return undefined;
  const keyId = sha256(utf8(`${name}\n`), typed).subarray(0, 4);
  return toHex(keyId) === id ? { name, keyId, publicKey: typed.subarray(1) } : undefined;
}

async function cosigned(
  body: string,
  lines: readonly string[],
  key: CosignerKey,
  verify: Ed25519Verify,
): Promise<boolean> {
  for (const line of lines) {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!match || match[1] !== key.name) continue;
    const blob = fromBase64(match[2] ?? '');
    if (blob.length !== 4 + 8 + 64 || !equalBytes(blob.subarray(0, 4), key.keyId)) continue;
    const time = new DataView(blob.buffer, blob.byteOffset + 4, 8).getBigUint64(0);
    const message = utf8(`cosignature/v1\ntime ${time}\n${body}`);
    if (await verify(key.publicKey, message, blob.subarray(12))) return true;
  }
  return false;
}
