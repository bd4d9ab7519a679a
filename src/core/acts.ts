/**
 * The acts a record holds: one entry each. An act is what happened; who did it (actor) and who
 * signed it are on the entry around it (see record/entry.ts).
 */
import type { CirculationRuleFile } from './charter/schema.js';
import type { AnswerChoice } from './rules/circulation.js';
import type { Choice, Decision, MajorityRule } from './rules/types.js';

/** `live`: acts are checked and refused when a rule forbids them. `minutes`: a transcription of
 * history; what the minutes say is recorded as said, and what breaks a rule is flagged. */
export type SessionMode = 'live' | 'minutes';

/** A decision of the record: a motion of a session, or a circulation. */
export type DecisionRef = { session: string; motion: string } | { circulation: string };

/** How a dispatch or an answer reached the body. */
export const CHANNELS = [
  'letter',
  'telegram',
  'direct-wire',
  'telephone',
  'email',
  'in-person',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** An item of a session's agenda, in the notice that convenes it. */
export interface AgendaItem {
  /** Its id within the session's agenda; motions name it (`motion.propose` `item`). */
  item: string;
  title: string;
  /** The motion the item puts, as drafted in the notice. */
  motion?: string;
  attachments?: Attachment[];
  /** An open dispatch the item answers. */
  dispatch?: string;
  /** A provisional decision put to ratification. */
  ratifies?: DecisionRef;
  /** A closed session of the body whose minutes the item puts for approval. */
  minutes?: string;
}

/** Minutes put for approval: the session's, with the content hash they are approved over. */
/**
 * Where an act about minutes is transcribed from other minutes: the day they say it was done
 * (the entry's own time is when it was transcribed).
 */
export type MinutesDay = {
  date?: string;
};

export type MinutesRef = {
  session: string;
  /** Hex SHA-256 of the minutes' content (minutesContentHash of core/minutes). */
  content: string;
};

/** A file kept beside the record, named by its content's hash. */
export interface Attachment {
  name: string;
  /** Hex SHA-256 of the file's bytes. */
  hash: string;
  size: number;
}

export interface Acts {
  'charter.adopt': {
    charter: unknown;
    /** Base64 public key of the record's custodial key, which signs for people without keys. */
    custodian: string;
    /** The log's verifier key (C2SP signed-note `name+keyid+base64`), which signs checkpoints. */
    log: string;
  };
  /**
   * The charter as amended by an adopted motion comes into force (the motion carries it). An act
   * of the organization, signed with the custodial key, recorded right after the vote's close.
   */
  'charter.amend': { session: string; motion: string };
  /**
   * An invitation for a person to enrol a key of their own, with a one-time secret token: by an
   * officer, by the person for another device of theirs, or (signed with the custodial key) by
   * the organization on an adopted motion that names the person (`decision`).
   */
  'member.invite': {
    person: string;
    /** Hex SHA-256 of the token; the token itself travels only in the invitation link. */
    token: string;
    /** ISO time after which the invitation is void. */
    expires: string;
    /** The adopted motion that authorizes the invitation, where no officer could. */
    decision?: { session: string; motion: string };
  };
  /**
   * A person's own signing key, one of theirs (a phone, a laptop): registered by an officer, or by
   * the person themself redeeming an invitation, the entry then signed with the new key (which
   * proves they hold it).
   */
  'member.enrol': {
    person: string;
    /** Base64 Ed25519 public key. */
    key: string;
    /** The key it replaces, which is revoked by this entry. */
    replaces?: string;
    /** Hex SHA-256 of the invitation token redeemed. */
    invitation?: string;
  };
  /** One of a person's keys is no longer theirs (lost, compromised): never valid again for them. */
  'member.revoke': { person: string; key: string; reason?: string };
  'session.open': {
    session: string;
    body: string;
    mode: SessionMode;
    title?: string;
    date?: string;
    place?: string;
    chair?: string;
    /** For a delegated body obliged to draw in the parent's members present: who of them was at hand. */
    atHand?: string[];
  };
  'session.close': { session: string };
  /**
   * A notice convening a session of the body: when and where it meets and its agenda. A later
   * notice for the same session before it opens revises the first; the session's opening takes
   * it up, and is flagged when it comes sooner than the charter's notice period allows.
   */
  'session.convene': {
    session: string;
    body: string;
    /** When the body meets: a day or an ISO time. */
    date: string;
    title?: string;
    place?: string;
    chair?: string;
    agenda: AgendaItem[];
    /** When the notice went out, as minutes give it; else the entry's time. */
    noticed?: string;
  };
  /** A member's apology for absence, recorded by an officer (or the member) at the session. */
  'attendance.excuse': { session: string; person: string; reason?: string };
  'attendance.arrive': { session: string; person: string };
  'attendance.depart': { session: string; person: string };
  'motion.propose': {
    session: string;
    motion: string;
    text: string;
    proposer?: string;
    kind?: string;
    /** A majority the minutes record for this motion; live, only the charter's rules apply. */
    majority?: MajorityRule;
    /** Several alternatives instead of one formula put yes or no. */
    alternatives?: string[];
    method?: 'plurality' | 'absolute';
    /** The delegated power the motion is decided under. */
    power?: string;
    /** The whole charter as amended (the file as data): in force once the motion is adopted. */
    amends?: Record<string, unknown>;
    /** A person the body re-invites to enrol a key, where no officer holds one to invite them. */
    invites?: string;
    /** A provisional decision this motion confirms (adopted) or annuls (rejected). */
    ratifies?: DecisionRef;
    /** The decision this one continues: a draft approved, a question referred from another body. */
    follows?: DecisionRef;
    /** The dispatch the motion answers. */
    dispatch?: string;
    /** The agenda item it is put under. */
    item?: string;
    /** Minutes it approves once adopted. */
    approves?: MinutesRef;
  };
  /**
   * A question put outside a session, answered in writing by a deadline: to every voting member
   * (written consent) or to named members (a consultation).
   */
  'circulation.open': {
    circulation: string;
    body: string;
    mode: SessionMode;
    text: string;
    /** ISO time: answers after it are refused (live) or flagged (minutes), and it closes then. */
    deadline: string;
    /** The members asked; absent, every voting member of the body. */
    to?: string[];
    /** The question's own rule; absent, the body's (and for a consultation, none: advisory). */
    rule?: CirculationRuleFile;
    /** The date the minutes give it, for a transcription. */
    date?: string;
    dispatch?: string;
    power?: string;
    /** For a delegated body obliged to draw in the parent's members present: who was at hand. */
    atHand?: string[];
    follows?: DecisionRef;
    /** Minutes it approves once adopted. */
    approves?: MinutesRef;
  };
  /** A member's written answer: given by them, or recorded by an officer saying how it came. */
  'circulation.answer': {
    circulation: string;
    member: string;
    choice: AnswerChoice;
    comment?: string;
    channel?: Channel;
    /** ISO time the member answered, when recorded later. */
    at?: string;
  };
  /** The member confirms with their own key an answer an officer recorded for them. */
  'circulation.confirm': { circulation: string; member: string };
  /** The member disputes an answer an officer recorded for them: it no longer counts. */
  'circulation.dispute': { circulation: string; member: string; reason?: string };
  'circulation.withdraw': { circulation: string; reason?: string };
  /** The outcome the rule gives: at the deadline (by the organization) or once it cannot change. */
  'circulation.close': { circulation: string; decision: Decision; stated?: string };
  /** An incoming request entered in a body's register of dispatches. */
  'dispatch.register': {
    dispatch: string;
    body: string;
    number: string;
    /** The date (or ISO time) it was received. */
    received: string;
    from: string;
    channel: Channel;
    text: string;
    attachments?: Attachment[];
  };
  /** An inscription on a dispatch, referring it to people or to a body. */
  'dispatch.refer': { dispatch: string; inscription: string; people?: string[]; body?: string };
  /** The dispatch needs nothing more: answered, or set aside for a reason. */
  'dispatch.close': { dispatch: string; reason: string };
  /**
   * A document a body issues, drafted: its content, which every signature covers by its hash
   * (instrumentContentHash of core/state/instruments.ts: the hash of this payload).
   */
  'instrument.draft': {
    instrument: string;
    body: string;
    kind: string;
    /** `minutes`: transcribed, its breaches of the charter flagged instead of refused. */
    mode: SessionMode;
    /** Its number in the body's register of instruments. */
    number: string;
    /** The date the document bears. */
    date?: string;
    /** To whom it is addressed. */
    to?: string;
    text: string;
    attachments?: Attachment[];
    /** The decision of the body it rests on. */
    restsOn?: DecisionRef;
    /** The dispatch it answers: closed once the instrument is issued. */
    answers?: string;
    /** A mandate's holder, what it empowers them to do, and its last day. */
    holder?: string;
    scope?: string;
    until?: string;
    /** A receipt's sum and from whom it was received. */
    amount?: { value: number; unit: string };
    from?: string;
  };
  /**
   * One signature, the entry's actor being the signer: given on their own device, or recorded
   * for them by an officer (the entry's signer). It covers the content's hash and the signature
   * before it (that entry's leaf hash), so their order is proven by the signatures themselves.
   */
  'instrument.sign': {
    instrument: string;
    content: string;
    after: string | null;
    /** For a signature recorded by an officer: how it was given. */
    channel?: Channel;
  };
  /** The instrument leaves the body: refused until the charter's signing rule is met. */
  'instrument.issue': { instrument: string; date?: string };
  /** A mandate no longer empowers its holder. */
  'instrument.revoke': { instrument: string; reason?: string; date?: string; by?: DecisionRef };
  /** A receipt's debt is repaid. */
  'instrument.settle': { instrument: string; note?: string; date?: string };
  /** A later decision annuls the instrument, or replaces it with another. */
  'instrument.annul': {
    instrument: string;
    by: DecisionRef;
    supersededBy?: string;
    reason?: string;
  };
  /**
   * The session's chair or the body's secretary signs its minutes: the entry's signature covers
   * the minutes' content hash, so the signed minutes are those the record gives.
   */
  'minutes.sign': MinutesRef & MinutesDay;
  /** A member of the body records that they disagree with the minutes of a session, and why. */
  'minutes.object': { session: string; text: string } & MinutesDay;
  /**
   * A member lets another member of the body vote for them: for one session, one motion of it,
   * or until a time. Signed by the grantor (or recorded for them by an officer).
   */
  'proxy.grant': {
    grant: string;
    body: string;
    holder: string;
    session?: string;
    motion?: string;
    /** ISO time after which the grant is void. */
    until?: string;
  };
  /** The grantor takes a proxy back. */
  'proxy.revoke': { grant: string; reason?: string };
  'vote.open': { session: string; motion: string };
  'ballot.cast': {
    session: string;
    motion: string;
    voter: string;
    choice?: Choice;
    alternative?: string | null;
    /** The proxy holder who cast it for the voter. */
    castBy?: string;
  };
  /** A vote recorded as counts only, without names. */
  'vote.count': { session: string; motion: string; counts: Record<string, number> };
  'vote.casting': { session: string; motion: string; choice: 'aye' | 'nay' };
  'vote.close': {
    session: string;
    motion: string;
    decision: Decision;
    stated?: string;
    /** Beside a roll call: the totals the minutes state, kept to check them against its names. */
    statedCounts?: Partial<Record<Choice, number>>;
  };
}

export type ActType = keyof Acts;
export const ACT_TYPES: readonly ActType[] = [
  'charter.adopt',
  'charter.amend',
  'member.invite',
  'member.enrol',
  'member.revoke',
  'session.open',
  'session.close',
  'session.convene',
  'attendance.excuse',
  'attendance.arrive',
  'attendance.depart',
  'motion.propose',
  'vote.open',
  'ballot.cast',
  'vote.count',
  'vote.casting',
  'vote.close',
  'proxy.grant',
  'proxy.revoke',
  'circulation.open',
  'circulation.answer',
  'circulation.confirm',
  'circulation.dispute',
  'circulation.withdraw',
  'circulation.close',
  'dispatch.register',
  'dispatch.refer',
  'dispatch.close',
  'instrument.draft',
  'instrument.sign',
  'instrument.issue',
  'instrument.revoke',
  'instrument.settle',
  'instrument.annul',
  'minutes.sign',
  'minutes.object',
];

export type Act = { [T in ActType]: { type: T; payload: Acts[T] } }[ActType];

/** An act as the record holds it: with its position, time and the people behind it. */
export type RecordedAct = Act & {
  readonly index: number;
  readonly time: string;
  /** Who did it; null for the organization itself (the charter's adoption). */
  readonly actor: string | null;
  /** Who signed it: the actor, or the secretary or chair recording for them. */
  readonly signer: string | null;
  /** The signing key, base64. */
  readonly key: string;
};
