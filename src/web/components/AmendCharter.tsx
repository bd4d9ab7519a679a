/**
 * Putting an amendment of the charter to a session, from its console: the amended charter's YAML
 * file is read here with the core's own parser (its problems shown as LINE:COL: message, nothing
 * sent), the bodies as amended are shown, and the motion is put with the charter as data
 * (motion.propose with `amends`). Once adopted, the amendment comes into force with the close of
 * its vote.
 */
import { useEffect, useId, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { sendAct } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import type { AmendmentReading } from '../lib/amendment.js';
import { freeMotionId } from '../lib/format.js';
import { loadOnce } from '../lib/load-once.js';
import { useMe } from '../lib/me.js';
import { amendmentKind, bodyOf, useOrg } from '../lib/org.js';
import type { OrganizationRef, Receipt, Session } from '../lib/types.js';
import { ErrorNote, ReceiptNote } from './Notes.js';

interface CharterFile {
  readonly name: string;
  readonly reading: AmendmentReading;
}

/**
 * The charter's parser, loaded apart (most pages never need it) but asked for as soon as an
 * officer's console shows this form: a file chosen after the network is gone is read all the same.
 */
const charterReader = loadOnce('the reader of charter files', () => import('../lib/amendment.js'));

/** The charter file chosen, read for the organization `org`; undefined until one is, and why
 * it could not be read when the reader could not be loaded. */
function useCharterFile(org: OrganizationRef | undefined) {
  const [file, setFile] = useState<CharterFile>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    charterReader().catch(() => undefined);
  }, []);
  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    setError(undefined);
    if (!chosen || !org) return setFile(undefined);
    try {
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      const { readAmendment } = await charterReader();
      setFile({ name: chosen.name, reading: readAmendment(bytes, org) });
    } catch (failure) {
      setFile(undefined);
      setError(failure);
    }
  };
  return { file, error, choose, clear: () => setFile(undefined) };
}

export function AmendCharter({ session }: { session: Session }) {
  const { me } = useMe();
  const action = useAction();
  const id = useId();
  const [text, setText] = useState('');
  const { file, error: fileError, choose, clear } = useCharterFile(me?.organization);
  const [receipt, setReceipt] = useState<Receipt>();
  const reading = file?.reading;
  const motion = freeMotionId(session, 'amendment');
  const body = bodyOf(useOrg().org, session.body);
  const kind = body && amendmentKind(body);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (!me || !reading?.ok || !text.trim()) return;
    const payload = { session: session.id, motion, text: text.trim(), amends: reading.json };
    const done = await action.run('Putting the amendment', () =>
      sendAct(me, 'motion.propose', payload),
    );
    if (!done) return;
    setReceipt(done);
    setText('');
    clear();
    form.reset();
  };

  return (
    <form
      className="stack amend"
      onSubmit={(e) => void submit(e)}
      aria-label="Put an amendment of the charter"
    >
      <p className="hint">
        The motion carries the whole charter as amended
        {kind ? `, decided as an ${kind.id} motion (${kind.rule})` : ''}. Adopted, it comes into
        force when its vote closes; votes already open are decided by the charter of their opening.
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
        onChange={(e) => {
          setReceipt(undefined);
          void choose(e);
        }}
      />
      <ErrorNote error={fileError} />
      {file && !file.reading.ok && <CharterProblems name={file.name} reading={file.reading} />}
      {reading?.ok && <AmendedBodies reading={reading} />}
      <p className="hint">It will be recorded as motion {motion}.</p>
      <button type="submit" disabled={!!action.busy || !reading?.ok || !text.trim()}>
        Put the amendment
      </button>
      <ErrorNote error={action.error} />
      {receipt && <ReceiptNote receipt={receipt} what="The amendment" />}
    </form>
  );
}

/** Why the file is no charter this organization can adopt: each problem where it is. */
function CharterProblems(props: {
  name: string;
  reading: Extract<AmendmentReading, { ok: false }>;
}) {
  return (
    <div role="alert" className="error">
      <p>{props.name} is not a charter this organization can adopt:</p>
      <ul>
        {props.reading.problems.map((problem) => (
          <li key={problem}>
            <code>{problem}</code>
          </li>
        ))}
      </ul>
    </div>
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
      {reading.notes.length > 0 && (
        <ul aria-label="Notes on the amended charter">
          {reading.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
