/**
 * A trust policy read from its file: a key or a signer listed twice is a slip, refused at its own
 * line and column, naming it and where it was first listed.
 */
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/core/format/problem.js';
import { loadTrustPolicy } from '../../src/verify/policy.js';

const LOG = 'log.example/board+1a2b3c4d+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const WITNESS = 'witness.example/w1+0f1e2d3c+BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';

function problems(text: string): string[] {
  const loaded = loadTrustPolicy(text);
  return loaded.ok ? [] : loaded.problems.map((p) => formatProblem('policy.yaml', p));
}

describe('a trust policy', () => {
  it('is read with each key and signer listed once', () => {
    const text = `logs: [${LOG}]\nwitnesses: {at-least: 1, of: [${WITNESS}]}\naccept:\n  - kind: order\n    signed-by: {at-least: 1, of: [ann, ben]}\n`;
    expect(problems(text)).toEqual([]);
  });

  it('refuses a log key listed twice, at the second, naming it', () => {
    expect(problems(`logs:\n  - ${LOG}\n  - ${LOG}\naccept:\n  - kind: order\n`)).toEqual([
      `policy.yaml:3:5: the log key ${LOG} is listed twice (first as item 1)`,
    ]);
  });

  it('refuses a witness key or a signer listed twice, at the second, naming it', () => {
    const of = `witnesses: {at-least: 1, of: [${WITNESS}, `;
    const text = `logs: [${LOG}]\n${of}${WITNESS}]}\naccept:\n  - kind: order\n    signed-by: {at-least: 1, of: [ann, ben, ann]}\n`;
    expect(problems(text)).toEqual([
      `policy.yaml:2:${of.length + 1}: the witness key ${WITNESS} is listed twice (first as item 1)`,
      'policy.yaml:5:45: the signer ann is listed twice (first as item 1)',
    ]);
  });
});

describe('a trust policy whose accept rule can never be used', () => {
  const policy = (rules: string) => `logs: [${LOG}]\naccept:\n${rules}`;

  it('refuses a second rule for the same kind and body, at the second, naming the first', () => {
    const text = policy('  - kind: order\n    body: board\n  - kind: order\n    body: board\n');
    expect(problems(text)).toEqual([
      'policy.yaml:5:5: the rule for order of board is never used: item 1, for order of board, comes first',
    ]);
  });

  it('refuses a second rule for the same kind, both of any body', () => {
    const text = policy(
      '  - kind: order\n  - kind: mandate\n  - kind: order\n    in-force: false\n',
    );
    expect(problems(text)).toEqual([
      'policy.yaml:5:5: the rule for order of any body is never used: item 1, for order of any body, comes first',
    ]);
  });

  it('refuses a rule for one body after a rule for that kind of any body', () => {
    const text = policy('  - kind: order\n  - kind: order\n    body: board\n');
    expect(problems(text)).toEqual([
      'policy.yaml:4:5: the rule for order of board is never used: item 1, for order of any body, comes first',
    ]);
  });

  it('reads a rule for one body before a rule for that kind of any body, or of another body', () => {
    const text = policy(
      '  - kind: order\n    body: board\n  - kind: order\n    body: bureau\n  - kind: order\n',
    );
    expect(problems(text)).toEqual([]);
  });
});
