/**
 * A moment to come as an option gives it (--deadline, a proxy's --until): a span is read whatever
 * its number of digits, and one that would end past the calendar is said to, not thrown.
 */
import { describe, expect, it } from 'vitest';
import { parseMoment } from '../../src/cli/options.js';

const now = new Date('2026-12-07T15:00:00.000Z');

describe('a moment given as a span from now', () => {
  it('is read with as many digits as it has: a year in minutes is a year', () => {
    expect(parseMoment('90m', now, '--deadline')).toBe('2026-12-07T16:30:00.000Z');
    expect(parseMoment('525600m', now, '--deadline')).toBe('2027-12-07T15:00:00.000Z');
    expect(parseMoment('8760h', now, '--deadline')).toBe('2027-12-07T15:00:00.000Z');
  });

  it('that ends after the year 9999 is refused as such, a usage error', () => {
    for (const span of ['2914000d', '99999999d', `${'9'.repeat(400)}h`])
      expect(() => parseMoment(span, now, '--deadline')).toThrow(
        expect.objectContaining({
          exitCode: 2,
          message: `--deadline "${span}": a span that ends after the year 9999: give a shorter one`,
        }),
      );
  });
});
