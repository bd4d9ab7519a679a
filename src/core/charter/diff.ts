/**
 * What changed from one version of the charter to another, in words, one change a line: as
 * `collegium charter diff` prints it, so that members can read what an amendment does before
 * and after they adopt it.
 */
import { majorityInWords, quorumInWords, circulationRuleInWords } from './describe.js';
import { motionKindOf } from './model.js';
import type { Body, Charter, InstrumentKind, MotionKind, Obligation } from './model.js';
import { plural } from '../words.js';

/** Each change from `before` to `after`, in words; none when they are the same. */
export function diffCharters(before: Charter, after: Charter): string[] {
  const who = (id: string): string =>
    `${after.people.get(id)?.name ?? before.people.get(id)?.name ?? id} (${id})`;
  const lines = [...organizationChanges(before, after), ...peopleChanges(before, after, who)];
  const [added, removed] = inOut([...before.bodies.keys()], [...after.bodies.keys()]);
  for (const id of added) lines.push(`body added: ${after.bodies.get(id)!.name} (${id})`);
  for (const id of removed) lines.push(`body removed: ${before.bodies.get(id)!.name} (${id})`);
  for (const [id, body] of after.bodies) {
    const old = before.bodies.get(id);
    if (old) lines.push(...bodyChanges(old, body, who).map((line) => `${id}: ${line}`));
  }
  return lines;
}

function organizationChanges(before: Charter, after: Charter): string[] {
  const lines: string[] = [];
  if (before.organization.name !== after.organization.name)
    lines.push(`organization renamed: ${before.organization.name} → ${after.organization.name}`);
  if (before.record.read !== after.record.read)
    lines.push(`who may read the record: ${before.record.read} → ${after.record.read}`);
  return lines;
}

function peopleChanges(before: Charter, after: Charter, who: (id: string) => string): string[] {
  const [added, removed] = inOut([...before.people.keys()], [...after.people.keys()]);
  const lines = [
    ...added.map((id) => `person added: ${who(id)}`),
    ...removed.map((id) => `person removed: ${who(id)}`),
  ];
  for (const [id, person] of after.people) {
    const old = before.people.get(id);
    if (!old) continue;
    if (old.name !== person.name)
      lines.push(`person renamed: ${old.name} → ${person.name} (${id})`);
    if (old.keyBase64 !== person.keyBase64)
      lines.push(
        `${who(id)}: key ${old.keyBase64 === undefined ? 'given' : person.keyBase64 === undefined ? 'taken away' : 'changed'} in the charter`,
      );
  }
  return lines;
}

/** The changes of one body, each line without the body's id. */
function bodyChanges(before: Body, after: Body, who: (id: string) => string): string[] {
  const names = (ids: readonly string[]): string => ids.map(who).join(', ');
  const lines: string[] = [];
  if (before.name !== after.name) lines.push(`renamed: ${before.name} → ${after.name}`);
  if (before.parent !== after.parent)
    lines.push(`delegated by: ${before.parent ?? 'no one'} → ${after.parent ?? 'no one'}`);
  const promoted = after.votingMembers.filter((p) => before.candidates.includes(p));
  const demoted = after.candidates.filter((p) => before.votingMembers.includes(p));
  // Who moved between members and candidates is said once, not as in and out of both lists.
  const moved = [...promoted, ...demoted];
  const roster = (
    label: string,
    was: readonly string[],
    is: readonly string[],
    skip: string[] = [],
  ): void => {
    const [added, removed] = inOut(was, is).map((list) => list.filter((p) => !skip.includes(p)));
    if (added!.length > 0) lines.push(`${label} in: ${names(added!)}`);
    if (removed!.length > 0) lines.push(`${label} out: ${names(removed!)}`);
  };
  roster('members', before.votingMembers, after.votingMembers, moved);
  roster('candidates', before.candidates, after.candidates, moved);
  if (promoted.length > 0) lines.push(`candidates who became members: ${names(promoted)}`);
  if (demoted.length > 0) lines.push(`members who became candidates: ${names(demoted)}`);
  for (const office of ['chair', 'secretary'] as const)
    if (before[office] !== after[office])
      lines.push(
        `${office}: ${holder(before[office], who)} replaced by ${holder(after[office], who)}`,
      );
  roster('officers', before.officers, after.officers);
  lines.push(...ruleChanges(before, after), ...instrumentChanges(before, after, who));
  return lines;
}

function holder(id: string | undefined, who: (id: string) => string): string {
  return id === undefined ? 'none' : who(id);
}

/** The body's rules: quorum, majority, kinds of motion, proxies, casting vote, powers, reading. */
function ruleChanges(before: Body, after: Body): string[] {
  const lines: string[] = [];
  const quorum = (b: Body): string => quorumInWords(b.quorum, b.votingMembers.length);
  if (quorum(before) !== quorum(after)) lines.push(`quorum: ${quorum(before)} → ${quorum(after)}`);
  if (before.majority !== after.majority)
    lines.push(
      `majority: ${majorityInWords(before.majority)} → ${majorityInWords(after.majority)}`,
    );
  lines.push(...kindChanges(before, after));
  const proxies = (b: Body): string =>
    b.proxies ? `at most ${b.proxies.maxPerHolder} per holder` : 'none';
  if (proxies(before) !== proxies(after))
    lines.push(`proxies: ${proxies(before)} → ${proxies(after)}`);
  if (before.castingVote !== after.castingVote)
    lines.push(`the chair's casting vote on a tie: ${after.castingVote ? 'given' : 'taken away'}`);
  const [gained, lost] = inOut(before.powers, after.powers);
  if (gained.length > 0) lines.push(`powers added: ${gained.join(', ')}`);
  if (lost.length > 0) lines.push(`powers removed: ${lost.join(', ')}`);
  const [bound, freed] = inOut(
    before.obligations.map(obligation),
    after.obligations.map(obligation),
  );
  for (const o of bound) lines.push(`obligation added: ${o}`);
  for (const o of freed) lines.push(`obligation removed: ${o}`);
  const writing = (b: Body): string =>
    b.circulation
      ? `${circulationRuleInWords(b.circulation.rule, b.votingMembers.length)}${b.circulation.ratify ? ', ratified at the next session' : ''}`
      : 'none';
  if (writing(before) !== writing(after))
    lines.push(`deciding between sessions: ${writing(before)} → ${writing(after)}`);
  if (before.secondBallot !== after.secondBallot)
    lines.push(`a second ballot: ${before.secondBallot} → ${after.secondBallot}`);
  if (before.runningTally !== after.runningTally)
    lines.push(
      `the running tally while a vote is open: ${after.runningTally ? 'shown' : 'hidden'}`,
    );
  if (before.noticeDays !== after.noticeDays)
    lines.push(`notice of a session: ${noticeWords(before)} → ${noticeWords(after)}`);
  return lines;
}

function kindChanges(before: Body, after: Body): string[] {
  const kinds = [
    ...new Set([...Object.keys(before.motionKinds), ...Object.keys(after.motionKinds)]),
  ];
  return kinds.flatMap((kind) => {
    const was = motionKindOf(before, kind);
    const is = motionKindOf(after, kind);
    const words = (k: MotionKind | undefined, b: Body): string =>
      k === undefined
        ? 'none'
        : [
            k.majority ? `by ${majorityInWords(k.majority)}` : '',
            k.quorum ? `quorum ${quorumInWords(k.quorum, b.votingMembers.length)}` : '',
          ]
            .filter(Boolean)
            .join(', ') || "by the body's own rules";
    const [a, b] = [words(was, before), words(is, after)];
    if (a === b) return [];
    if (was === undefined) return [`motion kind added: ${kind}, ${b}`];
    if (is === undefined) return [`motion kind removed: ${kind}`];
    return [`motion kind ${kind}: ${a} → ${b}`];
  });
}

/** The kinds of instrument the body issues: who signs them, in which order, on what they rest. */
function instrumentChanges(before: Body, after: Body, who: (id: string) => string): string[] {
  const kinds = [...new Set([...before.instruments.keys(), ...after.instruments.keys()])];
  return kinds.flatMap((kind) => {
    const was = before.instruments.get(kind);
    const is = after.instruments.get(kind);
    if (was === undefined) return [`instrument added: ${kind}, ${instrumentInWords(is!, who)}`];
    if (is === undefined) return [`instrument removed: ${kind}`];
    const [a, b] = [instrumentInWords(was, who), instrumentInWords(is, who)];
    return a === b ? [] : [`instrument ${kind}: ${a} → ${b}`];
  });
}

/** A kind's rule as the charter writes it (groups by name, not their members of the day). */
function instrumentInWords(k: InstrumentKind, who: (id: string) => string): string {
  const of = k.signers.of.map((r) => ('group' in r ? `the ${r.group}` : who(r.person))).join(', ');
  return [
    k.signers.of.every((r) => 'person' in r) && k.signers.atLeast === k.signers.of.length
      ? `signed by ${of}, every one of them`
      : `signed by at least ${k.signers.atLeast} of ${of}`,
    k.order === 'as-listed' ? 'in the order listed' : '',
    k.restsOn === 'decision' ? 'resting on a decision' : 'needing no decision',
    k.formula ? `"${k.formula}"` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

function obligation(o: Obligation): string {
  return o.kind === 'report-to'
    ? `report decisions to ${o.body}`
    : `draw in the members of ${o.body} who are present`;
}

/** What `after` has that `before` has not, and the other way round, each in its list's order. */
function inOut(before: readonly string[], after: readonly string[]): [string[], string[]] {
  return [after.filter((x) => !before.includes(x)), before.filter((x) => !after.includes(x))];
}

function noticeWords(body: Body): string {
  return body.noticeDays === undefined ? 'none required' : plural(body.noticeDays, 'day');
}
