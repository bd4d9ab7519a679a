/**
 * The content of a session's minutes: what its entries fixed by the time it closed, and nothing
 * that changes later (a ratification, an instrument issued afterwards). Its hash is what the
 * chair's and secretary's signatures and an approving decision cover, so that approved minutes
 * are provably the record's and not a text typed apart from it.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../bytes.js';
import { canonicalJson } from '../canonical.js';
import { withoutUndefined } from '../json.js';
import type { MotionState, SessionState, State } from '../state/model.js';

/** The version of the content's form: a change of form is a new version, never a silent one. */
export const MINUTES_FORMAT = 'collegium-minutes/1';

/**
 * Who was present when the vote opened and each ballot (voter, choice, proxy, entry), hashed: the
 * minutes' content names the roll by this digest, computed when the vote closes, because the
 * audit keeps no ballots of closed votes.
 */
export function rollDigest(m: MotionState): string {
  // Members made in sorted order, so that canonicalJson writes the roll (a ballot a voter) in
  // one JSON.stringify: every vote closed in an audit is hashed so.
  const ballots: Record<string, unknown>[] = [];
  for (const b of m.ballots.values()) {
    const ballot: Record<string, unknown> = {};
    if (b.alternative !== undefined) ballot['alternative'] = b.alternative;
    if (b.castBy !== undefined) ballot['castBy'] = b.castBy;
    if (b.choice !== undefined) ballot['choice'] = b.choice;
    ballot['entry'] = b.index;
    ballot['voter'] = b.voter;
    ballots.push(ballot);
  }
  return hashOf({ ballots, present: [...m.presentAtOpen] });
}

function hashOf(value: unknown): string {
  return toHex(sha256(new TextEncoder().encode(canonicalJson(value))));
}

/** A motion as its entries fixed it: wording, its roll (by digest), counts and decision. */
function motionContent(m: MotionState): Record<string, unknown> {
  return withoutUndefined({
    motion: m.id,
    item: m.item,
    text: m.text,
    proposer: m.proposer,
    kind: m.kind,
    alternatives: m.alternatives,
    method: m.method,
    power: m.power,
    ratifies: m.ratifies,
    follows: m.follows,
    dispatch: m.dispatch,
    approves: m.approves,
    amends: m.amends !== undefined ? true : undefined,
    proposed: m.proposedAt,
    opened: m.openedAt,
    closed: m.closedAt,
    roll: m.openedAt !== undefined ? (m.roll ?? rollDigest(m)) : undefined,
    counts: m.counts,
    casting: m.casting,
    decision: m.decision,
    stated: m.stated,
  });
}

/**
 * The minutes' content as data (canonical JSON of it is hashed): the session, its notice and
 * agenda, attendance, each motion with its ballots and decision, and the instruments issued while
 * it sat. Entry indexes tie every part to the log.
 */
export function minutesContent(state: State, session: SessionState): Record<string, unknown> {
  const end = session.closedAt ?? Number.MAX_SAFE_INTEGER;
  return withoutUndefined({
    format: MINUTES_FORMAT,
    organization: state.charter?.organization.id,
    session: withoutUndefined({
      id: session.id,
      body: session.body,
      mode: session.mode,
      title: session.title,
      date: session.date,
      place: session.place,
      chair: session.chair,
      atHand: session.atHand,
      opened: session.openedAt,
      closed: session.closedAt,
    }),
    notice: session.notice && {
      entry: session.notice.index,
      date: session.notice.date,
      noticed: session.notice.noticed,
      agenda: session.notice.agenda,
    },
    flags: session.flags,
    attendance: session.attendance.map((a) => ({ person: a.person, kind: a.kind, entry: a.index })),
    excused: [...session.excused].map(([person, e]) =>
      withoutUndefined({ person, reason: e.reason, entry: e.index }),
    ),
    motions: session.motions.flatMap((k) => {
      const m = state.motions.get(k);
      return m ? [motionContent(m)] : [];
    }),
    instruments: [...state.instruments.values()]
      .filter((i) => i.issued && i.issued.index > session.openedAt && i.issued.index < end)
      .map((i) => ({ instrument: i.id, content: i.content, issued: i.issued!.index })),
  });
}

/** Hex SHA-256 of the canonical JSON of the minutes' content. */
export function minutesContentHash(state: State, session: SessionState): string {
  return hashOf(minutesContent(state, session));
}
