/**
 * Drafting an instrument, for a body's officers: the kind (of those its charter names), its
 * number (given by the register unless the document carries one), date, addressee and text, the
 * decision it rests on and the dispatch it answers; a mandate's holder, scope and last day, a
 * receipt's amount and creditor; and its files, hashed here (the act names each by its SHA-256).
 * The record checks it all again: the kind, the decision, who drafts.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { MAX_CHARS } from '../../core/text-limits.js';
import type { InstrumentRegister } from '../../api/instruments.js';
import { nextNumberAfter } from '../../core/state/dispatches.js';
import { sendAct } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import { getJson, seg } from '../lib/api.js';
import type { Upload } from '../lib/files.js';
import { freeId, slug, today } from '../lib/format.js';
import { draftPayload, lastDayProblem } from '../lib/instruments.js';
import type { InstrumentDraft } from '../lib/instruments.js';
import { useMe } from '../lib/me.js';
import { isOfficer, useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import { navigate, paths } from '../lib/router.js';
import type { BodyInfo, DecisionRef } from '../lib/types.js';
import { BodySelect } from '../components/BodySelect.js';
import { DecisionField } from '../components/DecisionField.js';
import { DispatchField } from '../components/DispatchField.js';
import { FILE_FIELDS, FilesField } from '../components/FilesField.js';
import { KindField, MandateFields, ReceiptFields } from '../components/InstrumentDraftFields.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading } from '../components/Notes.js';
import { numberTaken, RegisterNumberField } from '../components/RegisterNumberField.js';

export function DraftInstrument(props: { body?: string; answers?: string }) {
  const { me } = useMe();
  const { org, error } = useOrg();
  const bodies = org?.bodies.filter((b) => isOfficer(me?.person, b)) ?? [];
  return (
    <Layout title="Draft an instrument">
      <h1>Draft an instrument</h1>
      <ErrorNote error={error} />
      {!org ? (
        !error && <Loading what="the organization" />
      ) : bodies.length === 0 ? (
        <p className="note">Only a body’s officers draft its instruments.</p>
      ) : (
        <DraftForm bodies={bodies} {...props} />
      )}
    </Layout>
  );
}

const EMPTY: InstrumentDraft = {
  kind: '',
  number: '',
  date: today(),
  to: '',
  text: '',
  answers: '',
  holder: '',
  scope: '',
  until: '',
  amount: '',
  unit: '',
  from: '',
};

function DraftForm(props: { bodies: BodyInfo[]; body?: string; answers?: string }) {
  const { bodies } = props;
  const { me } = useMe();
  const action = useAction();
  const id = useId();
  const [bodyId, setBodyId] = useState(props.body ?? '');
  const body = bodies.find((b) => b.id === bodyId) ?? bodies[0]!;
  const [draft, setDraft] = useState<InstrumentDraft>({ ...EMPTY, answers: props.answers ?? '' });
  const [restsOn, setRestsOn] = useState<DecisionRef>();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const set = (change: Partial<InstrumentDraft>) => setDraft({ ...draft, ...change });
  const register = useResource(
    async () =>
      (await getJson<InstrumentRegister>(`/api/instruments?body=${seg(body.id)}`)).instruments,
    `instrument-register:${body.id}`,
  );
  const taken = register.data;
  const numbers = (taken ?? []).map((i) => i.number);
  const given = nextNumberAfter(numbers, draft.date || today());
  const kindRule = body.instruments?.find((k) => k.kind === draft.kind);
  // Said before sending, as the record would refuse it: a mandate never in force.
  const lastDay = lastDayProblem(draft, new Date());
  const unfilled = unfilledFields(draft, kindRule?.restsOn === 'decision' && !restsOn);
  const ready = !lastDay && unfilled.length === 0 && !!taken && !numberTaken(draft.number, numbers);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!me || !taken || !ready) return;
    const number = draft.number.trim() || given;
    const instrument = freeId(
      slug(`${body.id}-${number}`, body.id),
      taken.map((i) => i.id),
    );
    const payload = draftPayload(draft, { instrument, body: body.id, number, restsOn, uploads });
    const files = uploads.length > 0 ? { files: uploads.map((u) => u.file) } : {};
    const send = () => sendAct(me, 'instrument.draft', payload, files);
    if (await action.run('Drafting', send)) navigate(paths.instrument(instrument));
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-label="Draft an instrument">
      <label htmlFor={`${id}-body`}>Body</label>
      <BodySelect id={`${id}-body`} bodies={bodies} value={body.id} onChange={setBodyId} />
      <KindField body={body} value={draft.kind} onChange={(kind) => set({ kind })} />
      <DocumentFields draft={draft} set={set} given={given} taken={numbers} />
      <DecisionField
        body={body.id}
        label="It rests on the decision"
        noneLabel={kindRule?.restsOn === 'decision' ? 'choose a decision' : 'no decision'}
        value={restsOn}
        onChange={setRestsOn}
      />
      <DispatchField
        body={body.id}
        value={draft.answers}
        onChange={(answers) => set({ answers })}
      />
      {draft.kind === 'mandate' && <MandateFields draft={draft} set={set} problem={lastDay} />}
      {draft.kind === 'receipt' && <ReceiptFields draft={draft} set={set} />}
      <FilesField uploads={uploads} onChange={setUploads} />
      <button
        type="submit"
        disabled={!!action.busy || !ready}
        aria-describedby={unfilled.length > 0 ? `${id}-unfilled` : undefined}
      >
        {action.busy ? `${action.busy}…` : 'Draft the instrument'}
      </button>
      {/* A button greyed out without a word leaves the officer guessing what it waits for. */}
      {unfilled.length > 0 && (
        <p id={`${id}-unfilled`} className="hint">
          Still to fill in: {unfilled.join(', ')}.
        </p>
      )}
      <ErrorNote error={action.error ?? register.error} fields={DRAFT_FIELDS} />
    </form>
  );
}

/** The fields the draft still needs before it can be sent, as the form labels them. */
function unfilledFields(draft: InstrumentDraft, decisionMissing: boolean): string[] {
  const receipt = draft.kind === 'receipt';
  return [
    !draft.kind.trim() && 'Kind',
    !draft.text.trim() && 'Text',
    decisionMissing && 'It rests on the decision',
    receipt && !(Number(draft.amount) > 0) && 'Amount',
    receipt && !draft.unit.trim() && 'Unit',
  ].filter((label): label is string => !!label);
}

/** The fields of instrument.draft and its files, as the form labels them. */
const DRAFT_FIELDS = {
  'payload.kind': 'Kind',
  'payload.number': 'Number',
  'payload.date': 'Date',
  'payload.to': 'To',
  'payload.text': 'Text',
  'payload.scope': 'Scope',
  'payload.until': 'Until',
  'payload.amount.value': 'Amount',
  'payload.amount.unit': 'Unit',
  ...FILE_FIELDS,
};

/** The document's own fields: number, date, addressee, text. */
function DocumentFields(props: {
  draft: InstrumentDraft;
  set: (change: Partial<InstrumentDraft>) => void;
  given: string;
  taken: readonly string[];
}) {
  const { draft, set, given, taken } = props;
  const id = useId();
  return (
    <>
      <RegisterNumberField
        value={draft.number}
        given={given}
        taken={taken}
        onChange={(number) => set({ number })}
      />
      <label htmlFor={`${id}-date`}>Date</label>
      {/* A day that has come: the record refuses a document dated after the day it is drafted. */}
      <input
        id={`${id}-date`}
        type="date"
        max={today()}
        value={draft.date}
        onChange={(e) => set({ date: e.target.value })}
      />
      <label htmlFor={`${id}-to`}>To (optional)</label>
      <input
        id={`${id}-to`}
        maxLength={MAX_CHARS.reason}
        value={draft.to}
        onChange={(e) => set({ to: e.target.value })}
      />
      <label htmlFor={`${id}-text`}>Text</label>
      <textarea
        id={`${id}-text`}
        rows={6}
        required
        maxLength={MAX_CHARS.document}
        value={draft.text}
        onChange={(e) => set({ text: e.target.value })}
      />
    </>
  );
}
