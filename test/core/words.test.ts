import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { timeBeside, timeInWords } from '../../src/core/minutes/words.js';
import { instantMillis, numbered, plural } from '../../src/core/words.js';

describe('words', () => {
  test('numbered: a register number with its sign, never two', () => {
    expect(numbered('1920/517')).toBe('no. 1920/517');
    expect(numbered('1920/517', 'No.')).toBe('No. 1920/517');
    expect(numbered('№ 517/сек')).toBe('№ 517/сек');
    expect(numbered('No. 4')).toBe('No. 4');
    expect(numbered('#12')).toBe('#12');
    // A number that only begins with letters is no sign: "North-7" is numbered.
    expect(numbered('North-7')).toBe('no. North-7');
  });

  test('plural: one, and every other count', () => {
    expect(plural(1, 'day')).toBe('1 day');
    expect(plural(0, 'day')).toBe('0 days');
    expect(plural(3, 'abstention')).toBe('3 abstentions');
    expect(plural(2, 'person', 'people')).toBe('2 people');
  });

  test('instantMillis agrees with the platform calendar on every instant from 1600 to 2400', () => {
    const min = Date.parse('1600-01-01T00:00:00.000Z');
    const max = Date.parse('2399-12-31T23:59:59.999Z');
    fc.assert(
      fc.property(fc.integer({ min, max }), (ms) => {
        expect(instantMillis(new Date(ms).toISOString())).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });

  test('instantMillis refuses anything but the record’s form of a time', () => {
    for (const bad of ['1918-02-18', '18 February 1918', '2027-11-20T18:00Z', ''])
      expect(instantMillis(bad)).toBeNaN();
  });
});

describe('a time beside those it is compared with', () => {
  test('is said as finely as it takes to read as another moment, and no finer', () => {
    const deadline = '2026-12-07T12:00:00.000Z';
    expect(timeBeside('2026-12-07T12:00:01.000Z', [deadline])).toBe(
      '7 December 2026, 12:00:01 UTC',
    );
    expect(timeBeside(deadline, ['2026-12-07T12:00:01.000Z'])).toBe(
      '7 December 2026, 12:00:00 UTC',
    );
    expect(timeBeside('2026-12-07T12:00:00.250Z', [deadline])).toBe(
      '7 December 2026, 12:00:00.250 UTC',
    );
    expect(timeBeside('2026-12-07T12:01:00.000Z', [deadline])).toBe('7 December 2026, 12:01 UTC');
    expect(timeBeside(deadline, [deadline])).toBe('7 December 2026, 12:00 UTC');
  });
});

describe('a time in words', () => {
  test('says a time given with its offset from UTC at that offset', () => {
    expect(timeInWords('2026-12-07T10:00+14:00')).toBe('7 December 2026, 10:00 UTC+14:00');
    expect(timeInWords('2026-12-07T10:00:30-05:00', 'second')).toBe(
      '7 December 2026, 10:00:30 UTC-05:00',
    );
    expect(timeInWords('2026-12-07T10:00Z')).toBe('7 December 2026, 10:00 UTC');
    expect(timeInWords('2026-12-07T10:00')).toBe('7 December 2026, 10:00');
  });
});
