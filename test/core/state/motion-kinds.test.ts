/**
 * A motion's kind is one its body names in the charter, and nothing else: 'constructor' is an id,
 * and a name every object answers to, so it is a kind only where the charter gives it. A record
 * that holds a motion of such a kind, admitted before, folds as it did: by the body's own rules.
 */
import { describe, expect, it } from 'vitest';
import type { Act } from '../../../src/core/acts.js';
import { BOARD, Fold } from './fold.js';

const propose = (motion: string, kind: string): Act =>
  ({
    type: 'motion.propose',
    payload: { session: 's', motion, text: 'Resolved.', kind },
  }) as Act;

function sitting(): Fold {
  const f = new Fold({
    board: { ...BOARD, 'motion-kinds': { bylaw: { majority: 'two-thirds' } } },
  });
  f.meet('s', 'board', 'ann', ['ann', 'bob', 'cy']);
  return f;
}

describe('the kind of a motion', () => {
  it('is one the charter names for the body', () => {
    const f = sitting();
    f.refuses('invalid-input', propose('m1', 'constructor'), 'ann');
    expect(() => f.act(propose('m1', 'constructor'), 'ann')).toThrow(
      "Board has no motion kind 'constructor'",
    );
    f.act(propose('m2', 'bylaw'), 'ann');
    f.act({ type: 'vote.open', payload: { session: 's', motion: 'm2' } }, 'ann');
    expect(f.motion('s', 'm2').majority).toBe('two-thirds');
  });

  it("held by a record already as 'constructor', is decided by the body's own rules", () => {
    const f = sitting();
    f.replays(propose('m1', 'constructor'), 'ann');
    f.act({ type: 'vote.open', payload: { session: 's', motion: 'm1' } }, 'ann');
    const m = f.motion('s', 'm1');
    expect(m.kind).toBe('constructor');
    expect(m.majority).toBe('votes-cast');
    expect(m.quorum).toEqual({ kind: 'majority' });
  });
});
