/**
 * The minutes of a session as a document: everything a secretary sends, in names and words,
 * built from the record alone. Every rendering (Markdown, HTML, PDF, the web's minutes page)
 * renders this one model, so they say the same.
 */
import type { Attachment, DecisionRef } from '../acts.js';

/** A person by id and by the name the charter gives them. */
/** A member of the body: `candidate` where they have a voice and no vote. */
export type MemberRef = PersonRef & { readonly candidate?: true };

export interface PersonRef {
  readonly id: string;
  readonly name: string;
}

/** Where a document stands: the session still sitting, closed and not approved, or approved. */
export type MinutesStatus = 'in-progress' | 'draft' | 'approved';

export interface MinutesAgendaItem {
  readonly n: number;
  readonly item: string;
  readonly title: string;
  readonly motion?: string;
  readonly attachments: readonly Attachment[];
  /** The motions put under it, by id. */
  readonly motions: readonly string[];
}

/** Arrivals after the opening and departures, in order. */
export interface MinutesMovement {
  readonly person: PersonRef;
  readonly kind: 'arrive' | 'depart';
  /** The time, for a session recorded live; none for one transcribed from minutes. */
  readonly time?: string;
  /** The motion it came before, if any. */
  readonly beforeMotion?: string;
  readonly entry: number;
}

/** The ballots of one choice: the names where recorded, else only the count. */
export interface MinutesChoice {
  readonly choice: string;
  /** "Ayes", "Nays", "Abstaining", ..., or the alternative. */
  readonly label: string;
  readonly count: number;
  readonly voters: readonly (PersonRef & { readonly byProxy?: PersonRef })[];
}

export interface MinutesItem {
  readonly n: number;
  readonly motion: string;
  readonly item?: string;
  readonly text: string;
  readonly proposer?: PersonRef;
  readonly kind?: string;
  readonly alternatives?: readonly string[];
  /** Notes on what it continues, ratifies, answers or carries, in words. */
  readonly notes: readonly string[];
  readonly status: 'proposed' | 'open' | 'closed';
  /** Quorum when the vote opened, in words: "8 of 9 voting members present, quorum 5". */
  readonly quorum?: string;
  readonly vote?: { readonly byName: boolean; readonly choices: readonly MinutesChoice[] };
  readonly casting?: string;
  readonly decision?: {
    readonly outcome: string;
    /** The outcome in words a person can check. */
    readonly explanation: string;
    readonly stated?: string;
    readonly flags: readonly string[];
    readonly ratification?: string;
  };
  readonly entries: {
    readonly proposed: number;
    readonly opened?: number;
    readonly closed?: number;
  };
}

export interface MinutesInstrument {
  readonly id: string;
  readonly number: string;
  readonly kind: string;
  readonly formula?: string;
  readonly to?: string;
  readonly text: string;
  readonly status: string;
  readonly signatures: readonly PersonRef[];
  /** The decision of this session it rests on. */
  readonly restsOn?: string;
  /** Issued while the session sat (part of the signed content), else afterwards. */
  readonly duringSession: boolean;
  readonly entry: number;
}

export interface MinutesSignatureView {
  readonly signer: PersonRef;
  /** "chair", "secretary" or "chair and secretary". */
  readonly role: string;
  readonly recordedBy?: PersonRef;
  /** When it was recorded, or the day the minutes give where it was transcribed from them. */
  readonly time: string;
  readonly entry: number;
}

export interface MinutesApproval {
  /** Hex SHA-256 of the minutes' content: what approval and signatures cover. */
  readonly content: string;
  readonly approved?: {
    readonly by: DecisionRef;
    /** "motion approve-minutes of session s-2027-11-20", "circulation c". */
    readonly decision: string;
    readonly body: PersonRef;
    /** The day of the approving session or the circulation's close. */
    readonly date: string;
    readonly entry: number;
    /** While the decision stands provisionally: "awaiting ratification by a session of ...". */
    readonly provisional?: string;
  };
  /** Decisions put to approve them and not decided yet (a question withdrawn is not), in words. */
  readonly pending: readonly string[];
  readonly signatures: readonly MinutesSignatureView[];
  /** Who signs and has not yet: each of them, or any one of them where `anyOneSigns`. */
  readonly unsigned: readonly PersonRef[];
  /** The body has no chair or secretary: any one of its members (of those who sat) signs. */
  readonly anyOneSigns?: true;
  readonly objections: readonly {
    readonly member: PersonRef;
    readonly text: string;
    /** As a signature's. */
    readonly time: string;
    readonly entry: number;
  }[];
}

/** One line of the appendix: an item of the minutes and the entry that proves it. */
export interface MinutesProofLine {
  readonly label: string;
  readonly entry: number;
}

export interface MinutesDocument {
  readonly format: 'collegium-minutes/1';
  readonly status: MinutesStatus;
  readonly organization: { readonly id: string; readonly name: string };
  readonly body: PersonRef;
  readonly session: {
    readonly id: string;
    readonly title?: string;
    /** The session's own date (for history transcribed from minutes, the historical one). */
    readonly date: string;
    readonly place?: string;
    readonly mode: 'live' | 'minutes';
    readonly chair?: PersonRef;
    readonly secretary?: PersonRef;
    /** Times of opening and closing: for a session recorded live only. */
    readonly openedTime?: string;
    readonly closedTime?: string;
    readonly opened: number;
    readonly closed?: number;
  };
  readonly notice?: { readonly noticed: string; readonly date: string; readonly entry: number };
  /** What the record holds against the charter about the session itself. */
  readonly flags: readonly string[];
  readonly attendance: {
    /** Members of the body (voting or candidates) who attended. */
    readonly present: readonly MemberRef[];
    /** Others who attended: guests, reporters, people of other bodies. */
    readonly alsoPresent: readonly PersonRef[];
    readonly absent: readonly MemberRef[];
    readonly excused: readonly (MemberRef & { readonly reason?: string })[];
    readonly movements: readonly MinutesMovement[];
  };
  readonly agenda: readonly MinutesAgendaItem[];
  readonly items: readonly MinutesItem[];
  readonly instruments: readonly MinutesInstrument[];
  readonly approval: MinutesApproval;
  readonly appendix: {
    /** The log's verifier key (C2SP signed-note). */
    readonly logKey: string;
    /** The latest signed checkpoint, as its note text; none before the first. */
    readonly checkpoint?: string;
    readonly treeSize: number;
    readonly proofs: readonly MinutesProofLine[];
  };
}
