import { CodedError } from '../coded-error.js';

export type RuleInputErrorCode =
  | 'invalid-count'
  | 'unknown-choice'
  | 'unknown-alternative'
  | 'invalid-alternatives'
  | 'invalid-quorum'
  | 'invalid-proxy-rule';

/** Input the caller should have refused earlier; the rules refuse it rather than guess. */
export class RuleInputError extends CodedError<RuleInputErrorCode> {
  override readonly name = 'RuleInputError';
}
