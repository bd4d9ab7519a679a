/** The charter in words, as `collegium charter check` prints it. */
import { requiredPresent } from '../rules/quorum.js';
import type { CirculationRule, MajorityRule, QuorumRule } from '../rules/types.js';
import type { Body, Charter, ReadPolicy } from './model.js';
import { ratifierOf } from '../state/decisions.js';
import { bodyNameIn, namesOf } from '../state/names.js';
import { plural } from '../words.js';

/**
 * Whom a majority is counted of, in words: at a meeting, the voting members present; a question in
 * writing says whom it asks and those who answer (`{ members: 'members asked', present: 'who
 * answer' }`).
 */
export interface MajorityOf {
  readonly members: string;
  readonly present: string;
}

const AT_A_MEETING: MajorityOf = { members: 'voting members', present: 'present' };

const MAJORITY_WORDS: Record<MajorityRule, (of: MajorityOf) => string> = {
  'votes-cast': () => 'a majority of votes cast',
  present: (of) => `a majority of the ${of.members} ${of.present}`,
  membership: (of) => `a majority of all ${of.members}`,
  'two-thirds': () => 'two thirds of votes cast',
  'three-quarters': () => 'three quarters of votes cast',
  unanimous: () => 'unanimity (no nays, at least one aye)',
};

const READERS_IN_WORDS: Record<ReadPolicy, string> = {
  public: 'anyone',
  members: 'the people who sit on a body, once signed in',
  officers: 'the chairs and secretaries, once signed in',
};

export function majorityInWords(rule: MajorityRule, of: MajorityOf = AT_A_MEETING): string {
  return MAJORITY_WORDS[rule](of);
}

/** Whom a quorum is counted of, in words, one and many: the voting members, by default. */
export type QuorumOf = readonly [one: string, many: string];

/** "more than half of the 7 voting members (4)", "1 of 1 voting member". */
export function quorumInWords(
  q: QuorumRule,
  votingMembers: number,
  [one, many]: QuorumOf = ['voting member', 'voting members'],
): string {
  const required = requiredPresent(q, votingMembers);
  const members = plural(votingMembers, one, many);
  switch (q.kind) {
    case 'majority':
      return `more than half of the ${members} (${required})`;
    case 'count':
      return `${q.count} of ${members}`;
    case 'fraction':
      return `${q.fraction} of the ${members} (${required})`;
  }
}

/**
 * How a rule in writing names whom it asks: unanimity, the majority and the quorum, in words.
 * The charter's rule speaks of a body's voting members; one question's, of the members it asked.
 */
export interface AskedInWords {
  readonly unanimous: string;
  readonly majority: MajorityOf;
  quorum(q: QuorumRule, asked: number): string;
}

const OF_A_BODY: AskedInWords = {
  unanimous: 'unanimous consent of the members asked (an aye from each)',
  majority: { members: 'voting members', present: 'who answer' },
  quorum: (q, asked) => `, with at least ${requiredPresent(q, asked)} of ${asked} answering`,
};

/** The words of one question's rule, whose members are `asked` ("asked", "asked with a vote"). */
export function ofMembersAsked(asked: string): AskedInWords {
  return {
    unanimous: `unanimous consent of every member ${asked}`,
    majority: { members: `members ${asked}`, present: 'who answer' },
    quorum: (q, counted) =>
      `, with a quorum of ${quorumInWords(q, counted, [`member ${asked}`, `members ${asked}`])}`,
  };
}

/**
 * A rule in writing in words, the one place it is worded: by default the charter's, "a majority of
 * votes cast, with at least 3 of 5 answering"; `of` one question's (ofMembersAsked).
 */
export function circulationRuleInWords(
  rule: CirculationRule,
  asked: number,
  of: AskedInWords = OF_A_BODY,
): string {
  if (rule.kind === 'unanimous') return of.unanimous;
  const quorum = rule.quorum ? of.quorum(rule.quorum, asked) : '';
  return `${majorityInWords(rule.majority, of.majority)}${quorum}`;
}

export function describeBody(body: Body, charter: Charter): string[] {
  const names = (ids: readonly string[]): string => ids.map(namesOf(charter)).join(', ');
  const lines = [
    `${body.name} (${body.id}): ${body.votingMembers.length} voting members: ${names(body.votingMembers)}`,
  ];
  if (body.candidates.length > 0)
    lines.push(`  candidates (voice, no vote): ${names(body.candidates)}`);
  if (body.chair)
    lines.push(
      `  chair: ${names([body.chair])}${body.castingVote ? ', with a casting vote on a tie' : ''}`,
    );
  if (body.secretary) lines.push(`  secretary: ${names([body.secretary])}`);
  if (body.officers.length > 0) lines.push(`  other officers: ${names(body.officers)}`);
  if (body.parent) lines.push(`  delegated by ${bodyNameIn(charter, body.parent)}`);
  if (body.powers.length > 0) lines.push(`  powers: ${body.powers.join(', ')}`);
  for (const o of body.obligations) {
    const other = bodyNameIn(charter, o.body);
    lines.push(
      o.kind === 'report-to'
        ? `  obligation: report its decisions to ${other} for ratification`
        : `  obligation: draw into each decision the members of ${other} who are present`,
    );
  }
  lines.push(`  quorum: ${quorumInWords(body.quorum, body.votingMembers.length)}`);
  lines.push(
    `  decides by ${majorityInWords(body.majority)}; a tie fails${body.castingVote ? ' unless the chair casts a deciding vote' : ''}`,
  );
  for (const [kind, rule] of Object.entries(body.motionKinds)) {
    const parts = [
      rule.majority ? `by ${majorityInWords(rule.majority)}` : '',
      rule.quorum
        ? `with a quorum of ${quorumInWords(rule.quorum, body.votingMembers.length)}`
        : '',
    ].filter(Boolean);
    lines.push(`  ${kind} motions: ${parts.join(' ')}`);
  }
  if (body.proxies)
    lines.push(`  proxies allowed: at most ${body.proxies.maxPerHolder} per holder`);
  lines.push(...betweenMeetings(body, charter));
  if (body.runningTally) lines.push('  the running tally is shown while a vote is open');
  if (body.noticeDays !== undefined)
    lines.push(`  a session is convened at least ${plural(body.noticeDays, 'day')} ahead`);
  if (body.secondBallot === 'replace')
    lines.push('  a second ballot replaces the first while the vote is open');
  return lines;
}

/**
 * Which session confirms what a body decides in writing under `ratify: next-session`: its own
 * next one, unless it reports its decisions to a parent, whose session then confirms them all.
 */
function writtenRatificationInWords(body: Body, charter: Charter): string {
  const by = ratifierOf(body, 'circulation');
  return by === body.id || by === undefined
    ? '  a decision taken in writing stands provisionally until the next session confirms it'
    : `  a decision taken in writing stands provisionally until a session of ${bodyNameIn(charter, by)} confirms it, as every decision it reports there, not its own next session`;
}

/** What a body decides outside its sessions, issues, and whom it sits with. */
function betweenMeetings(body: Body, charter: Charter): string[] {
  const lines: string[] = [];
  if (body.joint) {
    const names = body.joint.bodies.map((b) => bodyNameIn(charter, b)).join(', ');
    lines.push(
      `  a joint body of ${names}: ${body.joint.votes === 'each-body' ? "each body's own majority is required too" : 'its votes count jointly'}`,
    );
  }
  const c = body.circulation;
  if (c) {
    lines.push(
      `  decides between sessions in writing by ${circulationRuleInWords(c.rule, body.votingMembers.length)}; questions put by ${c.putBy === 'members' ? 'any voting member' : 'its officers'}`,
    );
    if (c.ratify) lines.push(writtenRatificationInWords(body, charter));
  }
  for (const [kind, rule] of body.instruments)
    lines.push(`  issues ${kind}${rule.formula ? ` ("${rule.formula}")` : ''}`);
  return lines;
}

export function describeCharter(charter: Charter): string[] {
  const org = charter.organization;
  const lines = [
    `${org.name} (${org.id}), log ${org.log}: ${charter.people.size} people, ${charter.bodies.size} bodies`,
  ];
  lines.push(`the record may be read by ${READERS_IN_WORDS[charter.record.read]}`);
  for (const body of charter.bodies.values()) lines.push(...describeBody(body, charter));
  return lines;
}
