/**
 * What a proceedings file records between sessions, replayed: the register of dispatches (each
 * entered, referred by its inscriptions, closed) and the circulations (each put, answered as the
 * minutes give the answers, then closed with the outcome its rule gives, or withdrawn). As for
 * sessions, what breaks a rule is recorded as written and flagged.
 */
import { basename } from 'node:path';
import type { Acts, Attachment } from '../core/acts.js';
import type { Path } from '../core/format/yaml-source.js';
import { givenAnswers, instantOf } from '../core/proceedings/index.js';
import type { AnswerFile, CirculationFile, DispatchFile } from '../core/proceedings/index.js';
import { withoutUndefined } from '../core/json.js';
import {
  bodyOf,
  circulationOf,
  dispatchOf,
  dispatchStatus,
  nextDispatchNumber,
} from '../core/state/index.js';
import type { Ratification, State } from '../core/state/index.js';
import { fail } from '../core/errors.js';
import type { StoredAttachment } from '../store/types.js';
import { attachmentsOf } from './attachments.js';
import { answerCirculation, closeCirculation, withdrawCirculation } from './circulations.js';
import { closeDispatch, referDispatch } from './dispatches.js';
import type { DraftSource } from './ledger.js';
import { defaultOfficer } from './proceedings.js';
import { at, located, requireLinks } from './replay-context.js';
import { approvedMinutes } from './replay-minutes.js';
import type { FileIndex } from './replay-context.js';

export interface ReplayedCirculation {
  readonly circulation: string;
  readonly body: string;
  readonly text: string;
  /** adopted, rejected, not-decided, advisory; or withdrawn. */
  readonly outcome: string;
  readonly explanation: string;
  readonly stated?: string;
  readonly flags: readonly string[];
  /** Where it stands when the decision needs a session's confirmation. */
  readonly ratification?: Ratification;
  readonly dispatch?: string;
  /** The entry that closed or withdrew it. */
  readonly entry: number;
}

export interface ReplayedDispatch {
  readonly dispatch: string;
  readonly body: string;
  readonly number: string;
  readonly received: string;
  readonly from: string;
  readonly state: 'registered' | 'referred' | 'closed';
  readonly flags: readonly string[];
  /** The entry that registered it. */
  readonly entry: number;
}

function officerOf(state: State, body: string): string {
  return defaultOfficer(bodyOf(state.charter ?? fail('conflict', 'no charter'), body));
}

/** The bytes of the files dispatches attach, by the path the proceedings give (read beside it). */
export type AttachmentFiles = ReadonlyMap<string, Uint8Array>;

/** A dispatch entered in its body's register, then each of its inscriptions. */
export function dispatchDrafts(
  d: DispatchFile,
  body: string,
  where: Path,
  files: AttachmentFiles,
): DraftSource[] {
  return [
    at([...where, 'id'], (state) => {
      const { attachments, stored } = attachmentsIn(d, where, files);
      const payload: Acts['dispatch.register'] = {
        ...(attachments.length > 0 ? { attachments } : {}),
        dispatch: d.id,
        body,
        number: d.number ?? nextDispatchNumber(state, body, d.received),
        received: d.received,
        from: d.from,
        channel: d.channel,
        text: d.text,
      };
      return {
        act: { type: 'dispatch.register', payload },
        actor: officerOf(state, body),
        ...(stored.length > 0 ? { files: stored } : {}),
      };
    }),
    ...(d.referrals ?? []).map((r, i) =>
      at(
        [...where, 'referrals', i],
        referDispatch(
          d.id,
          {
            inscription: r.inscription,
            ...(typeof r.to === 'string' ? { body: r.to } : { people: r.to }),
          },
          r.by,
        ),
      ),
    ),
  ];
}

/**
 * A dispatch's attachments as the entry names them, in the file's order: a file read beside the
 * proceedings is kept with the record by its hash (its size was checked as it was read); one
 * named by its hash alone is named so.
 */
function attachmentsIn(
  d: DispatchFile,
  where: Path,
  files: AttachmentFiles,
): { attachments: Attachment[]; stored: StoredAttachment[] } {
  const attachments: Attachment[] = [];
  const stored: StoredAttachment[] = [];
  (d.attachments ?? []).forEach((a, i) => {
    if (typeof a !== 'string') {
      attachments.push(a);
      return;
    }
    const bytes =
      files.get(a) ??
      located([...where, 'attachments', i], () =>
        fail('invalid-input', `attachment '${a}' was not read`),
      );
    const kept = attachmentsOf([{ name: basename(a), bytes }], Number.MAX_SAFE_INTEGER);
    attachments.push(...kept.attachments);
    stored.push(...kept.stored);
  });
  return { attachments, stored };
}

/** A dispatch the minutes close: recorded once everything of the file that answers it is. */
export function dispatchClosing(d: DispatchFile, where: Path): DraftSource[] {
  return d.closed === undefined ? [] : [at([...where, 'closed'], closeDispatch(d.id, d.closed))];
}

/** A circulation put, answered as the minutes give the answers, then closed or withdrawn. */
export function circulationDrafts(
  c: CirculationFile,
  body: string,
  where: Path,
  file: FileIndex,
): DraftSource[] {
  const open = at([...where, 'id'], (state) => {
    requireLinks(
      state,
      file,
      where,
      withoutUndefined({ dispatch: c.dispatch, follows: c.follows }),
    );
    const payload: Acts['circulation.open'] = {
      ...withoutUndefined({
        to: c.to,
        rule: c.rule,
        dispatch: c.dispatch,
        power: c.power,
        atHand: c['at-hand'],
        follows: c.follows,
        approves:
          c['approves-minutes'] === undefined
            ? undefined
            : approvedMinutes(state, file, [...where, 'approves-minutes'], {
                session: c['approves-minutes'],
                body,
              }),
      }),
      circulation: c.id,
      body,
      mode: 'minutes',
      text: c.text,
      deadline: instantOf(c.deadline, true),
      date: c.opened,
    };
    return { act: { type: 'circulation.open', payload }, actor: c.by };
  });
  const answers = givenAnswers(c).map(({ member, answer, path }) =>
    at([...where, 'answers', ...path], answerDraft(c.id, member, answer)),
  );
  const end =
    c.withdrawn !== undefined
      ? at([...where, 'withdrawn'], withdrawCirculation(c.id, c.by, c.withdrawn))
      : // What may refuse the close is a deadline still to come: said at it.
        at([...where, 'deadline'], closeCirculation(c.id, withoutUndefined({ stated: c.stated })));
  return [open, ...answers, end];
}

function answerDraft(circulation: string, member: string, answer: AnswerFile): DraftSource {
  const given = typeof answer === 'string' ? { choice: answer } : answer;
  return answerCirculation({
    circulation,
    member,
    choice: given.choice,
    ...withoutUndefined({
      comment: given.comment,
      channel: given.channel,
      at: given.at === undefined ? undefined : instantOf(given.at),
      recorder: given['recorded-by'],
    }),
  });
}

/** A circulation as recorded: its outcome beside what the minutes state. */
export function circulationResult(state: State, c: CirculationFile): ReplayedCirculation {
  const recorded = circulationOf(state, c.id);
  const common = {
    circulation: c.id,
    body: recorded.body,
    text: recorded.text,
    ...withoutUndefined({ dispatch: recorded.dispatch }),
  };
  if (recorded.withdrawn)
    return {
      ...common,
      outcome: 'withdrawn',
      explanation: `withdrawn${recorded.withdrawn.reason ? `: ${recorded.withdrawn.reason}` : ''}`,
      flags: [...recorded.flags],
      entry: recorded.withdrawn.index,
    };
  const decision = recorded.decision ?? fail('conflict', `circulation ${c.id} has no decision`);
  const flags = [...decision.flags];
  const stated = statedFlag(c.stated, decision.outcome);
  if (stated) flags.push(stated);
  return {
    ...common,
    outcome: decision.outcome,
    explanation: decision.explanation,
    ...withoutUndefined({ stated: c.stated, ratification: recorded.ratification }),
    flags,
    entry: recorded.closedAt ?? fail('conflict', `circulation ${c.id} was not closed`),
  };
}

/** The entry of the first issue of an instrument that answers dispatch `id`, if one was issued. */
function firstAnswer(state: State, id: string): number | undefined {
  const issues = [...state.instruments.values()].flatMap((i) =>
    i.draft.answers === id && i.issued ? [i.issued.index] : [],
  );
  return issues.length > 0 ? Math.min(...issues) : undefined;
}

/** The flag for minutes that state another outcome than the rules give. */
export function statedFlag(stated: string | undefined, outcome: string): string | undefined {
  return stated !== undefined && stated !== outcome
    ? `the minutes state ${stated}; the rules give ${outcome}`
    : undefined;
}

/**
 * A dispatch as the register holds it. Flagged, once a question was put on it or it was answered:
 * a person its inscriptions refer it to whom none of the questions asked ("I'll ask Trotsky and
 * Krestinsky", then only one asked, or none before the answer), or asked only after it was
 * answered; and a body they refer it to that none of them was put to (referred to the Central
 * Committee, decided by the Politburo).
 */
export function dispatchResult(state: State, d: DispatchFile): ReplayedDispatch {
  const recorded = dispatchOf(state, d.id);
  const questions = [
    ...recorded.circulations.map((id) => state.circulations.get(id)),
    ...recorded.motions.map((key) => state.motions.get(key)),
  ].filter((q) => q !== undefined);
  const answeredAt = firstAnswer(state, d.id);
  const circulations = recorded.circulations.flatMap((id) => state.circulations.get(id) ?? []);
  const asked = new Set(circulations.flatMap((c) => c.asked));
  const askedBefore = new Set(
    circulations.filter((c) => c.openedAt < (answeredAt ?? Infinity)).flatMap((c) => c.asked),
  );
  const consulted = circulations.length > 0 || answeredAt !== undefined;
  const bodies = new Set(questions.map((q) => q.body));
  const flags = recorded.referrals.flatMap((r) => [
    ...(consulted ? r.people : []).flatMap((p) =>
      !asked.has(p)
        ? [`the inscription refers it to ${p}, whom no question put on it asked`]
        : !askedBefore.has(p)
          ? [`the inscription refers it to ${p}, who was asked only after it was answered`]
          : [],
    ),
    ...(questions.length > 0 && r.body !== undefined && !bodies.has(r.body)
      ? [`the inscription refers it to ${r.body}, to which no question on it was put`]
      : []),
  ]);
  return {
    dispatch: d.id,
    body: recorded.body,
    number: recorded.number,
    received: recorded.received,
    from: recorded.from,
    state: dispatchStatus(recorded),
    flags,
    entry: recorded.registeredAt,
  };
}
