/**
 * What an agenda item means for the session that follows it: the motion it drafts (what putting
 * it prefills) and where it stands by the motions put under it. Pure, so that the use cases and
 * the web console read an agenda the same way.
 */
import type { Acts, AgendaItem, MinutesRef } from '../acts.js';
import { withoutUndefined } from '../json.js';

/** Where an agenda item stands: nothing put under it yet, a motion put (or voted on), decided. */
export type AgendaItemStanding = 'waiting' | 'proposed' | 'voting' | 'decided';

/**
 * The motion an agenda item puts, as far as the notice drafts it: its wording, and the dispatch
 * it answers, the decision it ratifies, or the minutes it approves (`approves`, the item's
 * `minutes` with their content hash as read now). What the proposer gives (`given`) wins.
 */
export function motionOfItem(
  item: AgendaItem,
  approves: MinutesRef | undefined,
  given: Partial<Acts['motion.propose']> = {},
): Partial<Acts['motion.propose']> {
  return {
    ...withoutUndefined({
      text: item.motion,
      dispatch: item.dispatch,
      ratifies: item.ratifies,
      approves: item.minutes !== undefined ? approves : undefined,
    }),
    item: item.item,
    ...withoutUndefined(given),
  };
}

/**
 * Where agenda item `item` stands, from the session's motions in the order put: decided once a
 * motion under it is closed and none is still pending, voting while a vote under it is open,
 * else proposed while one is put.
 */
export function agendaItemStanding(
  item: string,
  motions: readonly { readonly item?: string | null; readonly status: string }[],
): AgendaItemStanding {
  const under = motions.filter((m) => m.item === item);
  if (under.length === 0) return 'waiting';
  if (under.every((m) => m.status === 'closed')) return 'decided';
  return under.some((m) => m.status === 'open') ? 'voting' : 'proposed';
}
