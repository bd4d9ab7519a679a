/**
 * A decision's flags as the command line and the web show them: the members each flag gives by
 * id named as the charter names them, every other word as the record has it, even where a
 * person's id is also a word of the flag (a choice, an article, a body); the body a flag gives
 * by id named likewise.
 */
import { describe, expect, it } from 'vitest';
import { decideFormula } from '../../../src/core/rules/index.js';
import type { VotingContext } from '../../../src/core/rules/index.js';
import { exclusionFlags } from '../../../src/core/state/decide.js';
import { flagNamed } from '../../../src/core/state/index.js';
import type { State } from '../../../src/core/state/index.js';
import { politburoOf } from '../../support/politburo-state.js';

/** People whose ids are words a flag uses too: "aye", "the", "answer", a body's id. */
const PEOPLE: Record<string, string> = {
  lenin: 'V. I. Lenin',
  trotsky: 'L. D. Trotsky',
  krestinsky: 'N. N. Krestinsky',
  dzerzhinsky: 'F. E. Dzerzhinsky',
  aye: 'Aye Aung',
  the: 'T. H. Eodorov',
  answer: 'A. N. Swerdlov',
  orgburo: 'O. R. Gburov',
};

const state = (): State => politburoOf(PEOPLE);

const named = (flag: string) => flagNamed(state(), flag);

/** A vote whose chair `the` was absent, with `aye` both a voting member and a candidate. */
const ctx: VotingContext = {
  votingMembers: ['lenin', 'trotsky', 'aye'],
  candidates: ['aye'],
  present: ['lenin', 'trotsky', 'aye'],
  quorum: { kind: 'majority' },
  chair: 'the',
  castingVote: true,
};

describe('flagNamed', () => {
  it('names the voter of a ballot or an answer not counted, whatever the reason', () => {
    const flags = exclusionFlags([
      { voter: 'krestinsky', reason: 'late' },
      { voter: 'aye', reason: 'absent' },
      { voter: 'the', reason: 'not-a-member' },
    ]);
    expect(flags.map(named)).toEqual([
      'N. N. Krestinsky answered after the deadline: ballot not counted',
      'Aye Aung was not present when the vote opened: ballot not counted',
      'T. H. Eodorov is not a voting member: ballot not counted',
    ]);
    expect(named('answer answered without being asked: answer not counted')).toBe(
      'A. N. Swerdlov answered without being asked: answer not counted',
    );
    // A reason a record words otherwise still begins with its voter.
    expect(named('trotsky some-reason: ballot not counted')).toBe(
      'L. D. Trotsky some-reason: ballot not counted',
    );
  });

  it('names the member listed as a candidate and the absent chair, not the casting vote', () => {
    const { flags } = decideFormula(ctx, 'votes-cast', {
      mode: 'counts',
      counts: { aye: 1, nay: 1 },
      casting: 'aye',
    });
    expect(flags.map(named)).toEqual([
      'Aye Aung is listed both as a voting member and as a candidate; counted as a candidate',
      'casting vote (aye) ignored: the chair T. H. Eodorov was not present when the vote opened',
    ]);
  });

  it('names who was asked without a vote, or put a question, and no body by a person', () => {
    expect(named('dzerzhinsky is not a voting member of orgburo')).toBe(
      'F. E. Dzerzhinsky is not a voting member of orgburo',
    );
    expect(named('the may not put a question to orgburo')).toBe(
      'T. H. Eodorov may not put a question to orgburo',
    );
  });

  it('names each member a delegated body did not draw in, and one the charter lacks by id', () => {
    expect(named('orgburo did not draw in lenin, aye, zed of its parent, who were at hand')).toBe(
      'orgburo did not draw in V. I. Lenin, Aye Aung, zed of its parent, who were at hand',
    );
  });

  it('names the body of a flag by its name where the charter has it, never as a person', () => {
    expect(named('politburo did not draw in lenin of its parent, who were at hand')).toBe(
      'Political Bureau did not draw in V. I. Lenin of its parent, who was at hand',
    );
    expect(named('dzerzhinsky is not a voting member of politburo')).toBe(
      'F. E. Dzerzhinsky is not a voting member of Political Bureau',
    );
    expect(named('the may not put a question to politburo')).toBe(
      'T. H. Eodorov may not put a question to Political Bureau',
    );
    expect(named('politburo decided outside its delegated powers (the, aye)')).toBe(
      'Political Bureau decided outside its delegated powers (the, aye)',
    );
  });

  it("names whom and what a dispatch's inscription refers it to", () => {
    expect(named('the inscription refers it to krestinsky, whom no question put on it asked')).toBe(
      'the inscription refers it to N. N. Krestinsky, whom no question put on it asked',
    );
    expect(
      named('the inscription refers it to the, who was asked only after it was answered'),
    ).toBe('the inscription refers it to T. H. Eodorov, who was asked only after it was answered');
    expect(
      named('the inscription refers it to politburo, to which no question on it was put'),
    ).toBe('the inscription refers it to Political Bureau, to which no question on it was put');
  });

  it('reads the flagged ratifying motion as this motion, and its decision and body by name', () => {
    // The motion's id is no person's even where a person has it; a decision the record lacks
    // reads as the record words it (those it has are named in test/cli/history-eleventh.test.ts).
    expect(
      named('lenin ratifies motion m1 of session s1, which awaits no ratification by politburo'),
    ).toBe(
      'this motion ratifies motion m1 of session s1, which awaits no ratification by Political Bureau',
    );
    expect(named('the ratifies circulation aye, which awaits no ratification by orgburo')).toBe(
      'this motion ratifies circulation aye, which awaits no ratification by orgburo',
    );
  });

  it('leaves every other flag as the record words it', () => {
    for (const flag of [
      'casting vote (aye) ignored: the charter gives the chair no casting vote',
      'casting vote (aye) ignored: the vote is not tied',
      'no runoff: aye, lenin and the tie for first place with 2 each',
      'the minutes give 3 aye but name 2',
      'counts name no voters: counted jointly, not by each body',
    ])
      expect(named(flag)).toBe(flag);
  });
});
