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
    // Instruments as written: every item, the later acts on them too.
    expect(file.instruments.map((i) => ('id' in i ? i.id : 'revoke' in i ? i.revoke : ''))).toEqual(
      ['georgia-directive', 'nationalities-mandate', 'trotsky-loan', 'nationalities-mandate'],
    );
    expect(file.instruments[0]).toMatchObject({
      'rests-on': { session: 'pb-1920-05-05', motion: 'georgia' },
      signatures: ['lenin', 'stalin'],
      number: '004/109',
    });
    expect(file.instruments[2]).toMatchObject({ amount: { value: 3000, unit: 'RUB' } });
    expect(file.instruments[3]).toEqual({ revoke: 'nationalities-mandate', date: '1918-06-01' });
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
      '6:14: one of "letter", "telegram", "direct-wire", "telephone", "email", "in-person" expected',
      '13:15: a date as 1920-09-24, or a time of day as 1920-09-25T12:00 (no zone)',
      '15:25: one of "aye", "nay", "abstain" expected',
    ]);
  });

  it('names the key mistyped in a value of several forms, never in the schema library’s words', () => {
    const text = `body: politburo
circulations:
  - id: c1
    opened: 1920-09-24
    by: lenin
    text: Q
    deadline: 1920-09-25
    answers:
      trotsky: {choise: aye}
instruments:
  - id: i1
    kind: directive
    text: T
    rests-on: {sesion: pb, motion: georgia}
sessions:
  - id: s1
    present: [lenin]
    motions:
      - id: m1
        text: T
        vote: {yes: 3}
`;
    expect(problems(text)).toEqual([
      "9:16: missing required key 'choice'",
      "9:17: unknown key 'choise': did you mean 'choice'?",
      "14:15: missing required key 'session'",
      "14:16: unknown key 'sesion': did you mean 'session'?",
      "21:16: unknown key 'yes'",
    ]);
  });

  it('says what a value of several forms takes when none of them takes it, never "Invalid input"', () => {
    const text = `body: politburo
circulations:
  - id: c1
    opened: 1920-09-24
    by: lenin
    text: Q
    deadline: 1920-09-25
    answers:
      trotsky: yes
      lenin: [aye, yes]
instruments:
  - id: i1
    kind: directive
    text: T
    rests-on: 5
    signatures: [5, Lenin]
`;
    expect(problems(text)).toEqual([
      '9:16: one of "aye", "nay", "abstain", or an object, or a list expected, not "yes"',
      '10:20: one of "aye", "nay", "abstain", or an object expected, not "yes"',
      '15:15: an object, or "none" expected, not 5',
      '16:18: a text, or an object expected, not 5',
      '16:21: "Lenin" is not an id: an id is lowercase Latin letters (a-z), digits, ".", "_" or "-"',
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
      - {inscription: I, to: [lenin, nobody, lenin]}
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
    at-hand: [nobody, lenin, lenin]
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
      "11:46: 'lenin' is named twice in to",
      "12:9: dispatch 'd1' appears twice",
      '13:13: number 7 is given to d1 already',
      "20:11: no body 'senate' in the charter (central-committee, bureau, politburo)",
      "24:19: 'trotsky' is named twice in to",
      "25:15: no person 'nobody' in the charter",
      "25:30: 'lenin' is named twice in at-hand",
      "28:15: no person 'nobody' in the charter",
      "29:46: no person 'ghost' in the charter",
      '31:13: a withdrawn question has no outcome to state',
    ]);
  });

  it('refuses at its place one said to be at hand who is not of the parent the body draws in', () => {
    // The Bureau draws in the Central Committee's voting members at Smolny: not its candidate
    // (Stassova), nor someone who does not sit on it (Pestkovsky); Zinoviev sits on it.
    const text = `body: bureau
sessions:
  - id: b1
    date: 1917-12-20
    present: [lenin, stalin, trotsky, zinoviev]
    at-hand: [zinoviev, stassova]
circulations:
  - id: c1
    opened: 1917-12-21
    by: lenin
    text: Q
    power: extraordinary-affairs
    at-hand: [pestkovsky]
    deadline: 1917-12-22
`;
    expect(problems(text)).toEqual([
      '6:25: stassova, said to be at hand, is not a voting member of central-committee, whose members bureau draws in',
      '13:15: pestkovsky, said to be at hand, is not a voting member of central-committee, whose members bureau draws in',
    ]);
    // A body with no such obligation is not asked who of a parent was at hand.
    expect(
      read(text.replace('body: bureau', 'body: politburo').replace(/ {4}power: .*\n/, '')).sessions,
    ).toHaveLength(1);
  });

  it('needs something to record: instruments alone are something', () => {
    expect(problems('body: politburo\n')).toEqual([
      '1:1: nothing to record: give sessions, circulations, dispatches or instruments',
    ]);
    expect(
      read('body: politburo\ninstruments:\n  - {id: i1, kind: directive, text: T}\n').instruments,
    ).toHaveLength(1);
  });

  it('locates what is wrong with instruments and the later acts on them, all at once', () => {
    const text = `body: politburo
dispatches:
  - {id: w, received: 1920-09-24, from: B, channel: letter, text: T, closed: answered}
instruments:
  - {kind: directive}
  - plain text
  - {id: i1, kind: directive}
  - {id: i1, kind: directive, text: T, number: "1", body: senate, holder: ghost, issued: yes}
  - {id: i2, kind: directive, text: T, number: "1", signatures: [lenin, {by: stalin, recorded-by: nobody}, lenin]}
  - {id: i3, kind: directive, text: T, answers: w, until: soon}
  - {id: i4, kind: mandate, holder: lenin, issued: false, issued-by: lenin}
  - {revoke: i4, date: 19}
  - {settle: i2, by: {session: s}}
  - {annul: i2}
  - {annul: i2, by: {circulation: c}, superseded-by: i2, annulled-by: ghost}
  - {revoke: i4}
`;
    // What the schema refuses stops the file before its names are checked.
    expect(problems(text)).toEqual([
      "5:5: missing required key 'id'",
      '6:5: an instrument (id: ID, kind: KIND, ...), or a later act on one (revoke: ID, settle: ID or annul: ID)',
      '8:90: true or false expected, not a text',
      '10:59: a date as 1920-09-24, or a time of day as 1920-09-25T12:00 (no zone)',
      '12:24: a date as 1920-09-24, or a time of day as 1920-09-25T12:00 (no zone)',
      "13:18: unknown key 'by'",
      "14:5: missing required key 'by'",
    ]);
    // With the values the schema takes, the checks against the charter and the file.
    expect(
      problems(`body: politburo
dispatches:
  - {id: w, received: 1920-09-24, from: B, channel: letter, text: T, closed: answered}
instruments:
  - {id: i0, kind: directive}
  - {id: i1, kind: directive, text: T}
  - {id: i3, kind: directive, text: T, answers: w, number: "1"}
  - {id: i1, kind: directive, text: T, number: "1", body: senate, holder: ghost}
  - {id: i2, kind: directive, text: T, number: "1", signatures: [lenin, {by: stalin, recorded-by: nobody}, lenin]}
  - {id: i4, kind: mandate, holder: lenin, issued: false, issued-by: lenin}
  - {annul: i2, by: {circulation: c}, superseded-by: i2, annulled-by: ghost}
  - {revoke: i4}
`),
    ).toEqual([
      '3:78: instrument i3 answers w and closes it when issued: leave out closed',
      "5:5: missing required key 'text': only a mandate's or a receipt's text is written from its holder, scope, amount or creditor",
      "8:10: instrument 'i1' appears twice",
      "8:59: no body 'senate' in the charter (central-committee, bureau, politburo)",
      "8:75: no person 'ghost' in the charter",
      '9:48: number 1 is given to i3 already',
      "9:99: no person 'nobody' in the charter",
      "9:108: 'lenin' signs i2 twice",
      '10:70: an instrument never issued (issued: false) has no one who issued it',
      '11:54: an instrument does not supersede itself',
      "11:71: no person 'ghost' in the charter",
      "12:14: the mandate 'i4' is a draft this file never issues (issued: false): there is nothing to revoke",
    ]);
  });
});

describe('when a question was put, answered and due', () => {
  const question = (opened: string, deadline: string, answers: string) => `body: politburo
circulations:
  - id: q
    opened: ${opened}
    by: lenin
    text: Send the divisions east?
    deadline: ${deadline}
    answers:
${answers}`;

  it('refuses a deadline not after the question was put, and an answer before it', () => {
    const text = question(
      '1920-02-10T10:00',
      '1920-02-09',
      [
        '      trotsky: { choice: aye, at: 1920-02-09T09:00 }',
        '      stalin: { choice: aye, at: 1920-02-09 }',
        '      krestinsky: { choice: nay, at: 1920-02-10 }',
      ].join('\n'),
    );
    expect(problems(text)).toEqual([
      '7:15: the deadline 1920-02-09 is not after the question was put (1920-02-10T10:00)',
      '9:35: trotsky answered at 1920-02-09T09:00, before the question was put (1920-02-10T10:00)',
      '10:34: stalin answered at 1920-02-09, before the question was put (1920-02-10T10:00)',
    ]);
    expect(problems(question('1920-02-10T10:00', '1920-02-10T10:00', '      lenin: aye'))).toEqual([
      '7:15: the deadline 1920-02-10T10:00 is not after the question was put (1920-02-10T10:00)',
    ]);
  });

  it('takes an answer on the day it was put, or at its time, and a deadline of that day', () => {
    const text = question(
      '1920-02-10T10:00',
      '1920-02-10',
      [
        '      trotsky: { choice: aye, at: 1920-02-10 }',
        '      stalin: { choice: aye, at: 1920-02-10T10:00 }',
      ].join('\n'),
    );
    expect(read(text).circulations[0]?.deadline).toBe('1920-02-10');
  });

  it('says, of a member answering twice, that the file keeps the answer that counted', () => {
    const text = question(
      '1920-02-10T10:00',
      '1920-02-11',
      [
        '      trotsky: { choice: aye, at: 1920-02-10T11:00 }',
        '      stalin: aye',
        '      trotsky: { choice: nay, channel: telephone, at: 1920-02-10T15:00 }',
      ].join('\n'),
    );
    expect(problems(text)).toEqual([
      "11:7: the key 'trotsky' is given twice in this mapping (first at line 9, column 7): a member is named once in answers: a member who changed an answer has the list of their answers, in the order given (trotsky: [nay, aye])",
    ]);
    // A key given twice elsewhere is told as before, without it.
    const twice = text.replace('    by: lenin\n', '    by: lenin\n    by: stalin\n');
    expect(problems(twice)[0]).toBe(
      "6:5: the key 'by' is given twice in this mapping (first at line 5, column 5)",
    );
  });
});

describe('dates and times of proceedings', () => {
  it('writes a day or a time of day as the record writes times', () => {
    expect(instantOf('1920-09-25T12:00')).toBe('1920-09-25T12:00:00.000Z');
    expect(instantOf('1920-09-25T12:00:30')).toBe('1920-09-25T12:00:30.000Z');
    expect(instantOf('1920-09-25T12:00:30.5')).toBe('1920-09-25T12:00:30.500Z');
    expect(instantOf('1920-09-25')).toBe('1920-09-25T00:00:00.000Z');
    // A deadline given as a day runs to its end.
    expect(instantOf('1920-09-25', true)).toBe('1920-09-25T23:59:59.999Z');
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

  it('places instruments after the decisions and dispatches of their day, later acts after what they name', () => {
    const file = read(`body: politburo
instruments:
  - {revoke: m, date: 1918-06-01}
  - {id: d, kind: directive, text: T, date: 1920-05-05, rests-on: {session: s, motion: x}}
  - {id: m, kind: mandate, holder: lenin}
  - {id: r, kind: receipt, from: trotsky, amount: {value: 1, unit: RUB}, answers: w}
  - {settle: r}
  - {annul: d, by: {circulation: c}}
sessions:
  - {id: s, date: 1920-05-05, present: [lenin]}
circulations:
  - {id: c, opened: 1921-01-01, by: lenin, text: Q, deadline: 1921-01-02}
dispatches:
  - {id: w, received: 1920-06-01, from: Baku, channel: letter, text: T}
`);
    const order = replayOrder(file);
    expect(order.map((i) => `${i.kind} ${i.id}`)).toEqual([
      'session s',
      'instrument d',
      'instrument m',
      'later-act m',
      'dispatch w',
      'instrument r',
      'later-act r',
      'circulation c',
      'later-act d',
    ]);
    // An instrument without a date is placed after what it follows, with no date of its own.
    const mandate = order.find((i) => i.id === 'm' && i.kind === 'instrument');
    expect(mandate).toMatchObject({ path: ['instruments', 2] });
    expect(mandate?.at).toBeUndefined();
    expect(order.find((i) => i.kind === 'later-act' && i.id === 'm')?.at).toBe(
      '1918-06-01T00:00:00.000Z',
    );
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
