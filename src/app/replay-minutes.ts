/**
 * What a proceedings file records around a session's votes, replayed: the notice that convened
 * it (before it opens), the apologies for absence (after the opening's arrivals), the agenda item
 * and the minutes a motion or circulation approves, and the objections to and signatures of
 * earlier minutes (once the session closes).
 */
import { dayOf } from '../core/calendar.js';
import type { Acts, MinutesRef } from '../core/acts.js';
import type { Path } from '../core/format/yaml-source.js';
import { withoutUndefined } from '../core/json.js';
import { excusedOf, instantOf } from '../core/proceedings/index.js';
import type { MotionFile, SessionFile } from '../core/proceedings/index.js';
import { fail } from '../core/errors.js';
import type { State } from '../core/state/index.js';
import { checkApprovingBody } from '../core/state/reducers/minutes.js';
import type { DraftSource } from './ledger.js';
import {
  conveneSession,
  excuseAbsence,
  minutesRefOf,
  motionUnderItem,
  objectToMinutes,
  signMinutes,
} from './minutes.js';
import { at, located, requireBefore, resolve } from './replay-context.js';
import type { FileIndex } from './replay-context.js';

/** The session's notice, by the officer who opens it: what the agenda says, sent on its date. */
export function noticeDrafts(body: string, s: SessionFile, where: Path): DraftSource[] {
  if (!s.notice) return [];
  const date = s.date ?? fail('invalid-input', 'a session convened by a notice needs a date');
  const request = {
    session: s.id,
    body,
    date,
    ...withoutUndefined({ title: s.title, place: s.place, chair: s.chair }),
    agenda: s.notice.agenda.map((a) =>
      withoutUndefined({
        item: a.item,
        title: a.title,
        motion: a.motion,
        dispatch: a.dispatch,
        ratifies: a.ratifies,
        minutes: a.minutes,
      }),
    ),
    noticed: instantOf(s.notice.date),
  } as Acts['session.convene'];
  return [at([...where, 'notice'], conveneSession(request, { maxBytes: 0 }))];
}

/** Each apology for absence the minutes give, recorded by the session's officer. */
export function excuseDrafts(s: SessionFile, where: Path): DraftSource[] {
  return (s.excused ?? []).map((e, i) => {
    const { person, reason } = excusedOf(e);
    return at(
      [...where, 'excused', i],
      excuseAbsence(
        withoutUndefined({ session: s.id, person, reason }) as Acts['attendance.excuse'],
      ),
    );
  });
}

/**
 * The minutes of `session` over their content now: recorded before this in the file's order, and
 * of a sitting of `body`, the one approving them (refused at the key that names them otherwise).
 */
export function approvedMinutes(
  state: State,
  file: FileIndex,
  where: Path,
  minutes: { session: string; body: string },
): MinutesRef {
  return located(where, () => {
    requireBefore(state, file, { minutes: minutes.session });
    const ref = minutesRefOf(state, minutes.session);
    checkApprovingBody(state, state.sessions.get(minutes.session)!, minutes.body);
    return ref;
  });
}

/**
 * The motion as proposed: the file's keys, over what its agenda item drafts (the file's win),
 * with the minutes it approves over their content as the record holds them when it is put.
 */
export function motionInput(
  state: State,
  file: FileIndex,
  where: Path,
  m: MotionFile,
  given: Omit<Acts['motion.propose'], 'text'> & { text?: string },
): Acts['motion.propose'] {
  const approving = m['approves-minutes'];
  const approves =
    approving === undefined
      ? undefined
      : approvedMinutes(state, file, [...where, 'approves-minutes'], {
          session: approving,
          body: state.sessions.get(given.session)!.body,
        });
  const own = { ...given, ...withoutUndefined({ approves }) };
  const input =
    m.item === undefined
      ? own
      : located([...where, 'item'], () => {
          // The minutes the item puts for approval are recorded before it, as any reference.
          const minutes = state.sessions
            .get(given.session)
            ?.notice?.agenda.find((a) => a.item === m.item)?.minutes;
          if (minutes !== undefined && own.approves === undefined)
            requireBefore(state, file, { minutes });
          return motionUnderItem(state, given.session, m.item!, own);
        });
  if (input.text === undefined)
    located([...where, 'id'], () => fail('invalid-input', `motion ${m.id} has no text`));
  return input as Acts['motion.propose'];
}

/**
 * The objections to and signatures of earlier minutes the file gives under a session: recorded
 * once it closes, the objections first (raised when the minutes were put), then the signatures.
 */
export function minutesActDrafts(s: SessionFile, where: Path, file: FileIndex): DraftSource[] {
  return (s.minutes ?? []).flatMap((m, i) => {
    const mat = [...where, 'minutes', i];
    const recorded = (path: Path, source: DraftSource): DraftSource =>
      at(path, (state) => {
        located([...mat, 'session'], () => requireBefore(state, file, { minutes: m.session }));
        return resolve(source, state);
      });
    // Dated as the minutes of the session that gives them date it, not the day of the replay.
    const date = dayOf(s.date);
    return [
      ...(m.objections ?? []).map((o, k) =>
        recorded([...mat, 'objections', k], objectToMinutes(m.session, o.member, o.text, { date })),
      ),
      ...(m.signed ?? []).map((p, k) =>
        recorded([...mat, 'signed', k], signMinutes(m.session, p, { date })),
      ),
    ];
  });
}
