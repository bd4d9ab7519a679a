/** The changes between two versions of a charter, in words. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCharter } from '../../src/core/charter/index.js';
import type { Charter } from '../../src/core/charter/index.js';
import { diffCharters } from '../../src/core/charter/diff.js';
import { testPublicKey } from '../support/keys.js';

const BASE = `collegium: 1
organization: {id: org, name: Org}
people:
  a: {name: Ann}
  b: {name: Bob}
  c: {name: Cy}
  d: {name: Dee}
bodies:
  main:
    name: Main
    members: [a, b, c]
    candidates: [d]
    chair: a
    quorum: majority
    majority: votes-cast
    casting-vote: true
  small:
    name: Small
    parent: main
    members: [a, b]
    powers: [spend]
    quorum: {count: 2}
    majority: votes-cast
`;

function charter(text: string): Charter {
  const result = parseCharter(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

/** The base charter with some of its lines replaced. */
function edited(...edits: [string, string][]): Charter {
  let text = BASE;
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`no '${from}' in the charter`);
    text = text.replace(from, to);
  }
  return charter(text);
}

describe('diffCharters', () => {
  it('finds nothing between a charter and itself', () => {
    expect(diffCharters(charter(BASE), charter(BASE))).toEqual([]);
  });

  it('names people added, removed, renamed, and keys given', () => {
    const after = edited(
      ['  a: {name: Ann}', '  a: {name: Anne}\n  e: {name: Eve}'],
      ['  c: {name: Cy}', `  c: {name: Cy, key: 'ed25519:${testPublicKey(3)}'}`],
    );
    expect(diffCharters(charter(BASE), after)).toEqual([
      'person added: Eve (e)',
      'person renamed: Ann → Anne (a)',
      'Cy (c): key given in the charter',
    ]);
  });

  it('names members in and out, candidates who became members, offices replaced', () => {
    const after = edited([
      'members: [a, b, c]\n    candidates: [d]\n    chair: a',
      'members: [a, b, d]\n    candidates: [c]\n    chair: b\n    secretary: c\n    officers: [d]',
    ]);
    expect(diffCharters(charter(BASE), after)).toEqual([
      'main: candidates who became members: Dee (d)',
      'main: members who became candidates: Cy (c)',
      'main: chair: Ann (a) replaced by Bob (b)',
      'main: secretary: none replaced by Cy (c)',
      'main: officers in: Dee (d)',
    ]);
    const joined = edited(
      ['  d: {name: Dee}', '  d: {name: Dee}\n  f: {name: Fay}'],
      ['members: [a, b, c]', 'members: [a, b, f]'],
    );
    expect(diffCharters(charter(BASE), joined)).toEqual([
      'person added: Fay (f)',
      'main: members in: Fay (f)',
      'main: members out: Cy (c)',
    ]);
  });

  it('names every rule that changed, in words', () => {
    const after = edited(
      [
        '    quorum: majority\n    majority: votes-cast\n    casting-vote: true',
        '    quorum: {count: 3}\n    majority: two-thirds\n    proxies: {max-per-holder: 1}\n    second-ballot: replace\n    running-tally: true\n    motion-kinds:\n      amendment: {majority: unanimous}',
      ],
      ['    powers: [spend]', '    powers: [hire]\n    obligations:\n      - report-to: main'],
      [
        'organization: {id: org, name: Org}',
        'organization: {id: org, name: Org}\nrecord: {read: public}',
      ],
    );
    expect(diffCharters(charter(BASE), after)).toEqual([
      'who may read the record: members → public',
      'main: quorum: more than half of the 3 voting members (2) → 3 of 3 voting members',
      'main: majority: a majority of votes cast → two thirds of votes cast',
      'main: motion kind added: amendment, by unanimity (no nays, at least one aye)',
      'main: proxies: none → at most 1 per holder',
      "main: the chair's casting vote on a tie: taken away",
      'main: a second ballot: refuse → replace',
      'main: the running tally while a vote is open: shown',
      'small: powers added: hire',
      'small: powers removed: spend',
      'small: obligation added: report decisions to main',
    ]);
  });

  it("names a motion kind added as added, 'constructor' too", () => {
    const after = edited([
      '    casting-vote: true',
      '    casting-vote: true\n    motion-kinds:\n      constructor: {majority: unanimous}',
    ]);
    expect(diffCharters(charter(BASE), after)).toEqual([
      'main: motion kind added: constructor, by unanimity (no nays, at least one aye)',
    ]);
    expect(diffCharters(after, charter(BASE))).toEqual(['main: motion kind removed: constructor']);
  });

  it('names bodies added and removed, and a quorum that changes with the roster', () => {
    const after = edited(
      [
        '  small:\n    name: Small\n    parent: main\n    members: [a, b]\n    powers: [spend]\n    quorum: {count: 2}\n    majority: votes-cast\n',
        '  audit:\n    name: Audit\n    members: [c]\n    quorum: majority\n    majority: votes-cast\n',
      ],
      ['members: [a, b, c]', 'members: [a, b, c, d]\n    candidates: []'],
      ['    candidates: [d]\n', ''],
    );
    expect(diffCharters(charter(BASE), after)).toEqual([
      'body added: Audit (audit)',
      'body removed: Small (small)',
      'main: candidates who became members: Dee (d)',
      'main: quorum: more than half of the 3 voting members (2) → more than half of the 4 voting members (3)',
    ]);
  });

  it('reads the cooperative board re-elected in 2026 as the example says', () => {
    const example = (name: string) =>
      charter(
        readFileSync(new URL(`../../examples/cooperative-board/${name}`, import.meta.url), 'utf8'),
      );
    expect(diffCharters(example('charter.yaml'), example('charter-2026-06.yaml'))).toEqual([
      'person added: Ivo Petrov (ivo)',
      'person added: Jun Park (jun)',
      'board: members in: Ivo Petrov (ivo)',
      'board: members out: Fay Osei (fay)',
      'board: candidates in: Jun Park (jun)',
      'board: chair: Ada Okafor (ada) replaced by Dana Morales (dana)',
      'board: officers in: Chen Wei (chen)',
      'board: deciding between sessions: none → unanimous consent of the members asked (an aye from each), ratified at the next session',
      'board: notice of a session: none required → 7 days',
      'board: instrument payment-order: signed by Ada Okafor (ada), Chen Wei (chen), every one of them, in the order listed, resting on a decision, "Pay as the Board ordered" → signed by Dana Morales (dana), Chen Wei (chen), every one of them, in the order listed, resting on a decision, "Pay as the Board ordered"',
    ]);
  });

  it('says which instruments a body issues, and who signs them, as they change', () => {
    const issuing = (kinds: string) =>
      edited(['    casting-vote: true\n', `    casting-vote: true\n    instruments:\n${kinds}`]);
    const before = issuing(
      '      order: {signers: {at-least: 2, of: [members, d]}, order: as-listed}\n      receipt: {rests-on: none}\n',
    );
    const after = issuing(
      '      order: {formula: By order of Main, signers: {at-least: 1, of: members}}\n      mandate: {signers: [a], rests-on: none}\n',
    );
    expect(diffCharters(before, after)).toEqual([
      'main: instrument order: signed by at least 2 of the members, Dee (d), in the order listed, resting on a decision → signed by at least 1 of the members, resting on a decision, "By order of Main"',
      'main: instrument removed: receipt',
      'main: instrument added: mandate, signed by Ann (a), every one of them, needing no decision',
    ]);
  });
});
