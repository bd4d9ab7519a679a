/** An unknown key in a file is told with the known key at its place it is likely a slip of. */
import { describe, expect, it } from 'vitest';
import { parseCharter } from '../../../src/core/charter/index.js';
import { charterSchema } from '../../../src/core/charter/schema.js';
import { closestKey, editDistance, knownKeysAt } from '../../../src/core/format/known-keys.js';
import { proceedingsSchema } from '../../../src/core/proceedings/schema.js';

const CHARTER = `collegium: 1
organization: {id: org, name: Org}
people:
  a: {name: A}
  b: {name: B}
bodies:
  main:
    name: Main
    members: [a, b]
    qorum: majority
    majority: votes-cast
    colour: red
`;

describe('an unknown key', () => {
  it('is told with the known key it is a slip of, and only then', () => {
    const result = parseCharter(CHARTER);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.line}:${p.col}: ${p.message}`)).toEqual([
      "8:5: missing required key 'quorum'",
      "10:5: unknown key 'qorum': did you mean 'quorum'?",
      "12:5: unknown key 'colour'",
    ]);
  });

  it('is read against the keys known at its place, through lists, maps of ids and choices', () => {
    expect(knownKeysAt(charterSchema, ['bodies', 'main'])).toContain('quorum');
    expect(knownKeysAt(charterSchema, [])).toContain('organization');
    expect(knownKeysAt(charterSchema, ['people', 'a'])).toContain('name');
    expect(knownKeysAt(proceedingsSchema, ['sessions', 0, 'motions', 0])).toContain('text');
    expect(knownKeysAt(charterSchema, ['no-such-key'])).toEqual([]);
  });

  it('counts a letter left out, added, changed, or two swapped, as one slip', () => {
    expect(editDistance('qorum', 'quorum')).toBe(1);
    expect(editDistance('quorumm', 'quorum')).toBe(1);
    expect(editDistance('quorom', 'quorum')).toBe(1);
    expect(editDistance('quroum', 'quorum')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('majority', 'quorum')).toBeGreaterThan(2);
  });

  it('suggests one close key, not one far off nor one of two as close', () => {
    expect(closestKey('qorum', ['quorum', 'majority'])).toBe('quorum');
    expect(closestKey('colour', ['quorum', 'majority'])).toBeUndefined();
    // Short keys take one slip at most: 'ab' is not 'cd' mistyped.
    expect(closestKey('ab', ['cd'])).toBeUndefined();
    expect(closestKey('cat', ['bat', 'hat'])).toBeUndefined();
  });
});
