/**
 * The counting rules read afresh from the design's "Rules, exactly" and docs/charter.md, for
 * checking the product end to end. It shares no code with src/core/rules: a second, plain
 * reading in exact integer arithmetic, with a fraction quorum kept as the decimal the charter
 * writes (ceil(p × members) without floating point).
 */

export type MajorityRule =
  'votes-cast' | 'present' | 'membership' | 'two-thirds' | 'three-quarters' | 'unanimous';

/** A quorum as a charter writes it; a fraction as its decimal digits, as written. */
export type QuorumForm = 'majority' | { count: number } | { fraction: string };

export type RollChoice = 'aye' | 'nay' | 'abstain' | 'not-voting' | 'declined';

export interface OracleBody {
  members: readonly string[];
  candidates: readonly string[];
  chair?: string | undefined;
  quorum: QuorumForm;
  majority: MajorityRule;
  castingVote: boolean;
  /** `proxies: {max-per-holder}`, when the charter allows proxies. */
  maxPerHolder?: number | undefined;
}

/** One grant of a proxy, in the order the record holds them. */
export interface Grant {
  voter: string;
  holder: string;
  /** For the whole session, or for the one motion it was given on. */
  scope: 'session' | 'motion';
}

export interface MotionSetting {
  body: OracleBody;
  /** Who was present when the vote opened. */
  present: ReadonlySet<string>;
  /** Who chaired (the session's chair, else the body's). */
  chair?: string | undefined;
  /** The grants in force for this vote, in the order recorded. */
  grants: readonly Grant[];
  /** The rules of the motion's kind, where it names one. */
  quorum: QuorumForm;
  majority: MajorityRule;
}

export interface Quorum {
  votingMembers: number;
  presentVoting: number;
  representedByProxy: number;
  required: number;
  met: boolean;
}

export interface Outcome {
  outcome: string;
  /** The two alternatives an absolute majority not reached sends to a runoff. */
  runoff?: [string, string];
  tally: Record<string, number>;
  quorum: Quorum;
}

/** Decimal digits "0.35" as the exact fraction 35/100. */
function decimal(text: string): { num: bigint; den: bigint } {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a decimal: ${text}`);
  const digits = m[2] ?? '';
  return { num: BigInt(m[1]! + digits), den: 10n ** BigInt(digits.length) };
}

/** How many must be present (or have answered) out of `of` for the quorum. */
export function quorumRequired(form: QuorumForm, of: number): number {
  if (form === 'majority') return Math.floor(of / 2) + 1;
  if ('count' in form) return form.count;
  const { num, den } = decimal(form.fraction);
  const product = num * BigInt(of);
  return Number((product + den - 1n) / den);
}

/** The table of required majorities, A ayes and N nays, without the rule on ties. */
function meets(rule: MajorityRule, a: number, n: number, present: number, members: number) {
  switch (rule) {
    case 'votes-cast':
      return a > n;
    case 'present':
      return 2 * a > present;
    case 'membership':
      return 2 * a > members;
    case 'two-thirds':
      return a >= 1 && 3 * a >= 2 * (a + n);
    case 'three-quarters':
      return a >= 1 && 4 * a >= 3 * (a + n);
    case 'unanimous':
      return a >= 1 && n === 0;
  }
}

/** Adopted or rejected on A and N; a tie fails unless a casting vote breaks it. */
export function formulaOutcome(
  rule: MajorityRule,
  a: number,
  n: number,
  present: number,
  members: number,
  casting?: 'aye' | 'nay',
): 'adopted' | 'rejected' {
  if (a === n) {
    if (casting === undefined) return 'rejected';
    return meets(
      rule,
      a + (casting === 'aye' ? 1 : 0),
      n + (casting === 'nay' ? 1 : 0),
      present,
      members,
    )
      ? 'adopted'
      : 'rejected';
  }
  return meets(rule, a, n, present, members) ? 'adopted' : 'rejected';
}

/**
 * Who of the named voters is counted, and who of them through a proxy. A candidate or a
 * non-member is never counted. A member's ballot is cast by their holder under a motion's grant,
 * or under a session's grant when they were absent at the opening; by proxy it counts only where
 * proxies are allowed, for a grantor absent at the opening, a holder present, and within the
 * holder's first N grants in force (as recorded).
 */
export function counted(setting: MotionSetting, voters: readonly string[]) {
  const { body, present, grants } = setting;
  const member = (p: string) => body.members.includes(p);
  const valid = grants.filter((g) => member(g.voter) && member(g.holder) && g.voter !== g.holder);
  const withinLimit = (g: Grant) => {
    const held = valid.filter((h) => h.holder === g.holder);
    return held.indexOf(g) >= 0 && held.indexOf(g) < (body.maxPerHolder ?? 0);
  };
  const inPerson: string[] = [];
  const byProxy: string[] = [];
  for (const voter of voters) {
    if (!member(voter)) continue;
    const grant =
      grants.find((g) => g.voter === voter && g.scope === 'motion') ??
      (present.has(voter) ? undefined : grants.find((g) => g.voter === voter));
    if (grant === undefined) {
      if (present.has(voter)) inPerson.push(voter);
    } else if (
      body.maxPerHolder !== undefined &&
      !present.has(voter) &&
      present.has(grant.holder) &&
      valid.includes(grant) &&
      withinLimit(grant)
    )
      byProxy.push(voter);
  }
  return { inPerson, byProxy };
}

function quorumOf(setting: MotionSetting, represented: number): Quorum {
  const members = setting.body.members;
  const inRoom = members.filter((m) => setting.present.has(m)).length;
  const presentVoting = inRoom + represented;
  const required = quorumRequired(setting.quorum, members.length);
  return {
    votingMembers: members.length,
    presentVoting,
    representedByProxy: represented,
    required,
    met: presentVoting >= required,
  };
}

/** The chair's casting vote, where it counts: given by the charter, the chair present. */
function castingOf(setting: MotionSetting, casting: 'aye' | 'nay' | undefined) {
  const chair = setting.chair ?? setting.body.chair;
  if (!setting.body.castingVote || chair === undefined || !setting.present.has(chair)) return;
  return casting;
}

export type FormulaVote =
  | { roll: Partial<Record<RollChoice, readonly string[]>> }
  | { counts: Partial<Record<RollChoice, number>> };

/** A yes-or-no motion, by roll call or by the counts the minutes give. */
export function decideFormula(
  setting: MotionSetting,
  vote: FormulaVote,
  casting?: 'aye' | 'nay',
): Outcome {
  const choices: RollChoice[] = ['aye', 'nay', 'abstain', 'not-voting', 'declined'];
  const tally: Record<string, number> = Object.fromEntries(choices.map((c) => [c, 0]));
  let represented = 0;
  if ('counts' in vote) {
    for (const c of choices) tally[c] = vote.counts[c] ?? 0;
  } else {
    for (const c of choices) {
      const { inPerson, byProxy } = counted(setting, vote.roll[c] ?? []);
      tally[c] = inPerson.length + byProxy.length;
      represented += byProxy.length;
    }
  }
  const quorum = quorumOf(setting, represented);
  if (!quorum.met) return { outcome: 'not-decided', tally, quorum };
  const outcome = formulaOutcome(
    setting.majority,
    tally.aye!,
    tally.nay!,
    quorum.presentVoting,
    quorum.votingMembers,
    castingOf(setting, casting),
  );
  return { outcome, tally, quorum };
}

export type AlternativesVote =
  | { names: Record<string, readonly string[]>; abstain?: readonly string[] }
  | { counts: Record<string, number>; abstain?: number };

/**
 * Several alternatives: the one with most votes, a tie for first deciding nothing; `absolute`
 * also needs more than half of the votes cast for alternatives.
 */
export function decideAlternatives(
  setting: MotionSetting,
  vote: AlternativesVote,
  method: 'plurality' | 'absolute',
): Outcome {
  const tally: Record<string, number> = {};
  let represented = 0;
  const take = (key: string, voters: readonly string[]) => {
    const { inPerson, byProxy } = counted(setting, voters);
    tally[key] = inPerson.length + byProxy.length;
    represented += byProxy.length;
  };
  if ('names' in vote) {
    for (const [alt, voters] of Object.entries(vote.names)) take(alt, voters);
    take('abstain', vote.abstain ?? []);
  } else {
    Object.assign(tally, vote.counts, { abstain: vote.abstain ?? 0 });
  }
  const quorum = quorumOf(setting, represented);
  if (!quorum.met) return { outcome: 'not-decided', tally, quorum };
  const votes = Object.fromEntries(Object.entries(tally).filter(([k]) => k !== 'abstain'));
  const runoff = runoffOf(votes, method);
  return {
    outcome: alternativesOutcome(votes, method),
    tally,
    quorum,
    ...(runoff ? { runoff } : {}),
  };
}

/**
 * Where `absolute` finds no majority, the two that go to a runoff: the first two by votes (equal
 * votes in the order the motion lists them), only where no third has as many as the second.
 */
export function runoffOf(
  votes: Record<string, number>,
  method: 'plurality' | 'absolute',
): [string, string] | undefined {
  if (method !== 'absolute' || alternativesOutcome(votes, method) !== 'not-decided') return;
  const listed = Object.keys(votes);
  if (listed.every((k) => votes[k] === 0)) return;
  const ranked = [...listed].sort(
    (a, b) => votes[b]! - votes[a]! || listed.indexOf(a) - listed.indexOf(b),
  );
  const [first, second, third] = ranked;
  if (third !== undefined && votes[third] === votes[second!]) return;
  return [first!, second!];
}

/** The winner among alternatives with these votes, or not decided. */
export function alternativesOutcome(
  votes: Record<string, number>,
  method: 'plurality' | 'absolute',
): string {
  const alternatives = Object.keys(votes);
  const cast = alternatives.reduce((sum, k) => sum + votes[k]!, 0);
  const most = Math.max(...alternatives.map((k) => votes[k]!));
  const leaders = alternatives.filter((k) => votes[k] === most);
  const decided = leaders.length === 1 && (method === 'plurality' || 2 * most > cast);
  return decided ? leaders[0]! : 'not-decided';
}

export type CirculationRule =
  'unanimous' | { majority: MajorityRule; quorum?: QuorumForm | undefined };

/** One answer, in the order given; a member may give several where a later one replaces. */
export interface CirculationAnswer {
  person: string;
  choice: 'aye' | 'nay' | 'abstain';
  /** Whether it came by the deadline. */
  inTime: boolean;
}

/**
 * A question put in writing. Those asked are the voting members it names (every voting member
 * when it names none); an answer counts when by one asked, in time. A question with no rule of
 * its own or of the body is advisory.
 */
export function decideCirculation(
  body: OracleBody,
  to: readonly string[] | undefined,
  rule: CirculationRule | undefined,
  answers: readonly CirculationAnswer[],
): { outcome: string; answered: number; asked: number; aye: number; nay: number } {
  const asked = (to ?? body.members).filter((p) => body.members.includes(p));
  // A member who changed their answer (where the charter lets a later one replace the first)
  // is counted by their last.
  const last = answers.filter((a, i) => !answers.slice(i + 1).some((b) => b.person === a.person));
  const valid = last.filter((a) => a.inTime && asked.includes(a.person));
  const aye = valid.filter((a) => a.choice === 'aye').length;
  const nay = valid.filter((a) => a.choice === 'nay').length;
  const base = { answered: valid.length, asked: asked.length, aye, nay };
  if (rule === undefined) return { outcome: 'advisory', ...base };
  // Consent needs an aye: a question that asked no voting member has none (as in a session,
  // unanimity is no nay and at least one aye).
  if (rule === 'unanimous')
    return { outcome: aye > 0 && aye === asked.length ? 'adopted' : 'rejected', ...base };
  if (rule.quorum !== undefined && valid.length < quorumRequired(rule.quorum, asked.length))
    return { outcome: 'not-decided', ...base };
  const outcome = formulaOutcome(rule.majority, aye, nay, valid.length, asked.length);
  return { outcome, ...base };
}

/**
 * A joint body voting by each body: adopted only when the joint count and every body's adopt;
 * not decided where any of them lacks its quorum. `each` empty: the joint count alone.
 */
export function jointOutcome(joint: string, each: readonly string[]): string {
  if (each.length === 0) return joint;
  const all = [joint, ...each];
  if (all.includes('not-decided')) return 'not-decided';
  return all.every((o) => o === 'adopted') ? 'adopted' : 'rejected';
}
