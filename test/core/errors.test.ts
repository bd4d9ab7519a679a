import { describe, expect, it } from 'vitest';
import { codeOf, codeOrText } from '../../src/core/errors.js';

describe('the code of a thrown error', () => {
  it('is the string code Node or a driver gives', () => {
    const error = Object.assign(new Error('no such file'), { code: 'ENOENT' });
    expect(codeOf(error)).toBe('ENOENT');
    expect(codeOrText(error)).toBe('ENOENT');
  });

  it('is nothing for what has no string code, whatever was thrown', () => {
    for (const thrown of [null, undefined, 'text', 7, {}, { code: 5 }, new Error('plain')])
      expect(codeOf(thrown)).toBeUndefined();
  });

  it('falls back to the error as text', () => {
    expect(codeOrText(new Error('disk full'))).toBe('Error: disk full');
    expect(codeOrText(null)).toBe('null');
  });
});
