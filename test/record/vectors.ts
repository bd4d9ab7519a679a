/** Loads the published test vectors kept beside the repository, in ../shared/test-vectors. */
import { readFileSync } from 'node:fs';

const VECTORS = new URL('../../../shared/test-vectors/', import.meta.url);

export function loadVectors<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(file, VECTORS), 'utf8')) as T;
}

export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
