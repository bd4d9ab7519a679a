/**
 * What the reading endpoints show of the register of dispatches: each dispatch with its number,
 * sender, attachments (by hash, downloaded from GET /api/attachments/:hash), its referrals and
 * what was put on it. Optional fields are left out when absent (docs/api.md marks them with ?).
 */
import { withoutUndefined } from '../core/json.js';
import {
  namedFile,
  bodyNameIn,
  circulationInWords,
  dispatchStatus,
  motionInWords,
  personNameIn,
} from '../core/state/index.js';
import type { DispatchState, State } from '../core/state/index.js';
import { charterOf } from './views.js';

export function dispatchView(state: State, d: DispatchState) {
  const charter = charterOf(state);
  return {
    id: d.id,
    body: d.body,
    bodyName: bodyNameIn(charter, d.body),
    number: d.number,
    received: d.received,
    from: d.from,
    channel: d.channel,
    text: d.text,
    attachments: d.attachments,
    status: dispatchStatus(d),
    referrals: d.referrals.map((r) => ({
      by: r.by,
      byName: personNameIn(charter, r.by),
      inscription: r.inscription,
      people: r.people,
      ...withoutUndefined({ body: r.body }),
      index: r.index,
    })),
    circulations: d.circulations,
    // Each named as a page says it: the record's ids are for links, not for reading.
    questions: d.circulations.map((c) => ({
      circulation: c,
      named: circulationInWords(state, c),
    })),
    motions: d.motions.flatMap((key) => {
      const m = state.motions.get(key);
      return m ? [{ session: m.session, motion: m.id, named: motionInWords(state, m) }] : [];
    }),
    ...(d.closed ? { closed: d.closed } : {}),
    registeredAt: d.registeredAt,
  };
}

/** The name a file is known by in the record: its first mention's (namedFile). */
export function attachmentName(state: State, hash: string): string | undefined {
  return namedFile(state, hash)?.name;
}
