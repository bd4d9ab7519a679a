/**
 * Putting a re-invitation to a session, from its console: a motion (motion.propose with
 * `invites`) by which the body decides to invite a person to enrol a key again. An officer who
 * holds a key invites from People, on the organization's page; where none does, only the body can. Once adopted, any
 * member of the body issues the invitation from the motion (IssueInvitation).
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { MAX_CHARS } from '../../core/text-limits.js';
import { sendAct } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import { freeMotionId } from '../lib/format.js';
import { useMe } from '../lib/me.js';
import { isRegistrar, nameOf, useOrg } from '../lib/org.js';
import type { Organization, Receipt, Session } from '../lib/types.js';
import { ErrorNote, ReceiptNote } from './Notes.js';

/** Whether some officer of some body holds a key, and so can invite anyone without a decision. */
function officerHoldsKey(org: Organization): boolean {
  return org.people.some((p) => !!p.keys?.length && isRegistrar(p.id, org));
}

export function ReInvite({ session }: { session: Session }) {
  const { me } = useMe();
  const { org } = useOrg();
  const action = useAction();
  const id = useId();
  const people = org?.people ?? [];
  const [person, setPerson] = useState('');
  const chosen = person || people[0]?.id || '';
  // The motion's words follow the person chosen until the officer writes their own.
  const [text, setText] = useState<string>();
  const words = text ?? `Invite ${nameOf(org, chosen)} again to enrol a key.`;
  const [receipt, setReceipt] = useState<Receipt>();
  const motion = freeMotionId(session, 'reinvitation');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!me || !chosen || !words.trim()) return;
    const payload = { session: session.id, motion, text: words.trim(), invites: chosen };
    const done = await action.run('Putting the re-invitation', () =>
      sendAct(me, 'motion.propose', payload),
    );
    if (done) {
      setReceipt(done);
      setText(undefined);
    }
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-label="Put a re-invitation">
      <p className="hint">
        {org && !officerHoldsKey(org)
          ? 'No officer holds a key to invite anyone: the body decides to.'
          : 'An officer with a key invites from People, on the organization’s page; this is for when none can.'}{' '}
        Once adopted, any member of the body issues the invitation from the motion.
      </p>
      <label htmlFor={`${id}-person`}>Invite again</label>
      <select
        id={`${id}-person`}
        value={chosen}
        onChange={(e) => {
          setPerson(e.target.value);
          setReceipt(undefined);
        }}
      >
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
            {p.keys?.length ? '' : ' (no key)'}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-text`}>The motion</label>
      <textarea
        id={`${id}-text`}
        rows={2}
        required
        maxLength={MAX_CHARS.motion}
        value={words}
        onChange={(e) => setText(e.target.value)}
      />
      <p className="hint">It will be recorded as motion {motion}.</p>
      <button type="submit" disabled={!!action.busy || !chosen || !words.trim()}>
        Put the re-invitation
      </button>
      <ErrorNote error={action.error} />
      {receipt && <ReceiptNote receipt={receipt} what="The re-invitation" />}
    </form>
  );
}
