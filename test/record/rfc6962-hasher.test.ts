import { describe, expect, it } from 'vitest';
import { emptyRoot, leafHash, nodeHash } from '../../src/record/merkle.js';
import { fromHex, loadVectors, toHex } from './vectors.js';

interface HasherCase {
  desc: string;
  op: 'empty_root' | 'leaf' | 'node';
  input_hex?: string;
  left_hex?: string;
  right_hex?: string;
  expected_hex: string;
}

const { cases } = loadVectors<{ cases: HasherCase[] }>('rfc6962_hasher.json');

describe('RFC 6962 hasher (rfc6962_hasher.json)', () => {
  it.each(cases)('$desc', ({ op, input_hex = '', left_hex = '', right_hex = '', expected_hex }) => {
    const hash =
      op === 'empty_root'
        ? emptyRoot()
        : op === 'leaf'
          ? leafHash(fromHex(input_hex))
          : nodeHash(fromHex(left_hex), fromHex(right_hex));
    expect(toHex(hash)).toBe(expected_hex);
  });
});
