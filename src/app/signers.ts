/**
 * Who signs an act, and with which key. A person with a key of their own signs their own acts.
 * For people without one (history replayed, the demo) the body's secretary signs, visibly, with
 * their own key or, if they have none either, with the record's custodial key.
 */
import { toBase64 } from '../core/bytes.js';
import { fail } from '../core/errors.js';
import { hasKey, personKeys, personName } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import { keyPairFromSeed } from '../record/ed25519.js';
import type { Draft } from './ledger.js';
import { officerOfSession } from './proceedings.js';

export interface Signer {
  readonly person: string | null;
  readonly seed: Uint8Array;
}

export function signerFor(
  state: State,
  draft: Draft,
  keys: ReadonlyMap<string, Uint8Array> | undefined,
  custodian: Uint8Array,
): Signer {
  const charter = state.charter;
  const actor = draft.actor;
  if (actor === null || !charter) return { person: null, seed: custodian };
  // Told as such, not as one who may not do what the act does.
  if (!charter.people.has(actor)) fail('not-found', `no person '${actor}' in the charter`);
  const ownKey = (person: string): Signer | undefined => {
    const seed = keys?.get(person);
    if (!seed) return undefined;
    if (!personKeys(state, person).includes(toBase64(keyPairFromSeed(seed).publicKey))) {
      fail('unauthenticated', `the key given for ${person} is not one the record has for them`);
    }
    return { person, seed };
  };
  // An answer that came by telephone is recorded for its member, who may confirm or dispute it,
  // and a signature given on paper for its signer: the recorder signs it, even where the
  // person's own key is at hand (the demo).
  const recordedAnswer =
    (draft.act.type === 'circulation.answer' || draft.act.type === 'instrument.sign') &&
    draft.recorder !== undefined;
  const own = recordedAnswer ? undefined : ownKey(actor);
  if (own) return own;
  const { body, mode } = contextOf(state, draft);
  const actorHasKey = hasKey(state, actor);
  if (actorHasKey && mode !== 'minutes' && !recordedAnswer)
    ownKeyMissing(state, draft, keys, actor);
  const recorder =
    draft.recorder ?? (body ? (charter.bodies.get(body)?.secretary ?? actor) : actor);
  const recorderSigner = ownKey(recorder);
  if (recorderSigner) return recorderSigner;
  if (hasKey(state, recorder)) ownKeyMissing(state, draft, keys, recorder);
  return { person: recorder, seed: custodian };
}

/** Acts of a session an officer may record for the person they name (`--as` the officer). */
const RECORDED_BY_AN_OFFICER = new Set([
  'attendance.arrive',
  'attendance.depart',
  'attendance.excuse',
  'motion.propose',
]);

/**
 * Refuses an act whose signer holds a key of their own that was not given, saying whose keys were
 * given instead (a wrong file is the likelier mistake than none), and, where an officer may
 * record the act for the person (a secretary checking members in), how.
 */
function ownKeyMissing(
  state: State,
  draft: Draft,
  keys: ReadonlyMap<string, Uint8Array> | undefined,
  person: string,
): never {
  const others = [...(keys?.keys() ?? [])].filter((p) => p !== person);
  const given =
    others.length > 0
      ? ` (the key given is ${others.map((p) => `${personName(state, p)}'s`).join(', ')})`
      : '';
  const session = (draft.act.payload as { session?: unknown }).session;
  const officer =
    RECORDED_BY_AN_OFFICER.has(draft.act.type) &&
    person === draft.actor &&
    typeof session === 'string' &&
    state.sessions.has(session)
      ? officerOfSession(state, session)
      : undefined;
  const orOfficer =
    officer !== undefined && officer !== person
      ? `, or record it for them as an officer (--as ${officer})`
      : '';
  fail(
    'unauthenticated',
    `${person} signs with their own key: give it with --key${given}${orOfficer}`,
  );
}

function contextOf(state: State, draft: Draft): { body?: string; mode?: string } {
  const payload = draft.act.payload as {
    session?: string;
    body?: string;
    mode?: string;
    circulation?: string;
    dispatch?: string;
    instrument?: string;
  };
  if (
    draft.act.type === 'session.open' ||
    draft.act.type === 'session.convene' ||
    draft.act.type === 'circulation.open' ||
    draft.act.type === 'instrument.draft'
  )
    return {
      ...(payload.body ? { body: payload.body } : {}),
      ...(payload.mode ? { mode: payload.mode } : {}),
    };
  const session = payload.session ? state.sessions.get(payload.session) : undefined;
  if (session) return { body: session.body, mode: session.mode };
  const circulation = payload.circulation ? state.circulations.get(payload.circulation) : undefined;
  if (circulation) return { body: circulation.body, mode: circulation.mode };
  const instrument = payload.instrument ? state.instruments.get(payload.instrument) : undefined;
  if (instrument) return { body: instrument.draft.body, mode: instrument.draft.mode };
  const dispatch = payload.dispatch ? state.dispatches.get(payload.dispatch) : undefined;
  if (dispatch) return { body: dispatch.body };
  if (draft.act.type === 'dispatch.register' && payload.body) return { body: payload.body };
  // A proxy given until a time names its body, and no session.
  return draft.act.type === 'proxy.grant' && payload.body ? { body: payload.body } : {};
}
