/** Putting a motion to the session: one formula, voted aye or nay. */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { sendAct } from '../lib/acts.js';
import type { Action } from '../lib/action.js';
import { useMe } from '../lib/me.js';
import type { Session } from '../lib/types.js';

export function ProposeMotion({ session, action }: { session: Session; action: Action }) {
  const { me } = useMe();
  const [text, setText] = useState('');
  const id = useId();
  const taken = new Set(session.motions.map((m) => m.id));
  let n = session.motions.length + 1;
  while (taken.has(`motion-${n}`)) n++;
  const motion = `motion-${n}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!me || !text.trim()) return;
    const payload = { session: session.id, motion, text: text.trim() };
    if (await action.run('Proposing', () => sendAct(me, 'motion.propose', payload))) setText('');
  };

  return (
    <form className="stack propose" onSubmit={(e) => void submit(e)}>
      <label htmlFor={id}>New motion</label>
      <textarea
        id={id}
        rows={3}
        required
        value={text}
        placeholder="Shall we …?"
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" disabled={!!action.busy || !text.trim()}>
        Put the motion
      </button>
    </form>
  );
}
