/**
 * Domain errors carry a stable code, mapped to an exit status by the CLI and to an HTTP status
 * by the server, at the edge only.
 */
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

export class DomainError extends Error {
  /** Where in a file the refused act came from, when it came from one (replay). */
  where?: readonly (string | number)[];

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function fail(code: ErrorCode, message: string): never {
  throw new DomainError(code, message);
}
