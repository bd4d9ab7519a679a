/**
 * What the reading endpoints and the live events show, read from the ledger's state: the
 * organization, its sessions and motions. Absent optional fields are null, so that every answer
 * of one kind has the same shape.
 */
import {
  describeBody,
  majorityInWords,
  quorumInWords,
  circulationRuleInWords,
} from '../core/charter/describe.js';
import type { InstrumentKind as InstrumentKindView } from '../api/instruments.js';
import type { Body, Charter } from '../core/charter/model.js';
import { fail } from '../core/errors.js';
import { checkQuorum } from '../core/rules/quorum.js';
import { signersInOrder, signersRuleInWords } from '../core/rules/signing.js';
import type { QuorumRule } from '../core/rules/types.js';
import { withoutUndefined } from '../core/json.js';
import {
  awaitingRatification,
  bodyOf,
  decideMotion,
  decisionInWords,
  dispatchInWords,
  isSealed,
  motionKey,
  namesOf,
  personKeys,
  ratifyingEffect,
} from '../core/state/index.js';
import type { MotionState, SessionState, State } from '../core/state/index.js';
import { decisionItem, ratificationView } from './decision-views.js';
import { listed } from '../core/state/roster.js';
import { motionCharterView } from './charter-views.js';
import { excusedView, noticeView } from './notice-views.js';

export function charterOf(state: State): Charter {
  return state.charter ?? fail('conflict', 'the record has no charter');
}

export function organizationOf(state: State) {
  const { id, name, log } = charterOf(state).organization;
  return { id, name, log };
}

export function rolesOf(state: State, person: string): { body: string; role: string }[] {
  const roles: { body: string; role: string }[] = [];
  for (const body of charterOf(state).bodies.values()) {
    if (body.chair === person) roles.push({ body: body.id, role: 'chair' });
    if (body.secretary === person) roles.push({ body: body.id, role: 'secretary' });
    // By sets made once per list: an assembly of thousands asks at every page and sign-in.
    if (listed(body.officers, person)) roles.push({ body: body.id, role: 'officer' });
    if (listed(body.candidates, person)) roles.push({ body: body.id, role: 'candidate' });
    else if (listed(body.votingMembers, person)) roles.push({ body: body.id, role: 'member' });
  }
  return roles;
}

/** When each of `keys` was enrolled, and by which entry; a key the charter gives is not listed. */
function keysAdded(state: State, keys: readonly string[]) {
  return keys.flatMap((key) => {
    const enrolled = state.keysEnrolled.get(key);
    return enrolled ? [{ key, index: enrolled.index, time: enrolled.time }] : [];
  });
}

export function organizationView(state: State) {
  const charter = charterOf(state);
  return {
    organization: organizationOf(state),
    people: [...charter.people.values()].map((p) => ({
      id: p.id,
      name: p.name,
      enrolled: state.enrolled.has(p.id),
      key: personKeys(state, p.id)[0] ?? null,
      keys: personKeys(state, p.id),
      keysAdded: keysAdded(state, personKeys(state, p.id)),
    })),
    bodies: [...charter.bodies.values()].map((b) => ({
      id: b.id,
      name: b.name,
      parent: b.parent ?? null,
      members: votingOf(b),
      candidates: b.candidates,
      chair: b.chair ?? null,
      secretary: b.secretary ?? null,
      officers: b.officers,
      // The charter in words, as `collegium charter check` gives it, less the heading line.
      rules: describeBody(b, charter)
        .slice(1)
        .map((line) => line.trim()),
      runningTally: b.runningTally,
      // Days of notice the charter requires before a session opens (null: none).
      noticeDays: b.noticeDays ?? null,
      ...votingRulesOf(b),
      instruments: instrumentKindsOf(b, charter),
    })),
  };
}

/** The kinds of instrument the body issues, as a draft form offers them. */
function instrumentKindsOf(b: Body, charter: Charter): InstrumentKindView[] {
  return [...b.instruments.values()].map((k) => ({
    kind: k.kind,
    formula: k.formula ?? null,
    rule: signersRuleInWords(k, b, namesOf(charter)),
    order: k.order,
    atLeast: k.signers.atLeast,
    signers: signersInOrder(k, b),
    restsOn: k.restsOn,
  }));
}

/**
 * What a form putting a motion needs of the body's rules, as values and in words: the majority,
 * each motion kind with the rule it implies, the casting vote, proxies and delegated powers.
 */
function votingRulesOf(b: Body) {
  const members = b.votingMembers.length;
  return {
    majority: b.majority,
    majorityInWords: majorityInWords(b.majority),
    motionKinds: Object.entries(b.motionKinds).map(([kind, rule]) => ({
      id: kind,
      majority: rule.majority ?? b.majority,
      // "two thirds of votes cast", "a majority of votes cast, with a quorum of 5 of 7 …"
      rule: [
        majorityInWords(rule.majority ?? b.majority),
        rule.quorum ? `with a quorum of ${quorumInWords(rule.quorum, members)}` : '',
      ]
        .filter(Boolean)
        .join(', '),
    })),
    castingVote: b.castingVote,
    proxies: b.proxies ? { maxPerHolder: b.proxies.maxPerHolder } : null,
    // A delegated body decides only under one of these, which its motions name.
    powers: b.powers,
    // The parent whose members at hand a delegated body must draw into each decision, if any.
    drawsIn: b.obligations.find((o) => o.kind === 'draw-in-present-members-of')?.body ?? null,
    // Deciding between meetings: who may put a question, by what rule, and whether it is ratified.
    circulation: b.circulation
      ? {
          rule: circulationRuleInWords(b.circulation.rule, members),
          putBy: b.circulation.putBy,
          ratify: b.circulation.ratify,
        }
      : null,
  };
}

function votingOf(body: Body): string[] {
  return body.votingMembers.filter((p) => !body.candidates.includes(p));
}

export function sessionSummary(s: SessionState) {
  return {
    id: s.id,
    body: s.body,
    title: s.title ?? null,
    date: s.date ?? null,
    mode: s.mode,
    open: s.closedAt === undefined,
    convened: false,
    present: s.present.size,
  };
}

export function sessionOf(state: State, id: string): SessionState {
  return state.sessions.get(id) ?? fail('not-found', `no session '${id}'`);
}

export function motionOf(state: State, session: string, motion: string): MotionState {
  sessionOf(state, session);
  return (
    state.motions.get(motionKey(session, motion)) ??
    fail('not-found', `no motion '${motion}' in session ${session}`)
  );
}

/** Who was present just after entry `upTo` (now, without it). */
export function presentAt(session: SessionState, upTo?: number): Set<string> {
  if (upTo === undefined) return session.present;
  const present = new Set<string>();
  for (const a of session.attendance) {
    if (a.index > upTo) break;
    if (a.kind === 'arrive') present.add(a.person);
    else present.delete(a.person);
  }
  return present;
}

/** The quorum of the session's body for who is present (just after entry `upTo`, or now), under
 * the body's rule or a motion kind's. */
export function quorumView(state: State, session: SessionState, upTo?: number, rule?: QuorumRule) {
  const body = bodyOf(charterOf(state), session.body);
  const q = checkQuorum({
    votingMembers: body.votingMembers,
    candidates: body.candidates,
    present: [...presentAt(session, upTo)],
    quorum: rule ?? body.quorum,
    castingVote: body.castingVote,
  });
  return {
    required: q.required,
    presentVoting: q.presentVoting,
    votingMembers: q.votingMembers,
    met: q.met,
  };
}

export function sessionView(state: State, id: string) {
  const s = sessionOf(state, id);
  return {
    ...sessionSummary(s),
    place: s.place ?? null,
    chair: s.chair ?? null,
    present: [...s.present],
    attendance: s.attendance.map((a) => ({ person: a.person, kind: a.kind, entry: a.index })),
    quorum: quorumView(state, s),
    excused: excusedView(s),
    // The notice it was convened by, with its agenda; what the record holds against a rule.
    notice: s.notice ? noticeView(state, s.notice) : null,
    flags: s.flags,
    motions: s.motions.map((key) => motionView(state, state.motions.get(key)!)),
    // Its body's provisional decisions: the ratifications on its agenda.
    awaitingRatification: awaitingRatification(state, s.body).map((d) => decisionItem(state, d)),
  };
}

/**
 * The tally as it may be shown: always once the vote is closed; while it is open only where the
 * charter shows a running tally. It is the decision's tally as if the vote closed now, so the
 * running count and the final one are counted by the same rules.
 */
export function shownTally(state: State, m: MotionState): Record<string, number> | null {
  if (m.status === 'closed') return m.decision?.tally ?? null;
  if (m.status !== 'open' || isSealed(state, m)) return null;
  return decideMotion(state, charterOf(state), m).tally;
}

export function decisionView(m: MotionState) {
  if (!m.decision || m.closedAt === undefined) return null;
  const { outcome, explanation, bodies } = m.decision;
  return {
    outcome,
    explanation,
    entry: m.closedAt,
    // A joint session counted body by body: each body's own decision.
    ...(bodies
      ? {
          bodies: bodies.map((b) => ({
            body: b.body,
            outcome: b.decision.outcome,
            explanation: b.decision.explanation,
          })),
        }
      : {}),
  };
}

export function motionView(state: State, m: MotionState) {
  return {
    id: m.id,
    session: m.session,
    text: m.text,
    proposer: m.proposer ?? null,
    kind: m.kind ?? null,
    alternatives: m.alternatives ?? null,
    method: m.method ?? null,
    power: m.power ?? null,
    majority: m.majority,
    status: m.status,
    present: m.status === 'proposed' ? null : m.presentAtOpen.length,
    presentAtOpen: m.status === 'proposed' ? null : [...m.presentAtOpen],
    // Who could vote on it: the body's voting members as they were when it opened (an amendment
    // in force since changes the body, not the vote).
    votingAtOpen: m.bodyAtOpen
      ? m.bodyAtOpen.votingMembers.filter((p) => !m.bodyAtOpen!.candidates.includes(p))
      : null,
    // What opening the vote now would meet, under the motion's own quorum rule.
    quorum:
      m.status === 'proposed'
        ? quorumView(state, sessionOf(state, m.session), undefined, m.quorum)
        : null,
    voted: [...m.ballots.keys()],
    tally: shownTally(state, m),
    // Hidden with the ballots while they are: given on a tie only, it would tell of one.
    casting: isSealed(state, m) ? null : (m.casting ?? null),
    decision: decisionView(m),
    entries: {
      proposed: m.proposedAt,
      opened: m.openedAt ?? null,
      closed: m.closedAt ?? null,
    },
    ...motionCharterView(state, m),
    // What it continues or ratifies, the dispatch it answers, and its own ratification.
    ...withoutUndefined({
      ratifies: m.ratifies,
      ratifiesNamed: m.ratifies && decisionInWords(state, m.ratifies),
      ratifying: m.ratifies && ratifyingEffect(state, { ...m, ratifies: m.ratifies }),
      follows: m.follows,
      dispatch: m.dispatch,
      dispatchNamed: m.dispatch && dispatchInWords(state, m.dispatch),
      item: m.item,
      approves: m.approves,
      ratification: m.ratification && ratificationView(state, m.ratification),
    }),
  };
}
