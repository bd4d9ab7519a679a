/** The record in words: protocols of sessions and the entry log, as the CLI prints them. */
import type { Charter } from '../core/charter/model.js';
import type { MotionState, SessionState, State } from '../core/state/index.js';
import type { SignedEntry } from '../record/entry.js';

const CHOICE_WORDS: Record<string, string> = {
  aye: 'Ayes',
  nay: 'Nays',
  abstain: 'Abstaining',
  'not-voting': 'Not voting',
  declined: 'Declined to vote',
};

export function nameOf(charter: Charter | undefined, person: string): string {
  return charter?.people.get(person)?.name ?? person;
}

export function protocolLines(state: State, session: SessionState): string[] {
  const charter = state.charter;
  const body = charter?.bodies.get(session.body);
  const names = (ids: Iterable<string>): string =>
    [...ids].map((p) => nameOf(charter, p)).join(', ');
  const heading = [body?.name ?? session.body, session.title, session.date, session.place]
    .filter(Boolean)
    .join(', ');
  const lines = [`${heading} [${session.id}]`];
  lines.push(session.mode === 'minutes' ? '  Transcribed from the minutes.' : '  Recorded live.');
  const chair = session.chair ?? body?.chair;
  if (chair) lines.push(`  Chair: ${nameOf(charter, chair)}`);
  if (body?.secretary) lines.push(`  Secretary: ${nameOf(charter, body.secretary)}`);
  const arrivals = session.attendance.filter(
    (a) => a.kind === 'arrive' && a.index < (firstMotionAt(state, session) ?? Infinity),
  );
  lines.push(`  Present (${arrivals.length}): ${names(arrivals.map((a) => a.person))}`);
  let n = 0;
  for (const key of session.motions) {
    const motion = state.motions.get(key);
    if (!motion) continue;
    for (const a of session.attendance) {
      if (
        a.index > (previousMotionAt(state, session, key) ?? -1) &&
        a.index < motion.proposedAt &&
        !arrivals.includes(a)
      ) {
        lines.push(`  ${a.kind === 'arrive' ? 'Arrives' : 'Leaves'}: ${nameOf(charter, a.person)}`);
      }
    }
    lines.push(...motionLines(charter, motion, ++n));
  }
  if (session.closedAt !== undefined) lines.push(`  Session closed [entry ${session.closedAt}].`);
  else lines.push('  The session is open.');
  return lines;
}

function firstMotionAt(state: State, session: SessionState): number | undefined {
  const first = session.motions[0];
  return first ? state.motions.get(first)?.proposedAt : undefined;
}

function previousMotionAt(state: State, session: SessionState, key: string): number | undefined {
  const i = session.motions.indexOf(key);
  const prev = i > 0 ? session.motions[i - 1] : undefined;
  return prev ? state.motions.get(prev)?.closedAt : undefined;
}

export function motionLines(
  charter: Charter | undefined,
  motion: MotionState,
  n: number,
): string[] {
  const proposer = motion.proposer ? ` (moved by ${nameOf(charter, motion.proposer)})` : '';
  const lines = [`  ${n}. ${motion.id}: "${motion.text}"${proposer}`];
  if (motion.alternatives)
    lines.push(`     Alternatives (${motion.method}): ${motion.alternatives.join(', ')}`);
  const byChoice = new Map<string, string[]>();
  for (const b of motion.ballots.values()) {
    const key = motion.alternatives ? (b.alternative ?? 'abstain') : (b.choice ?? 'not-voting');
    const who =
      nameOf(charter, b.voter) + (b.castBy ? ` (by proxy: ${nameOf(charter, b.castBy)})` : '');
    byChoice.set(key, [...(byChoice.get(key) ?? []), who]);
  }
  for (const [choice, voters] of byChoice)
    lines.push(`     ${CHOICE_WORDS[choice] ?? choice} (${voters.length}): ${voters.join(', ')}`);
  if (motion.counts) {
    lines.push(
      `     Counted: ${Object.entries(motion.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  }
  if (motion.casting) lines.push(`     The chair's casting vote: ${motion.casting}`);
  if (motion.decision) {
    lines.push(`     Decision: ${motion.decision.explanation} [entry ${motion.closedAt}]`);
    if (motion.stated !== undefined) {
      lines.push(
        `     The minutes state: ${motion.stated}${motion.stated === motion.decision.outcome ? '' : ' (differs)'}`,
      );
    }
    for (const flag of motion.decision.flags) lines.push(`     ! ${flag}`);
  } else {
    lines.push(
      `     ${motion.status === 'open' ? 'The vote is open.' : 'Not yet put to the vote.'}`,
    );
  }
  return lines;
}

export function entryLine(entry: SignedEntry): string {
  const p = entry.payload as unknown as Record<string, unknown>;
  const who =
    entry.actor === null
      ? 'the organization'
      : entry.signer === entry.actor
        ? entry.actor
        : `${entry.actor}, recorded by ${entry.signer ?? 'the custodian'}`;
  return `${String(entry.index).padStart(6)}  ${entry.time}  ${entry.type.padEnd(17)} ${who}: ${summary(entry.type, p)}`;
}

function summary(type: string, p: Record<string, unknown>): string {
  const s = (k: string): string => String(p[k] ?? '');
  switch (type) {
    case 'member.invite':
      return `${s('person')} invited to enrol a key, until ${s('expires')}`;
    case 'member.enrol':
      return `${s('person')} enrolled with key ${s('key')}${p['replaces'] ? `, replacing ${s('replaces')}` : ''}`;
    case 'member.revoke':
      return `${s('person')}'s key ${s('key')} revoked${p['reason'] ? `: ${s('reason')}` : ''}`;
    case 'charter.adopt':
      return `charter of ${String((p['charter'] as { organization?: { id?: string } })?.organization?.id ?? '?')}`;
    case 'session.open':
      return `${s('session')} of ${s('body')}${p['date'] ? ` on ${s('date')}` : ''} (${s('mode')})`;
    case 'session.close':
      return s('session');
    case 'attendance.arrive':
    case 'attendance.depart':
      return `${s('person')} at ${s('session')}`;
    case 'motion.propose':
      return `${s('session')}/${s('motion')}: "${s('text')}"`;
    case 'ballot.cast':
      return `${s('session')}/${s('motion')}: ${s('voter')} ${p['choice'] ?? (p['alternative'] === null ? 'abstain' : s('alternative'))}${p['castBy'] ? ` (by proxy ${s('castBy')})` : ''}`;
    case 'vote.count':
      return `${s('session')}/${s('motion')}: ${JSON.stringify(p['counts'])}`;
    case 'vote.casting':
      return `${s('session')}/${s('motion')}: casting vote ${s('choice')}`;
    case 'vote.close':
      return `${s('session')}/${s('motion')}: ${(p['decision'] as { outcome?: string })?.outcome ?? '?'}`;
    default:
      return `${s('session')}/${s('motion')}`;
  }
}
