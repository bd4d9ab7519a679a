/** Days and times checked against the calendar, beside the one Date.UTC keeps. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dayAfter,
  isDayOrTime,
  isGivenDate,
  isIsoDay,
  withinADay,
} from '../../src/core/calendar.js';
import { checkPayload } from '../../src/core/payloads.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Whether Date.UTC gives back the same fields: it carries 30 February over into March. */
function keptByDate(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s);
  return (
    t.getUTCFullYear() === y &&
    t.getUTCMonth() === mo - 1 &&
    t.getUTCDate() === d &&
    t.getUTCHours() === h &&
    t.getUTCMinutes() === mi &&
    t.getUTCSeconds() === s
  );
}

describe('the calendar', () => {
  it('gives the day after a day as Date does, across months and leap years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000_000 }), (n) => {
        const day = new Date(Date.UTC(1970, 0, 1) + n * 86_400_000 - 1_000_000 * 86_400_000);
        const next = new Date(day.getTime() + 86_400_000);
        if (day.getUTCFullYear() < 1 || next.getUTCFullYear() > 9999) return;
        expect(dayAfter(day.toISOString().slice(0, 10))).toBe(next.toISOString().slice(0, 10));
      }),
      { numRuns: 2000 },
    );
    expect(dayAfter('2024-02-28')).toBe('2024-02-29');
    expect(dayAfter('2100-02-28')).toBe('2100-03-01');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
  });

  it('takes two days as one day of an office within a day of each other, either way', () => {
    expect(withinADay('2026-12-31', '2027-01-01')).toBe(true);
    expect(withinADay('2027-01-01', '2026-12-31')).toBe(true);
    expect(withinADay('2028-02-29', '2028-02-29')).toBe(true);
    expect(withinADay('2028-02-28', '2028-03-01')).toBe(false);
    expect(withinADay('9999-12-31', '2026-12-06')).toBe(false);
    expect(withinADay('next Friday', '2026-12-06')).toBe(false);
    expect(withinADay('2026-02-30', '2026-03-01')).toBe(false);
  });

  it('takes a day exactly when Date keeps it, leap years included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, mo, d) => {
          const day = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
          expect(isIsoDay(day)).toBe(mo >= 1 && mo <= 12 && d >= 1 && keptByDate(y, mo, d));
          expect(isDayOrTime(day)).toBe(isIsoDay(day));
        },
      ),
      { numRuns: 2000 },
    );
    for (const [day, real] of [
      ['2024-02-29', true],
      ['2100-02-29', false],
      ['2000-02-29', true],
      ['1918-02-18', true],
      ['2026-04-31', false],
    ] as const)
      expect(isIsoDay(day), day).toBe(real);
  });

  it('takes a time of a day exactly when its fields are real, with or without seconds and zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.constantFrom('', 'Z', '+01:00', '-14:00', '+15:00', '+01:60'),
        (mo, d, h, mi, s, zone) => {
          const time = `2027-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${zone}`;
          const zoneReal = !['+15:00', '+01:60'].includes(zone);
          const real = h < 24 && mi < 60 && s < 60 && keptByDate(2027, mo, d, h, mi, s);
          expect(isDayOrTime(time), time).toBe(real && zoneReal);
        },
      ),
      { numRuns: 2000 },
    );
    for (const text of ['2027-11-20T19:30', '2027-11-20T19:30:05.123Z', '2027-11-20T19:30+03:00'])
      expect(isDayOrTime(text), text).toBe(true);
    for (const text of ['2027-11-20 19:30', '2027-11-20T19', '2027-11-20T19:30:05.', 'soon'])
      expect(isDayOrTime(text), text).toBe(false);
  });

  it('takes a date an act gives as free text, unless it is written as a day that is none', () => {
    for (const text of [
      '1917-10-25 (7 November, new style)',
      'the night of 25 October',
      '2027-11-20',
      '2027-11-20T19:30',
    ])
      expect(isGivenDate(text), text).toBe(true);
    for (const text of [
      '2026-02-30',
      '0000-00-00',
      '2026-02-30 (old style)',
      '2027-11-201',
      '2027-11-20T25:00',
      // A day in numbers in another spelling: an expanded year, a short month, a day first.
      '+02026-12-07',
      '-2026-12-07',
      '02026-12-07',
      '2026-1-5',
      '07-12-2026',
    ])
      expect(isGivenDate(text), text).toBe(false);
    // Words that open with numbers are still words: a night across two days.
    expect(isGivenDate('25-26 October 1917')).toBe(true);
    // As the record checks every new act: a dispatch received on a day that is none is refused.
    const dispatch = {
      dispatch: 'd1',
      body: 'board',
      number: '1',
      received: '2026-02-30',
      from: 'A farmer',
      channel: 'letter',
      text: 'Please mend the fence.',
    };
    expect(() => checkPayload({ type: 'dispatch.register', payload: dispatch } as never)).toThrow(
      /received "2026-02-30": not a real date/,
    );
  });
});
