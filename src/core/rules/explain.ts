/** The words of explanations and flags, kept in one place so they read alike. */
import type { Choice, MajorityRule, QuorumResult } from './types.js';
import type { DecisionRef } from '../acts.js';
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
 * What a part of a flag is: words kept as they are, a list of members, a body, the flagged motion
 * itself, or a decision as state/decisions.ts refInWords puts it ("motion reserves of session
 * pb-1920-09-15", "circulation polish-front").
 */
type FlagPart = 'words' | 'members' | 'body' | 'motion' | 'decision';

const DECISION_WORDS = new RegExp(`^motion (${ID}) of session (${ID})$|^circulation (${ID})$`);

/** The decision a flag's "motion … of session …" or "circulation …" refers to. */
function decisionOfWords(words: string): DecisionRef {
  const [, motion, session, circulation] = DECISION_WORDS.exec(words)!;
  return circulation !== undefined ? { circulation } : { session: session!, motion: motion! };
}

/**
 * The flags that put members or a body by id, each as the whole of its parts in order: a ballot or
 * an answer not counted begins with its voter, whatever the reason (records may hold reasons
 * worded otherwise); the rest are worded in rules/roster.ts, rules/formula.ts,
 * state/circulations.ts, state/decide.ts and state/reducers/circulation.ts; a dispatch's referrals
 * in app/replay-between.ts; a ratifying motion's on what awaits no ratification by its body, and
 * on a question it ratified before the answers were in, in state/decisions.ts.
 */
const FLAG_PARTS: readonly (readonly (readonly [FlagPart, string])[])[] = [
  [
    ['members', ID],
    ['words', ' .+: (?:ballot|answer) not counted'],
  ],
  [
    ['members', ID],
    ['words', ' is listed both as a voting member and as a candidate; counted as a candidate'],
  ],
  [
    ['words', String.raw`casting vote \([^()]+\) ignored: the chair `],
    ['members', ID],
    ['words', ' was not present when the vote opened'],
  ],
  [
    ['members', ID],
    ['words', ' is not a voting member of '],
    ['body', ID],
  ],
  [
    ['body', ID],
    ['words', ' did not draw in '],
    ['members', `${ID}(?:, ${ID})*`],
    ['words', ' of its parent, who were at hand'],
  ],
  [
    ['members', ID],
    ['words', ' may not put a question to '],
    ['body', ID],
  ],
  [
    ['body', ID],
    ['words', String.raw` decided outside its delegated powers \([^()]*\)`],
  ],
  [
    ['words', 'the inscription refers it to '],
    ['members', ID],
    ['words', ', (?:whom no question put on it asked|who was asked only after it was answered)'],
  ],
  [
    ['words', 'the inscription refers it to '],
    ['body', ID],
    ['words', ', to which no question on it was put'],
  ],
  [
    ['motion', ID],
    ['words', ' ratifies '],
    ['decision', `motion ${ID} of session ${ID}|circulation ${ID}`],
    ['words', ', which awaits no ratification by '],
    ['body', ID],
  ],
  [
    ['motion', ID],
    ['words', ' ratifies '],
    ['decision', `circulation ${ID}`],
    ['words', ' at a sitting of .+, before its answers were in: the last counted came on .+'],
  ],
];

const FLAG_PATTERNS = FLAG_PARTS.map((parts) => ({
  pattern: new RegExp(`^${parts.map(([, source]) => `(${source})`).join('')}$`),
  kinds: parts.map(([kind]) => kind),
}));

/**
 * How a flag's ids are named for a reader: people, bodies, and decisions (a reader without the
 * record's decisions at hand, such as a circulation's page, whose flags name none, leaves them be).
 */
export interface FlagNames {
  readonly person: (id: string) => string;
  readonly body: (id: string) => string;
  readonly decision?: (ref: DecisionRef) => string;
}

/**
 * A decision's flag (the record's words, which give members and bodies by id) with those named by
 * `names`: "krestinsky answered after the deadline: answer not counted" reads "N. N. Krestinsky
 * answered …", "orgburo did not draw in lenin …" "Organizational Bureau did not draw in V. I.
 * Lenin …, who was at hand", the absent chair of an ignored casting vote likewise;
 * "confirm-reserves ratifies motion reserves of session pb-1920-09-15, which awaits no
 * ratification by central-committee" "this motion ratifies motion 1 (…) of the session of
 * Political Bureau on 15 September 1920, which awaits no ratification by Central Committee" (the
 * flag stands under the motion it is on, which a reader knows by number and text, not by id).
 * Only those places are read: the choice of a casting vote, an alternative, a power, a flag
 * worded otherwise and every other word stay as they are.
 */
export function namedInFlag(flag: string, names: FlagNames): string {
  for (const { pattern, kinds } of FLAG_PATTERNS) {
    const match = pattern.exec(flag);
    if (match)
      return kinds
        .map((kind, i) => {
          const part = match[i + 1]!;
          if (kind === 'members') return part.split(', ').map(names.person).join(', ');
          if (kind === 'body') return names.body(part);
          if (kind === 'motion') return 'this motion';
          if (kind === 'decision') return names.decision?.(decisionOfWords(part)) ?? part;
          // The record says "who were at hand" of one member too; a reader reads it of one.
          const one = kinds[i - 1] === 'members' && !match[i]!.includes(', ');
          return one ? part.replace(', who were ', ', who was ') : part;
        })
        .join('');
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
