/**
 * Sessions, motions, questions and acts as people name them, for every sentence said to a person
 * (refusals, protocols, minutes, pages): by their body, day, title and text, never by the ids the
 * record keys them by. One that the record lacks is named by its id: that is all there is.
 */
import type { ActType, DecisionRef } from '../acts.js';
import type { Charter } from '../charter/model.js';
import { withinADay } from '../calendar.js';
import { namedInFlag } from '../rules/explain.js';
import { explanationInWords } from '../rules/reading.js';
import { dayInWords } from '../minutes/words.js';
import { kindInWords, numbered } from '../words.js';
import { findDecision, isCirculationRef } from './decisions.js';
import { motionKey } from './model.js';
import type {
  CirculationState,
  InstrumentState,
  MotionState,
  ProxyGrant,
  SessionState,
  State,
} from './model.js';

/** A person's name as `charter` gives it; one it lacks (or no charter at all), by id. */
export function personNameIn(charter: Charter | undefined, person: string): string;
export function personNameIn(charter: Charter | undefined, person: string | null): string | null;
export function personNameIn(charter: Charter | undefined, person: string | null): string | null {
  return person === null ? null : (charter?.people.get(person)?.name ?? person);
}

/** A body's name as `charter` gives it; one it lacks, by id. */
export function bodyNameIn(charter: Charter | undefined, body: string): string {
  return charter?.bodies.get(body)?.name ?? body;
}

/**
 * Names people as `charter` gives them: for words that list people, such as a signing rule's
 * "at least 2 of V. I. Lenin, L. D. Trotsky".
 */
export function namesOf(charter: Charter | undefined): (person: string) => string {
  return (person) => personNameIn(charter, person);
}

/** A body's name in the latest version of the charter that has it, else its id. */
export function bodyName(state: State, body: string): string {
  return bodyNameIn(
    latestCharterWith(state, (c) => c.bodies.has(body)),
    body,
  );
}

/** A person's name in the latest version of the charter that has them: people come and go. */
export function personName(state: State, person: string): string {
  return personNameIn(
    latestCharterWith(state, (c) => c.people.has(person)),
    person,
  );
}

/**
 * A decision's explanation as the record words it (members listed by id), with those members
 * named as the charter names them, for a reader: "3 ayes (Ada Okafor, Ben Lindqvist and …)"; a
 * circulation's tie reads as one that fails.
 */
export function explanationNamed(state: State, explanation: string): string {
  return explanationInWords(explanation, (id) => personName(state, id));
}

/**
 * A decision's flag as the record words it (members and bodies by id), with those named as the
 * charter names them, for a reader: "N. N. Krestinsky answered after the deadline: …".
 */
export function flagNamed(state: State, flag: string): string {
  return namedInFlag(flag, {
    person: (id) => personName(state, id),
    body: (id) => bodyName(state, id),
    decision: (ref) => decisionInWords(state, ref),
  });
}

function latestCharterWith(state: State, has: (charter: Charter) => boolean): Charter | undefined {
  for (let i = state.charters.length - 1; i >= 0; i--) {
    const { charter } = state.charters[i]!;
    if (has(charter)) return charter;
  }
  return undefined;
}

/** Who acted, by name as refusals say it: "nobody" for an act transcribed from minutes. */
export function actorName(state: State, person: string | null): string {
  return person === null ? 'nobody' : personName(state, person);
}

/**
 * The session's own date: as its minutes or notice give it, else the day it opened. A live
 * session that met on another day than its notice named (earlier, or postponed; a notice may
 * name any day to come, or one in words) is dated the day it opened: the office's day may be a
 * day from UTC's, no more.
 */
export function sessionDate(session: SessionState): string {
  if (session.date !== undefined) return session.date;
  const opened = session.openedTime.slice(0, 10);
  const noticed = session.notice?.date.slice(0, 10);
  if (noticed === undefined) return opened;
  return session.mode === 'live' && !withinADay(noticed, opened) ? opened : noticed;
}

/**
 * A circulation's day: as its minutes give it, else the day it closed (or opened, while open).
 * Minutes that time the question (`1920-09-24T21:30`) give its day all the same: it names the
 * decision and dates it in registers, like a session's day.
 */
export function circulationDate(c: CirculationState): string {
  return (c.date ?? c.closedTime ?? c.openedTime).slice(0, 10);
}

/**
 * "the session of Central Committee on 18 February 1918 (Evening session)": its body, its day and
 * its title, if it has one.
 */
export function sessionInWords(state: State, session: string): string {
  const s = state.sessions.get(session);
  if (!s) return `session ${session}`;
  const title = s.title ? ` (${s.title})` : '';
  return `the session of ${bodyName(state, s.body)} on ${dayInWords(sessionDate(s))}${title}`;
}

/** Longer texts are cut at a word: a motion is named by how it begins, not read out in full. */
const NAMED_LENGTH = 80;

/** A text as a name: in quotes, without its closing full stop, cut at a word when long. */
export function quotedText(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ').replace(/\.$/, '');
  if (line.length <= NAMED_LENGTH) return `"${line}"`;
  const cut = line.slice(0, NAMED_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `"${(space > NAMED_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…"`;
}

/**
 * A motion by its place in its session and its text, as the minutes number it: 'motion 2 ("We
 * drag out the signing of the peace in every way")', and the session it was put in unless the
 * sentence names that already (`inSession: false`). Two motions may have one text; not one place.
 */
export function motionInWords(
  state: State,
  ref: { readonly session: string; readonly motion: string } | MotionState,
  inSession = true,
): string {
  const id = 'key' in ref ? ref.id : ref.motion;
  const key = motionKey(ref.session, id);
  const m = 'key' in ref ? ref : state.motions.get(key);
  const n = motionPlace(state, ref.session, key);
  const named = m && n > 0 ? `motion ${n} (${quotedText(m.text)})` : `motion ${id}`;
  return inSession ? `${named} of ${sessionInWords(state, ref.session)}` : named;
}

/** A motion's place in its session, from 1, as the minutes number it; 0 for one not put there. */
export function motionPlace(state: State, session: string, key: string): number {
  return (state.sessions.get(session)?.motions.indexOf(key) ?? -1) + 1;
}

/**
 * What a motion put to ratify a decision did to it, as the decision stands: `ratifies …` (adopted,
 * or its vote not closed yet), `annuls …: put to ratify it, rejected`, or, for one that did neither
 * (not decided, or on a decision that awaited it no more), `put to ratify …: it stands as it did`.
 */
export function ratifyingInWords(
  state: State,
  motion: { readonly session: string; readonly id: string; readonly ratifies: DecisionRef },
): string {
  const what = decisionInWords(state, motion.ratifies);
  const effect = ratifyingEffect(state, motion);
  if (effect === 'left-standing') return `put to ratify ${what}: it stands as it did`;
  return effect === 'annuls' ? `annuls ${what}: put to ratify it, rejected` : `ratifies ${what}`;
}

/**
 * What a motion put to ratify a decision did to it: `ratifies` while open or once it ratified it,
 * `annuls` once rejected, `left-standing` where the decision was settled otherwise (annulled
 * before, or never awaiting this).
 */
export function ratifyingEffect(
  state: State,
  motion: { readonly session: string; readonly id: string; readonly ratifies: DecisionRef },
): 'ratifies' | 'annuls' | 'left-standing' {
  const closed = state.motions.get(motionKey(motion.session, motion.id))?.status === 'closed';
  if (!closed) return 'ratifies';
  const standing = findDecision(state, motion.ratifies)?.ratification;
  const by = standing?.decidedBy;
  if (by?.session !== motion.session || by.motion !== motion.id) return 'left-standing';
  return standing?.status === 'annulled' ? 'annuls' : 'ratifies';
}

/** The same as a sentence of the minutes and the protocol: "It annuls …: put to ratify it, rejected." */
export function ratifyingSentence(
  state: State,
  motion: { readonly session: string; readonly id: string; readonly ratifies: DecisionRef },
): string {
  const words = ratifyingInWords(state, motion);
  return `It ${words.startsWith('put ') ? 'was ' : ''}${words}.`;
}

/**
 * Why a decision awaits no ratification by `body`, in words, for a refusal: settled already, and
 * by what (`... awaits no ratification by Central Committee any more: it was annulled by motion 1
 * ...`), awaiting another body's, or never in need of one.
 */
export function notAwaitingInWords(state: State, ref: DecisionRef, body: string): string {
  const what = decisionInWords(state, ref);
  const name = bodyName(state, body);
  const r = findDecision(state, ref)?.ratification;
  if (!r) return `${what} awaits no ratification by ${name}`;
  if (r.status === 'provisional')
    return `${what} awaits ratification by a session of ${bodyName(state, r.by)}, not ${name}`;
  const by = r.decidedBy ? ` by ${decisionInWords(state, r.decidedBy)}` : '';
  return `${what} awaits no ratification by ${name} any more: it was ${r.status}${by}`;
}

/** A question put between sessions: 'the question "…" put to Political Bureau (24 September 1920)'. */
export function circulationInWords(state: State, circulation: string): string {
  const c = state.circulations.get(circulation);
  if (!c) return `circulation ${circulation}`;
  const day = dayInWords(circulationDate(c));
  return `the question ${quotedText(c.text)} put to ${bodyName(state, c.body)} (${day})`;
}

/** A decision, whichever kind: the motion with its session, or the question put between them. */
export function decisionInWords(state: State, ref: DecisionRef): string {
  return isCirculationRef(ref)
    ? circulationInWords(state, ref.circulation)
    : motionInWords(state, ref);
}

/** A dispatch by its number in the register and its sender: "dispatch no. 14 from Trotsky". */
export function dispatchInWords(state: State, dispatch: string): string {
  const d = state.dispatches.get(dispatch);
  return d ? `dispatch no. ${d.number} from ${d.from}` : `dispatch ${dispatch}`;
}

/** The motion or the session a proxy is for, in words; null for one until a time or revoked. */
export function grantScopeInWords(state: State, g: ProxyGrant): string | null {
  if (g.session === undefined) return null;
  return g.motion === undefined
    ? sessionInWords(state, g.session)
    : motionInWords(state, { session: g.session, motion: g.motion });
}

/**
 * A proxy by who gave it to whom and what for: 'the proxy of Hana Kowalski to Ben Ode for the
 * session of Board on 9 December 2026'. Its id is for the acts that take it back, not for reading.
 */
export function grantInWords(state: State, grant: string): string {
  const g = state.grants.get(grant);
  if (!g) return `proxy ${grant}`;
  const scope = grantScopeInWords(state, g);
  return `the proxy of ${personName(state, g.grantor)} to ${personName(state, g.holder)}${scope === null ? '' : ` for ${scope}`}`;
}

/**
 * An instrument by its kind's id, number and body: "payment-order no. 3 of Board". For the texts
 * the state keeps (a dispatch's closing reason, a flag), which records folded before hold so.
 */
export function instrumentInWords(state: State, instrument: InstrumentState): string {
  return instrumentNamed(instrument.draft, bodyName(state, instrument.draft.body));
}

/**
 * An instrument named for a reader, its kind in words: "payment order no. 3 of Board", a number
 * with its own sign as written ("order № 12 of Board"). For what is shown only (command-line
 * lines, the log's names, refusals): texts the state keeps (a dispatch's closing reason, a flag)
 * use instrumentInWords, the kind as its id and "no." always, as records folded before hold them.
 */
export function instrumentTitled(
  state: State,
  draft: { readonly kind: string; readonly number: string; readonly body: string },
): string {
  return `${kindInWords(draft.kind)} ${numbered(draft.number)} of ${bodyName(state, draft.body)}`;
}

/** An instrument's draft named, its body named as the charter at hand names it. */
export function instrumentNamed(
  draft: { readonly kind: string; readonly number: string },
  body: string,
): string {
  return `${draft.kind} no. ${draft.number} of ${body}`;
}

/** Each act as a sentence names it: "the opening of a vote", "a dispatch's registration". */
const ACT_NAMES: Readonly<Record<ActType, string>> = {
  'charter.adopt': "the charter's adoption",
  'charter.amend': "an amendment's coming into force",
  'member.invite': 'an invitation to enrol a key',
  'member.enrol': "a key's enrolment",
  'member.revoke': "a key's revocation",
  'session.open': "a session's opening",
  'session.close': "a session's close",
  'session.convene': "a session's notice",
  'attendance.excuse': "a member's apologies",
  'attendance.arrive': 'an arrival',
  'attendance.depart': 'a departure',
  'motion.propose': 'a motion',
  'vote.open': "a vote's opening",
  'ballot.cast': 'a ballot',
  'vote.count': "a vote's counts",
  'vote.casting': "the chair's casting vote",
  'vote.close': "a vote's close",
  'proxy.grant': 'a proxy',
  'proxy.revoke': "a proxy's revocation",
  'circulation.open': 'a question put between sessions',
  'circulation.answer': 'an answer to a question',
  'circulation.confirm': "an answer's confirmation",
  'circulation.dispute': "an answer's dispute",
  'circulation.withdraw': "a question's withdrawal",
  'circulation.close': "a question's close",
  'dispatch.register': "a dispatch's registration",
  'dispatch.refer': "a dispatch's referral",
  'dispatch.close': "a dispatch's close",
  'instrument.draft': "an instrument's draft",
  'instrument.sign': "an instrument's signature",
  'instrument.issue': "an instrument's issue",
  'instrument.revoke': "an instrument's revocation",
  'instrument.settle': "an instrument's settlement",
  'instrument.annul': "an instrument's annulment",
  'minutes.sign': 'a signature of minutes',
  'minutes.object': 'an objection to minutes',
};

/** An act type as a sentence names it; one that is no act type, quoted as it is. */
export function actInWords(type: string): string {
  return Object.hasOwn(ACT_NAMES, type) ? ACT_NAMES[type as ActType] : JSON.stringify(type);
}

/** "a, b or c": one of several, as a sentence offers them. */
export function oneOfInWords(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
