/** Members looked up by set (core/state/roster.ts): the same answers as the lists, made ahead. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Body } from '../../../src/core/charter/model.js';
import { emptyState, motionKey } from '../../../src/core/state/index.js';
import type { CirculationState, MotionState } from '../../../src/core/state/index.js';
import {
  listed,
  lookupMade,
  prepareLookups,
  prepareVoteLookups,
} from '../../../src/core/state/roster.js';

const names = (n: number, prefix = 'm') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const body = (members: readonly string[]) =>
  ({ id: 'assembly', votingMembers: members, candidates: [] }) as unknown as Body;

describe('listed', () => {
  it('answers as the list does, short or long, made ahead or not', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 4 }), { maxLength: 40 }),
        fc.string({ maxLength: 4 }),
        fc.boolean(),
        (list, id, ahead) => {
          if (ahead) prepareVoteLookups(list, undefined);
          expect(listed(list, id)).toBe(list.includes(id));
          for (const member of list) expect(listed(list, member)).toBe(true);
        },
      ),
    );
  });
});

describe('prepareVoteLookups', () => {
  it("makes the sets of a vote's roll and of its body's members, for lists of 16 or more", () => {
    const roll = names(20);
    const members = names(30);
    const few = names(15, 'c');
    prepareVoteLookups(roll, { ...body(members), candidates: few } as Body);
    expect([lookupMade(roll), lookupMade(members), lookupMade(few)]).toEqual([true, true, false]);
  });
});

describe('prepareLookups', () => {
  it('makes the sets of the open votes and circulations of a state, and of no other', () => {
    const state = emptyState();
    const motion = (status: MotionState['status']) =>
      ({ status, presentAtOpen: names(20), bodyAtOpen: body(names(25)) }) as unknown as MotionState;
    const open = motion('open');
    const closed = motion('closed');
    state.motions.set(motionKey('s', 'open'), open);
    state.motions.set(motionKey('s', 'closed'), closed);
    const circulation = {
      status: 'open',
      asked: names(18),
      bodyAtOpen: body(names(22)),
    } as unknown as CirculationState;
    state.circulations.set('c', circulation);
    prepareLookups(state);
    expect(lookupMade(open.presentAtOpen)).toBe(true);
    expect(lookupMade(open.bodyAtOpen!.votingMembers)).toBe(true);
    expect(lookupMade(closed.presentAtOpen)).toBe(false);
    expect(lookupMade(closed.bodyAtOpen!.votingMembers)).toBe(false);
    expect(lookupMade(circulation.asked)).toBe(true);
    expect(lookupMade(circulation.bodyAtOpen.votingMembers)).toBe(true);
  });
});
