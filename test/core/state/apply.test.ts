/** The fold's dispatch (core/state/apply.ts): every act type has its reducer, and no other type does. */
import { describe, expect, it } from 'vitest';
import { ACT_TYPES } from '../../../src/core/acts.js';
import type { RecordedAct } from '../../../src/core/acts.js';
import { applyAct, emptyState } from '../../../src/core/state/index.js';
import { REDUCERS } from '../../../src/core/state/reducers/index.js';

const entry = (type: string): RecordedAct =>
  ({
    type,
    payload: {},
    index: 0,
    time: '2026-12-03T19:30:00.000Z',
    actor: null,
    signer: null,
    key: 'k',
  }) as unknown as RecordedAct;

describe('applyAct', () => {
  it('has a reducer for each act type, and only for those', () => {
    expect(Object.keys(REDUCERS).sort()).toEqual([...ACT_TYPES].sort());
  });

  it.each(['toString', 'constructor', 'charter.repeal'])('refuses the act type %s', (type) => {
    const state = emptyState();
    expect(() => applyAct(state, entry(type), 'admit')).toThrow(
      expect.objectContaining({ code: 'invalid-input', message: `there is no act type "${type}"` }),
    );
    expect(state).toEqual(emptyState());
  });
});
