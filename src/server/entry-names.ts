/**
 * What an entry of the log acts on, named in words as every page names it (core/state/names.ts):
 * the record explorer shows these in its lines, where the payload has only ids.
 */
import type { EntryNamed } from '../api/log.js';
import { withoutUndefined } from '../core/json.js';
import {
  circulationInWords,
  dispatchInWords,
  grantInWords,
  instrumentTitled,
  motionInWords,
  sessionInWords,
} from '../core/state/index.js';
import type { State } from '../core/state/index.js';

/** A payload's field as a string, if it is one. */
const field = (p: Readonly<Record<string, unknown>>, key: string): string | undefined =>
  typeof p[key] === 'string' ? p[key] : undefined;

/** Names `id` by `inWords`, where the payload has one. */
const named = (id: string | undefined, inWords: (id: string) => string): string | undefined =>
  id === undefined ? undefined : inWords(id);

/** The things an entry's payload names by id, each in words; fields it lacks are left out. */
export function entryNamed(state: State, payload: Readonly<Record<string, unknown>>): EntryNamed {
  const session = field(payload, 'session');
  const motion = field(payload, 'motion');
  const decision = payload['decision'] as { session?: unknown; motion?: unknown } | undefined;
  const instrument = (id: string) => {
    const found = state.instruments.get(id);
    return found ? instrumentTitled(state, found.draft) : `instrument ${id}`;
  };
  return withoutUndefined({
    session: named(session, (s) => sessionInWords(state, s)),
    motion:
      session === undefined
        ? undefined
        : named(motion, (m) => motionInWords(state, { session, motion: m })),
    // An invitation's decision; a close's `decision` is its outcome, not a reference.
    decision:
      typeof decision?.session === 'string' && typeof decision.motion === 'string'
        ? motionInWords(state, { session: decision.session, motion: decision.motion })
        : undefined,
    circulation: named(field(payload, 'circulation'), (c) => circulationInWords(state, c)),
    instrument: named(field(payload, 'instrument'), instrument),
    supersededBy: named(field(payload, 'supersededBy'), instrument),
    grant: named(field(payload, 'grant'), (g) => grantInWords(state, g)),
    dispatch: named(field(payload, 'dispatch'), (d) => dispatchInWords(state, d)),
  });
}
