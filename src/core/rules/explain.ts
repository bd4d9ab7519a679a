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

/** One id, as every flag writes it: ids hold no space and no comma. */
const ID = String.raw`[^\s,]+`;

/**
 * The flags that put members by id, each as a whole: the words before, the member or the list of
 * them, the words after. A ballot or an answer not counted begins with its voter, whatever the
 * reason (records may hold reasons worded otherwise); the rest are worded in rules/roster.ts,
 * rules/formula.ts, state/circulations.ts, state/decide.ts and state/reducers/circulation.ts.
 */
const FLAG_MEMBERS: readonly RegExp[] = [
  new RegExp(String.raw`^()(${ID})( .+: (?:ballot|answer) not counted)$`),
  new RegExp(
    String.raw`^()(${ID})( is listed both as a voting member and as a candidate; counted as a candidate)$`,
  ),
  new RegExp(
    String.raw`^(casting vote \([^()]+\) ignored: the chair )(${ID})( was not present when the vote opened)$`,
  ),
  new RegExp(String.raw`^()(${ID})( is not a voting member of ${ID})$`),
  new RegExp(
    String.raw`^(${ID} did not draw in )(${ID}(?:, ${ID})*)( of its parent, who were at hand)$`,
  ),
  new RegExp(String.raw`^()(${ID})( may not put a question to ${ID})$`),
];

/**
 * A decision's flag (the record's words, which give members by id) with the members it puts
 * named by `name`: "krestinsky answered after the deadline: answer not counted" reads "N. N.
 * Krestinsky answered …", the absent chair of an ignored casting vote and the members a delegated
 * body did not draw in likewise. Only those places are read: the choice of a casting vote, a
 * body's id, an alternative, a flag worded otherwise and every other word stay as they are.
 */
export function namedInFlag(flag: string, name: (id: string) => string): string {
  for (const pattern of FLAG_MEMBERS) {
    const match = pattern.exec(flag);
    if (match) {
      const [, before, members, after] = match;
      return `${before}${members!.split(', ').map(name).join(', ')}${after}`;
    }
  }
  return flag;
}

/**
 * A session's flag as a reader reads it. A session opened within a day of its notice is flagged
 * "opened 0 days after its notice of …" in the record, and keeps those words there: the minutes'
 * content, whose hash signatures and approving decisions cover, holds its flags as written.
 */
export function sessionFlagInWords(flag: string): string {
  return flag.replace(/^opened 0 days after /, 'opened less than a day after ');
}
