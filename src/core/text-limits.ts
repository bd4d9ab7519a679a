/**
 * The most characters each free text of an act may hold. The acts' schemas (payloads.ts) hold
 * every act to them, and the web app's inputs take no more (maxLength): one source of the numbers.
 */
export const MAX_CHARS = {
  /** A session's title or place; who sent a dispatch. */
  title: 500,
  /** A reason (an apology, a revocation, a dispute, a withdrawal), a note, an instrument's
   * addressee, an agenda item's title. */
  reason: 1000,
  /** An answer's comment, an inscription, why a dispatch is closed, a mandate's scope. */
  comment: 2000,
  /** The wording of a motion or a question, an objection to minutes. */
  motion: 10_000,
  /** The text of a dispatch or an instrument. */
  document: 100_000,
  /** A number in a register; a date given in words. */
  number: 100,
  /** A file's name. */
  fileName: 255,
  /** The outcome of a vote or a question as its closer states it. */
  stated: 200,
  /** The unit of an amount (EUR, shares). */
  unit: 20,
} as const;
