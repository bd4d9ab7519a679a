/** The words of explanations and flags, kept in one place so they read alike. */
import type { Choice, MajorityRule, QuorumResult } from './types.js';
import { plural } from '../words.js';

const RULE_NAMES: Record<MajorityRule, string> = {
  'votes-cast': 'majority of votes cast',
  present: 'majority of members present',
  membership: 'majority of the membership',
  'two-thirds': 'two thirds of votes cast',
  'three-quarters': 'three quarters of votes cast',
  unanimous: 'unanimity',
};

/** "a", "a and b", "a, b and c". */
export function listed(names: readonly string[]): string {
  return names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The rule's name, with the number it compares against when that is not the votes themselves. */
export function ruleInWords(rule: MajorityRule, quorum: QuorumResult): string {
  const name = RULE_NAMES[rule];
  if (rule === 'present') return `${name} (more than half of ${quorum.presentVoting})`;
  if (rule === 'membership') return `${name} (more than half of ${quorum.votingMembers})`;
  return name;
}

export function abstentionsInWords(abstain: number): string {
  return plural(abstain, 'abstention', 'abstentions');
}

/** "7 ayes against 5 nays, 1 not voting". */
export function choicesInWords(tally: Record<Choice, number>): string {
  const others = [
    tally.abstain > 0 ? abstentionsInWords(tally.abstain) : '',
    tally['not-voting'] > 0 ? `${tally['not-voting']} not voting` : '',
    tally.declined > 0 ? `${tally.declined} declined` : '',
  ].filter(Boolean);
  return [
    `${plural(tally.aye, 'aye', 'ayes')} against ${plural(tally.nay, 'nay', 'nays')}`,
    ...others,
  ].join(', ');
}

/** "13 of 15 voting members present", "(2 by proxy)" added when some are. */
function presentInWords(quorum: QuorumResult): string {
  const proxies = quorum.representedByProxy > 0 ? ` (${quorum.representedByProxy} by proxy)` : '';
  return `${quorum.presentVoting} of ${plural(quorum.votingMembers, 'voting member', 'voting members')} present${proxies}`;
}

/** "13 of 15 voting members present, quorum 8". */
export function quorumInWords(quorum: QuorumResult): string {
  return `${presentInWords(quorum)}, quorum ${quorum.required}`;
}

/** "not decided: no quorum: 2 of 5 voting members present, 3 required". */
export function noQuorum(quorum: QuorumResult): string {
  return `not decided: no quorum: ${presentInWords(quorum)}, ${quorum.required} required`;
}

/** "16 votes counted but only 15 voting members present". */
export function votesExceedPresent(total: number, quorum: QuorumResult): string {
  return `${plural(total, 'vote', 'votes')} counted but only ${plural(quorum.presentVoting, 'voting member', 'voting members')} present`;
}

/**
 * Where an explanation lists members: after a count of answers, "2 ayes (" (up to the ")"), after
 * "no answer from " (up to the ";"), and the chair of "casting vote (ada, aye)".
 */
const MEMBER_LISTS =
  /(\d+ (?:ayes?|nays?|abstentions?) \(|no answer from )([^();]+)|(casting vote \()([^(),]+)(?=, (?:aye|nay)\))/g;

/**
 * A decision's explanation (the record's words, which list members by id) with the members it
 * lists named by `name`: "2 ayes (ada and ben)" reads "2 ayes (Ada Okafor and Ben Lindqvist)",
 * the chair's casting vote "(ada, aye)" "(Ada Okafor, aye)", and "no answer from gus" "no answer
 * from Gus Tanaka". Only those lists are read, in one pass: the choice of a casting vote, the
 * alternatives of a runoff "(moscow 4, nizhny 3)", "(1 by proxy)" and every other word stay,
 * whatever ids the charter gives its people, and no name is read again.
 */
export function namedInExplanation(explanation: string, name: (id: string) => string): string {
  const named = (list: string) =>
    list
      .split(/(, | and )/)
      .map((part, i) => (i % 2 === 0 && part !== '' ? name(part) : part))
      .join('');
  return explanation.replace(
    MEMBER_LISTS,
    (_, lead?: string, list?: string, casting?: string, chair?: string) =>
      lead !== undefined ? `${lead}${named(list!)}` : `${casting}${name(chair!)}`,
  );
}
