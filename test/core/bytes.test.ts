/** Base64 as the record takes it: exactly RFC 4648's, in its one canonical spelling. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, isCanonicalBase64, toBase64 } from '../../src/core/bytes.js';

describe('base64', () => {
  it('encodes as RFC 4648 does, and decodes what it encodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = toBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(isCanonicalBase64(text)).toBe(true);
        expect(fromBase64(text)).toEqual(bytes);
      }),
    );
  });

  it('takes a text exactly when it is the canonical spelling of what it decodes to', () => {
    const base64ish = fc.string({
      unit: fc.constantFrom(...'ABCDPQwxyz019+/=_- \n'.split('')),
      maxLength: 16,
    });
    fc.assert(
      fc.property(base64ish, (text) => {
        const canonical =
          /^[A-Za-z0-9+/]*={0,2}$/.test(text) &&
          text.length % 4 === 0 &&
          Buffer.from(text, 'base64').toString('base64') === text;
        expect(isCanonicalBase64(text)).toBe(canonical);
        if (canonical)
          expect(fromBase64(text)).toEqual(new Uint8Array(Buffer.from(text, 'base64')));
        else expect(() => fromBase64(text)).toThrow(RangeError);
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses the 15 other spellings of a signature whose last character carries unused bits', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const sig = toBase64(new Uint8Array(64).fill(7));
    const first = alphabet.indexOf(sig[85]!);
    const spellings = [...alphabet.slice(first, first + 16)].map(
      (c) => sig.slice(0, 85) + c + '==',
    );
    expect(spellings).toHaveLength(16);
    expect(spellings.filter(isCanonicalBase64)).toEqual([sig]);
    for (const other of spellings.slice(1))
      expect(Buffer.from(other, 'base64')).toEqual(Buffer.from(sig, 'base64'));
  });
});
