/** The charter's adoption, the record's first entry, from which every other act is checked. */
import { charterFromJson } from '../../charter/index.js';
import { fail } from '../../errors.js';
import type { Reducer } from './reducer.js';

export const charterAdopt: Reducer<'charter.adopt'> = (state, act) => {
  const p = act.payload;
  if (state.size !== 0)
    fail('conflict', 'the charter is adopted by the first entry; amendments are decisions');
  if (act.actor !== null || act.signer !== null)
    fail('forbidden', 'the charter is adopted by the organization, signed with the custodial key');
  if (act.key !== p.custodian)
    fail('forbidden', 'the charter entry is not signed with the custodial key it names');
  state.charter = charterFromJson(p.charter);
  state.custodian = p.custodian;
  state.logKey = p.log;
};
