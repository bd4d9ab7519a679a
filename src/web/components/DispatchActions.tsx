/** An officer's acts on a dispatch: refer it with an inscription, close it with a reason. */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { MAX_CHARS } from '../../core/text-limits.js';
import { sendAct } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import { useMe } from '../lib/me.js';
import { useOrg } from '../lib/org.js';
import type { DispatchView } from '../lib/types.js';
import { ConfirmDialog } from './Confirm.js';
import { ErrorNote } from './Notes.js';
import { BodySelect } from './BodySelect.js';

interface Props {
  readonly dispatch: DispatchView;
  readonly changed: () => void;
}

/** An inscription referring the dispatch to people, to a body, or both. */
export function ReferDispatch({ dispatch, changed }: Props) {
  const { me } = useMe();
  const { org } = useOrg();
  const action = useAction();
  const id = useId();
  const [inscription, setInscription] = useState('');
  const [people, setPeople] = useState<string[]>([]);
  const [body, setBody] = useState('');
  const ready = !!inscription.trim() && (people.length > 0 || !!body);
  const toggle = (person: string, on: boolean) =>
    setPeople(on ? [...people, person] : people.filter((p) => p !== person));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!me || !ready) return;
    const payload = {
      dispatch: dispatch.id,
      inscription: inscription.trim(),
      ...(people.length > 0 ? { people } : {}),
      ...(body ? { body } : {}),
    };
    if (await action.run('Referring', () => sendAct(me, 'dispatch.refer', payload))) {
      setInscription('');
      setPeople([]);
      setBody('');
      changed();
    }
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Refer it</h3>
      <label htmlFor={`${id}-text`}>Inscription</label>
      <textarea
        id={`${id}-text`}
        rows={2}
        required
        maxLength={MAX_CHARS.comment}
        value={inscription}
        placeholder="I'll ask …"
        onChange={(e) => setInscription(e.target.value)}
      />
      <fieldset className="choice-list">
        <legend>To people</legend>
        {org?.people.map((p) => (
          <label key={p.id} className="check">
            <input
              type="checkbox"
              checked={people.includes(p.id)}
              onChange={(e) => toggle(p.id, e.target.checked)}
            />{' '}
            {p.name}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-body`}>To a body</label>
      <BodySelect
        id={`${id}-body`}
        bodies={org?.bodies ?? []}
        value={body}
        onChange={setBody}
        emptyLabel="none"
      />
      {!ready && inscription.trim() && (
        <p className="hint">Refer it to one person at least, or to a body.</p>
      )}
      <button type="submit" disabled={!!action.busy || !ready}>
        Refer the dispatch
      </button>
      <ErrorNote error={action.error} />
    </form>
  );
}

/** Closes the dispatch, with the reason asked in a confirmation: nothing is put on it after. */
export function CloseDispatch({ dispatch, changed }: Props) {
  const { me } = useMe();
  const action = useAction();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const close = async () => {
    if (!me || !reason.trim()) return;
    setAsking(false);
    const payload = { dispatch: dispatch.id, reason: reason.trim() };
    if (await action.run('Closing', () => sendAct(me, 'dispatch.close', payload))) changed();
  };
  return (
    <div className="dispatch-close">
      <button type="button" className="secondary" onClick={() => setAsking(true)}>
        Close the dispatch
      </button>
      <ConfirmDialog
        open={asking}
        title={`Close dispatch ${dispatch.number}?`}
        confirm="Close it"
        busy={!!action.busy || !reason.trim()}
        onConfirm={() => void close()}
        onClose={() => setAsking(false)}
      >
        <p>Nothing can be referred or put on it once it is closed.</p>
        <div className="stack">
          <label htmlFor={id}>Why (required)</label>
          <textarea
            id={id}
            rows={2}
            maxLength={MAX_CHARS.comment}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      </ConfirmDialog>
      <ErrorNote error={action.error} />
    </div>
  );
}
