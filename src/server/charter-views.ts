/**
 * What a motion means for the charter and the membership, as the reading endpoints show it:
 * whether it amends the charter (what it changes, in words, and the bodies as the amended charter
 * has them), whom it
 * re-invites and whether that invitation was issued, and the versions of the charter in force
 * when its vote opened and when it closed: a vote is decided by the roster and rules in force
 * when it opened, whatever was amended while it was open.
 */
import { diffCharters } from '../core/charter/diff.js';
import type { Charter } from '../core/charter/model.js';
import { charterAt } from '../core/state/index.js';
import type { MotionState, State } from '../core/state/index.js';

export function motionCharterView(state: State, m: MotionState) {
  return {
    amends: m.amends !== undefined,
    amendment: m.amends ? amendmentView(m.amends.built, amendedFrom(state, m), m.amendedAt) : null,
    invites: m.invites ?? null,
    invited: m.invitedAt ?? null,
    charter: charterVersions(state, m),
  };
}

/**
 * The charter an amendment is read against: the one it replaced once in force, else the one in
 * force now (what it would change).
 */
function amendedFrom(state: State, m: MotionState): Charter {
  const replaced = m.amendedAt === undefined ? undefined : charterAt(state, m.amendedAt - 1);
  return (replaced ?? state.charters[state.charters.length - 1]!).charter;
}

/**
 * The amended charter's changes from `before` (as `collegium charter diff` words them), its
 * bodies, and the entry that put it in force (null until then).
 */
function amendmentView(charter: Charter, before: Charter, inForce: number | undefined) {
  return {
    inForce: inForce ?? null,
    changes: diffCharters(before, charter),
    bodies: [...charter.bodies.values()].map((b) => ({
      id: b.id,
      name: b.name,
      members: b.votingMembers.filter((p) => !b.candidates.includes(p)),
      candidates: b.candidates,
      chair: b.chair ?? null,
      secretary: b.secretary ?? null,
    })),
  };
}

/**
 * The first entries of the charter versions in force when the vote opened and when it closed
 * (null before), and whether they differ: an amendment came into force while it was open.
 */
function charterVersions(state: State, m: MotionState) {
  const atOpen = m.charterAtOpen ?? null;
  const atClose = m.closedAt === undefined ? null : (charterAt(state, m.closedAt)?.from ?? null);
  return {
    atOpen,
    atClose,
    amendedWhileOpen: atOpen !== null && atClose !== null && atOpen !== atClose,
  };
}
