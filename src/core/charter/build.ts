/**
 * Turns a schema-valid charter file into the model, checking what a schema cannot: references
 * between people and bodies, quorums the body can reach, delegation without cycles.
 */
import { fromBase64 } from '../bytes.js';
import { isUsableEd25519Key, WEAK_PUBLIC_KEY } from '../public-keys.js';
import type { CirculationRule, QuorumRule } from '../rules/types.js';
import type { PathProblem } from '../format/yaml-source.js';
import type {
  Body,
  Charter,
  CirculationPolicy,
  InstrumentKind,
  Obligation,
  Person,
  SignerGroup,
  SignersRule,
} from './model.js';
import { SIGNER_GROUPS } from './schema.js';
import type {
  BodyFile,
  CharterFile,
  CirculationRuleFile,
  InstrumentKindFile,
  QuorumFile,
} from './schema.js';

export function quorumRule(q: QuorumFile): QuorumRule {
  if (q === 'majority') return { kind: 'majority' };
  if ('count' in q) return { kind: 'count', count: q.count };
  return { kind: 'fraction', fraction: q.fraction };
}

export function circulationRule(rule: CirculationRuleFile): CirculationRule {
  if (rule === 'unanimous') return { kind: 'unanimous' };
  return {
    kind: 'majority',
    majority: rule.majority,
    ...(rule.quorum ? { quorum: quorumRule(rule.quorum) } : {}),
  };
}

export function decodePublicKey(text: string): Uint8Array {
  return fromBase64(text.slice('ed25519:'.length));
}

export function buildCharter(file: CharterFile): { value: Charter; problems: PathProblem[] } {
  const problems: PathProblem[] = [];
  const people = new Map<string, Person>();
  for (const [id, p] of Object.entries(file.people)) {
    let key: Uint8Array | undefined;
    try {
      key = p.key === undefined ? undefined : decodePublicKey(p.key);
    } catch {
      problems.push({
        path: ['people', id, 'key'],
        message: 'the key is not canonical base64 (as collegium keygen prints it)',
      });
    }
    if (key !== undefined && !isUsableEd25519Key(key)) {
      problems.push({ path: ['people', id, 'key'], message: `the key is ${WEAK_PUBLIC_KEY}` });
      key = undefined;
    }
    people.set(
      id,
      key
        ? { id, name: p.name, key, keyBase64: p.key!.slice('ed25519:'.length) }
        : { id, name: p.name },
    );
  }
  const bodies = new Map<string, Body>();
  for (const [id, b] of Object.entries(file.bodies)) {
    bodies.set(id, buildBody(id, b, file, problems));
  }
  checkDelegation(file, problems);
  const organization = {
    id: file.organization.id,
    name: file.organization.name,
    log: file.organization.log ?? `collegium/${file.organization.id}`,
  };
  const record = { read: file.record?.read ?? 'members' } as const;
  return { value: { organization, people, bodies, record }, problems };
}

function buildBody(id: string, b: BodyFile, file: CharterFile, problems: PathProblem[]): Body {
  const at = ['bodies', id];
  const { members, candidates } = rosterOf(id, b, file, problems);
  checkPeople(id, b, members, file, problems);
  if (b['casting-vote'] && !b.chair)
    problems.push({
      path: [...at, 'casting-vote'],
      message: 'a casting vote needs a chair: name one with chair:',
    });

  const quorum = quorumRule(b.quorum);
  checkQuorum(quorum, members.length, [...at, 'quorum'], problems);
  const motionKinds: Record<string, { majority?: Body['majority']; quorum?: QuorumRule }> = {};
  for (const [kind, rule] of Object.entries(b['motion-kinds'] ?? {})) {
    const q = rule.quorum ? quorumRule(rule.quorum) : undefined;
    if (q) checkQuorum(q, members.length, [...at, 'motion-kinds', kind, 'quorum'], problems);
    motionKinds[kind] = {
      ...(rule.majority ? { majority: rule.majority } : {}),
      ...(q ? { quorum: q } : {}),
    };
  }
  const obligations: Obligation[] = (b.obligations ?? []).map((o) =>
    'report-to' in o
      ? { kind: 'report-to', body: o['report-to'] }
      : { kind: 'draw-in-present-members-of', body: o['draw-in-present-members-of'] },
  );
  obligations.forEach((o, i) => {
    if (!(o.body in file.bodies))
      problems.push({
        path: [...at, 'obligations', i, o.kind],
        message: `no body '${o.body}' in bodies`,
      });
  });
  const circulation = circulationPolicy(b, members.length, at, problems);
  return {
    id,
    name: b.name,
    ...(b.parent ? { parent: b.parent } : {}),
    votingMembers: members,
    candidates,
    ...(b.chair ? { chair: b.chair } : {}),
    ...(b.secretary ? { secretary: b.secretary } : {}),
    officers: b.officers ?? [],
    quorum,
    majority: b.majority,
    castingVote: b['casting-vote'] ?? false,
    ...(b.proxies ? { proxies: { maxPerHolder: b.proxies['max-per-holder'] } } : {}),
    secondBallot: b['second-ballot'] ?? 'refuse',
    runningTally: b['running-tally'] ?? false,
    ...(b.notice !== undefined ? { noticeDays: b.notice.days } : {}),
    powers: b.powers ?? [],
    obligations,
    motionKinds,
    ...(circulation ? { circulation } : {}),
    instruments: instrumentKinds(b, groupsOf(b, members, candidates), file, at, problems),
    ...(b.joint ? { joint: { bodies: b.joint.bodies, votes: b.joint.votes ?? 'jointly' } } : {}),
  };
}

/** The people a body names: each in the charter, listed once, the chair a voting member. */
function checkPeople(
  id: string,
  b: BodyFile,
  members: readonly string[],
  file: CharterFile,
  problems: PathProblem[],
): void {
  const at = ['bodies', id];
  const personRef = (person: string, path: (string | number)[]): void => {
    if (!(person in file.people))
      problems.push({ path: [...at, ...path], message: `no person '${person}' in people` });
  };
  const seen = new Set<string>();
  (b.members ?? []).forEach((m, i) => {
    personRef(m, ['members', i]);
    if (seen.has(m))
      problems.push({ path: [...at, 'members', i], message: `'${m}' is listed twice` });
    seen.add(m);
  });
  (b.candidates ?? []).forEach((c, i) => {
    personRef(c, ['candidates', i]);
    if (seen.has(c))
      problems.push({
        path: [...at, 'candidates', i],
        message: `'${c}' is both a member and a candidate, or listed twice`,
      });
    seen.add(c);
  });
  if (b.chair) personRef(b.chair, ['chair']);
  if (b.chair && !members.includes(b.chair))
    problems.push({
      path: [...at, 'chair'],
      message: `the chair '${b.chair}' is not a voting member of ${id}`,
    });
  if (b.secretary) personRef(b.secretary, ['secretary']);
  b.officers?.forEach((o, i) => personRef(o, ['officers', i]));
}

/**
 * A body's members and candidates: as listed, or for a joint body that lists none, those of the
 * bodies it joins, each person once (a voting member anywhere votes).
 */
function rosterOf(
  id: string,
  b: BodyFile,
  file: CharterFile,
  problems: PathProblem[],
): { members: string[]; candidates: string[] } {
  if (b.joint) checkJoint(id, b.joint, file, problems);
  if (b.members) return { members: b.members, candidates: b.candidates ?? [] };
  if (!b.joint) {
    problems.push({
      path: ['bodies', id],
      message: 'members: required (or joint: the bodies it joins)',
    });
    return { members: [], candidates: [] };
  }
  const parts = b.joint.bodies.map((j) => file.bodies[j]).filter((j) => j !== undefined);
  const members = [...new Set(parts.flatMap((j) => j.members ?? []))];
  const candidates = [
    ...new Set([...(b.candidates ?? []), ...parts.flatMap((j) => j.candidates ?? [])]),
  ].filter((c) => !members.includes(c));
  return { members, candidates };
}

function checkJoint(
  id: string,
  joint: { bodies: string[] },
  file: CharterFile,
  problems: PathProblem[],
): void {
  joint.bodies.forEach((j, i) => {
    const path = ['bodies', id, 'joint', 'bodies', i];
    const other = file.bodies[j];
    if (j === id) problems.push({ path, message: 'a body cannot join itself' });
    else if (joint.bodies.indexOf(j) !== i)
      problems.push({ path, message: `'${j}' is listed twice` });
    else if (!other) problems.push({ path, message: `no body '${j}' in bodies` });
    else if (other.joint) problems.push({ path, message: `'${j}' is a joint body itself` });
  });
}

function circulationPolicy(
  b: BodyFile,
  voting: number,
  at: string[],
  problems: PathProblem[],
): CirculationPolicy | undefined {
  if (!b.circulation) return undefined;
  const rule = circulationRule(b.circulation.rule);
  if (rule.kind === 'majority' && rule.quorum)
    checkQuorum(rule.quorum, voting, [...at, 'circulation', 'rule', 'quorum'], problems);
  return {
    rule,
    ratify: b.circulation.ratify === 'next-session',
    putBy: b.circulation['put-by'] ?? 'officers',
  };
}

function checkQuorum(q: QuorumRule, voting: number, path: string[], problems: PathProblem[]): void {
  if (q.kind === 'count' && q.count > voting) {
    problems.push({
      path,
      message: `quorum ${q.count} is larger than the body (${voting} voting members)`,
    });
  }
}

function checkDelegation(file: CharterFile, problems: PathProblem[]): void {
  for (const [id, b] of Object.entries(file.bodies)) {
    if (!b.parent) continue;
    const parent = file.bodies[b.parent];
    if (!parent) {
      problems.push({
        path: ['bodies', id, 'parent'],
        message: `the parent body '${b.parent}' does not exist`,
      });
      continue;
    }
    const parentPeople = new Set([...(parent.members ?? []), ...(parent.candidates ?? [])]);
    (b.members ?? []).forEach((m, i) => {
      if (!parentPeople.has(m))
        problems.push({
          path: ['bodies', id, 'members', i],
          message: `'${m}' is not on the parent body '${b.parent}'`,
        });
    });
    // Follow the parent chain: delegation must end at a body that is nobody's delegate.
    const chain = new Set([id]);
    for (let p: string | undefined = b.parent; p; p = file.bodies[p]?.parent) {
      if (chain.has(p)) {
        problems.push({
          path: ['bodies', id, 'parent'],
          message: `delegation goes round in a circle through '${p}'`,
        });
        break;
      }
      chain.add(p);
    }
  }
}

/** The kinds of instrument a body issues, each signing rule one the charter can meet. */
function instrumentKinds(
  b: BodyFile,
  groups: Readonly<Record<SignerGroup, readonly string[]>>,
  file: CharterFile,
  at: (string | number)[],
  problems: PathProblem[],
): Map<string, InstrumentKind> {
  const kinds = new Map<string, InstrumentKind>();
  for (const [kind, k] of Object.entries(b.instruments ?? {})) {
    const path = [...at, 'instruments', kind, 'signers'];
    const signers = signersRule(k.signers);
    signers.of.forEach((ref, i) => {
      if ('person' in ref && !(ref.person in file.people))
        problems.push({ path: [...path, 'of', i], message: `no person '${ref.person}' in people` });
    });
    const eligible = new Set(
      signers.of.flatMap((r) => ('group' in r ? groups[r.group] : r.person)),
    );
    if (signers.atLeast > eligible.size)
      problems.push({
        path,
        message: `${signers.atLeast} signatures can never be gathered: the rule names ${eligible.size} people`,
      });
    kinds.set(kind, {
      kind,
      ...(k.formula ? { formula: k.formula } : {}),
      signers,
      order: k.order ?? 'any',
      restsOn: k['rests-on'] ?? 'decision',
    });
  }
  return kinds;
}

function groupsOf(
  b: BodyFile,
  members: readonly string[],
  candidates: readonly string[],
): Record<SignerGroup, readonly string[]> {
  const officers = [b.chair, b.secretary, ...(b.officers ?? [])].filter((x) => x !== undefined);
  return { members, candidates, officers };
}

/** The file's signers as a rule: a plain list is every one listed; absent, one voting member. */
export function signersRule(file: InstrumentKindFile['signers']): SignersRule {
  if (file === undefined) return { atLeast: 1, of: [{ group: 'members' }] };
  if (Array.isArray(file)) return { atLeast: file.length, of: file.map((person) => ({ person })) };
  const of = typeof file.of === 'string' ? [file.of] : file.of;
  const isGroup = (x: string): x is SignerGroup => (SIGNER_GROUPS as readonly string[]).includes(x);
  return {
    atLeast: file['at-least'],
    of: of.map((x) => (isGroup(x) ? { group: x } : { person: x })),
  };
}
