/**
 * The one rule for ids, as a pattern and a length: ids.ts makes it the schema every file and act
 * is read with; the browser checks a form with it here, without loading a schema library.
 */
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
export const ID_MAX_LENGTH = 100;
/** What an id is, in words: the refusal of a text that is not one, wherever it is checked. */
export const ID_RULE_WORDS = 'an id is lowercase Latin letters (a-z), digits, ".", "_" or "-"';
/** The same, for what forms check before sending: the whole rule. */
export const ID_FORM_WORDS = `${ID_RULE_WORDS}, beginning with a letter or digit, at most ${ID_MAX_LENGTH} characters`;

/** Whether `text` has the form of an id. */
export function isId(text: string): boolean {
  return ID_PATTERN.test(text) && text.length <= ID_MAX_LENGTH;
}
