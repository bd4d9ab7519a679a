export type RuleInputErrorCode =
  | 'invalid-count'
  | 'unknown-choice'
  | 'unknown-alternative'
  | 'invalid-alternatives'
  | 'invalid-quorum'
  | 'invalid-proxy-rule';

/** Input the caller should have refused earlier; the rules refuse it rather than guess. */
export class RuleInputError extends Error {
  constructor(
    readonly code: RuleInputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RuleInputError';
  }
}
