/**
 * What an officer does with an instrument once drafted: issue it when the signing rule is met,
 * revoke a mandate, settle a receipt, annul it by a later decision (or declare it superseded).
 * Each act is signed on this device, as every other; the record checks it again.
 */
import { useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { ID_MAX_LENGTH } from '../../core/id-rule.js';
import { MAX_CHARS } from '../../core/text-limits.js';
import { sendAct } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import { isOpenForSigning } from '../lib/instruments.js';
import type { InstrumentView } from '../lib/instruments.js';
import { useMe } from '../lib/me.js';
import type { DecisionRef, Receipt } from '../lib/types.js';
import { DecisionField } from './DecisionField.js';
import { ErrorNote } from './Notes.js';

interface Props {
  readonly view: InstrumentView;
  /** Called with the receipt of the act recorded, and what it was. */
  readonly done: (what: string, receipt: Receipt) => void;
}

/** Which acts the signed-in person may take on the instrument now. */
export function actionsFor(
  view: InstrumentView,
  person: string | null | undefined,
  officer: boolean,
) {
  const signer = !!person && view.signatures.some((s) => s.signer === person);
  const issued = view.status === 'issued';
  return {
    issue: isOpenForSigning(view.status) && !!view.rule?.met && (officer || signer),
    revoke: issued && view.kind === 'mandate' && officer,
    settle: issued && view.kind === 'receipt' && (officer || (!!person && person === view.from)),
    annul: view.status !== 'annulled' && view.status !== 'superseded' && officer,
  };
}

/** A small form for one act: its fields, its button, its error. */
function ActForm(props: {
  title: string;
  button: string;
  ready?: boolean;
  act: () => Promise<Receipt>;
  what: string;
  done: Props['done'];
  children?: ReactNode;
}) {
  const { title, button, ready = true, act, what, done, children } = props;
  const action = useAction();
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    const receipt = await action.run(button, act);
    if (receipt) done(what, receipt);
  };
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
      <button type="submit" disabled={!!action.busy || !ready}>
        {action.busy ? `${action.busy}…` : button}
      </button>
      <ErrorNote error={action.error} />
    </form>
  );
}

/** Optional words: a reason or a note. */
function WordsField(props: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{props.label}</label>
      <textarea
        id={id}
        rows={2}
        maxLength={MAX_CHARS.reason}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </>
  );
}

const optional = (words: string, key: string) => (words.trim() ? { [key]: words.trim() } : {});

export function IssueInstrument({ view, done }: Props) {
  const { me } = useMe();
  return (
    <ActForm
      title="Issue it"
      button="Issue the instrument"
      what="The issue"
      done={done}
      act={() => sendAct(me!, 'instrument.issue', { instrument: view.id })}
    >
      <p className="hint">The signatures meet the charter’s rule: once issued, no one signs it.</p>
    </ActForm>
  );
}

export function RevokeMandate({ view, done }: Props) {
  const { me } = useMe();
  const [reason, setReason] = useState('');
  const [by, setBy] = useState<DecisionRef>();
  const payload = { instrument: view.id, ...optional(reason, 'reason'), ...(by ? { by } : {}) };
  return (
    <ActForm
      title="Revoke the mandate"
      button="Revoke it"
      what="The revocation"
      done={done}
      act={() => sendAct(me!, 'instrument.revoke', payload)}
    >
      <WordsField label="Reason (optional)" value={reason} onChange={setReason} />
      <DecisionField
        body={view.body}
        label="By the decision (optional)"
        noneLabel="no decision"
        value={by}
        onChange={setBy}
      />
    </ActForm>
  );
}

export function SettleReceipt({ view, done }: Props) {
  const { me } = useMe();
  const [note, setNote] = useState('');
  return (
    <ActForm
      title="Settle the receipt"
      button="Settle it"
      what="The settlement"
      done={done}
      act={() =>
        sendAct(me!, 'instrument.settle', { instrument: view.id, ...optional(note, 'note') })
      }
    >
      <WordsField label="Note (optional)" value={note} onChange={setNote} />
    </ActForm>
  );
}

export function AnnulInstrument({ view, done }: Props) {
  const { me } = useMe();
  const id = useId();
  const [by, setBy] = useState<DecisionRef>();
  const [reason, setReason] = useState('');
  const [supersededBy, setSupersededBy] = useState('');
  const payload = {
    instrument: view.id,
    by,
    ...optional(reason, 'reason'),
    ...optional(supersededBy, 'supersededBy'),
  };
  return (
    <ActForm
      title="Annul it"
      button="Annul the instrument"
      what="The annulment"
      ready={!!by}
      done={done}
      act={() => sendAct(me!, 'instrument.annul', payload)}
    >
      <DecisionField body={view.body} label="By the decision" value={by} onChange={setBy} />
      <label htmlFor={id}>Superseded by (optional)</label>
      <input
        id={id}
        maxLength={ID_MAX_LENGTH}
        value={supersededBy}
        placeholder="the id of the instrument that replaces it"
        onChange={(e) => setSupersededBy(e.target.value)}
      />
      <WordsField label="Reason (optional)" value={reason} onChange={setReason} />
    </ActForm>
  );
}
