/**
 * The one rule for ids, as a pattern and a length: ids.ts makes it the schema every file and act
 * is read with; the browser checks a form with it here, without loading a schema library.
 */
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
export const ID_MAX_LENGTH = 100;

/** Whether `text` has the form of an id. */
export function isId(text: string): boolean {
  return ID_PATTERN.test(text) && text.length <= ID_MAX_LENGTH;
}
