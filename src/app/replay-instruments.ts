/**
 * The instruments of a proceedings file, replayed: each drafted as the minutes give it, signed in
 * the order given (each signature over the content and the signature before it, as the record
 * holds them when it is recorded), issued unless `issued: false`; then revoked, settled or
 * annulled as the later items say. The organization transcribes what the file does not say who
 * did; a breach of the charter is recorded and flagged, as for sessions.
 */
import type { DecisionRef } from '../core/acts.js';
import type { Charter } from '../core/charter/model.js';
import { fail } from '../core/errors.js';
import { withoutUndefined } from '../core/json.js';
import type { Path } from '../core/format/yaml-source.js';
import { isInstrument, laterAct, signatureOf } from '../core/proceedings/index.js';
import type {
  FileItem,
  InstrumentFile,
  InstrumentItemFile,
  LaterActFile,
} from '../core/proceedings/index.js';
import { nextNumberAfter } from '../core/state/dispatches.js';
import { instrumentNumbers, instrumentOf, isCirculationRef } from '../core/state/index.js';
import { circulationDate, namesOf, sessionDate } from '../core/state/names.js';
import { adoptedDecision } from '../core/state/reducers/instrument.js';
import type { InstrumentStatus, State } from '../core/state/index.js';
import {
  annulInstrument,
  draftInstrument,
  issueInstrument,
  revokeInstrument,
  settleInstrument,
  signInstrument,
} from './instruments.js';
import type { DraftSource } from './ledger.js';
import { at, located, requireBefore, resolve } from './replay-context.js';
import type { FileIndex } from './replay-context.js';

/** An instrument as the record holds it after the replay. */
export interface ReplayedInstrument {
  readonly instrument: string;
  readonly kind: string;
  readonly body: string;
  readonly number: string;
  readonly state: InstrumentStatus;
  /** Its signers, in the order they signed. */
  readonly signatures: readonly string[];
  readonly flags: readonly string[];
  /** The entry that drafted it. */
  readonly entry: number;
}

/** The acts that record an item of `instruments:` (`body`: the file's). */
export function instrumentItemDrafts(
  item: InstrumentItemFile,
  body: string,
  placed: FileItem,
  file: FileIndex,
): DraftSource[] {
  return isInstrument(item)
    ? instrumentDrafts(item, item.body ?? body, placed, file)
    : [laterActDraft(item, placed.path, file)];
}

/** Drafted, signed in the order given, and issued unless the minutes say it never was. */
function instrumentDrafts(
  i: InstrumentFile,
  body: string,
  placed: FileItem,
  file: FileIndex,
): DraftSource[] {
  const where = placed.path;
  const draft = at([...where, 'id'], (state) => {
    const restsOn = i['rests-on'] === 'none' ? undefined : i['rests-on'];
    if (restsOn) located([...where, 'rests-on'], () => requireBefore(state, file, restsOn));
    const answers = i.answers;
    if (answers !== undefined)
      located([...where, 'answers'], () => requireBefore(state, file, { dispatch: answers }));
    const charter = state.charter ?? fail('conflict', 'the record has no charter');
    const numberedOn = numberingDate(state, i.date, restsOn, answers);
    const request = {
      ...withoutUndefined({
        date: i.date,
        to: i.to,
        restsOn,
        answers,
        holder: i.holder,
        scope: i.scope,
        until: i.until,
        amount: i.amount,
        from: i.from,
      }),
      instrument: i.id,
      body,
      kind: i.kind,
      mode: 'minutes' as const,
      number: i.number ?? nextNumberAfter(instrumentNumbers(state, body), numberedOn),
      text: i.text ?? writtenText(i, charter),
    };
    return resolve(
      draftInstrument(request, { actor: i['drafted-by'] ?? null, maxBytes: 0 }),
      state,
    );
  });
  const signatures = (i.signatures ?? []).map((given, k) => {
    const s = signatureOf(given);
    return at(
      [...where, 'signatures', k],
      signInstrument(
        i.id,
        s.by,
        withoutUndefined({ recorder: s['recorded-by'], channel: s.channel }),
      ),
    );
  });
  const issue =
    i.issued === false ? [] : [at([...where, 'id'], issueInstrument(i.id, i['issued-by'] ?? null))];
  return [draft, ...signatures, ...issue];
}

/**
 * The date whose year numbers an instrument the minutes give no number: the date it bears; else
 * the day of the decision it carries out or of the dispatch it answers (the later), which it was
 * made upon; else none, and the register numbers it without a year. Where it stands in the file
 * says nothing of its year, nor does a revocation or settlement: a mandate revoked in June 1918
 * may have been given in 1917.
 */
function numberingDate(
  state: State,
  date: string | undefined,
  restsOn: DecisionRef | undefined,
  answers: string | undefined,
): string {
  if (date !== undefined && YEAR.test(date)) return date;
  const decided = restsOn && decisionDate(state, restsOn);
  const received = answers === undefined ? undefined : state.dispatches.get(answers)?.received;
  const known = [decided, received].filter((d): d is string => d !== undefined && YEAR.test(d));
  return known.reduce((a, b) => (b > a ? b : a), '');
}

const YEAR = /^\d{4}/;

/** The day a decision was taken: as the minutes give it (never the day they were recorded). */
function decisionDate(state: State, ref: DecisionRef): string | undefined {
  if (isCirculationRef(ref)) {
    const c = state.circulations.get(ref.circulation);
    return c && (c.mode === 'minutes' ? c.date : circulationDate(c));
  }
  const s = state.sessions.get(ref.session);
  return s && (s.mode === 'minutes' ? s.date : sessionDate(s));
}

/**
 * The text of an instrument the minutes give without one, from what it names: "Mandate to
 * S. S. Pestkovsky: to set up the People's Commissariat of Nationalities", "Receipt for 3000 RUB
 * received from L. D. Trotsky". The file's checks require a text where there is nothing to say.
 */
export function writtenText(i: InstrumentFile, charter: Charter): string {
  const name = namesOf(charter);
  const kind = i.kind.replaceAll('-', ' ');
  return [
    kind.charAt(0).toUpperCase() + kind.slice(1),
    i.holder !== undefined ? ` to ${name(i.holder)}` : '',
    i.amount !== undefined ? ` for ${i.amount.value} ${i.amount.unit}` : '',
    i.from !== undefined ? ` received from ${name(i.from)}` : '',
    i.scope !== undefined ? `: ${i.scope}` : '',
  ].join('');
}

/** A revocation, a settlement or an annulment, once what it names is recorded. */
function laterActDraft(item: LaterActFile, where: Path, file: FileIndex): DraftSource {
  const { act, instrument, actor } = laterAct(item);
  return at([...where, act], (state) => {
    located([...where, act], () => requireBefore(state, file, { instrument }));
    const by = 'by' in item ? item.by : undefined;
    // A decision not recorded before, or not adopted, is the `by`'s fault: said at it.
    if (by)
      located([...where, 'by'], () => {
        requireBefore(state, file, by);
        adoptedDecision(state, by);
      });
    const done = actor ?? null;
    if ('revoke' in item) {
      const details = withoutUndefined({ reason: item.reason, date: item.date, by: item.by });
      return resolve(revokeInstrument(instrument, details, done), state);
    }
    if ('settle' in item)
      return resolve(
        settleInstrument(instrument, withoutUndefined({ note: item.note, date: item.date }), done),
        state,
      );
    const next = item['superseded-by'];
    if (next !== undefined)
      located([...where, 'superseded-by'], () => requireBefore(state, file, { instrument: next }));
    const details = {
      by: item.by,
      ...withoutUndefined({ supersededBy: next, reason: item.reason }),
    };
    return resolve(annulInstrument(instrument, details, done), state);
  });
}

/** An instrument as the record holds it: its state, signers and flags. */
export function instrumentResult(state: State, id: string): ReplayedInstrument {
  const recorded = instrumentOf(state, id);
  return {
    instrument: id,
    kind: recorded.draft.kind,
    body: recorded.draft.body,
    number: recorded.draft.number,
    state: recorded.status,
    signatures: recorded.signatures.map((s) => s.signer),
    flags: [...recorded.flags],
    entry: recorded.draftedAt,
  };
}
