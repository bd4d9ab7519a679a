/**
 * An error with a stable code beside its words: callers decide by the code (an API status, an
 * exit status, a retry), people read the message.
 *
 * @example
 * type ParseCode = 'too-long' | 'not-utf8';
 * class ParseError extends CodedError<ParseCode> {
 *   override readonly name = 'ParseError';
 * }
 * throw new ParseError('too-long', 'the line is over 1,000 characters');
 */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
  }
}
