/**
 * A trust policy: what a recipient accepts of the instruments a record issues, checked offline.
 * Which log keys it trusts, which witnesses must have cosigned the checkpoint, and for each kind of
 * instrument which signers count, how many are needed, whether a signature the secretary recorded
 * for its signer counts, and whether the instrument must still be in force.
 *
 * ```yaml
 * logs: [collegium.example/cc-1918+1a2b3c4d+AbCdEf...]
 * witnesses: {at-least: 1, of: [witness.example+0f1e2d3c+BAbc...]}
 * accept:
 *   - kind: directive
 *     signed-by: {at-least: 1, of: [lenin, trotsky, stalin]}
 *     own-keys: false
 *     in-force: true
 * ```
 */
import { z } from 'zod';
import { id } from '../core/ids.js';
import { loadYaml } from '../core/format/yaml-source.js';
import { readVerifierKey } from './note.js';
import type { FileKind } from '../core/format/source-bytes.js';
import type { Loaded, PathProblem } from '../core/format/yaml-source.js';

/**
 * A C2SP signed-note verifier key of that signature type, name+keyid+base64, its key and key ID
 * checked as the policy is read: a key that could never verify is the policy's fault, said at its
 * line, not a bundle's refusal.
 */
const verifierKey = (type: number, what: string) =>
  z.string().superRefine((vkey, context) => {
    const problem = keyProblem(vkey, type);
    if (problem) context.addIssue({ code: 'custom', message: `${problem}: ${what}` });
  });

function keyProblem(vkey: string, type: number): string | undefined {
  if (!/^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/.test(vkey)) return 'not a verifier key';
  try {
    readVerifierKey(vkey, type);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const logKey = verifierKey(0x01, 'name+keyid+base64, as `collegium log-key` prints it');
const witnessKey = verifierKey(0x04, 'a witness is named by its cosigner key, name+keyid+base64');

const atLeastOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({ 'at-least': z.int().positive(), of: z.array(item).min(1) });

const acceptSchema = z.strictObject({
  kind: id,
  /** Only instruments of this body; any body when absent. */
  body: id.optional(),
  'signed-by': atLeastOf(id).optional(),
  'own-keys': z.boolean().optional(),
  'in-force': z.boolean().optional(),
});

export const trustPolicySchema = z.strictObject({
  logs: z.array(logKey).min(1),
  witnesses: atLeastOf(witnessKey).optional(),
  accept: z.array(acceptSchema).min(1),
});

export type TrustPolicyFile = z.infer<typeof trustPolicySchema>;

/** One kind of instrument the recipient accepts, and on what terms. */
export interface AcceptRule {
  readonly kind: string;
  readonly body?: string;
  readonly signedBy?: { readonly atLeast: number; readonly of: readonly string[] };
  readonly ownKeys: boolean;
  readonly inForce: boolean;
}

export interface TrustPolicy {
  readonly logs: readonly string[];
  readonly witnesses?: { readonly atLeast: number; readonly of: readonly string[] };
  readonly accept: readonly AcceptRule[];
}

/** A policy file's largest size: a policy is a few lines. */
export const POLICY_FILE: FileKind = { name: 'a trust policy', maxBytes: 256 * 1024 };

/** Reads a policy file; its problems come with line and column (core/format/yaml-source.ts). */
export function loadTrustPolicy(source: string | Uint8Array): Loaded<TrustPolicy> {
  return loadYaml(source, POLICY_FILE, trustPolicySchema, buildPolicy);
}

function buildPolicy(file: TrustPolicyFile): { value: TrustPolicy; problems: PathProblem[] } {
  const problems: PathProblem[] = [];
  const count = (
    group: { 'at-least': number; of: readonly string[] } | undefined,
    path: (string | number)[],
  ) => {
    if (group && group['at-least'] > new Set(group.of).size)
      problems.push({
        path: [...path, 'at-least'],
        message: `at least ${group['at-least']} of ${new Set(group.of).size} can never be met`,
      });
    return group && { atLeast: group['at-least'], of: group.of };
  };
  const witnesses = count(file.witnesses, ['witnesses']);
  const accept = file.accept.map((a, i) => {
    const signedBy = count(a['signed-by'], ['accept', i, 'signed-by']);
    return {
      kind: a.kind,
      ...(a.body ? { body: a.body } : {}),
      ...(signedBy ? { signedBy } : {}),
      ownKeys: a['own-keys'] ?? false,
      inForce: a['in-force'] ?? true,
    };
  });
  return { value: { logs: file.logs, ...(witnesses ? { witnesses } : {}), accept }, problems };
}
