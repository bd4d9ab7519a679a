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
import { repeatsIn } from '../core/repeats.js';
import { formatProblem } from '../core/format/problem.js';
import { loadYaml } from '../core/format/yaml-source.js';
import { readVerifierKey } from './note.js';
import type { FileKind } from '../core/format/source-bytes.js';
import type { Loaded, PathProblem } from '../core/format/yaml-source.js';

/**
 * A C2SP signed-note verifier key, name+keyid+base64, as written: a policy is read whatever its
 * keys hold (a placeholder to replace, as in the examples), and a key that could never verify is
 * said at its line by keyProblems, and by the verdict that finds no log or witness by it.
 */
const verifierKey = z
  .string()
  .regex(/^\S+$/, 'not a verifier key: name+keyid+base64, as `collegium log-key` prints it');

/** The signature types of C2SP signed notes a policy names keys of: a log's, a witness's. */
export const LOG_KEY = 0x01;
export const COSIGNER_KEY = 0x04;

/** Why `vkey` could never verify as a key of that signature type; undefined when it could. */
export function keyProblem(vkey: string, type: number): string | undefined {
  if (!/^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/.test(vkey)) return 'not a verifier key';
  try {
    readVerifierKey(vkey, type);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The keys of a policy that could never verify, each at its path: a log key that is not an
 * Ed25519 note signer's (type 0x01), a witness's that is not a cosigner's (0x04), or either with
 * a key ID that is not its key's. Not refusals: the policy stands, and trusts nothing by them.
 */
export function keyProblems(policy: TrustPolicy): PathProblem[] {
  const problems: PathProblem[] = [];
  const check = (keys: readonly string[], type: number, path: string[], what: string) =>
    keys.forEach((key, i) => {
      const problem = keyProblem(key, type);
      if (problem) problems.push({ path: [...path, i], message: `${problem}: ${what}` });
    });
  check(
    policy.logs,
    0x01,
    ['logs'],
    'no checkpoint verifies by it, as `collegium log-key` prints a log key',
  );
  check(
    policy.witnesses?.of ?? [],
    COSIGNER_KEY,
    ['witnesses', 'of'],
    'no cosignature verifies by it',
  );
  return problems;
}

/**
 * The key problems of a policy read from the file `file`, each as the warning to print at its
 * place (FILE:LINE:COL: warning: ...): the command line and the verify page say the same lines.
 */
export function keyWarnings(
  file: string,
  read: Pick<Extract<Loaded<TrustPolicy>, { ok: true }>, 'value' | 'locate'>,
): string[] {
  return keyProblems(read.value).map(({ path, message }) =>
    formatProblem(file, { path, ...read.locate(path), message: `warning: ${message}` }),
  );
}

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
  logs: z.array(verifierKey).min(1),
  witnesses: atLeastOf(verifierKey).optional(),
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

/**
 * Each item of `list` (at `path`) that repeats one before it, as a problem at its own place: a key
 * or a signer listed twice is a slip (another one meant), and would count twice toward nothing.
 */
function listedTwice(list: readonly string[], path: (string | number)[], what: string) {
  return repeatsIn(list, (item) => item).map(({ at, first }) => ({
    path: [...path, at],
    message: `${what} ${list[at]!} is listed twice (first as item ${first + 1})`,
  }));
}

/** A rule's kind and body as its problems name it: `directive of politburo`, `of any body`. */
const ruleName = (rule: { kind: string; body?: string | undefined }) =>
  `${rule.kind} of ${rule.body ?? 'any body'}`;

/**
 * Each `accept` rule that can never be used, at its own place: the first rule of an instrument's
 * kind (and body) is the one used, so a later rule for the same kind and the same body, or for a
 * kind an earlier rule takes of any body, is a slip (another kind or body meant), named with the
 * earlier rule that comes first.
 */
function unreachableRules(accept: TrustPolicyFile['accept']): PathProblem[] {
  return accept.flatMap((rule, at) => {
    const first = accept
      .slice(0, at)
      .findIndex((e) => e.kind === rule.kind && (e.body === undefined || e.body === rule.body));
    if (first < 0) return [];
    const earlier = accept[first]!;
    return [
      {
        path: ['accept', at],
        message: `the rule for ${ruleName(rule)} is never used: item ${first + 1}, for ${ruleName(earlier)}, comes first`,
      },
    ];
  });
}

function buildPolicy(file: TrustPolicyFile): { value: TrustPolicy; problems: PathProblem[] } {
  const problems: PathProblem[] = [
    ...listedTwice(file.logs, ['logs'], 'the log key'),
    ...unreachableRules(file.accept),
  ];
  const count = (
    group: { 'at-least': number; of: readonly string[] } | undefined,
    path: (string | number)[],
    what: string,
  ) => {
    if (group) problems.push(...listedTwice(group.of, [...path, 'of'], what));
    if (group && group['at-least'] > new Set(group.of).size)
      problems.push({
        path: [...path, 'at-least'],
        message: `at least ${group['at-least']} of ${new Set(group.of).size} can never be met`,
      });
    return group && { atLeast: group['at-least'], of: group.of };
  };
  const witnesses = count(file.witnesses, ['witnesses'], 'the witness key');
  const accept = file.accept.map((a, i) => {
    const signedBy = count(a['signed-by'], ['accept', i, 'signed-by'], 'the signer');
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
