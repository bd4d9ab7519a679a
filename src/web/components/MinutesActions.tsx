/**
 * What a signed-in member may do with the minutes of a closed session, and only that: the chair
 * and the secretary sign them (over the content they read here), a member of the body records an
 * objection, and an officer puts them for approval, by a motion in an open session of the body
 * or by a question between meetings.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { MAX_CHARS } from '../../core/text-limits.js';
import { sendAct } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import type { Action } from '../lib/action.js';
import { getJson, seg } from '../lib/api.js';
import { freeMotionId, sessionLabel } from '../lib/format.js';
import { useMe } from '../lib/me.js';
import type { MinutesDocument } from '../lib/minutes.js';
import { bodyOf, isOfficer, useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import { Link, paths } from '../lib/router.js';
import type { Me, Session, SessionSummary } from '../lib/types.js';
import { ErrorNote } from './Notes.js';
import { sessionHeading } from '../../core/minutes/words.js';

export function MinutesActions({ doc, onDone }: { doc: MinutesDocument; onDone: () => void }) {
  const { me } = useMe();
  const { org } = useOrg();
  const action = useAction();
  const body = bodyOf(org, doc.body.id);
  const person = me?.person;
  if (!me || !person || !body || doc.status === 'in-progress') return null;
  const signs = doc.approval.unsigned.some((p) => p.id === person);
  const officer = isOfficer(person, body, doc.session.chair?.id);
  const member = officer || body.members.includes(person) || body.candidates.includes(person);
  if (!signs && !member) return null;
  const run = async (label: string, work: () => Promise<unknown>) => {
    if ((await action.run(label, work)) !== undefined) onDone();
  };
  return (
    <section aria-labelledby="minutes-actions-heading" className="panel no-print">
      <h2 id="minutes-actions-heading">Your part in these minutes</h2>
      {signs && (
        <p>
          <button
            type="button"
            disabled={!!action.busy}
            onClick={() =>
              void run('Signing', () =>
                sendAct(me, 'minutes.sign', {
                  session: doc.session.id,
                  content: doc.approval.content,
                }),
              )
            }
          >
            Sign the minutes
          </button>{' '}
          <span className="hint">Your signature covers the content hash shown under Approval.</span>
        </p>
      )}
      {member && <ObjectionForm me={me} doc={doc} action={action} onDone={onDone} />}
      {officer && doc.status === 'draft' && (
        <PutForApproval me={me} doc={doc} action={action} onDone={onDone} />
      )}
      <ErrorNote error={action.error} />
    </section>
  );
}

interface FormProps {
  me: Me;
  doc: MinutesDocument;
  action: Action;
  onDone: () => void;
}

function ObjectionForm({ me, doc, action, onDone }: FormProps) {
  const [text, setText] = useState('');
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const payload = { session: doc.session.id, text: text.trim() };
    if (!payload.text) return;
    if (await action.run('Objecting', () => sendAct(me, 'minutes.object', payload))) {
      setText('');
      onDone();
    }
  };
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-label="Object to the minutes">
      <label htmlFor={id}>Your objection to the minutes</label>
      <textarea
        id={id}
        rows={3}
        maxLength={MAX_CHARS.motion}
        value={text}
        placeholder="What the minutes get wrong, in your words"
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" disabled={!!action.busy || !text.trim()}>
        Record my objection
      </button>
    </form>
  );
}

/** A motion approving the minutes, put in an open session of the body; or a question. */
function PutForApproval({ me, doc, action, onDone }: FormProps) {
  const { org } = useOrg();
  const id = useId();
  const sessions = useResource(
    () => getJson<SessionSummary[]>('/api/sessions'),
    `sessions-for-${doc.session.id}`,
  );
  const open = (sessions.data ?? []).filter(
    (s) => s.open && s.body === doc.body.id && s.id !== doc.session.id,
  );
  const [chosen, setChosen] = useState('');
  const target = chosen || open[0]?.id;
  const circulates = !!bodyOf(org, doc.body.id)?.circulation;
  const text = `Approve the minutes of ${sessionHeading(doc.session)}.`;
  const propose = async () => {
    if (!target) return;
    const session = await getJson<Session>(`/api/sessions/${seg(target)}`);
    const motion = freeMotionId(session, 'approve-minutes');
    const approves = { session: doc.session.id, content: doc.approval.content };
    await sendAct(me, 'motion.propose', { session: target, motion, text, approves });
    return motion;
  };
  return (
    <div className="stack">
      <h3>Put them for approval</h3>
      {open.length > 0 ? (
        <p>
          <label htmlFor={id}>In the session </label>
          <select id={id} value={target} onChange={(e) => setChosen(e.target.value)}>
            {open.map((s) => (
              <option key={s.id} value={s.id}>
                {sessionLabel(s)}
              </option>
            ))}
          </select>{' '}
          <button
            type="button"
            disabled={!!action.busy}
            onClick={() =>
              void action.run('Proposing', propose).then((motion) => motion && onDone())
            }
          >
            Move to approve them
          </button>
        </p>
      ) : (
        <p className="meta">No session of {doc.body.name} is sitting to approve them in.</p>
      )}
      {circulates && (
        <p>
          <Link to={paths.putQuestion({ body: doc.body.id, approves: doc.session.id })}>
            Put them to {doc.body.name} in writing, between meetings
          </Link>
        </p>
      )}
    </div>
  );
}
