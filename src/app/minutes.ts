/**
 * Minutes as use cases: convening a session with its agenda, apologies for absence, the minutes
 * of a session as a document (with the log's latest checkpoint for its appendix), and their
 * approval, signature and objections. Shared by the command line, the server and replay.
 */
import type { Acts, AgendaItem, MinutesRef } from '../core/acts.js';
import { fail } from '../core/errors.js';
import { withoutUndefined } from '../core/json.js';
import { motionOfItem } from '../core/minutes/agenda.js';
import { minutesDocument } from '../core/minutes/build.js';
import { minutesContentHash } from '../core/minutes/content.js';
import type { MinutesDocument } from '../core/minutes/document.js';
import { bodyOf, sessionInWords } from '../core/state/index.js';
import type { State } from '../core/state/index.js';
import type { RecordStore } from '../store/index.js';
import { attachmentsOf, type FileInput } from './attachments.js';
import type { DraftSource } from './ledger.js';
import { defaultOfficer, officerOfSession } from './proceedings.js';

/** An agenda item as asked for: its files, if any, are kept beside the record by their hash. */
export type AgendaItemRequest = AgendaItem & { readonly files?: readonly FileInput[] };

export type ConveneRequest = Omit<Acts['session.convene'], 'agenda'> & {
  readonly agenda: readonly AgendaItemRequest[];
};

/**
 * A notice convening a session (or revising the notice of one not yet opened), by the body's
 * officer unless `actor` is given; `null` is the organization (minutes transcribed).
 */
export function conveneSession(
  request: ConveneRequest,
  options: { actor?: string | null; maxBytes: number },
): DraftSource {
  const stored: ReturnType<typeof attachmentsOf>['stored'] = [];
  const agenda: AgendaItem[] = request.agenda.map(({ files, ...item }) => {
    if (!files || files.length === 0) return item;
    const kept = attachmentsOf(files, options.maxBytes);
    stored.push(...kept.stored);
    return { ...item, attachments: [...(item.attachments ?? []), ...kept.attachments] };
  });
  return (state) => {
    const body = bodyOf(
      state.charter ?? fail('conflict', 'the record has no charter'),
      request.body,
    );
    return {
      act: { type: 'session.convene', payload: { ...request, agenda } },
      actor: options.actor === undefined ? defaultOfficer(body, request.chair) : options.actor,
      ...(stored.length > 0 ? { files: stored } : {}),
    };
  };
}

/** A member's apology for absence: recorded by the session's officer unless `actor` is given. */
export function excuseAbsence(payload: Acts['attendance.excuse'], actor?: string): DraftSource {
  return (state) => ({
    act: { type: 'attendance.excuse', payload },
    actor: actor ?? officerOfSession(state, payload.session),
  });
}

/** The minutes of a session as the record holds them now: what an approving decision names. */
export function minutesRefOf(state: State, session: string): MinutesRef {
  const s =
    state.sessions.get(session) ?? fail('not-found', `no session '${session}' in the record`);
  return { session, content: minutesContentHash(state, s) };
}

/**
 * A signature of the minutes by their chair or secretary, over their content as the record holds
 * it when recorded, or over `content` as the signer read it (refused if the minutes differ);
 * `date`: the day other minutes give for it, where it is transcribed from them.
 */
export function signMinutes(
  session: string,
  signer: string,
  options: { recorder?: string; content?: string; date?: string } = {},
): DraftSource {
  return (state) => ({
    act: {
      type: 'minutes.sign',
      payload: {
        session,
        content: options.content ?? minutesRefOf(state, session).content,
        ...withoutUndefined({ date: options.date }),
      },
    },
    actor: signer,
    ...withoutUndefined({ recorder: options.recorder }),
  });
}

/**
 * A member's objection to the minutes; an officer may record it for them (`recorder`); `date` as
 * for a signature.
 */
export function objectToMinutes(
  session: string,
  member: string,
  text: string,
  options: { recorder?: string; date?: string } = {},
): DraftSource {
  return {
    act: {
      type: 'minutes.object',
      payload: { session, text, ...withoutUndefined({ date: options.date }) },
    },
    actor: member,
    ...withoutUndefined({ recorder: options.recorder }),
  };
}

/** The minutes of a session, with the log's latest checkpoint for the appendix. */
export async function minutesOf(
  state: State,
  store: RecordStore,
  session: string,
): Promise<MinutesDocument> {
  if (!state.sessions.has(session)) fail('not-found', `no session '${session}' in the record`);
  const checkpoint = await store.checkpoint();
  return minutesDocument(state, session, checkpoint);
}

/**
 * The motion an agenda item puts, as far as the notice drafts it: its wording, and the dispatch
 * it answers, the decision it ratifies or the minutes it approves (over their content now).
 * What the proposer gives (`given`) wins over the draft.
 */
export function motionUnderItem(
  state: State,
  session: string,
  item: string,
  given: Partial<Acts['motion.propose']> = {},
): Partial<Acts['motion.propose']> {
  const s =
    state.sessions.get(session) ?? fail('not-found', `no session '${session}' in the record`);
  const a =
    s.notice?.agenda.find((i) => i.item === item) ??
    fail('not-found', `the agenda of ${sessionInWords(state, session)} has no item '${item}'`);
  return motionOfItem(
    a,
    a.minutes !== undefined ? minutesRefOf(state, a.minutes) : undefined,
    given,
  );
}
