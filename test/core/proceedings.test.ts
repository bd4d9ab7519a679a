import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCharter } from '../../src/core/charter/index.js';
import type { Charter } from '../../src/core/charter/index.js';
import { parseProceedings } from '../../src/core/proceedings/index.js';

const fixture = (path: string): string =>
  readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

function charter(): Charter {
  const result = parseCharter(fixture('fixtures/design/charter.yaml'));
  if (!result.ok) throw new Error('invalid charter');
  return result.value;
}

function problems(text: string): string[] {
  const result = parseProceedings(text, charter());
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((p) => `${p.line}:${p.col}: ${p.message}`);
}

describe('proceedings', () => {
  it('reads the format sample of the design as it is', () => {
    const result = parseProceedings(fixture('fixtures/design/proceedings.yaml'), charter());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const session = result.value.sessions[0]!;
    expect(session.date).toBe('1918-02-18');
    expect(session.motions).toHaveLength(3);
  });

  it('refuses an alternative named like an outcome or a choice, at its key', () => {
    const text = `body: central-committee
sessions:
  - id: s1
    present: [lenin, trotsky]
    motions:
      - id: m1
        text: T
        alternatives: { peace: 1, rejected: 1, aye: 0 }
`;
    expect(problems(text)).toEqual([
      "8:35: 'rejected' cannot name an alternative: aye, nay, abstain, not-voting, declined, adopted, rejected, not-decided are reserved",
      "8:48: 'aye' cannot name an alternative: aye, nay, abstain, not-voting, declined, adopted, rejected, not-decided are reserved",
    ]);
  });

  it('locates unknown people, bodies and keys, all at once', () => {
    const text = `body: central-committee
sessions:
  - id: s1
    present: [lenin, nobody]
    motions:
      - id: m1
        text: T
        vote: {aye: [lenin, ghost], nay: [lenin]}
        colour: red
`;
    expect(problems(text)).toEqual(["9:9: unknown key 'colour'"]);
    expect(problems(text.replace('        colour: red\n', ''))).toEqual([
      "4:22: no person 'nobody' in the charter",
      "8:29: no person 'ghost' in the charter",
      "8:43: 'lenin' is named twice in this vote (aye and nay)",
    ]);
    expect(
      problems(
        text
          .replace('body: central-committee', 'body: senate')
          .replace('        colour: red\n', ''),
      )[0],
    ).toBe("1:7: no body 'senate' in the charter (central-committee, bureau, politburo)");
  });

  it("refuses a motion kind the body does not name, 'constructor' too, at the kind", () => {
    const text = `body: central-committee
sessions:
  - id: s1
    present: [lenin, trotsky]
    motions:
      - id: m1
        text: T
        kind: constructor
        vote: {aye: [lenin]}
`;
    expect(problems(text)).toEqual(["8:15: the body has no motion kind 'constructor'"]);
  });

  it('says what a day that is not one should be, for a session and its notice', () => {
    const text = `body: central-committee
sessions:
  - id: s1
    date: 1920-02-30
    notice: { date: 1919-02-29 }
    present: [lenin]
`;
    expect(problems(text)).toEqual([
      '4:11: "1920-02-30" is not a day of the calendar: a date as 1920-09-24 (year, month, day)',
      '5:21: "1919-02-29" is not a day of the calendar: a date as 1920-09-24 (year, month, day)',
    ]);
  });

  it('refuses a person named twice among those present, arriving or departing, at the second', () => {
    const text = `body: central-committee
sessions:
  - id: s1
    present: [lenin, trotsky, lenin]
    motions:
      - arrive: [stalin, sverdlov, stalin]
      - id: m1
        text: T
        vote: {aye: [lenin, trotsky, stalin]}
      - depart: [trotsky, trotsky]
`;
    expect(problems(text)).toEqual([
      "4:31: 'lenin' is named twice in present",
      "6:36: 'stalin' is named twice in arrive",
      "10:27: 'trotsky' is named twice in depart",
    ]);
  });

  it('refuses an arrival of someone present, or a departure of someone gone, at its place', () => {
    const text = `body: central-committee
sessions:
  - id: s1
    present: [lenin, trotsky]
    motions:
      - depart: [lenin]
      - id: m1
        text: T
        vote: {aye: [trotsky]}
      - depart: [lenin]
      - arrive: [trotsky, stalin]
      - arrive: [lenin]
      - depart: [stalin]
`;
    expect(problems(text)).toEqual([
      '10:18: lenin is not present at this point of the session',
      '11:18: trotsky is present already at this point of the session',
    ]);
  });

  it('refuses a chair not among those present, at the chair: one who presided was there', () => {
    const text = `body: central-committee
sessions:
  - id: s1
    chair: sverdlov
    present: [lenin, trotsky]
    motions:
      - {id: m1, text: T, vote: {aye: [lenin, trotsky]}}
  - id: s2
    chair: sverdlov
    present: [lenin, trotsky]
    motions:
      - arrive: [sverdlov]
      - {id: m1, text: T, vote: {aye: [lenin, trotsky, sverdlov]}}
`;
    expect(problems(text)).toEqual([
      "4:12: the chair 'sverdlov' is not among those present: the minutes list who took the chair in present, or arriving",
    ]);
  });

  it('refuses a stated outcome the motion could not have, a slip of the file', () => {
    const text = `body: central-committee
sessions:
  - id: s1
    present: [lenin, trotsky]
    motions:
      - {id: m1, text: T, vote: {aye: 2}, stated: adoptd}
      - {id: m2, text: T, vote: {aye: 2}, stated: war}
      - {id: m3, text: T, alternatives: {war: 1, peace: 1}, stated: adopted}
      - {id: m4, text: T, alternatives: {war: 2, peace: 0}, stated: war}
      - {id: m5, text: T, vote: {aye: 1, nay: 1}, stated: rejected}
`;
    expect(problems(text)).toEqual([
      "6:51: stated: 'adopted', 'rejected' or 'not-decided' for one formula, not 'adoptd'",
      "7:51: stated: 'adopted', 'rejected' or 'not-decided' for one formula, not 'war'",
      "8:69: stated: an alternative ('war', 'peace') or 'not-decided', not 'adopted'",
    ]);
  });

  it('tells a count that is not whole as such, not as a list of names expected', () => {
    const text = `body: central-committee
sessions:
  - id: s1
    present: [lenin, trotsky]
    motions:
      - {id: m1, text: T, vote: {aye: 2.5, nay: 1}}
`;
    expect(problems(text)).toEqual(['6:39: a whole number expected, not 2.5']);
  });

  it('refuses a motion with both a vote and alternatives, and ids used twice', () => {
    const text = `body: central-committee
sessions:
  - id: s1
    present: [lenin]
    motions:
      - {id: m1, text: T, vote: {aye: 1}, alternatives: {a: 1, b: 2}}
      - {id: m1, text: T}
`;
    const list = problems(text);
    expect(list).toContain(
      '6:33: a motion has either a vote (one formula) or alternatives, not both',
    );
    expect(list).toContain("7:14: motion 'm1' appears twice in session s1");
  });
});

/** The design's charter with F. E. Dzerzhinsky co-opted onto the Central Committee. */
function amendedCharter(): Charter {
  const text = fixture('fixtures/design/charter.yaml')
    .replace(
      '  stassova: {name: E. D. Stassova}',
      '  stassova: {name: E. D. Stassova}\n  dzerzhinsky: {name: F. E. Dzerzhinsky}',
    )
    .replace('uritsky]\n    candidates', 'uritsky, dzerzhinsky]\n    candidates');
  const result = parseCharter(text);
  if (!result.ok) throw new Error(`invalid amended charter: ${JSON.stringify(result.problems)}`);
  return result.value;
}

const CO_OPTION = `body: central-committee
sessions:
  - id: cc-1918-03-08
    present: [lenin, trotsky, stalin, sverdlov, zinoviev, krestinsky, bukharin, uritsky]
    motions:
      - id: co-opt-dzerzhinsky
        text: Co-opt F. E. Dzerzhinsky as a member of the Central Committee
        amends: charter-1918-03.yaml       # the whole charter as amended (path relative to this file)
        vote: {aye: 9, nay: 2}
        stated: adopted
  - id: cc-1918-03-09
    present: [lenin, dzerzhinsky, stalin]
    proxies: {trotsky: dzerzhinsky}
    motions:
      - id: m1
        text: T
        vote: {aye: [lenin, dzerzhinsky, stalin, trotsky]}
`;

describe('proceedings that amend the charter', () => {
  it("reads the design's amending motion as it is, and the people of the charter it amends to", () => {
    const asked: string[] = [];
    const result = parseProceedings(CO_OPTION, charter(), (file) => {
      asked.push(file);
      return amendedCharter();
    });
    expect(result.ok, JSON.stringify(!result.ok && result.problems)).toBe(true);
    if (!result.ok) return;
    expect(asked).toEqual(['charter-1918-03.yaml']);
    const motion = result.value.sessions[0]!.motions[0]!;
    expect(motion).toMatchObject({ amends: 'charter-1918-03.yaml', vote: { aye: 9, nay: 2 } });
    expect(result.value.sessions[1]!.proxies).toEqual({ trotsky: 'dzerzhinsky' });
  });

  it('refuses people of no charter, and an amended charter that cannot be used, at their places', () => {
    const list = (reader?: (file: string) => Charter | undefined): string[] => {
      const result = parseProceedings(CO_OPTION, charter(), reader);
      return result.ok ? [] : result.problems.map((p) => `${p.line}:${p.col}: ${p.message}`);
    };
    // Without the amended charter, the co-opted member is no one.
    expect(list()).toEqual([
      "12:22: no person 'dzerzhinsky' in the charter",
      "13:24: no person 'dzerzhinsky' in the charter",
      "17:29: no person 'dzerzhinsky' in the charter",
    ]);
    expect(list(() => undefined)).toContain(
      "8:17: amends: 'charter-1918-03.yaml' is not a charter that can be used",
    );
  });

  it('refuses a motion that both amends and re-invites, or puts alternatives, and a proxy to oneself', () => {
    const text = `body: central-committee
sessions:
  - id: s1
    present: [lenin, trotsky]
    proxies: {stalin: stalin}
    motions:
      - {id: m1, text: T, amends: c.yaml, invites: lenin}
      - {id: m2, text: T, invites: ghost, alternatives: {a: 1, b: 2}}
      - {id: m3, text: T, proxies: {trotsky: trotsky}, vote: {aye: [trotsky]}}
`;
    expect(problems(text)).toEqual([
      '5:23: stalin cannot give a proxy to themself',
      '7:52: a motion amends the charter or re-invites a person, not both',
      "8:36: no person 'ghost' in the charter",
      '8:57: a motion that amends or re-invites is put as one formula, not alternatives',
      '9:46: trotsky cannot give a proxy to themself',
    ]);
  });

  it('reads a notice with its agenda, apologies, agenda items and acts on earlier minutes', () => {
    const text = `body: central-committee
sessions:
  - id: s2
    date: 1918-02-18
    notice:
      date: 1918-02-15
      agenda:
        - {item: minutes, title: Minutes of the last session, minutes: s1, motion: Approve them.}
        - {item: peace, title: The peace}
    present: [lenin, trotsky, stalin, sverdlov, zinoviev]
    excused: [bukharin, {person: uritsky, reason: Ill}]
    motions:
      - {id: m1, item: minutes, vote: {aye: 5}}
      - {id: m2, item: peace, text: Offer peace., approves-minutes: s1, vote: {aye: 5}}
    minutes:
      - session: s1
        objections: [{member: trotsky, text: My speech is missing.}]
        signed: [lenin, stassova]
circulations:
  - id: c1
    opened: 1918-02-19
    by: stassova
    text: Approve the minutes of s2?
    deadline: 1918-02-20
    approves-minutes: s2
`;
    const result = parseProceedings(text, charter());
    expect(result.ok, JSON.stringify(!result.ok && result.problems)).toBe(true);
    if (!result.ok) return;
    const s = result.value.sessions[0]!;
    expect(s.notice?.agenda.map((a) => a.item)).toEqual(['minutes', 'peace']);
    expect(s.excused).toEqual(['bukharin', { person: 'uritsky', reason: 'Ill' }]);
    expect(s.minutes?.[0]?.signed).toEqual(['lenin', 'stassova']);
    expect(result.value.circulations[0]!['approves-minutes']).toBe('s2');
  });

  it('locates the problems of notices, apologies, agenda items and minutes acts', () => {
    const text = `body: central-committee
sessions:
  - id: s2
    notice:
      date: 1918-02-15
      agenda:
        - {item: a, title: A}
        - {item: a, title: Again, colour: red}
    present: [lenin, trotsky]
    excused: [lenin, nobody, nobody]
    motions:
      - {id: m1, item: b, vote: {aye: 2}}
      - {id: m2, item: a}
    minutes:
      - {session: s1, signed: [lenin, lenin]}
      - {session: s1}
`;
    expect(problems(text)).toEqual(["8:35: unknown key 'colour'"]);
    expect(problems(text.replace(', colour: red', ''))).toEqual([
      '5:7: notice: a session convened by a notice needs its own date:',
      "8:18: agenda item 'a' is listed twice",
      '10:15: lenin is present at the opening: not excused',
      "10:22: no person 'nobody' in the charter",
      "10:30: no person 'nobody' in the charter",
      '10:30: nobody is excused twice',
      '12:14: motion m1: give its text, or the agenda item (item:) that drafts it',
      "12:24: the agenda of s2 has no item 'b'",
      "13:14: motion m2: give its text: agenda item 'a' drafts no motion",
      '15:39: lenin signs the minutes twice',
      '16:9: minutes of s1: give who signed them (signed:) or objected (objections:)',
    ]);
    const dated = text
      .replace(', colour: red', '')
      .replace('    notice:', '    date: 1918-02-14\n    notice:');
    expect(problems(dated)[0]).toBe(
      '6:13: the notice (1918-02-15) comes after the session it convenes (1918-02-14)',
    );
  });
});
