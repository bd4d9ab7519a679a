/**
 * A moment to come as an option gives it (--deadline, a proxy's --until): a span is read whatever
 * its number of digits, and one that would end past the calendar is said to, not thrown.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMoment, parseTime } from '../../src/cli/options.js';
import { cli, okOn } from '../support/cli.js';
import { COOPERATIVE } from '../support/examples.js';

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

describe('a moment given as a date', () => {
  it('that the calendar lacks is said to be none, a usage error', () => {
    for (const [text, day] of [
      ['2026-02-30', '2026-02-30'],
      ['2027-02-29T18:00', '2027-02-29'],
      ['2026-13-01T09:00+01:00', '2026-13-01'],
    ])
      expect(() => parseMoment(text!, now, '--deadline')).toThrow(
        expect.objectContaining({
          exitCode: 2,
          message: `--deadline "${text}": ${day} is not a day of the calendar`,
        }),
      );
    expect(() => parseTime('2026-04-31T10:00', '--at')).toThrow(
      expect.objectContaining({
        message: '--at "2026-04-31T10:00": 2026-04-31 is not a day of the calendar',
      }),
    );
  });

  it('that is a day of the calendar but no time of one keeps the message that says what to give', () => {
    expect(() => parseMoment('2026-02-28T25:00', now, '--deadline')).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('give a date-time (2026-12-10T18:00)'),
      }),
    );
    expect(parseMoment('2028-02-29', now, '--deadline')).toBe('2028-02-29T23:59:59.999Z');
  });
});

describe('the day a session opened now meets, as --date gives it', () => {
  it('is a day of the calendar, written YYYY-MM-DD: another spelling is a usage error, nothing recorded', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'collegium-moments-')), 'board.db');
    await okOn(db)('init', '--charter', COOPERATIVE.charter);
    const today = new Date().toISOString().slice(0, 10);
    for (const date of [`+0${today}`, `${today} evening`, 'next Tuesday']) {
      const r = await cli('session', 'open', 's', '--body', 'board', '--date', date, '--db', db);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain(
        `--date ${date}: give a real date (2026-12-01) or date-time (2026-12-01T18:00)`,
      );
    }
    // An empty one is repeated as '', not as nothing.
    const empty = await cli('session', 'open', 's', '--body', 'board', '--date', '', '--db', db);
    expect(empty.code, empty.err).toBe(2);
    expect(empty.err).toContain("--date '': give a real date (2026-12-01)");
    expect((await cli('log', '--db', db)).out).not.toContain('session.open');
  });
});
