/** Words for what the record holds: choices, outcomes, times, ids, and each kind of entry. */
import { sessionHeading, timeBeside, timeInWords } from '../../core/minutes/words.js';
import { namedInFlag, sessionFlagInWords } from '../../core/rules/explain.js';
import { explanationInWords } from '../../core/rules/reading.js';
import { capitalized, choiceLabel, withStop } from '../../core/words.js';
import { toLocalInput } from './deadline.js';
import { bodyOf, nameOf } from './names.js';
import type { EntryNamed, Organization, RecordEntry, Session } from './types.js';

// The labels of choices are the record's own, shared with the CLI and the minutes.
export { CHOICE_LABEL, choiceLabel } from '../../core/words.js';
export { sessionFlagInWords };

/**
 * A decision's explanation as the server says it (the record's words, members by id) for a
 * reader: members named as `org` names them (by id while it loads), a circulation's tie said to
 * fail.
 */
export function explanationNamedIn(org: Organization | undefined, explanation: string): string {
  return explanationInWords(explanation, (id) => nameOf(org, id));
}

/** A decision's flag as the server says it, its people and bodies named as `org` names them. */
export function flagNamedIn(org: Organization | undefined, flag: string): string {
  return namedInFlag(flag, {
    person: (id) => nameOf(org, id),
    body: (id) => bodyOf(org, id)?.name ?? id,
  });
}

/** Where each choice stands in a tally: aye and nay first, then any alternative, then those that
 * are not a vote for anything. */
const TALLY_RANK: Readonly<Record<string, number>> = {
  aye: 0,
  nay: 1,
  abstain: 3,
  'not-voting': 4,
  declined: 5,
  'no-answer': 6,
};

/**
 * A tally's rows in the order people read them (aye, nay, abstain…), whatever order its keys came
 * in: a decision's tally is read from the record, whose canonical JSON sorts them (abstain, aye,
 * nay). Aye, nay and abstain are kept at 0; any other choice only when someone made it.
 */
export function tallyRows(tally: Readonly<Record<string, number>>): [string, number][] {
  // An alternative may be called 'constructor', which every object answers to: own ranks only.
  const rank = (choice: string) => (Object.hasOwn(TALLY_RANK, choice) ? TALLY_RANK[choice]! : 2);
  return Object.entries(tally)
    .filter(([k, n]) => n > 0 || ['aye', 'nay', 'abstain'].includes(k))
    .sort(([a], [b]) => rank(a) - rank(b));
}

export function outcomeLabel(outcome: string): string {
  if (outcome === 'adopted') return 'Adopted';
  if (outcome === 'rejected') return 'Rejected';
  if (outcome === 'not-decided') return 'Not decided';
  if (outcome === 'advisory') return 'Advisory';
  return `Carried: ${outcome}`;
}

/**
 * Why a question without a rule decides nothing: put to named members, it is a consultation; put
 * to the whole body, the body has no rule for questions between sessions.
 */
export function adviceReason(question: { readonly to?: readonly string[] | null }): string {
  return question.to
    ? 'a consultation without a rule decides nothing'
    : 'the body has no rule for questions put between sessions, so the answers decide nothing';
}

/** "1 signature", "3 signatures": a count with its noun. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/**
 * A moment in the reader's own zone, in the words of every other date the app shows ("9 December
 * 2026, 17:05", as timeInWords says a time of no zone), not the browser's locale ("Dec 9, 2026,
 * 5:05 PM"); to the minute: the seconds of a deadline or an invitation's end are noise to a person.
 */
export function timeOf(iso: string, precision: 'minute' | 'second' = 'minute'): string {
  const local = localTime(iso);
  return local === undefined ? iso : timeInWords(local, precision);
}

/** A moment said after another (a late answer, its deadline), in the reader's zone: as finely as
 * it takes for the two not to read as the same time, as the CLI says it (timeBeside). */
export function timeAfter(iso: string, before: string): string {
  const local = localTime(iso);
  const other = localTime(before);
  if (local === undefined) return iso;
  return timeBeside(local, other === undefined ? [] : [other]);
}

/** An instant as the reader's local time to the millisecond, in the form timeInWords reads
 * (no zone); undefined when it is not a time. */
function localTime(iso: string): string | undefined {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  const second = String(date.getSeconds()).padStart(2, '0');
  const millisecond = String(date.getMilliseconds()).padStart(3, '0');
  return `${toLocalInput(date)}:${second}.${millisecond}`;
}

/**
 * A session as a list or a choice names it: its title, else the day it met or is convened for
 * ("Session of 6 December 2026"), never its id.
 */
export function sessionLabel(s: {
  readonly title?: string | null;
  readonly date?: string | null;
}): string {
  if (!s.date) return s.title || 'A session';
  const title = s.title ? { title: s.title } : {};
  return capitalized(sessionHeading({ ...title, date: s.date.slice(0, 10) }));
}

/**
 * The labels of things to choose from, each with what tells it apart (`apart`) where its label
 * reads as another's does: two sessions convened with one title for one day are not one choice.
 */
export function labelsApart<T>(
  items: readonly T[],
  label: (item: T) => string,
  apart: (item: T) => string,
): string[] {
  const labels = items.map(label);
  const count = new Map<string, number>();
  for (const l of labels) count.set(l, (count.get(l) ?? 0) + 1);
  return labels.map((l, i) => (count.get(l)! > 1 ? `${l}, ${apart(items[i]!)}` : l));
}

/** Today as YYYY-MM-DD, in local time. */
export function today(): string {
  return toLocalInput(new Date()).slice(0, 10);
}

/** Whether `text` has the form of an id; the server checks every id again. */
export { isId } from '../../core/id-rule.js';

/**
 * An id from the words of a text: lowercase letters, digits and hyphens. Markup is not words (a
 * tag typed into a question, `<b>`, is left out), and an accented letter is its letter (é: e).
 */
export function slug(text: string, fallback: string): string {
  const s = text
    .replace(/<\/?[a-z][^<>]*>/gi, ' ')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s || fallback;
}

/** `base`, or `base-2`, `base-3`… whichever is not taken yet. */
export function freeId(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

/** The first `PREFIX-N` no motion of the session has (motion-3, amendment-1), numbered after
 * those of the same prefix so that ids read in order. */
export function freeMotionId(session: Session, prefix: string): string {
  const taken = new Set(session.motions.map((m) => m.id));
  let n = session.motions.filter((m) => m.id.startsWith(`${prefix}-`)).length + 1;
  while (taken.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

type Name = (id: string | null | undefined) => string;

/** A payload's string fields, '' for any other. */
const stringsOf =
  (p: Record<string, unknown>) =>
  (key: string): string =>
    typeof p[key] === 'string' ? p[key] : '';

/** Ids as they are, where no name is known. */
const asIs: Name = (id) => id ?? '';

/** How an entry's line names people, bodies, and what it acts on (the server's words, GET
 * /api/log `named`). */
interface Namers {
  readonly name: Name;
  readonly bodyName: Name;
  readonly named: EntryNamed;
}

/** What the entry acts on, as the server named it; by `noun` and id where it did not. */
function onWhat(entry: RecordEntry, named: EntryNamed) {
  const str = stringsOf(entry.payload as Record<string, unknown>);
  return (key: keyof EntryNamed, noun: string): string => named[key] ?? `${noun} ${str(key)}`;
}

/**
 * One line of minutes for an entry: what happened, in words; `name` names people, `bodyName`
 * bodies, and `named` (the server's, GET /api/log) the motion, question, instrument, proxy or
 * dispatch it acts on, which the payload gives by id only.
 */
export function describeEntry(
  entry: RecordEntry,
  named: EntryNamed,
  name: Name,
  bodyName: Name = asIs,
): string {
  // An act of the organization begins its line with "the organization": a sentence, capitalised.
  return capitalized(describeAct(entry, named, name, bodyName));
}

function describeAct(entry: RecordEntry, named: EntryNamed, name: Name, bodyName: Name): string {
  const p = entry.payload as Record<string, unknown>;
  const str = stringsOf(p);
  const on = onWhat(entry, named);
  const actor = name(entry.actor);
  switch (entry.type) {
    case 'charter.adopt':
      return 'The charter is adopted and the record begins.';
    case 'member.invite':
      return p.decision
        ? `On the decision on ${named.decision ?? `motion ${(p.decision as { motion?: string }).motion}`}, ${name(str('person'))} is invited to enrol a key.`
        : `${actor} invites ${name(str('person'))} to enrol a key.`;
    case 'member.enrol':
      return `${name(str('person'))} enrols a signing key.`;
    case 'member.revoke':
      return `${actor} revokes a key of ${name(str('person'))}.`;
    case 'charter.amend':
      return `The charter as amended by ${on('motion', 'motion')} comes into force.`;
    case 'proxy.grant': {
      const scope = str('motion')
        ? ` for ${on('motion', 'motion')}`
        : str('session')
          ? ` for ${on('session', 'session')}`
          : str('until')
            ? ` until ${timeOf(str('until'))}`
            : '';
      return `${actor} gives their proxy to ${name(str('holder'))}${scope}.`;
    }
    case 'proxy.revoke':
      return `${actor} takes back ${on('grant', 'proxy')}.`;
    default:
      return describeSessionAct(entry, { name, bodyName, named });
  }
}

/** The same for the acts of a session: its notice, opening and close, attendance, minutes. */
function describeSessionAct(entry: RecordEntry, namers: Namers): string {
  const { name, bodyName, named } = namers;
  const str = stringsOf(entry.payload as Record<string, unknown>);
  const session = onWhat(entry, named)('session', 'session');
  const actor = name(entry.actor);
  const why = str('reason') ? `: ${str('reason')}` : '';
  switch (entry.type) {
    case 'session.convene':
      return `${actor} convenes ${session}.`;
    case 'session.open':
      return `${actor} opens the session${str('title') ? ` "${str('title')}"` : ''} of ${bodyName(str('body'))}.`;
    case 'session.close':
      return `${actor} closes ${session}.`;
    case 'attendance.excuse':
      return withStop(`${name(str('person'))} sends apologies to ${session}${why}`);
    case 'attendance.arrive':
      return `${name(str('person'))} is present at ${session}.`;
    case 'attendance.depart':
      return `${name(str('person'))} leaves ${session}.`;
    case 'minutes.sign':
      return `${actor} signs the minutes of ${session}.`;
    case 'minutes.object':
      return `${actor} objects to the minutes of ${session}: "${str('text')}".`;
    default:
      return describeVote(entry, namers);
  }
}

/** The same for motions and their votes. */
function describeVote(entry: RecordEntry, namers: Namers): string {
  const { name, named } = namers;
  const p = entry.payload as Record<string, unknown>;
  const str = stringsOf(p);
  const on = onWhat(entry, named);
  const motion = on('motion', 'motion');
  const actor = name(entry.actor);
  switch (entry.type) {
    case 'motion.propose':
      return `A motion in ${on('session', 'session')}: "${str('text')}"${str('proposer') ? `, proposed by ${name(str('proposer'))}` : ''}.`;
    case 'vote.open':
      return `${actor} opens the vote on ${motion}.`;
    case 'ballot.cast': {
      const choice = str('choice')
        ? choiceLabel(str('choice')).toLowerCase()
        : p.alternative === null
          ? 'abstain'
          : `for ${str('alternative')}`;
      const by = str('castBy') ? `, by proxy (${name(str('castBy'))})` : '';
      return `${name(str('voter'))} votes ${choice} on ${motion}${by}.`;
    }
    case 'vote.count':
      return `${actor} records the count on ${motion}.`;
    case 'vote.casting':
      return `The chair gives a casting vote, ${choiceLabel(str('choice')).toLowerCase()}, on ${motion}.`;
    case 'vote.close': {
      const decision = p.decision as { outcome?: string; explanation?: string } | undefined;
      const explanation = decision?.explanation && explanationInWords(decision.explanation, name);
      return `The vote on ${motion} closes: ${explanation ?? decision?.outcome ?? 'decided'}.`;
    }
    default:
      return describeBetweenMeetings(entry, namers) ?? `${entry.type} by ${actor}.`;
  }
}

/** The same for the acts of circulations and of the register of dispatches. */
function describeBetweenMeetings(entry: RecordEntry, namers: Namers): string | undefined {
  const { name, bodyName, named } = namers;
  const p = entry.payload as Record<string, unknown>;
  const str = stringsOf(p);
  const actor = name(entry.actor);
  const circulation = onWhat(entry, named)('circulation', 'circulation');
  const dispatch = onWhat(entry, named)('dispatch', 'dispatch');
  const recorded =
    entry.signer && entry.signer !== entry.actor ? `, recorded by ${name(entry.signer)}` : '';
  switch (entry.type) {
    case 'circulation.open':
      return `${actor} puts a question to ${bodyName(str('body'))} until ${timeOf(str('deadline'))}: "${str('text')}".`;
    case 'circulation.answer':
      return `${name(str('member'))} answers ${choiceLabel(str('choice')).toLowerCase()} on ${circulation}${str('channel') ? ` by ${str('channel')}` : ''}${recorded}.`;
    case 'circulation.confirm':
      return `${name(str('member'))} confirms the answer recorded for them on ${circulation}.`;
    case 'circulation.dispute':
      return withStop(
        `${name(str('member'))} disputes the answer recorded for them on ${circulation}${str('reason') ? `: ${str('reason')}` : ''}`,
      );
    case 'circulation.withdraw':
      return withStop(
        `${actor} withdraws ${circulation}${str('reason') ? `: ${str('reason')}` : ''}`,
      );
    case 'circulation.close': {
      const decision = p.decision as { explanation?: string } | undefined;
      const explanation = decision?.explanation && explanationInWords(decision.explanation, name);
      return `${capitalized(circulation)} closes: ${explanation ?? 'decided'}.`;
    }
    case 'dispatch.register':
      return `${actor} registers ${dispatch} in the register of ${bodyName(str('body'))}.`;
    case 'dispatch.refer': {
      const to = [
        ...(Array.isArray(p.people) ? (p.people as string[]).map((x) => name(x)) : []),
        ...(str('body') ? [bodyName(str('body'))] : []),
      ];
      return `${actor} refers ${dispatch}${to.length > 0 ? ` to ${to.join(', ')}` : ''}: "${str('inscription')}".`;
    }
    case 'dispatch.close':
      return withStop(`${actor} closes ${dispatch}: ${str('reason')}`);
    default:
      return describeInstrumentAct(entry, namers);
  }
}

/** The same for the acts of instruments: drafted, signed, issued, revoked, settled, annulled. */
function describeInstrumentAct(entry: RecordEntry, namers: Namers): string | undefined {
  const { name, named } = namers;
  const str = stringsOf(entry.payload as Record<string, unknown>);
  const actor = name(entry.actor);
  const on = onWhat(entry, named);
  const instrument = on('instrument', 'instrument');
  const why = str('reason') ? `: ${str('reason')}` : '';
  switch (entry.type) {
    case 'instrument.draft':
      return `${actor} drafts ${instrument}: "${str('text')}".`;
    case 'instrument.sign':
      return `${actor} signs ${instrument}${entry.signer && entry.signer !== entry.actor ? `, recorded by ${name(entry.signer)}` : ''}.`;
    case 'instrument.issue':
      return `${actor} issues ${instrument}.`;
    case 'instrument.revoke':
      return withStop(`${actor} revokes ${instrument}${why}`);
    case 'instrument.settle':
      return `${actor} settles ${instrument}${str('note') ? `: ${str('note')}` : ''}.`;
    case 'instrument.annul':
      return withStop(
        `${actor} ${str('supersededBy') ? `declares ${instrument} superseded by ${on('supersededBy', 'instrument')}` : `annuls ${instrument}`}${why}`,
      );
    default:
      return undefined;
  }
}
