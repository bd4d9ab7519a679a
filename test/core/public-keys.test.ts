/**
 * Keys a member may hold: a point of small order verifies signatures made without any private
 * key, so such a key in a charter or an enrolment would let anyone act as that member.
 */
import { generateKeyPairSync, verify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64 } from '../../src/core/bytes.js';
import { checkPayload } from '../../src/core/payloads.js';
import { isUsableBase64Key, isUsableEd25519Key } from '../../src/core/public-keys.js';
import { keyPairFromSeed, publicKeyObject } from '../../src/record/ed25519.js';

const hex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
/** The eight points of order 1, 2, 4 and 8, as canonically encoded. */
const SMALL_ORDER = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0000000000000000000000000000000000000000000000000000000000000080',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
];
/** y at or above the field's prime p = 2^255 - 19, and the identity with a negative zero x. */
const NOT_CANONICAL = [
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0100000000000000000000000000000000000000000000000000000000000080',
];

describe('usable Ed25519 keys', () => {
  it('refuses every point of small order', () => {
    for (const point of SMALL_ORDER) expect(isUsableEd25519Key(hex(point)), point).toBe(false);
  });

  it('shows why: node verifies a signature no one made under the identity key', () => {
    // Any R = [s]B with k·A = 0: the signature (B, 1) over any message verifies.
    const base = hex('5866666666666666666666666666666666666666666666666666666666666666');
    const forged = new Uint8Array([...base, 1, ...new Uint8Array(31)]);
    const key = publicKeyObject(hex(SMALL_ORDER[0]!));
    expect(verify(null, Buffer.from('anything at all'), key, forged)).toBe(true);
  });

  it('refuses encodings that are not canonical and bytes that are no point', () => {
    for (const bytes of NOT_CANONICAL) expect(isUsableEd25519Key(hex(bytes)), bytes).toBe(false);
    expect(isUsableEd25519Key(hex('02' + '00'.repeat(31)))).toBe(false);
    expect(isUsableEd25519Key(new Uint8Array(31))).toBe(false);
  });

  it('takes every key a member can make', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (seed) => {
        expect(isUsableEd25519Key(keyPairFromSeed(seed).publicKey)).toBe(true);
      }),
      { numRuns: 200 },
    );
    const made = generateKeyPairSync('ed25519').publicKey;
    const raw = made.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
    expect(isUsableBase64Key(raw)).toBe(true);
  });

  it('refuses an enrolment or a revocation naming a weak key', () => {
    for (const point of SMALL_ORDER) {
      const key = Buffer.from(hex(point)).toString('base64');
      expect(fromBase64(key)).toEqual(hex(point));
      const enrol = { person: 'ada', key, invitation: 'ab'.repeat(32) };
      expect(() => checkPayload({ type: 'member.enrol', payload: enrol })).toThrow(
        /^member\.enrol: key "[^"]+": not a usable Ed25519 public key/,
      );
      expect(() =>
        checkPayload({ type: 'member.revoke', payload: { person: 'ada', key } }),
      ).toThrow(/^member\.revoke: key "[^"]+": not a usable Ed25519 public key/);
    }
  });
});
