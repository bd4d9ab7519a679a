/**
 * The charters the random checks write, as a user writes one: an organization, its people (with
 * their keys, where they hold one), a board and the bodies it delegates. random-minutes.ts,
 * random-instruments.ts and random-trust.ts each give their bodies; this writes them.
 */
import { stringify } from 'yaml';
import type { KindSpec } from './instruments-oracle.js';

/** A body as the random checks set it; what is absent or empty is left out of the charter. */
export interface CharterBody {
  name: string;
  parent?: string;
  /** Left out by a joint body, whose members are those of the bodies it joins. */
  members?: readonly string[];
  /** `{bodies, votes}`: a body that sits as these bodies together. */
  joint?: unknown;
  candidates?: readonly string[];
  chair?: string | undefined;
  secretary: string;
  officers?: readonly string[];
  powers?: readonly string[];
  obligations?: readonly unknown[];
  quorum: unknown;
  majority: string;
  castingVote?: boolean;
  /** The most proxies one holder may hold, where the charter allows proxies. */
  maxPerHolder?: number | undefined;
  motionKinds?: unknown;
  /** `replace`: a later ballot or answer replaces the earlier. */
  secondBallot?: 'refuse' | 'replace' | undefined;
  /** The body's `circulation` entry, as the charter writes it. */
  circulation?: unknown;
  instruments?: readonly KindSpec[];
}

const nonEmpty = (list: readonly unknown[] | undefined) =>
  list !== undefined && list.length > 0 ? list : undefined;

function bodyValue(b: CharterBody): Record<string, unknown> {
  const value: Record<string, unknown> = {
    name: b.name,
    parent: b.parent,
    members: b.members,
    candidates: nonEmpty(b.candidates),
    chair: b.chair,
    secretary: b.secretary,
    officers: nonEmpty(b.officers),
    powers: nonEmpty(b.powers),
    obligations: nonEmpty(b.obligations),
    quorum: b.quorum,
    majority: b.majority,
    'casting-vote': b.castingVote ? true : undefined,
    proxies: b.maxPerHolder !== undefined ? { 'max-per-holder': b.maxPerHolder } : undefined,
    joint: b.joint,
    'second-ballot': b.secondBallot,
    'motion-kinds': b.motionKinds,
    circulation: b.circulation,
    instruments: b.instruments && kindsValue(b.instruments),
  };
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/** A rule's `signers` as the charter writes them. */
export function signersValue(k: KindSpec): unknown {
  const s = k.signers;
  if (s === undefined) return undefined;
  return 'every' in s ? s.every : { 'at-least': s.atLeast, of: s.of };
}

/** A body's `instruments`: each kind, with what it says of it. */
function kindsValue(ks: readonly KindSpec[]): unknown {
  if (ks.length === 0) return undefined;
  return Object.fromEntries(
    ks.map((k) => [
      k.kind,
      {
        ...(k.formula ? { formula: k.formula } : {}),
        ...(k.signers !== undefined ? { signers: signersValue(k) } : {}),
        ...(k.order ? { order: k.order } : {}),
        ...(k.restsOn ? { 'rests-on': k.restsOn } : {}),
      },
    ]),
  );
}

/** The charter: everyone named "Person ID", with the key `keys` gives them, if any. */
export function charterYaml(
  organization: { id: string; name: string },
  people: readonly string[],
  bodies: Record<string, CharterBody>,
  keys: Record<string, string | undefined> = {},
): string {
  return stringify({
    collegium: 1,
    organization,
    people: Object.fromEntries(
      people.map((p) => [p, { name: `Person ${p}`, ...(keys[p] ? { key: keys[p] } : {}) }]),
    ),
    bodies: Object.fromEntries(Object.entries(bodies).map(([id, b]) => [id, bodyValue(b)])),
  });
}
