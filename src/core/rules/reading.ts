/**
 * A decision's explanation as a reader reads it. The record keeps its own words (a circulation's
 * close carries them and replay checks them; minutes hash them): only what is shown to people
 * reads otherwise.
 */
import { namedInExplanation } from './explain.js';
import { isTie } from './formula.js';

/**
 * A circulation rejected under a majority rule, as decideCirculation words it: its answers, how
 * many answered, then the rule it did not meet (with a quorum of answers, if it has one).
 */
const CIRCULATION_REJECTED =
  /^(rejected: .*; \d+ of \d+ asked answered; )(.+ required(?:, quorum \d+ answers)?)$/;

/** The count of one answer in a circulation's words, "2 ayes (" after the outcome or a list. */
function answered(explanation: string, choice: 'aye' | 'nay'): number {
  const count = new RegExp(String.raw`(?:^rejected: |\), )(\d+) ${choice}s? \(`).exec(explanation);
  return count ? Number(count[1]) : 0;
}

/**
 * A circulation's tie said to fail, as a session's is: the record words it "rejected: 1 aye
 * (trotsky), 1 nay (krestinsky); 2 of 2 asked answered; majority of votes cast required". No
 * casting vote decides a question in writing, whatever the charter gives the chair in session.
 */
function circulationTieInWords(explanation: string): string {
  const rejected = CIRCULATION_REJECTED.exec(explanation);
  if (!rejected) return explanation;
  const tally = { aye: answered(explanation, 'aye'), nay: answered(explanation, 'nay') };
  if (!isTie(tally)) return explanation;
  return `${rejected[1]}a tie fails (a question in writing has no casting vote); ${rejected[2]}`;
}

/**
 * A decision's explanation (the record's words) for a reader: the members it lists named by
 * `name`, and a circulation's tie said to fail.
 */
export function explanationInWords(explanation: string, name: (id: string) => string): string {
  return namedInExplanation(circulationTieInWords(explanation), name);
}
