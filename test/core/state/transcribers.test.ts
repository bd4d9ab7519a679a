/**
 * Who transcribes minutes: the body's officers, and the organization with the custodial key. A
 * transcription records what breaks the charter, as the minutes give it; anyone else signing an
 * act of minutes with their own key acts for themself, within their role, as live. A rule for new
 * acts: a record that holds one folds as it did.
 */
import { describe, expect, it } from 'vitest';
import type { Act } from '../../../src/core/acts.js';
import { testPublicKey } from '../../support/keys.js';
import { BOARD, Fold } from './fold.js';

/** fay's own key, enrolled once she has transcribed with the custodial key. */
const FAY = testPublicKey(9);

const propose = (motion: string, proposer: string): Act =>
  ({
    type: 'motion.propose',
    payload: { session: 's', motion, text: 'Resolved.', proposer },
  }) as Act;

/** A session of the board's minutes, chaired by ann; fay sits on no body. */
function minutes(): Fold {
  const f = new Fold({ board: BOARD });
  f.act({ type: 'session.open', payload: { session: 's', body: 'board', mode: 'minutes' } }, 'ann');
  return f;
}

function enrolFay(f: Fold): void {
  f.act({ type: 'member.enrol', payload: { person: 'fay', key: FAY } } as Act, 'ann');
}

describe('an act of minutes outside its actor’s role', () => {
  it('is recorded where an officer or the organization transcribes it', () => {
    const f = minutes();
    // Signed with the custodial key: fay has no key of her own yet.
    f.act(propose('by-custodian', 'fay'), 'fay');
    enrolFay(f);
    f.act(propose('by-chair', 'fay'), 'fay', 'ann');
    expect(f.state.motions.size).toBe(2);
  });

  it('is refused, saying who transcribes, where its actor signs it with their own key', () => {
    const f = minutes();
    enrolFay(f);
    f.refuses('not-member', propose('own', 'fay'), 'fay', 'fay', FAY);
    expect(() => f.act(propose('own', 'fay'), 'fay', 'fay', FAY)).toThrow(
      /fay may not propose a motion in Board: .* \(minutes are transcribed by ann of Board or by the organization; anyone else records in them only their own acts, within their role\)/,
    );
  });

  it('held by a record already is taken as it stands', () => {
    const f = minutes();
    enrolFay(f);
    f.replays(propose('own', 'fay'), 'fay', 'fay', FAY);
    expect(f.state.motions.size).toBe(1);
  });

  it('within its actor’s role is taken from them', () => {
    const f = minutes();
    f.act(propose('own', 'dee'), 'dee');
    expect(f.state.motions.size).toBe(1);
  });
});
