/** Ids the web app makes from what a member typed (src/web/lib/format.ts). */
import { describe, expect, it } from 'vitest';
import {
  adviceReason,
  describeEntry,
  explanationNamedIn,
  flagNamedIn,
  labelsApart,
  sessionLabel,
  slug,
  tallyRows,
  timeAfter,
  timeOf,
} from '../../src/web/lib/format.js';
import type { Organization } from '../../src/web/lib/types.js';

describe('slug', () => {
  it('makes an id of the words', () => {
    expect(slug('Shall we paint the hall?', 'question')).toBe('shall-we-paint-the-hall');
    expect(slug('board-2027/3', 'board')).toBe('board-2027-3');
    expect(slug('?!', 'question')).toBe('question');
  });

  it('of the words only, not of markup typed with them', () => {
    expect(slug('Q <b>bold</b> \u202ertl', 'question')).toBe('q-bold-rtl');
    expect(slug('<i>Budget</i> for <a href="x">2027</a>', 'question')).toBe('budget-for-2027');
    // A comparison is words: only a tag is markup.
    expect(slug('Quorum < 5 and > 2', 'question')).toBe('quorum-5-and-2');
  });

  it('keeps an accented letter as its letter', () => {
    expect(slug('Résumé of the café', 'question')).toBe('resume-of-the-cafe');
  });
});

describe('timeOf', () => {
  it('says a moment to the minute, without its seconds', () => {
    const said = timeOf('2026-12-09T16:05:42.123Z');
    expect(said).toContain('2026');
    expect(said).not.toMatch(/\d:\d\d:\d\d/);
    expect(said).not.toContain('42');
  });

  it("says it in the words of every other date of the app, in the reader's zone", () => {
    const moment = new Date(2026, 11, 14, 1, 46, 30); // local time
    expect(timeOf(moment.toISOString())).toBe('14 December 2026, 01:46');
  });

  it('gives back what is not a time as it came', () => {
    expect(timeOf('after the congress')).toBe('after the congress');
  });
});

describe('timeAfter', () => {
  const at = (second: number, ms = 0) => new Date(2026, 11, 14, 12, 0, second, ms).toISOString();

  it('says a moment after another to the minute where the minutes differ', () => {
    const later = new Date(2026, 11, 14, 12, 3, 10).toISOString();
    expect(timeAfter(later, at(0))).toBe('14 December 2026, 12:03');
  });

  it('to the second within the same minute, and to the millisecond within the same second', () => {
    expect(timeAfter(at(1), at(0))).toBe('14 December 2026, 12:00:01');
    expect(timeAfter(at(0, 250), at(0))).toBe('14 December 2026, 12:00:00.250');
  });

  it('gives back what is not a time as it came', () => {
    expect(timeAfter('after the congress', at(0))).toBe('after the congress');
  });
});

describe('tallyRows', () => {
  it('reads aye, nay, abstain, whatever order the keys came in', () => {
    // A decision's tally as the record's canonical JSON gives it: its keys sorted.
    const recorded = { abstain: 0, aye: 2, declined: 1, nay: 1, 'not-voting': 0 };
    expect(tallyRows(recorded)).toEqual([
      ['aye', 2],
      ['nay', 1],
      ['abstain', 0],
      ['declined', 1],
    ]);
  });

  it('puts the alternatives first, in their order, then abstentions', () => {
    expect(tallyRows({ abstain: 1, smith: 3, jones: 2 })).toEqual([
      ['smith', 3],
      ['jones', 2],
      ['abstain', 1],
    ]);
    // An alternative called as a name every object has is an alternative like any other.
    expect(tallyRows({ abstain: 1, constructor: 2, other: 3 })).toEqual([
      ['constructor', 2],
      ['other', 3],
      ['abstain', 1],
    ]);
  });

  it('lists the answers not given after the answers of a circulation', () => {
    expect(tallyRows({ 'no-answer': 5, abstain: 0, aye: 1, nay: 1 })).toEqual([
      ['aye', 1],
      ['nay', 1],
      ['abstain', 0],
      ['no-answer', 5],
    ]);
  });
});

describe('describeEntry', () => {
  const entry = (type: string, payload: Record<string, unknown>) =>
    ({ type, payload, actor: 'hana', signer: 'hana', time: '2026-12-09T16:05:42Z' }) as never;
  const people = (id: string | null | undefined) => (id === 'hana' ? 'Hana Kowalski' : (id ?? ''));
  const bodies = (id: string | null | undefined) =>
    id === 'board' ? 'Board of Directors' : (id ?? '');

  it('names the body a session, a question or an instrument is of, not its id', () => {
    expect(
      describeEntry(
        entry('session.open', { session: 's', body: 'board', title: 'December meeting' }),
        {},
        people,
        bodies,
      ),
    ).toBe('Hana Kowalski opens the session "December meeting" of Board of Directors.');
    expect(
      describeEntry(
        entry('circulation.open', {
          circulation: 'c',
          body: 'board',
          text: 'Paint?',
          deadline: '2026-12-10T12:00:00Z',
        }),
        {},
        people,
        bodies,
      ),
    ).toMatch(/^Hana Kowalski puts a question to Board of Directors until /);
    expect(
      describeEntry(
        entry('instrument.draft', {
          instrument: 'm-1',
          kind: 'mandate',
          number: '1',
          body: 'board',
          text: 'Go.',
        }),
        { instrument: 'mandate no. 1 of Board of Directors' },
        people,
        bodies,
      ),
    ).toBe('Hana Kowalski drafts mandate no. 1 of Board of Directors: "Go.".');
    // An act of the organization (no actor) is a sentence too.
    expect(
      describeEntry(
        { ...(entry('instrument.issue', { instrument: 'm-1' }) as object), actor: null } as never,
        { instrument: 'mandate no. 1 of Board of Directors' },
        (id) => id ?? 'the organization',
        bodies,
      ),
    ).toBe('The organization issues mandate no. 1 of Board of Directors.');
  });

  // What the server names each in words (GET /api/log `named`), as the other pages name them.
  const motion =
    'motion 2 ("Paint the fence") of the session of Board of Directors on 9 December 2026';
  const question = 'the question "Paint?" put to Board of Directors (10 December 2026)';
  const mandate = 'mandate no. 3 of Board of Directors';
  const proxy = 'the proxy of Hana Kowalski to Ben Ode for ' + motion;
  const letter = 'dispatch no. 2026/41 from Residents of block B';
  const line = (type: string, payload: Record<string, unknown>, named: Record<string, string>) =>
    describeEntry(entry(type, payload), named, people, bodies);

  it('names the motion, question, instrument, proxy or dispatch an entry acts on, not its id', () => {
    const inSession = { session: 's-9f1c', motion: 'm-3f2a' };
    const lines = [
      line('vote.open', inSession, { motion }),
      line('ballot.cast', { ...inSession, voter: 'hana', choice: 'aye' }, { motion }),
      line('vote.close', { ...inSession, decision: { explanation: 'adopted' } }, { motion }),
      line('charter.amend', inSession, { motion }),
      line(
        'circulation.answer',
        { circulation: 'c-77', member: 'hana', choice: 'nay' },
        {
          circulation: question,
        },
      ),
      line('circulation.close', { circulation: 'c-77', decision: {} }, { circulation: question }),
      line(
        'instrument.sign',
        { instrument: 'i-5d', content: 'x', after: null },
        {
          instrument: mandate,
        },
      ),
      line(
        'instrument.annul',
        { instrument: 'i-5d', supersededBy: 'i-6e', by: {} },
        {
          instrument: mandate,
          supersededBy: 'mandate no. 4 of Board of Directors',
        },
      ),
      line('proxy.revoke', { grant: 'g-12' }, { grant: proxy }),
      line('dispatch.close', { dispatch: 'd-41', reason: 'answered' }, { dispatch: letter }),
    ];
    expect(lines).toEqual([
      `Hana Kowalski opens the vote on ${motion}.`,
      `Hana Kowalski votes aye on ${motion}.`,
      `The vote on ${motion} closes: adopted.`,
      `The charter as amended by ${motion} comes into force.`,
      `Hana Kowalski answers nay on ${question}.`,
      'The question "Paint?" put to Board of Directors (10 December 2026) closes: decided.',
      `Hana Kowalski signs ${mandate}.`,
      `Hana Kowalski declares ${mandate} superseded by mandate no. 4 of Board of Directors.`,
      `Hana Kowalski takes back ${proxy}.`,
      `Hana Kowalski closes ${letter}: answered.`,
    ]);
    for (const l of lines) expect(l).not.toMatch(/s-9f1c|m-3f2a|c-77|i-5d|i-6e|g-12|d-41/);
  });

  it('names the session a proposal, an apology, an arrival, a departure or the minutes are of', () => {
    const session = 'the session of Board of Directors on 9 December 2026';
    expect(
      line(
        'motion.propose',
        { session: 's-9f1c', motion: 'm-3f2a', text: 'Paint the fence.', proposer: 'hana' },
        { session, motion },
      ),
    ).toBe(`A motion in ${session}: "Paint the fence.", proposed by Hana Kowalski.`);
    expect(
      line('attendance.excuse', { session: 's-9f1c', person: 'hana', reason: 'ill' }, { session }),
    ).toBe(`Hana Kowalski sends apologies to ${session}: ill.`);
    expect(line('attendance.arrive', { session: 's-9f1c', person: 'hana' }, { session })).toBe(
      `Hana Kowalski is present at ${session}.`,
    );
    expect(line('attendance.depart', { session: 's-9f1c', person: 'hana' }, { session })).toBe(
      `Hana Kowalski leaves ${session}.`,
    );
    expect(line('minutes.sign', { session: 's-9f1c', content: 'x' }, { session })).toBe(
      `Hana Kowalski signs the minutes of ${session}.`,
    );
  });

  it('ends a line whose reason ends with its own full stop with that one, not a second', () => {
    expect(
      line(
        'circulation.withdraw',
        { circulation: 'c-77', reason: 'Put to the sitting.' },
        {
          circulation: question,
        },
      ),
    ).toBe(`Hana Kowalski withdraws ${question}: Put to the sitting.`);
    expect(
      line(
        'dispatch.close',
        { dispatch: 'd-41', reason: 'Answered by wire.' },
        { dispatch: letter },
      ),
    ).toBe(`Hana Kowalski closes ${letter}: Answered by wire.`);
    expect(
      line(
        'instrument.revoke',
        { instrument: 'i-5d', reason: 'Recalled!' },
        { instrument: mandate },
      ),
    ).toBe(`Hana Kowalski revokes ${mandate}: Recalled!`);
    expect(
      line('dispatch.close', { dispatch: 'd-41', reason: 'answered' }, { dispatch: letter }),
    ).toBe(`Hana Kowalski closes ${letter}: answered.`);
  });

  it('falls back on the id where the server named nothing', () => {
    expect(line('vote.open', { session: 's', motion: 'm-3f2a' }, {})).toBe(
      'Hana Kowalski opens the vote on motion m-3f2a.',
    );
  });
});

describe('sessionLabel', () => {
  it('names a session by its title, else by its day, never by its id', () => {
    expect(sessionLabel({ title: 'Annual meeting', date: '2026-06-10' })).toBe('Annual meeting');
    expect(sessionLabel({ title: null, date: '2026-06-10' })).toBe('Session of 10 June 2026');
    expect(sessionLabel({ date: '2026-06-10T18:00:00Z' })).toBe('Session of 10 June 2026');
    expect(sessionLabel({})).toBe('A session');
  });
});

describe('labelsApart', () => {
  const sessions = [
    { id: 'board-2026-12-09', title: 'Board meeting' },
    { id: 'board-2026-12-09-2', title: 'Board meeting' },
    { id: 'board-2026-12-10', title: 'Budget' },
  ];
  const label = (s: { title: string }) => s.title;
  const apart = (s: { id: string }) => `session ${s.id}`;

  it('tells apart only the labels that read the same', () => {
    expect(labelsApart(sessions, label, apart)).toEqual([
      'Board meeting, session board-2026-12-09',
      'Board meeting, session board-2026-12-09-2',
      'Budget',
    ]);
  });

  it('leaves labels that differ as they are', () => {
    expect(labelsApart(sessions.slice(1), label, apart)).toEqual(['Board meeting', 'Budget']);
  });
});

describe('adviceReason', () => {
  it('calls a question to named members a consultation, and one to the whole body not', () => {
    expect(adviceReason({ to: ['ada', 'ben'] })).toBe(
      'a consultation without a rule decides nothing',
    );
    for (const whole of [{}, { to: null }])
      expect(adviceReason(whole)).toBe(
        'the body has no rule for questions put between sessions, so the answers decide nothing',
      );
  });
});

describe('the words of a decision, named as the organization names them', () => {
  const org = {
    people: [
      { id: 'trotsky', name: 'L. D. Trotsky' },
      { id: 'krestinsky', name: 'N. N. Krestinsky' },
    ],
    bodies: [{ id: 'orgburo', name: 'Organizational Bureau' }],
  } as unknown as Organization;

  it('names the people and the body of a flag, and keeps their ids while the organization loads', () => {
    const flag = 'orgburo did not draw in trotsky, krestinsky of its parent, who were at hand';
    expect(flagNamedIn(org, flag)).toBe(
      'Organizational Bureau did not draw in L. D. Trotsky, N. N. Krestinsky of its parent, who were at hand',
    );
    expect(flagNamedIn(undefined, flag)).toBe(flag);
  });

  it("says that a question in writing's tie fails, its members named", () => {
    const tie =
      'rejected: 1 aye (trotsky), 1 nay (krestinsky); 2 of 2 asked answered; majority of votes cast required';
    expect(explanationNamedIn(org, tie)).toBe(
      'rejected: 1 aye (L. D. Trotsky), 1 nay (N. N. Krestinsky); 2 of 2 asked answered; a tie fails (a question in writing has no casting vote); majority of votes cast required',
    );
  });

  it("reads a question's close in the record so too", () => {
    const close = describeEntry(
      {
        type: 'circulation.close',
        actor: null,
        payload: {
          circulation: 'enzeli',
          decision: {
            explanation:
              'rejected: 1 aye (trotsky), 1 nay (krestinsky); 2 of 2 asked answered; majority of votes cast required',
          },
        },
      } as never,
      { circulation: 'the question "Permit a destroyer?"' },
      (id) => (id ? (org.people.find((p) => p.id === id)?.name ?? id) : ''),
    );
    expect(close).toBe(
      'The question "Permit a destroyer?" closes: rejected: 1 aye (L. D. Trotsky), 1 nay (N. N. Krestinsky); 2 of 2 asked answered; a tie fails (a question in writing has no casting vote); majority of votes cast required.',
    );
  });
});
