/** Proceedings between sessions: dispatches, circulations, instruments; their dates and order. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCharter } from '../../src/core/charter/index.js';
import type { Charter } from '../../src/core/charter/index.js';
import { instantOf, parseProceedings, replayOrder } from '../../src/core/proceedings/index.js';
import type { ProceedingsFile } from '../../src/core/proceedings/index.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/design/${name}`, import.meta.url), 'utf8');

function charter(): Charter {
  const result = parseCharter(fixture('charter-between.yaml'));
  if (!result.ok) throw new Error(`invalid charter: ${JSON.stringify(result.problems)}`);
  return result.value;
}

function read(text: string): ProceedingsFile {
  const result = parseProceedings(text, charter());
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

function problems(text: string): string[] {
  const result = parseProceedings(text, charter());
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((p) => `${p.line}:${p.col}: ${p.message}`);
}

describe('proceedings between sessions', () => {
  it("reads the design's dispatches, circulations and instruments as they are", () => {
    const file = read(fixture('between.yaml'));
    expect(file.sessions).toEqual([]);
    const [dispatch] = file.dispatches;
    expect(dispatch).toMatchObject({ number: '1920/517', received: '1920-09-24' });
    expect(dispatch?.referrals?.[0]).toEqual({
      by: 'lenin',
      inscription: "I'll ask Trotsky and Krestinsky",
      to: ['trotsky', 'krestinsky'],
    });
    const [enzeli] = file.circulations;
    expect(enzeli?.deadline).toBe('1920-09-25T12:00');
    expect(enzeli?.answers).toEqual({
      trotsky: {
        choice: 'nay',
        channel: 'telephone',
        'recorded-by': 'lenin',
        at: '1920-09-24T23:10',
      },
      krestinsky: { choice: 'nay' },
    });
    // Instruments are read loosely, as written: every item, the later acts on them too.
    expect(file.instruments.map((i) => ('id' in i ? i.id : 'revoke' in i ? i.revoke : ''))).toEqual(
      ['georgia-directive', 'nationalities-mandate', 'trotsky-loan', 'nationalities-mandate'],
    );
    expect(file.instruments[0]).toMatchObject({ 'rests-on': { session: 'pb-1920-05-05' } });
  });

  it('reads motions that ratify, follow and answer, and a session of another body', () => {
    const file = read(`body: central-committee
sessions:
  - id: s1
    body: politburo
    present: [lenin, trotsky, stalin]
    motions:
      - id: m1
        text: T
        ratifies: {circulation: c1}
        follows: {session: s0, motion: m0}
        dispatch: d1
        vote: {aye: 3}
`);
    expect(file.sessions[0]?.body).toBe('politburo');
    expect(file.sessions[0]?.motions[0]).toMatchObject({
      ratifies: { circulation: 'c1' },
      follows: { session: 's0', motion: 'm0' },
      dispatch: 'd1',
    });
  });

  it('locates what the schema refuses in the register and in circulations', () => {
    const text = `body: politburo
dispatches:
  - id: d1
    received: 1920-09-24
    from: Baku
    channel: pigeon
    text: T
circulations:
  - id: c1
    opened: 1920-09-24
    by: lenin
    text: Q
    deadline: 1920-09-25 12:00
    answers:
      trotsky: {choice: maybe}
`;
    expect(problems(text)).toEqual([
      '6:14: Invalid option: expected one of "letter"|"telegram"|"direct-wire"|"telephone"|"email"|"in-person"',
      '13:15: a date as 1920-09-24, or a time of day as 1920-09-25T12:00 (no zone)',
      '15:25: Invalid option: expected one of "aye"|"nay"|"abstain"',
    ]);
  });

  it('locates every unknown name and id used twice, all at once', () => {
    const text = `body: politburo
dispatches:
  - id: d1
    number: "7"
    received: 1920-09-24
    from: Baku
    channel: telegram
    text: T
    referrals:
      - {by: ghost, inscription: I, to: senate}
      - {inscription: I, to: [lenin, nobody]}
  - id: d1
    number: "7"
    received: 1920-09-24
    from: Baku
    channel: telegram
    text: T
circulations:
  - id: c1
    body: senate
    opened: 1920-09-24
    by: lenin
    text: Q
    to: [trotsky, trotsky]
    at-hand: [nobody]
    deadline: 1920-09-25T12:00
    answers:
      nobody: aye
      krestinsky: {choice: nay, recorded-by: ghost}
    withdrawn: no longer needed
    stated: rejected
`;
    expect(problems(text)).toEqual([
      "10:14: no person 'ghost' in the charter",
      "10:41: no body 'senate' in the charter (central-committee, bureau, politburo)",
      "11:38: no person 'nobody' in the charter",
      "12:9: dispatch 'd1' appears twice",
      '13:13: number 7 is given to d1 already',
      "20:11: no body 'senate' in the charter (central-committee, bureau, politburo)",
      "24:19: 'trotsky' is named twice in to",
      "25:15: no person 'nobody' in the charter",
      "28:15: no person 'nobody' in the charter",
      "29:46: no person 'ghost' in the charter",
      '31:13: a withdrawn question has no outcome to state',
    ]);
  });

  it('needs something to record, and takes instruments alone for nothing', () => {
    expect(problems('body: politburo\n')).toEqual([
      '1:1: nothing to record: give sessions, circulations or dispatches',
    ]);
    expect(problems('body: politburo\ninstruments:\n  - {id: i1, kind: directive}\n')).toEqual([
      '1:1: nothing to record: give sessions, circulations or dispatches',
    ]);
    expect(
      problems(
        'body: politburo\ndispatches:\n  - {id: w, received: 1920-09-24, from: B, channel: letter, text: T}\ninstruments:\n  - {kind: directive}\n  - plain text\n',
      ),
    ).toEqual([
      "5:5: missing required key 'id'",
      '6:5: an instrument: keys and values with an id (or revoke: ID, or settle: ID)',
    ]);
  });
});

describe('dates and times of proceedings', () => {
  it('writes a day or a time of day as the record writes times', () => {
    expect(instantOf('1920-09-25T12:00')).toBe('1920-09-25T12:00:00.000Z');
    expect(instantOf('1920-09-25T12:00:30')).toBe('1920-09-25T12:00:30.000Z');
    expect(instantOf('1920-09-25T12:00:30.5')).toBe('1920-09-25T12:00:30.500Z');
    expect(instantOf('1920-09-25')).toBe('1920-09-25T00:00:00.000Z');
    // A deadline given as a day runs to its end.
    expect(instantOf('1920-09-25', true)).toBe('1920-09-25T23:59:59.000Z');
  });

  it('orders the items by date; on one day, dispatches, circulations, then sessions', () => {
    const file = read(`body: politburo
sessions:
  - {id: late, date: 1920-09-26, present: [lenin]}
  - {id: undated, present: [lenin]}
  - {id: same-day, date: 1920-09-24, present: [lenin]}
circulations:
  - {id: evening, opened: 1920-09-24T18:00, by: lenin, text: Q, deadline: 1920-09-25}
  - {id: morning, opened: 1920-09-24, by: lenin, text: Q, deadline: 1920-09-25}
dispatches:
  - {id: wire, received: 1920-09-24, from: Baku, channel: direct-wire, text: T}
  - {id: letter, received: 1920-09-25T09:00, from: Tiflis, channel: letter, text: T}
`);
    expect(replayOrder(file).map((i) => i.id)).toEqual([
      'wire',
      'morning',
      'same-day',
      'evening',
      'letter',
      'late',
      'undated',
    ]);
    expect(replayOrder(file).find((i) => i.id === 'evening')).toMatchObject({
      kind: 'circulation',
      path: ['circulations', 0],
      at: '1920-09-24T18:00:00.000Z',
    });
  });

  it('keeps sessions without dates in the order of the file', () => {
    const file = read(`body: politburo
sessions:
  - {id: a, present: [lenin]}
  - {id: b, present: [lenin]}
  - {id: c, date: 1918-01-01, present: [lenin]}
  - {id: d, present: [lenin]}
`);
    expect(replayOrder(file).map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});
