/**
 * Verifies an instrument bundle in this browser with the verifier the command line uses
 * (src/verify/instrument.ts), under the recipient's trust policy; loaded only when someone asks.
 * Without a policy it trusts the log key this server states and the charter's own signing rule
 * for the instrument's kind, and says so: only a policy of one's own trusts nothing of the server.
 */
import { formatProblem } from '../../core/format/yaml-source.js';
import { verifyInstrumentBundle } from '../../verify/instrument.js';
import type { InstrumentVerdict } from '../../verify/instrument.js';
import { keyWarnings, loadTrustPolicy } from '../../verify/policy.js';
import type { TrustPolicy } from '../../verify/policy.js';
import { decodeLeaf } from './entries.js';

export type { InstrumentVerdict };

export interface PolicySource {
  /** The file's name, or "pasted policy". */
  readonly name: string;
  /** A file's bytes, decoded as the command line decodes the same file; or the pasted text. */
  readonly content: Uint8Array | string;
}

export type Verification =
  | { readonly kind: 'policy-problems'; readonly problems: readonly string[] }
  | {
      readonly kind: 'verdict';
      readonly verdict: InstrumentVerdict;
      /** The policy it was verified under: the recipient's, or the server's log key alone. */
      readonly trusted: { readonly policy: string } | { readonly serverLogKey: string };
      /** The policy's keys that could never verify, as `collegium verify` warns of them. */
      readonly warnings: readonly string[];
    };

/** The policy the recipient gave with its warnings, or its problems, each at FILE:LINE:COL. */
export function readPolicy(
  source: PolicySource,
): { policy: TrustPolicy; warnings: string[] } | string[] {
  const loaded = loadTrustPolicy(source.content);
  if (!loaded.ok) return loaded.problems.map((p) => formatProblem(source.name, p));
  return { policy: loaded.value, warnings: keyWarnings(source.name, loaded) };
}

/** What the bundle says it is of, to accept that kind under the charter's rule when no policy is
 * given; the verifier proves all of it or refuses. */
function claimedKind(bundle: unknown): { kind: string; body: string } | undefined {
  const b = bundle as { instrument?: unknown; entries?: { leaf?: unknown }[] };
  for (const item of Array.isArray(b?.entries) ? b.entries : []) {
    try {
      const entry = decodeLeaf(String(item.leaf));
      const p = entry.payload as { instrument?: unknown; kind?: unknown; body?: unknown };
      if (entry.type === 'instrument.draft' && p.instrument === b.instrument)
        return { kind: String(p.kind), body: String(p.body) };
    } catch {
      // Not an entry: the verifier says so.
    }
  }
  return undefined;
}

/** The policy of one who gives none: this server's log key, the instrument's kind as the charter
 * rules it. */
export function serverPolicy(bundle: unknown, logKey: string): TrustPolicy {
  const claimed = claimedKind(bundle);
  return {
    logs: [logKey],
    accept: [
      {
        kind: claimed?.kind ?? 'instrument',
        ...(claimed ? { body: claimed.body } : {}),
        ownKeys: false,
        inForce: true,
      },
    ],
  };
}

export async function verifyInstrument(
  bundle: unknown,
  policy: PolicySource | undefined,
  serverLogKey: () => Promise<string>,
): Promise<Verification> {
  if (policy) {
    const read = readPolicy(policy);
    if (Array.isArray(read)) return { kind: 'policy-problems', problems: read };
    const verdict = await verifyInstrumentBundle(bundle, read.policy);
    return { kind: 'verdict', verdict, trusted: { policy: policy.name }, warnings: read.warnings };
  }
  const logKey = await serverLogKey();
  const verdict = await verifyInstrumentBundle(bundle, serverPolicy(bundle, logKey));
  return { kind: 'verdict', verdict, trusted: { serverLogKey: logKey }, warnings: [] };
}
