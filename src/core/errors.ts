/**
 * Domain errors carry a stable code, mapped to an exit status by the CLI and to an HTTP status
 * by the server, at the edge only.
 */
import { CodedError } from './coded-error.js';

export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'forbidden'
  | 'not-member'
  | 'candidate-no-vote'
  | 'absent'
  | 'vote-not-open'
  | 'duplicate-ballot'
  | 'quorum'
  | 'charter-rule'
  | 'invalid-charter'
  | 'no-proxy'
  | 'not-asked'
  | 'duplicate-answer'
  | 'deadline-passed'
  | 'too-large'
  | 'not-a-signer'
  | 'duplicate-signature'
  | 'out-of-order'
  | 'content-mismatch'
  | 'signing-rule'
  | 'wrong-kind'
  | 'unauthenticated';

/** A refusal by the record's rules. */
export class DomainError extends CodedError<ErrorCode> {
  override readonly name = 'DomainError';
  /** Where in a file the refused act came from, when it came from one (replay). */
  where?: readonly (string | number)[];
  /** The field of the act refused (`payload.kind`), where a refusal names one for the API. */
  field?: string;
}

export function fail(code: ErrorCode, message: string, field?: string): never {
  const error = new DomainError(code, message);
  if (field !== undefined) error.field = field;
  throw error;
}

/**
 * The code Node or a database driver puts on an error it throws ('ENOENT', 'SQLITE_BUSY',
 * '23505'), if it has one.
 */
export function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** That code, or else the error as text: what a message names when it can say no more. */
export function codeOrText(error: unknown): string {
  return codeOf(error) ?? String(error);
}

/** The system's reasons a file cannot be read, written or made, in words. */
const SYSTEM_REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'a loop of symbolic links',
  ENOTDIR: 'a part of its path is not a folder',
  ENAMETOOLONG: 'its name is too long',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left',
  EDQUOT: 'no space left',
  EIO: 'an input/output error',
  EMFILE: 'too many files open',
  ENFILE: 'too many files open',
};

/** Why the system refused a file, in words where they are known, else its code (or text). */
export function systemReason(error: unknown): string {
  return SYSTEM_REASONS[codeOf(error) ?? ''] ?? codeOrText(error);
}
