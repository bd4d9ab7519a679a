/**
 * A decision's explanation as the command line and the web show it: the members it lists by id
 * named as the charter names them, every other word as the record has it, even where a person's
 * id is also a word of the explanation (a choice, an alternative).
 */
import { describe, expect, it } from 'vitest';
import { explanationNamed } from '../../../src/core/state/index.js';
import type { State } from '../../../src/core/state/index.js';
import { politburoOf } from '../../support/politburo-state.js';

/** People whose ids are words an explanation uses too: "aye", "moscow", "and". */
const PEOPLE: Record<string, string> = {
  lenin: 'V. I. Lenin',
  trotsky: 'L. D. Trotsky',
  kamenev: 'L. B. Kamenev',
  krestinsky: 'N. N. Krestinsky',
  aye: 'Aye Aung',
  moscow: 'M. M. Moskvin',
  and: 'A. N. Andreev',
};

const state = (): State => politburoOf(PEOPLE);

describe('explanationNamed', () => {
  const named = (explanation: string) => explanationNamed(state(), explanation);

  it('names the members who answered and those who did not, by the charter', () => {
    expect(
      named(
        'adopted: 3 ayes (lenin, trotsky and kamenev), 1 nay (aye), no answer from krestinsky; 4 of 5 asked answered, majority of votes cast',
      ),
    ).toBe(
      'adopted: 3 ayes (V. I. Lenin, L. D. Trotsky and L. B. Kamenev), 1 nay (Aye Aung), no answer from N. N. Krestinsky; 4 of 5 asked answered, majority of votes cast',
    );
    expect(
      named('advisory: 1 aye (and), 2 abstentions (moscow and and); 3 of 3 asked answered'),
    ).toBe(
      'advisory: 1 aye (A. N. Andreev), 2 abstentions (M. M. Moskvin and A. N. Andreev); 3 of 3 asked answered',
    );
  });

  it("names the chair of a casting vote, not the vote, nor what a quorum's words hold", () => {
    expect(
      named(
        "adopted: 3 ayes against 3 nays, tie broken by the chair's casting vote (lenin, aye), majority of members present (more than half of 6); 6 of 7 voting members present (1 by proxy), quorum 4",
      ),
    ).toBe(
      "adopted: 3 ayes against 3 nays, tie broken by the chair's casting vote (V. I. Lenin, aye), majority of members present (more than half of 6); 6 of 7 voting members present (1 by proxy), quorum 4",
    );
    // A casting vote recorded without a chair is the choice alone, though a person has its id.
    const unchaired = "adopted: 1 aye against 1 nay, tie broken by the chair's casting vote (aye)";
    expect(named(unchaired)).toBe(unchaired);
  });

  it('leaves alternatives as they are, though a person has the id of one', () => {
    const runoff =
      'not decided: no alternative has more than half of 7 votes (moscow 4, nizhny 3); runoff between moscow and nizhny; 7 of 7 voting members present, quorum 4';
    expect(named(runoff)).toBe(runoff);
    const plurality = 'moscow: 4 of 7 votes, plurality; 7 of 7 voting members present, quorum 4';
    expect(named(plurality)).toBe(plurality);
  });

  it("names each body's members in a joint count, and one the charter lacks by id", () => {
    expect(
      named(
        "rejected: each body's own majority is required: politburo rejected: 1 aye (lenin), no answer from trotsky and zed; 1 of 3 asked answered; majority of votes cast required; orgburo adopted: 1 aye (moscow); 1 of 1 asked answered, majority of votes cast",
      ),
    ).toBe(
      "rejected: each body's own majority is required: politburo rejected: 1 aye (V. I. Lenin), no answer from L. D. Trotsky and zed; 1 of 3 asked answered; majority of votes cast required; orgburo adopted: 1 aye (M. M. Moskvin); 1 of 1 asked answered, majority of votes cast",
    );
  });
});
