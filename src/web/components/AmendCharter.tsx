/**
 * Putting an amendment of the charter to a session: the amended charter's YAML file is read here
 * with the core's own parser (its problems shown as LINE:COL: message, nothing sent), the bodies
 * as amended are shown, and the motion is put with the charter as data (motion.propose with
 * `amends`). Once adopted, the amendment comes into force with the close of its vote.
 */
import { useId, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { sendAct } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import type { AmendmentReading } from '../lib/amendment.js';
import { useMe } from '../lib/me.js';
import type { Receipt, Session } from '../lib/types.js';
import { ErrorNote, ReceiptNote } from './Notes.js';

/** The first `amendment-N` no motion of the session has. */
function freeMotionId(session: Session): string {
  const taken = new Set(session.motions.map((m) => m.id));
  let n = 1;
  while (taken.has(`amendment-${n}`)) n++;
  return `amendment-${n}`;
}

export function AmendCharter({ session }: { session: Session }) {
  const { me } = useMe();
  const action = useAction();
  const id = useId();
  const [text, setText] = useState('');
  const [file, setFile] = useState<{ name: string; reading: AmendmentReading }>();
  const [receipt, setReceipt] = useState<Receipt>();

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    setReceipt(undefined);
    if (!chosen || !me) return setFile(undefined);
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    // The charter's parser is loaded only when someone amends: most pages never need it.
    const { readAmendment } = await import('../lib/amendment.js');
    setFile({ name: chosen.name, reading: readAmendment(bytes, me.organization) });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!me || !file?.reading.ok || !text.trim()) return;
    const payload = {
      session: session.id,
      motion: freeMotionId(session),
      text: text.trim(),
      amends: file.reading.json,
    };
    const done = await action.run('Putting the amendment', () =>
      sendAct(me, 'motion.propose', payload),
    );
    if (done) {
      setReceipt(done);
      setText('');
    }
  };

  const reading = file?.reading;
  return (
    <form className="stack amend" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Amend the charter</h3>
      <p className="hint">
        The motion carries the whole charter as amended. Adopted, it comes into force when its vote
        closes; votes already open are decided by the charter of their opening.
      </p>
      <label htmlFor={`${id}-text`}>What the amendment does</label>
      <textarea
        id={`${id}-text`}
        rows={2}
        required
        value={text}
        placeholder="Shall the charter be amended so that …?"
        onChange={(e) => setText(e.target.value)}
      />
      <label htmlFor={`${id}-file`}>The amended charter (a YAML file)</label>
      <input
        id={`${id}-file`}
        type="file"
        accept=".yaml,.yml,application/yaml,text/yaml"
        onChange={(e) => void choose(e)}
      />
      {reading && !reading.ok && (
        <div role="alert" className="error">
          <p>{file.name} is not a charter this organization can adopt:</p>
          <ul>
            {reading.problems.map((problem) => (
              <li key={problem}>
                <code>{problem}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {reading?.ok && <AmendedBodies reading={reading} />}
      <button type="submit" disabled={!!action.busy || !reading?.ok || !text.trim()}>
        Put the amendment
      </button>
      <ErrorNote error={action.error} />
      {receipt && <ReceiptNote receipt={receipt} what="The amendment" />}
    </form>
  );
}

/** The bodies as the amended charter has them, with their members' names. */
function AmendedBodies({ reading }: { reading: Extract<AmendmentReading, { ok: true }> }) {
  return (
    <div className="note" role="status">
      <p>The bodies as amended:</p>
      <ul>
        {reading.bodies.map((b) => (
          <li key={b.id}>
            {b.name}: {b.members.map((p) => reading.names.get(p) ?? p).join(', ')}
          </li>
        ))}
      </ul>
    </div>
  );
}
