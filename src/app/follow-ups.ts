/**
 * Acts that an act brings about at once, recorded right after it in the same transaction: an
 * adopted amendment of the charter comes into force with the close of its vote; a live
 * circulation closes with the answer (or confirmation) after which its outcome cannot change.
 * They are the organization's acts, signed with the custodial key; the audit checks that each
 * rests on what the record shows.
 */
import type { RecordedAct } from '../core/acts.js';
import { decideCirculationIn, isSettled, motionKey } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import type { Draft } from './ledger.js';

export function followUps(state: State, act: RecordedAct): Draft[] {
  if (act.type === 'circulation.answer' || act.type === 'circulation.confirm')
    return settledClose(state, act.payload.circulation);
  if (act.type !== 'vote.close') return [];
  const { session, motion } = act.payload;
  const closed = state.motions.get(motionKey(session, motion));
  if (!closed?.amends || closed.decision?.outcome !== 'adopted') return [];
  return [
    { act: { type: 'charter.amend', payload: { session, motion } }, actor: null, signer: null },
  ];
}

/** The close of a live circulation whose outcome can no longer change, if it is such. */
function settledClose(state: State, id: string): Draft[] {
  const c = state.circulations.get(id);
  if (!c || c.mode !== 'live' || c.status !== 'open' || !isSettled(c)) return [];
  const decision = decideCirculationIn(c);
  return [
    {
      act: { type: 'circulation.close', payload: { circulation: id, decision } },
      actor: null,
      signer: null,
    },
  ];
}
