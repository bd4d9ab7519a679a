import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { charterFromJson, describeCharter, parseCharter } from '../../src/core/charter/index.js';
import { amendedCharter } from '../../src/core/state/charters.js';

const example = (name: string): string =>
  readFileSync(new URL(`../../examples/${name}/charter.yaml`, import.meta.url), 'utf8');

function problems(text: string): string[] {
  const result = parseCharter(text);
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((p) => `${p.line}:${p.col}: ${p.message}`);
}

const VALID = `collegium: 1
organization: {id: org, name: Org}
people:
  a: {name: A}
  b: {name: B}
  c: {name: C}
bodies:
  main:
    name: Main
    members: [a, b, c]
    quorum: majority
    majority: votes-cast
`;

describe('charter', () => {
  it('reads both examples and the format sample of the design', () => {
    for (const text of [
      example('central-committee-1918'),
      example('cooperative-board'),
      readFileSync(new URL('../fixtures/design/charter.yaml', import.meta.url), 'utf8'),
    ]) {
      const result = parseCharter(text);
      expect(result.ok).toBe(true);
    }
  });

  it('means what the design sample says', () => {
    const result = parseCharter(
      readFileSync(new URL('../fixtures/design/charter.yaml', import.meta.url), 'utf8'),
    );
    if (!result.ok) throw new Error('invalid');
    const cc = result.value.bodies.get('central-committee')!;
    expect(cc.votingMembers).toHaveLength(8);
    expect(cc.candidates).toEqual(['stassova']);
    expect(cc.quorum).toEqual({ kind: 'majority' });
    const bureau = result.value.bodies.get('bureau')!;
    expect(bureau.parent).toBe('central-committee');
    expect(bureau.powers).toEqual(['extraordinary-affairs']);
    expect(bureau.obligations).toEqual([
      { kind: 'draw-in-present-members-of', body: 'central-committee' },
    ]);
    expect(result.value.bodies.get('politburo')!.quorum).toEqual({ kind: 'count', count: 3 });
    expect(result.value.organization.log).toBe('collegium.example/cc-1918');
  });

  it('defaults the log origin and the second-ballot rule', () => {
    const result = parseCharter(VALID);
    if (!result.ok) throw new Error('invalid');
    expect(result.value.organization.log).toBe('collegium/org');
    expect(result.value.bodies.get('main')!.secondBallot).toBe('refuse');
  });

  it('reports every problem at once, each at its line and column', () => {
    const text = `collegium: 1
organization:
  id: org
  name: Org
  colour: red
people:
  a: {name: A}
  b: {name: B}
bodies:
  main:
    name: Main
    members: [a, b, zed]
    quorum: {count: 5}
    majority: most-votes
  sub:
    name: Sub
    parent: nowhere
    members: [a]
    quorum: majority
    majority: votes-cast
`;
    expect(problems(text)).toEqual([
      "5:3: unknown key 'colour'",
      "12:21: no person 'zed' in people",
      '13:13: quorum 5 is larger than the body (3 voting members)',
      '14:15: unknown majority rule "most-votes"; expected one of votes-cast, present, membership, two-thirds, three-quarters, unanimous',
      "17:13: the parent body 'nowhere' does not exist",
    ]);
  });

  it('reports YAML syntax errors and duplicate keys with positions', () => {
    expect(problems('collegium: 1\norganization: [\n')[0]).toMatch(/^\d+:\d+: YAML: /);
    expect(
      problems(VALID.replace('  b: {name: B}\n', '  b: {name: B}\n  b: {name: B2}\n'))[0],
    ).toBe("6:3: the key 'b' is given twice in this mapping (first at line 5, column 3)");
  });

  it('checks roles, delegation and keys', () => {
    const broken = VALID.replace(
      '    majority: votes-cast\n',
      `    majority: votes-cast
    candidates: [a]
    chair: zed
    casting-vote: true
  loop1: {name: L1, parent: loop2, members: [a], quorum: majority, majority: votes-cast}
  loop2: {name: L2, parent: loop1, members: [a], quorum: majority, majority: votes-cast}
  outside: {name: O, parent: main, members: [a, b], quorum: {fraction: 1.5}, majority: present}
`,
    ).replace('  c: {name: C}', '  c: {name: C, key: "ed25519:short"}');
    const list = problems(broken);
    expect(list.some((p) => p.includes("'a' is both a member and a candidate"))).toBe(true);
    expect(list.some((p) => p.includes("no person 'zed' in people"))).toBe(true);
    expect(list.some((p) => p.includes('delegation goes round in a circle'))).toBe(true);
    expect(list.some((p) => p.includes('a public key is "ed25519:"'))).toBe(true);
    expect(list.some((p) => p.startsWith('17:'))).toBe(true); // the fraction above 1
  });

  it('refuses a key spelled in non-canonical base64', () => {
    // The last character carries unused bits: 'B' where the canonical spelling has 'A'.
    const key = 'ed25519:' + 'A'.repeat(42) + 'B=';
    expect(problems(VALID.replace('  c: {name: C}', `  c: {name: C, key: "${key}"}`))).toEqual([
      '6:21: the key is not canonical base64 (as collegium keygen prints it)',
    ]);
  });

  it('refuses a key of small order, which anyone could sign for', () => {
    const identity = 'ed25519:AQ' + 'A'.repeat(41) + '=';
    expect(problems(VALID.replace('  c: {name: C}', `  c: {name: C, key: "${identity}"}`))).toEqual(
      [
        '6:21: the key is not a usable Ed25519 public key (not a point of the curve, not canonically encoded, or of small order: a key anyone could sign for)',
      ],
    );
  });

  it('refuses a quorum larger than the body and a missing key', () => {
    expect(problems(VALID.replace('quorum: majority', 'quorum: {count: 4}'))).toEqual([
      '11:13: quorum 4 is larger than the body (3 voting members)',
    ]);
    expect(problems(VALID.replace('    name: Main\n', ''))).toEqual([
      "9:5: missing required key 'name'",
    ]);
  });

  it('says in words what a quorum takes, never in the schema library’s words', () => {
    const quorum = (q: string) => problems(VALID.replace('quorum: majority', `quorum: ${q}`));
    expect(quorum('{count: 0}')).toEqual(['11:21: more than 0 (0 given)']);
    expect(quorum('{count: 1.5}')).toEqual(['11:21: a whole number expected, not 1.5']);
    expect(quorum('{fraction: 2}')).toEqual(['11:24: at most 1 (2 given)']);
    for (const nonsense of ['none', '{percent: 50}', '"2/3"'])
      expect(quorum(nonsense)).toEqual([
        '11:13: a quorum is majority, {count: N} (a whole number) or {fraction: P} (more than 0, at most 1)',
      ]);
  });

  it('refuses a joint body of unknown, joint or repeated bodies, and a body with no members', () => {
    const line = (body: string) => `  ${body}, quorum: majority, majority: votes-cast}\n`;
    const joints = [
      line('side: {name: Side, members: [c]'),
      line('pair: {name: Pair, joint: {bodies: [main, nowhere]}'),
      line('loop: {name: Loop, joint: {bodies: [main, loop]}'),
      line('twice: {name: Twice, joint: {bodies: [pair, side]}'),
      line('same: {name: Same, joint: {bodies: [side, side]}'),
      line('bare: {name: Bare'),
    ].join('');
    expect(problems(VALID + joints)).toEqual([
      "14:45: no body 'nowhere' in bodies",
      '15:45: a body cannot join itself',
      "16:41: 'pair' is a joint body itself",
      "17:45: 'side' is listed twice",
      '18:9: members: required (or joint: the bodies it joins)',
    ]);
  });

  it('gives a joint body the members of its bodies, each once, unless it lists its own', () => {
    const joint = (extra: string) =>
      `${VALID}  side: {name: Side, members: [c, d], candidates: [a], quorum: majority, majority: votes-cast}\n` +
      `  both: {name: Both, joint: {bodies: [main, side]${extra}, quorum: majority, majority: votes-cast}\n`;
    const body = (text: string) => {
      const result = parseCharter(text.replace('  c: {name: C}', '  c: {name: C}\n  d: {name: D}'));
      if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
      return result.value.bodies.get('both')!;
    };
    // a is a member of main and a candidate of side: a voting member anywhere votes.
    expect(body(joint('}'))).toMatchObject({
      votingMembers: ['a', 'b', 'c', 'd'],
      candidates: [],
      joint: { bodies: ['main', 'side'], votes: 'jointly' },
    });
    expect(body(joint(', votes: each-body}, members: [a, c]')).votingMembers).toEqual(['a', 'c']);
  });

  it('describes a charter in words', () => {
    const result = parseCharter(example('cooperative-board'));
    if (!result.ok) throw new Error('invalid');
    const text = describeCharter(result.value).join('\n');
    expect(text).toContain('quorum: 4 of 7 voting members');
    expect(text).toContain('bylaws motions: by two thirds of votes cast');
    expect(text).toContain('with a casting vote on a tie');
  });

  it('says who may read the record: the people on a body unless it says otherwise', () => {
    const read = (text: string) => {
      const result = parseCharter(text);
      if (!result.ok) throw new Error('invalid');
      return [result.value.record.read, describeCharter(result.value)[1]];
    };
    expect(read(VALID)).toEqual([
      'members',
      'the record may be read by the people who sit on a body, once signed in',
    ]);
    expect(read(`${VALID}record: {read: public}\n`)).toEqual([
      'public',
      'the record may be read by anyone',
    ]);
    expect(read(`${VALID}record: {read: officers}\n`)[0]).toBe('officers');
    expect(problems(`${VALID}record: {read: everyone}\n`)).toEqual([
      '13:16: unknown read policy "everyone"; expected one of public, members, officers',
    ]);
  });

  it('says of a key that is not an id what an id is, at the key', () => {
    // A Cyrillic "а" looks like "a": the key is refused as it is written, where it is written.
    expect(problems(VALID.replace('  b: {name: B}', '  \u0430: {name: B}'))).toEqual([
      '5:3: the key "\u0430" is not an id: an id is lowercase Latin letters (a-z), digits, ".", "_" or "-"',
    ]);
    expect(problems(VALID.replace('  b: {name: B}', `  ${'b'.repeat(101)}: {name: B}`))[0]).toBe(
      '5:3: the key is not an id: at most 100 characters (101 given)',
    );
  });

  it('holds its names to the rule of every new text: no control, no noncharacter, no direction left open', () => {
    const named = (name: string) =>
      problems(VALID.replace('  a: {name: A}', `  a: {name: ${JSON.stringify(name)}}`));
    expect(named('Ada\u0007')).toEqual([
      '4:13: a control character (U+0007) at character 4: none is taken but a tab or a line break',
    ]);
    expect(named('Ada \u202eakafO')).toEqual([
      '4:13: a change of direction (U+202E) at character 5 that is not ended before the line ends',
    ]);
    expect(named('Ada\ufdd0')).toEqual([
      '4:13: a noncharacter (U+FDD0) at character 4, which Unicode keeps out of text',
    ]);
    expect(named('A'.repeat(501))).toEqual(['4:13: at most 500 characters (501 given)']);
    const elsewhere = problems(
      VALID.replace('{id: org, name: Org}', '{id: org, name: "Org\\u0000"}').replace(
        'name: Main',
        'name: "Main\\u0085"\n    instruments: {order: {formula: "By order\\u001b[2J"}}',
      ),
    );
    expect(elsewhere.map((p) => p.split(': a control')[0])).toEqual(['2:31', '9:11', '10:36']);
  });

  it('reads a charter the record holds as it was adopted, but refuses such names in an amendment', () => {
    const result = parseCharter(VALID);
    if (!result.ok) throw new Error('invalid');
    const json = structuredClone(result.json) as Record<string, unknown>;
    (json['people'] as Record<string, { name: string }>)['a']!.name = 'A\u202e';
    // Adopted before names were held to the rule: the record still opens.
    expect(charterFromJson(json).people.get('a')?.name).toBe('A\u202e');
    expect(() => amendedCharter(json, result.value)).toThrow(
      expect.objectContaining({
        code: 'invalid-charter',
        message:
          'the amended charter is not valid: people.a.name: a change of direction (U+202E) at character 2 that is not ended before the line ends',
      }),
    );
  });

  it("knows only the people and bodies it names: 'constructor' is none unless it is given", () => {
    expect(problems(VALID.replace('members: [a, b, c]', 'members: [a, b, constructor]'))).toEqual([
      "10:21: no person 'constructor' in people",
    ]);
    const bodies = VALID.replace(
      'majority: votes-cast\n',
      [
        'majority: votes-cast',
        '  sub:',
        '    name: Sub',
        '    members: [a, b]',
        '    quorum: majority',
        '    majority: votes-cast',
        '    obligations: [{draw-in-present-members-of: constructor}]',
        '  delegate:',
        '    name: Delegate',
        '    parent: constructor',
        '    members: [a]',
        '    quorum: majority',
        '    majority: votes-cast',
        '',
      ].join('\n'),
    );
    expect(problems(bodies)).toEqual([
      "18:48: no body 'constructor' in bodies",
      "21:13: the parent body 'constructor' does not exist",
    ]);
    // A person who is given the id is one like any other.
    const given = VALID.replace('  c: {name: C}', '  c: {name: C}\n  constructor: {name: K}');
    expect(parseCharter(given.replace('[a, b, c]', '[a, b, constructor]')).ok).toBe(true);
    // Nor may an amendment name one it does not give.
    const result = parseCharter(VALID);
    if (!result.ok) throw new Error('invalid');
    const json = structuredClone(result.json) as { bodies: Record<string, { members: string[] }> };
    json.bodies['main']!.members.push('constructor');
    // One the record holds already, adopted before, is read as it was.
    expect(charterFromJson(json).bodies.get('main')?.votingMembers).toContain('constructor');
    expect(() => amendedCharter(json, result.value)).toThrow(
      "the amended charter is not valid: bodies.main.members.3: no person 'constructor' in people",
    );
  });

  it('says which format version was given, once under its key', () => {
    expect(problems(VALID.replace('collegium: 1', 'collegium: 2'))).toEqual([
      '1:12: the only charter format version is 1 (2 given)',
    ]);
    const result = parseCharter(VALID);
    if (!result.ok) throw new Error('invalid');
    const json = { ...(result.json as Record<string, unknown>), collegium: Infinity };
    expect(() => amendedCharter(json, result.value)).toThrow(
      'the amended charter is not valid: collegium: the only charter format version is 1 (Infinity given)',
    );
  });
});
