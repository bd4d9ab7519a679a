/**
 * Who may do and who may sign what. An act is signed by its actor, or by an officer of the body
 * recording it for them (always in a transcription of minutes; in a live session only for people
 * who have no key of their own). Keys: any key a person enrolled or the charter gives them, not
 * revoked; for people with none, the record's custodial key.
 */
import { fail } from '../errors.js';
import type { ErrorCode } from '../errors.js';
import type { Body, Charter } from '../charter/model.js';
import type { RecordedAct } from '../acts.js';
import { actInWords, actorName, personName } from './names.js';
import { listed } from './roster.js';
import type { SessionState, State } from './model.js';

/** The officers who run a session: its chair, the body's chair, secretary and other officers. */
export function officers(body: Body, session?: SessionState): Set<string> {
  const set = new Set<string>(body.officers);
  if (session?.chair) set.add(session.chair);
  if (body.chair) set.add(body.chair);
  if (body.secretary) set.add(body.secretary);
  return set;
}

/** Who runs the body's business: its officers; a body with none is run by its voting members. */
export function runners(body: Body, session?: SessionState): Set<string> {
  const o = officers(body, session);
  return o.size > 0 ? o : new Set(body.votingMembers);
}

/** Who signs a session's minutes: the chair who sat (else the body's) and the body's secretary. */
export function minutesSigners(body: Body, session: SessionState): string[] {
  const named = [session.chair ?? body.chair, body.secretary].filter(
    (p): p is string => p !== undefined,
  );
  return named.length > 0 ? [...new Set(named)] : [...runners(body, session)];
}

/** Whether any one of the minutes' signers signs for all: the body has no chair or secretary. */
export function oneSignsMinutes(body: Body, session: SessionState): boolean {
  return (session.chair ?? body.chair) === undefined && body.secretary === undefined;
}

/**
 * What a signer of the minutes signs as: chair, secretary (or both), else an officer or, in a
 * body without officers, a member (any one of them signs for all: oneSignsMinutes).
 */
export function minutesSignerRole(body: Body, session: SessionState, person: string): string {
  const chair = session.chair ?? body.chair;
  const office = [person === chair ? 'chair' : '', person === body.secretary ? 'secretary' : '']
    .filter(Boolean)
    .join(' and ');
  return office || (officers(body, session).has(person) ? 'officer' : 'member');
}

/** Whether `person` sits on the body: a voting member, a candidate (a voice, no vote) or one who runs it. */
export function sitsOn(body: Body, person: string, session?: SessionState): boolean {
  return (
    listed(body.votingMembers, person) ||
    listed(body.candidates, person) ||
    runners(body, session).has(person)
  );
}

/**
 * Officers may run the session; a body with none is run by any of its voting members. The refusal
 * names people and the body as the charter does: its reader knows them by name, not by id.
 */
export function requireOfficer(
  state: State,
  act: Pick<RecordedAct, 'actor' | 'type'>,
  body: Body,
  session?: SessionState,
): void {
  const allowed = runners(body, session);
  if (act.actor === null || !allowed.has(act.actor)) {
    const names = [...allowed].map((p) => personName(state, p)).join(' or ');
    fail(
      'forbidden',
      `${actorName(state, act.actor)} may not record ${actInWords(act.type)}: only ${names} of ${body.name} may`,
    );
  }
}

/** How a breach of who may do what is refused: `fail`, or fail told with a rule beside. */
export type RoleRefusal = (code: ErrorCode, message: string) => never;

/**
 * How an act that breaks who may do what is refused: live, as any breach is; in minutes, only
 * where the act is held to its actor's role (heldToRole), saying who transcribes minutes; else not
 * at all (undefined), and the transcription records it as the minutes give it.
 */
export function roleRefusal(
  state: State,
  act: Pick<RecordedAct, 'signer' | 'key'>,
  body: Body,
  session: SessionState | undefined,
  live: boolean,
  admitting: boolean,
): RoleRefusal | undefined {
  if (live) return fail;
  return heldToRole(state, act, body, session, admitting)
    ? refusedInMinutes(state, body, session)
    : undefined;
}

/**
 * Whether an act of minutes is held to its actor's role, as a live act is, instead of recorded and
 * flagged. Minutes are transcribed by those who record for the body (its officers; in a body with
 * none, its voting members) or by the organization (the custodial key): they record history as it
 * was, breaches and all. Anyone else who signs an act of minutes signs their own act (checkSigner
 * lets no one else sign for another), and may do only what their role allows. Asked when
 * admitting only: what a record holds, it keeps.
 */
function heldToRole(
  state: State,
  act: Pick<RecordedAct, 'signer' | 'key'>,
  body: Body,
  session: SessionState | undefined,
  admitting: boolean,
): boolean {
  if (!admitting || act.signer === null || act.key === state.custodian) return false;
  return !runners(body, session).has(act.signer);
}

/** The refusal of an act of minutes held to its actor's role: the rule that refuses it beside. */
function refusedInMinutes(
  state: State,
  body: Body,
  session: SessionState | undefined,
): RoleRefusal {
  const names = [...runners(body, session)].map((p) => personName(state, p)).join(' or ');
  return (code, message) =>
    fail(
      code,
      `${message} (minutes are transcribed by ${names} of ${body.name} or by the organization; anyone else records in them only their own acts, within their role)`,
    );
}

/**
 * A person's own keys (base64), newest first: those they enrolled, then the charter's, none of
 * them revoked. Several at once: a phone and a laptop.
 */
export function personKeys(state: State, person: string): string[] {
  const keys = [...(state.enrolled.get(person) ?? [])].reverse();
  const own = charterKey(state, person);
  if (own && !keys.includes(own)) keys.push(own);
  return keys;
}

/** Whether `key` is one of the person's own keys (personKeys), without making the list. */
export function holdsKey(state: State, person: string, key: string): boolean {
  return state.enrolled.get(person)?.includes(key) === true || charterKey(state, person) === key;
}

/** The charter's key of the person, unless revoked. */
function charterKey(state: State, person: string): string | undefined {
  const key = state.charter?.people.get(person)?.keyBase64;
  return key && !state.revoked.get(person)?.has(key) ? key : undefined;
}

/** Whether the person holds a key of their own. (Checked for every act: no list is made.) */
export function hasKey(state: State, person: string): boolean {
  return (state.enrolled.get(person)?.length ?? 0) > 0 || charterKey(state, person) !== undefined;
}

/** Whether `key` may sign for `signer`: one of their keys, else (for them or the organization,
 * when they have none) the custodial key. */
export function signsWith(state: State, signer: string | null, key: string): boolean {
  if (signer === null) return key === state.custodian;
  if (state.enrolled.get(signer)?.includes(key)) return true;
  const own = charterKey(state, signer);
  if (own !== undefined) return key === own;
  return !hasKey(state, signer) && key === state.custodian;
}

/** Everyone who holds an office in some body: its chair, secretary and other officers. */
export function allOfficers(charter: Charter): Set<string> {
  return new Set([...charter.bodies.values()].flatMap((b) => [...officers(b)]));
}

/**
 * Who may enrol people and revoke their keys: any officer of any body, so that no one person's
 * lost key locks the membership. With no officer in the charter, the custodian.
 */
export function requireRegistrar(state: State, charter: Charter, actor: string | null): void {
  const registrars = allOfficers(charter);
  if (registrars.size === 0 && actor === null) return;
  if (actor === null || !registrars.has(actor)) {
    fail(
      'forbidden',
      `only an officer (${[...registrars].map((p) => personName(state, p)).join(', ') || 'the custodian'}) may enrol members and revoke keys`,
    );
  }
}

/** Refuses an act that is not the organization's own: no actor, signed with the custodial key. */
export function requireOrganizationAct(state: State, act: RecordedAct, what: string): void {
  if (act.actor !== null || act.signer !== null || act.key !== state.custodian)
    fail('forbidden', `${what} is the organization’s act, signed with the custodial key`);
}

/**
 * Checks the entry's signer and key against the actor and the charter in force. An officer
 * records live only for people without a key, unless `recordsForAnyone` (an answer that came by
 * telephone, which its member may then confirm or dispute).
 */
export function checkSigner(
  state: State,
  act: RecordedAct,
  body: Body | undefined,
  session: SessionState | undefined,
  recordsForAnyone = false,
): void {
  const charter = state.charter;
  if (act.signer !== null && charter && !charter.people.has(act.signer))
    fail('forbidden', `no person '${act.signer}' in the charter`);
  const signer = act.signer === null ? 'the custodian' : personName(state, act.signer);
  if (state.custodian !== undefined && !signsWith(state, act.signer, act.key)) {
    const whose = act.signer === null ? 'the custodial key' : `${signer}'s`;
    fail('forbidden', `signed with a key that is not ${whose}`);
  }
  if (act.signer === act.actor) return;
  if (act.actor === null || !body) fail('forbidden', `${signer} may not sign for the organization`);
  const recorders = runners(body, session);
  const actor = personName(state, act.actor);
  if (act.signer === null || !recorders.has(act.signer)) {
    fail(
      'forbidden',
      `${signer} may not sign for ${actor}: only the chair or secretary of ${body.name} records for others`,
    );
  }
  if (!recordsForAnyone && session?.mode !== 'minutes' && hasKey(state, act.actor)) {
    fail('forbidden', `${actor} has a key of their own and signs their own acts`);
  }
}
