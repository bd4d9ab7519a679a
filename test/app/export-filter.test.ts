/**
 * An export's filter is checked once, by the export (days, then the session, then the body), and
 * refused in those words and that order when several of its values are wrong: the register of
 * decisions it reads does not check them again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decisionRows } from '../../src/app/exports.js';
import { DomainError } from '../../src/core/errors.js';
import * as dates from '../../src/core/minutes/dates.js';
import { politburoOf } from '../support/politburo-state.js';

vi.mock('../../src/core/minutes/dates.js', async (original) => {
  const real = await original<typeof import('../../src/core/minutes/dates.js')>();
  return { ...real, checkDays: vi.fn(real.checkDays) };
});

const state = politburoOf({ lenin: 'V. I. Lenin', trotsky: 'L. D. Trotsky' });

/** What a filter is refused with: its code and the words people read. */
function refused(filter: Parameters<typeof decisionRows>[1]): [string, string] | undefined {
  try {
    decisionRows(state, filter);
  } catch (e) {
    return [(e as DomainError).code, (e as DomainError).message];
  }
  return undefined;
}

describe('the filter of the decisions exported', () => {
  afterEach(() => {
    vi.mocked(dates.checkDays).mockClear();
  });

  it('is checked once', () => {
    expect(decisionRows(state, { from: '1920-01-01', body: 'politburo' })).toEqual([]);
    expect(dates.checkDays).toHaveBeenCalledTimes(1);
  });

  it('is refused for its days first, then its session, then its body', () => {
    const wrong = { session: 'no-such', body: 'nobody' };
    expect(refused({ from: '1920-02-30', ...wrong })).toEqual([
      'invalid-input',
      "from '1920-02-30' is not a day: give one as 2027-11-20",
    ]);
    expect(refused({ from: '1920-02-01', to: '1920-01-01', ...wrong })).toEqual([
      'invalid-input',
      'to 1920-01-01 is before from 1920-02-01',
    ]);
    expect(refused(wrong)).toEqual(['not-found', "no session 'no-such' in the record"]);
    expect(refused({ body: 'nobody' })).toEqual(['not-found', "no body 'nobody' in the charter"]);
  });
});
