/** The form an officer opens a live session of a body with. */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { sendAct } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import { freeId, today, slug } from '../lib/format.js';
import { useMe } from '../lib/me.js';
import { navigate, paths } from '../lib/router.js';
import type { BodyInfo } from '../lib/types.js';
import { ErrorNote } from '../components/Notes.js';

export function OpenSession({ body, taken }: { body: BodyInfo; taken: readonly string[] }) {
  const { me } = useMe();
  const action = useAction();
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(today());
  const [place, setPlace] = useState('');
  const id = useId();
  const session = freeId(slug(`${body.id}-${date}`, body.id), taken);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!me) return;
    const payload = {
      session,
      body: body.id,
      mode: 'live',
      title: title.trim() || `Session of ${body.name}`,
      date,
      ...(place.trim() ? { place: place.trim() } : {}),
    };
    const receipt = await action.run('Opening', () => sendAct(me, 'session.open', payload));
    if (receipt) navigate(paths.session(session));
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>Open a session of {body.name}</h4>
      <label htmlFor={`${id}-title`}>Title</label>
      <input
        id={`${id}-title`}
        value={title}
        placeholder={`Session of ${body.name}`}
        onChange={(e) => setTitle(e.target.value)}
      />
      <label htmlFor={`${id}-date`}>Date</label>
      <input
        id={`${id}-date`}
        type="date"
        required
        value={date}
        onChange={(e) => setDate(e.target.value)}
      />
      <label htmlFor={`${id}-place`}>Place (optional)</label>
      <input id={`${id}-place`} value={place} onChange={(e) => setPlace(e.target.value)} />
      <p className="hint">It will be recorded as session {session}.</p>
      <button type="submit" disabled={!!action.busy}>
        {action.busy ? 'Opening…' : 'Open the session'}
      </button>
      <ErrorNote error={action.error} />
    </form>
  );
}
