/**
 * An amended charter read in the browser, before it is put as a motion: the YAML file parsed and
 * checked by the core's own parseCharter (every problem at once, as LINE:COL: message), and held
 * to what an amendment may not change (the organization's id and log, which every entry names).
 * The server checks it again when the motion is put.
 */
import { parseCharter } from '../../core/charter/index.js';
import { charterNotes } from '../../core/charter/notes.js';
import type { OrganizationRef } from './types.js';

export interface AmendedBody {
  readonly id: string;
  readonly name: string;
  /** Voting members, candidates aside. */
  readonly members: readonly string[];
}

export type AmendmentReading =
  | {
      readonly ok: true;
      /** The charter as data: the motion's `amends`. */
      readonly json: Record<string, unknown>;
      readonly name: string;
      readonly bodies: readonly AmendedBody[];
      /** People's names, by id, as the amended charter has them. */
      readonly names: ReadonlyMap<string, string>;
      /** What it does that the file does not say plainly, as LINE:COL: note (charter/notes.ts). */
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Reads `source`, a charter file, as an amendment of `organization`'s charter. */
export function readAmendment(
  source: string | Uint8Array,
  organization: OrganizationRef,
): AmendmentReading {
  const parsed = parseCharter(source);
  if (!parsed.ok)
    return { ok: false, problems: parsed.problems.map((p) => `${p.line}:${p.col}: ${p.message}`) };
  const charter = parsed.value;
  const problems = (['id', 'log'] as const).flatMap((key) => {
    if (charter.organization[key] === organization[key]) return [];
    const { line, col } = parsed.locate(['organization', key]);
    return [
      `${line}:${col}: an amendment keeps the organization's ${key} (${organization[key]}), which every entry names`,
    ];
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    json: parsed.json as Record<string, unknown>,
    name: charter.organization.name,
    bodies: [...charter.bodies.values()].map((b) => ({
      id: b.id,
      name: b.name,
      members: b.votingMembers.filter((p) => !b.candidates.includes(p)),
    })),
    names: new Map([...charter.people.values()].map((p) => [p.id, p.name])),
    notes: charterNotes(parsed.json, charter).map((n) => {
      const { line, col } = parsed.locate(n.path);
      return `${line}:${col}: note: ${n.message}`;
    }),
  };
}
