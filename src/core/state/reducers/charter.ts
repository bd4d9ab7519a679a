/**
 * The charter: adopted by the record's first entry, from which every other act is checked, and
 * amended by adopted motions, each amendment in force from its entry on.
 */
import { charterFromJson } from '../../charter/index.js';
import { fail } from '../../errors.js';
import { checkOpenSessions } from '../charters.js';
import { requireOrganizationAct } from '../authority.js';
import { motionOf } from '../lookup.js';
import { motionInWords } from '../names.js';
import type { CharterReducer, Reducer } from './reducer.js';

export const charterAdopt: Reducer<'charter.adopt'> = (state, act) => {
  const p = act.payload;
  if (state.size !== 0)
    fail('conflict', 'the charter is adopted by the first entry; amendments are decisions');
  if (act.actor !== null || act.signer !== null)
    fail('forbidden', 'the charter is adopted by the organization, signed with the custodial key');
  if (act.key !== p.custodian)
    fail('forbidden', 'the charter entry is not signed with the custodial key it names');
  state.charter = charterFromJson(p.charter);
  state.charters.push({
    from: act.index,
    charter: state.charter,
    json: p.charter as Record<string, unknown>,
  });
  state.custodian = p.custodian;
  state.logKey = p.log;
};

/**
 * Puts in force the charter an adopted motion carries: an act of the organization, resting on the
 * decision, which the audit recomputes. Amendments come into force in the order their votes
 * closed: one adopted before another came into force cannot undo it afterwards.
 */
export const charterAmend: CharterReducer<'charter.amend'> = (state, act) => {
  const p = act.payload;
  requireOrganizationAct(state, act, 'an amendment coming into force');
  const motion = motionOf(state, p);
  const named = motionInWords(state, motion);
  const amendment = motion.amends ?? fail('charter-rule', `${named} does not amend the charter`);
  if (motion.status !== 'closed' || motion.decision?.outcome !== 'adopted')
    fail(
      'charter-rule',
      `${named} was not adopted (${motion.decision?.outcome ?? motion.status}): the charter stays as it is`,
    );
  if (motion.amendedAt !== undefined)
    fail(
      'conflict',
      `the amendment of ${named} came into force already (entry ${motion.amendedAt})`,
    );
  const last = state.charters[state.charters.length - 1]!;
  if (last.from > motion.closedAt!)
    fail(
      'conflict',
      `another amendment came into force (entry ${last.from}) after ${named} was adopted`,
    );
  checkOpenSessions(state, amendment.built);
  delete state.pendingAmendment;
  motion.amendedAt = act.index;
  // The charter may give people keys: bundles prove who held which key by these entries too.
  insertSorted(state.keyChanges, motion.proposedAt);
  state.keyChanges.push(act.index);
  state.charter = amendment.built;
  state.charters.push({
    from: act.index,
    charter: amendment.built,
    json: amendment.json,
    motion: p,
  });
};

function insertSorted(list: number[], value: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1]! > value) i -= 1;
  list.splice(i, 0, value);
}
