/**
 * The checks of what a proceedings file says around a session's votes: the notice that convened
 * it and its agenda, the apologies for absence, the agenda item each motion is put under, and
 * what was done with earlier minutes once it closed. Whether the record allows each act when it
 * comes (a closed session, a signer of its minutes) is the replay's to check.
 */
import type { Path } from '../format/yaml-source.js';
import type { FileChecks } from './check-context.js';
import type { ExcusedFile, MotionFile, SessionFile } from './schema.js';

/** The person an apology names, with its reason if the minutes give one. */
export function excusedOf(e: ExcusedFile): { person: string; reason?: string } {
  return typeof e === 'string' ? { person: e } : e;
}

/** The notice, the apologies and the minutes acts of session `s`, at `at` in the file. */
export function checkSessionNotes(s: SessionFile, at: Path, checks: FileChecks): void {
  const { problems, person } = checks;
  if (s.notice) {
    if (s.date === undefined)
      problems.push({
        path: [...at, 'notice'],
        message: 'notice: a session convened by a notice needs its own date:',
      });
    else if (s.notice.date > s.date)
      problems.push({
        path: [...at, 'notice', 'date'],
        message: `the notice (${s.notice.date}) comes after the session it convenes (${s.date})`,
      });
    const items = new Set<string>();
    s.notice.agenda.forEach((a, i) => {
      if (items.has(a.item))
        problems.push({
          path: [...at, 'notice', 'agenda', i, 'item'],
          message: `agenda item '${a.item}' is listed twice`,
        });
      items.add(a.item);
    });
  }
  const excused = new Set<string>();
  (s.excused ?? []).forEach((e, i) => {
    const { person: pid } = excusedOf(e);
    const path = typeof e === 'string' ? [...at, 'excused', i] : [...at, 'excused', i, 'person'];
    person(pid, path);
    if (excused.has(pid)) problems.push({ path, message: `${pid} is excused twice` });
    else if (s.present.includes(pid))
      problems.push({ path, message: `${pid} is present at the opening: not excused` });
    excused.add(pid);
  });
  (s.minutes ?? []).forEach((m, i) => checkMinutesActs(m, [...at, 'minutes', i], checks));
}

function checkMinutesActs(
  m: NonNullable<SessionFile['minutes']>[number],
  at: Path,
  { problems, person }: FileChecks,
): void {
  if (m.signed === undefined && m.objections === undefined)
    problems.push({
      path: at,
      message: `minutes of ${m.session}: give who signed them (signed:) or objected (objections:)`,
    });
  const signed = new Set<string>();
  (m.signed ?? []).forEach((p, i) => {
    person(p, [...at, 'signed', i]);
    if (signed.has(p))
      problems.push({ path: [...at, 'signed', i], message: `${p} signs the minutes twice` });
    signed.add(p);
  });
  (m.objections ?? []).forEach((o, i) => person(o.member, [...at, 'objections', i, 'member']));
}

/**
 * A motion's agenda item: one of the session's notice; and its wording, given or drafted by the
 * item.
 */
export function checkMotionItem(s: SessionFile, m: MotionFile, at: Path, checks: FileChecks): void {
  const item = m.item === undefined ? undefined : s.notice?.agenda.find((a) => a.item === m.item);
  if (m.item !== undefined && !item)
    checks.problems.push({
      path: [...at, 'item'],
      message: s.notice
        ? `the agenda of ${s.id} has no item '${m.item}'`
        : `item: session ${s.id} has no notice: give one with its agenda`,
    });
  if (m.text === undefined && item?.motion === undefined)
    checks.problems.push({
      path: [...at, 'id'],
      message: item
        ? `motion ${m.id}: give its text: agenda item '${item.item}' drafts no motion`
        : `motion ${m.id}: give its text, or the agenda item (item:) that drafts it`,
    });
}
