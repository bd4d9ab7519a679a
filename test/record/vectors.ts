/** Loads the published test vectors kept in the repository, in test/vectors (sources in its INDEX.json). */
import { readFileSync } from 'node:fs';

const VECTORS = new URL('../vectors/', import.meta.url);

export function loadVectors<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(file, VECTORS), 'utf8')) as T;
}

export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
