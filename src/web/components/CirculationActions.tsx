/**
 * What an officer does on a circulation: record a member's answer that came by telephone, wire,
 * letter or in person (the member confirms it later with their own key); close it early once its
 * outcome is settled (otherwise the deadline closes it); withdraw it, with a reason. Whoever put
 * it may withdraw it too.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { MAX_CHARS } from '../../core/text-limits.js';
import { sendAct, sendActFor } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import type { Action } from '../lib/action.js';
import { closeCirculation } from '../lib/circulations.js';
import { counts } from '../lib/answers.js';
import { fromLocalInput, toLocalInput } from '../lib/deadline.js';
import { explanationNamedIn } from '../lib/format.js';
import { useMe } from '../lib/me.js';
import { useOrg } from '../lib/org.js';
import type { Channel, CirculationView, Receipt } from '../lib/types.js';
import { ChannelSelect } from './ChannelSelect.js';
import { AYE_NAY_ABSTAIN } from './Choices.js';
import { ConfirmDialog } from './Confirm.js';
import { ErrorNote, ReceiptNote } from './Notes.js';

export function CirculationActions(props: {
  circulation: CirculationView;
  /** An officer of its body (else only whoever put it, who may withdraw it). */
  officer: boolean;
  changed: () => void;
}) {
  const { circulation: c, officer, changed } = props;
  const { me } = useMe();
  const action = useAction();
  const live = c.mode === 'live' && c.status === 'open';
  if (!me?.person || !live || !(officer || c.by === me.person)) return null;
  return (
    <section aria-labelledby="officer-heading" className="panel officer-actions">
      <h2 id="officer-heading">{officer ? 'For the officers' : 'Your question'}</h2>
      {officer && !c.overdue && <RecordAnswer circulation={c} action={action} changed={changed} />}
      <div className="actions">
        {officer && (c.forming.settled || c.overdue) && (
          <CloseNow circulation={c} action={action} changed={changed} />
        )}
        {!c.overdue && <Withdraw circulation={c} action={action} changed={changed} />}
      </div>
      {c.overdue && (
        <p className="hint">
          Its deadline has passed: it is closed with the outcome its answers give, and can no longer
          be withdrawn.
        </p>
      )}
      {officer && !c.forming.settled && !c.overdue && (
        <p className="hint">
          It cannot be closed early while the answers to come can change its outcome: the deadline
          closes it.
        </p>
      )}
      <ErrorNote error={action.error} />
    </section>
  );
}

interface Acting {
  readonly circulation: CirculationView;
  readonly action: Action;
  readonly changed: () => void;
}

type CirculationMember = CirculationView['members'][number];

/** The member whose answer is recorded, among those yet to answer; one chosen who answered
 * meanwhile is said so. */
function WaitingMember(props: {
  id: string;
  waiting: readonly CirculationMember[];
  chosen: string;
  answered?: CirculationMember;
  onChange: (member: string) => void;
}) {
  const { id, waiting, chosen, answered, onChange } = props;
  return (
    <>
      <label htmlFor={id}>Member</label>
      <select id={id} value={chosen} onChange={(e) => onChange(e.target.value)}>
        {chosen === '' && (
          <option value="" disabled>
            Choose a member
          </option>
        )}
        {waiting.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
            {m.answer?.disputed ? ' (disputed the answer recorded)' : ''}
          </option>
        ))}
      </select>
      {answered && (
        <p className="note" role="status">
          {answered.name} has answered meanwhile: nothing was recorded for them. Choose another
          member.
        </p>
      )}
    </>
  );
}

/** The answer a member gave by another channel, recorded and signed by the officer for them. */
function RecordAnswer(props: Acting) {
  const { circulation: c, action, changed } = props;
  const { me } = useMe();
  const id = useId();
  const waiting = c.members.filter((m) => !counts(m.answer));
  // The member chosen stays chosen: when they answer meanwhile, the form says so and sends
  // nothing, rather than moving to another member (whose answer it would then record).
  const [member, setMember] = useState(() => waiting[0]?.id ?? '');
  const [choice, setChoice] = useState('aye');
  const [channel, setChannel] = useState<Channel>('telephone');
  const [comment, setComment] = useState('');
  const [at, setAt] = useState('');
  // The answer this form recorded last, and for whom: its receipt, not "answered meanwhile".
  const [recorded, setRecorded] = useState<{ name: string; receipt: Receipt }>();
  const chosen = waiting.some((m) => m.id === member) ? member : '';
  const answered = chosen === '' ? c.members.find((m) => m.id === member) : undefined;
  const receipt = recorded && (
    <ReceiptNote receipt={recorded.receipt} what={`The answer of ${recorded.name}`} />
  );
  if (waiting.length === 0)
    return (
      <>
        {receipt}
        <p className="hint">Every member asked has answered.</p>
      </>
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!me || !chosen) return;
    const when = fromLocalInput(at);
    const payload = {
      circulation: c.id,
      member: chosen,
      choice,
      channel,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(when ? { at: when } : {}),
    };
    const send = () => sendActFor(me, chosen, 'circulation.answer', payload);
    const done = await action.run('Recording the answer', send);
    if (done) {
      setRecorded({ name: c.members.find((m) => m.id === chosen)?.name ?? chosen, receipt: done });
      // No one is chosen next: the officer picks whose answer comes by telephone now.
      setMember('');
      setComment('');
      setAt('');
      changed();
    }
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Record an answer for a member</h3>
      {receipt}
      <WaitingMember
        id={`${id}-m`}
        waiting={waiting}
        chosen={chosen}
        answered={answered}
        onChange={setMember}
      />
      <label htmlFor={`${id}-c`}>Answer</label>
      <select id={`${id}-c`} value={choice} onChange={(e) => setChoice(e.target.value)}>
        {AYE_NAY_ABSTAIN.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ChannelSelect value={channel} onChange={setChannel} />
      <GivenAt id={`${id}-at`} opened={c.openedTime} value={at} onChange={setAt} />
      <CommentField id={`${id}-cm`} value={comment} onChange={setComment} />
      <p className="hint">
        You sign it for the member; they confirm it, or dispute it, with their own key.
      </p>
      <button type="submit" disabled={!!action.busy || !chosen}>
        Record the answer
      </button>
    </form>
  );
}

function CommentField(props: { id: string; value: string; onChange: (value: string) => void }) {
  return (
    <>
      <label htmlFor={props.id}>Comment (optional)</label>
      <textarea
        id={props.id}
        rows={2}
        maxLength={MAX_CHARS.comment}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </>
  );
}

/** When an answer recorded for a member was given: after the question was put, and not after now
 * (as of the field's last use), which the browser holds it to before anything is sent. */
function GivenAt(props: {
  id: string;
  opened: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const [now, setNow] = useState(() => toLocalInput(new Date()));
  const later = () => setNow(toLocalInput(new Date()));
  return (
    <>
      <label htmlFor={props.id}>When it was given (optional: now)</label>
      <input
        id={props.id}
        type="datetime-local"
        value={props.value}
        min={toLocalInput(new Date(props.opened))}
        max={now}
        onFocus={later}
        onChange={(e) => {
          later();
          props.onChange(e.target.value);
        }}
      />
    </>
  );
}

/** Closes the circulation now, its outcome being settled: the decision is shown first. */
function CloseNow({ circulation: c, action, changed }: Acting) {
  const { me } = useMe();
  const { org } = useOrg();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" disabled={!!action.busy} onClick={() => setAsking(true)}>
        Close it now
      </button>
      <ConfirmDialog
        open={asking}
        title="Close the circulation now?"
        confirm="Record the decision"
        busy={!!action.busy}
        onConfirm={() => {
          setAsking(false);
          if (me) void action.run('Closing', () => closeCirculation(me, c.id)).then(changed);
        }}
        onClose={() => setAsking(false)}
      >
        <p>Closing now records: {explanationNamedIn(org, c.forming.explanation)}.</p>
      </ConfirmDialog>
    </>
  );
}

/** Withdraws the question, with a reason, once asked to confirm: it then decides nothing. */
function Withdraw({ circulation: c, action, changed }: Acting) {
  const { me } = useMe();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const id = useId();
  const withdraw = () => {
    setAsking(false);
    const payload = { circulation: c.id, ...(reason.trim() ? { reason: reason.trim() } : {}) };
    if (me)
      void action
        .run('Withdrawing', () => sendAct(me, 'circulation.withdraw', payload))
        .then(changed);
  };
  return (
    <>
      <button
        type="button"
        className="secondary"
        disabled={!!action.busy}
        onClick={() => setAsking(true)}
      >
        Withdraw the question
      </button>
      <ConfirmDialog
        open={asking}
        title="Withdraw the question?"
        confirm="Withdraw it"
        onConfirm={withdraw}
        onClose={() => setAsking(false)}
      >
        <p>It will decide nothing, and no one can answer it any more.</p>
        <div className="stack">
          <label htmlFor={id}>Why (optional)</label>
          <textarea
            id={id}
            rows={2}
            maxLength={MAX_CHARS.reason}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      </ConfirmDialog>
    </>
  );
}
