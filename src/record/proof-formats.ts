/**
 * The shapes of what proves the record to others: inclusion proofs as `collegium prove` and the
 * API give them, export bundles, and a verifier's report. Types and constants only, with no Node
 * modules, so that the browser app reads the same definitions.
 */

export const BUNDLE_FORMAT = 'collegium-bundle/2';

export interface BundleEntry {
  readonly index: number;
  /** Base64 of the entry's exact bytes: the Merkle leaf. */
  readonly leaf: string;
  /** Hex hashes of the inclusion proof against the bundle's checkpoint, leaf upwards. */
  readonly proof: readonly string[];
}

export interface Bundle {
  readonly format: typeof BUNDLE_FORMAT;
  /** The log's signed checkpoint (C2SP signed note), as text. */
  readonly checkpoint: string;
  /** The entries, in index order. */
  readonly entries: readonly BundleEntry[];
  /** The first and last index of the entries: the bundle holds every one of them, none left out. */
  readonly range: { readonly first: number; readonly last: number };
  /** Entry 0, which adopts the charter and names the custodial and log keys. */
  readonly genesis: BundleEntry;
  /** Every enrolment and revocation of a key before the last entry: who held which key when. */
  readonly enrolments?: readonly BundleEntry[];
}

export interface BundleReport {
  readonly ok: boolean;
  /** What was proven, in words. */
  readonly proven: readonly string[];
  readonly failure?: { readonly item: string; readonly reason: string };
}

export interface InclusionProof {
  readonly index: number;
  readonly size: number;
  /** Hex SHA-256(0x00 ‖ entry bytes). */
  readonly leafHash: string;
  /** Hex hashes, from the leaf's sibling upwards (RFC 9162 PATH). */
  readonly proof: readonly string[];
  /** Hex root of the tree of `size` entries. */
  readonly root: string;
  /** The log's signed checkpoint of that tree. */
  readonly checkpoint: string;
}

export const INSTRUMENT_BUNDLE_FORMAT = 'collegium-instrument-bundle/1';

/**
 * An instrument with what proves it: its own entries (draft, signatures, issue and what became of
 * it), the decision it rests on (the session's or circulation's opening, the motion, the close,
 * any ratification), the dispatch it answers, and who held which key, each entry proven against
 * one checkpoint (which carries the witnesses' cosignatures as further signature lines).
 */
export interface InstrumentBundle {
  readonly format: typeof INSTRUMENT_BUNDLE_FORMAT;
  /** The instrument's id. */
  readonly instrument: string;
  readonly checkpoint: string;
  /** The entries, in index order; not a range: only those the instrument's proof needs. */
  readonly entries: readonly BundleEntry[];
  readonly genesis: BundleEntry;
  readonly enrolments: readonly BundleEntry[];
}

/** An entry as its bytes parse: what the verifiers read (record/entry.ts gives its meaning). */
export interface RecordEntry {
  readonly v: number;
  readonly index: number;
  readonly org: string;
  readonly prev: string | null;
  readonly time: string;
  readonly type: string;
  readonly actor: string | null;
  readonly signer: string | null;
  readonly key: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly sig: string;
}
