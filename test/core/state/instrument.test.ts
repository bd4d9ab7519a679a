/** Instruments as the fold keeps them: drafted, signed in order, issued, and their life after. */
import { describe, expect, it } from 'vitest';
import type { Act } from '../../../src/core/acts.js';
import { nextAfter } from '../../../src/core/state/index.js';
import { BOARD, Fold } from './fold.js';

/** A board that issues orders signed by ann then bob, mandates and receipts. */
function board(): Fold {
  return new Fold({
    board: {
      ...BOARD,
      instruments: {
        order: { formula: 'By order of the Board', signers: ['ann', 'bob'], order: 'as-listed' },
        mandate: { signers: { 'at-least': 1, of: 'members' }, 'rests-on': 'none' },
        receipt: { signers: { 'at-least': 1, of: ['members', 'eve'] }, 'rests-on': 'none' },
      },
    },
  });
}

const draft = (extra: object = {}): Act =>
  ({
    type: 'instrument.draft',
    payload: {
      instrument: 'i1',
      body: 'board',
      kind: 'mandate',
      mode: 'live',
      number: '2026/1',
      text: 'Cy may sign for the fence.',
      holder: 'cy',
      ...extra,
    },
  }) as Act;

function sign(f: Fold, id = 'i1'): Act {
  const i = f.state.instruments.get(id)!;
  return {
    type: 'instrument.sign',
    payload: { instrument: id, content: i.content, after: nextAfter(i) },
  };
}

describe('instruments', () => {
  it('drafts, signs and issues a mandate, then revokes it', () => {
    const f = board();
    f.act(draft(), 'ann');
    f.act(sign(f), 'bob');
    f.act({ type: 'instrument.issue', payload: { instrument: 'i1' } }, 'ann');
    const i = f.state.instruments.get('i1')!;
    expect(i.status).toBe('issued');
    expect(i.signatures.map((s) => s.signer)).toEqual(['bob']);
    f.refuses('wrong-kind', { type: 'instrument.settle', payload: { instrument: 'i1' } }, 'ann');
    f.act({ type: 'instrument.revoke', payload: { instrument: 'i1', reason: 'done' } }, 'ann');
    expect(i.status).toBe('revoked');
  });

  it('refuses signatures out of the listed order, twice by one person, or on changed content', () => {
    const f = board();
    f.meet('s1', 'board', 'ann', ['ann', 'bob', 'cy']);
    f.decide('s1', 'ann', { motion: 'm1' }, { ann: 'aye', bob: 'aye', cy: 'aye' });
    f.act(draft({ kind: 'order', restsOn: { session: 's1', motion: 'm1' } }), 'ann');
    f.refuses('not-a-signer', sign(f), 'cy');
    f.act(sign(f), 'bob');
    f.refuses('out-of-order', sign(f), 'ann');
    f.refuses('duplicate-signature', sign(f), 'bob');
    f.refuses('signing-rule', { type: 'instrument.issue', payload: { instrument: 'i1' } }, 'ann');
    const changed = sign(f) as Act & { payload: { content: string } };
    f.refuses(
      'content-mismatch',
      { ...changed, payload: { ...changed.payload, content: 'f'.repeat(64) } } as Act,
      'ann',
    );
  });

  it('refuses an order resting on no decision', () => {
    const f = board();
    f.refuses('charter-rule', draft({ kind: 'order' }), 'ann');
  });
});
