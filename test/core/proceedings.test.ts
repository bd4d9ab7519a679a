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
