/**
 * The member's own part in a circulation, phone first: aye / nay / abstain with an optional
 * comment, signed on their device; or, for an answer an officer recorded for them, Confirm or
 * Dispute (with a reason); or the answer they gave.
 */
import { useId, useState } from 'react';
import { MAX_CHARS } from '../../core/text-limits.js';
import { sendAct } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import { answerInWords, channelInWords, choiceLabel } from '../lib/answers.js';
import { timeOf } from '../lib/format.js';
import { useMe } from '../lib/me.js';
import { nameOf, useOrg } from '../lib/org.js';
import { Link, paths } from '../lib/router.js';
import type { CirculationSummary, MemberAnswer, Receipt } from '../lib/types.js';
import { AYE_NAY_ABSTAIN, Choices } from './Choices.js';
import { ErrorNote, ReceiptNote } from './Notes.js';

export function AnswerPanel(props: {
  circulation: CirculationSummary;
  /** The member's answer, if they gave one or one was recorded for them. */
  answer?: MemberAnswer | null;
  /** Called once an act is recorded (with its receipt and what it was, in words), to read the
   * circulation again. */
  changed: (receipt: Receipt, what: string) => void;
  /** Called when the member's answer is refused (the question closed as it was sent), for a page
   * that no longer shows the question to say so all the same. */
  refused?: (refusal: Refusal) => void;
}) {
  const { circulation, answer, changed, refused } = props;
  const { org } = useOrg();
  const [receipt, setReceipt] = useState<{ receipt: Receipt; what: string }>();
  const [refusal, setRefusal] = useState<Refusal>();
  const refuse = (r: Refusal) => {
    setRefusal(r);
    refused?.(r);
  };
  const open = circulation.status === 'open' && !circulation.overdue;
  const done = (what: string) => (r: Receipt | undefined) => {
    if (!r) return;
    setReceipt({ receipt: r, what });
    changed(r, what);
  };
  const name = (id: string) => nameOf(org, id);
  return (
    <div className="answer-panel">
      {receipt && <ReceiptNote receipt={receipt.receipt} what={receipt.what} />}
      {answer && awaitsConfirmation(answer) && circulation.status !== 'withdrawn' ? (
        <ConfirmAnswer circulation={circulation.id} answer={answer} mayDispute={open} done={done} />
      ) : answer && !answer.disputed ? (
        <p className="your-answer">
          Your answer: <strong>{choiceLabel(answer.choice)}</strong>
          {answer.comment ? ` (“${answer.comment}”)` : ''};{' '}
          {answerInWords(answer, name, false, circulation.deadline)}.{' '}
          <Link to={paths.entry(answer.index)}>Entry {answer.index}</Link>
        </p>
      ) : open ? (
        <AnswerForm
          circulation={circulation.id}
          disputed={!!answer?.disputed}
          done={done}
          refused={refuse}
        />
      ) : refusal ? (
        <NotRecorded refusal={refusal} />
      ) : (
        <p className="hint">You did not answer this question.</p>
      )}
    </div>
  );
}

/** An answer an officer recorded, neither confirmed nor disputed by the member yet. */
export function awaitsConfirmation(answer: MemberAnswer): boolean {
  return !!answer.recordedBy && !answer.confirmed && !answer.disputed;
}

type Done = (what: string) => (receipt: Receipt | undefined) => void;

/** An answer the record refused, in words, and why. */
export interface Refusal {
  readonly what: string;
  readonly error: unknown;
}

/** An answer refused: once the question has closed, the form (and its error) is gone, and the
 * member is still told that their answer was not recorded, and why. */
export function NotRecorded({ refusal }: { refusal: Refusal }) {
  return (
    <>
      <p className="note">{refusal.what} was not recorded.</p>
      <ErrorNote error={refusal.error} />
    </>
  );
}

/** Aye, nay or abstain, with an optional comment: the member's own answer. */
function AnswerForm(props: {
  circulation: string;
  disputed: boolean;
  done: Done;
  refused: (refusal: Refusal) => void;
}) {
  const { circulation, disputed, done, refused } = props;
  const { me } = useMe();
  const action = useAction();
  const [comment, setComment] = useState('');
  const id = useId();
  const answer = async (choice: string) => {
    if (!me?.person) return;
    const payload = {
      circulation,
      member: me.person,
      choice,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    const what = `Your answer (${choiceLabel(choice).toLowerCase()})`;
    const send = () =>
      sendAct(me, 'circulation.answer', payload).catch((error: unknown) => {
        refused({ what, error });
        throw error;
      });
    done(what)(await action.run('Answering', send));
  };
  return (
    <div className="answer-form">
      {disputed && <p className="note">You disputed the answer recorded for you: answer here.</p>}
      <label htmlFor={id}>Comment (optional)</label>
      <textarea
        id={id}
        rows={2}
        maxLength={MAX_CHARS.comment}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <Choices
        options={AYE_NAY_ABSTAIN}
        busy={!!action.busy}
        label="Your answer"
        onChoose={(choice) => void answer(choice)}
      />
      <ErrorNote error={action.error} />
    </div>
  );
}

/** An answer an officer recorded for the member: theirs (Confirm), or not (Dispute, why, while
 * the question is open and its deadline to come: a dispute takes the answer out of the count). */
function ConfirmAnswer(props: {
  circulation: string;
  answer: MemberAnswer;
  mayDispute: boolean;
  done: Done;
}) {
  const { circulation, answer, mayDispute, done } = props;
  const { me } = useMe();
  const { org } = useOrg();
  const action = useAction();
  const [disputing, setDisputing] = useState(false);
  const [reason, setReason] = useState('');
  const id = useId();
  if (!me?.person) return null;
  const ref = { circulation, member: me.person };
  const confirm = async () =>
    done('Your confirmation')(
      await action.run('Confirming', () => sendAct(me, 'circulation.confirm', ref)),
    );
  const dispute = async () => {
    const payload = { ...ref, ...(reason.trim() ? { reason: reason.trim() } : {}) };
    done('Your dispute')(
      await action.run('Disputing', () => sendAct(me, 'circulation.dispute', payload)),
    );
  };
  return (
    <div className="confirm-answer">
      <p>
        {nameOf(org, answer.recordedBy)} recorded your answer:{' '}
        <strong>{choiceLabel(answer.choice)}</strong>
        {answer.comment ? ` (“${answer.comment}”)` : ''}
        {answer.channel ? `, ${channelInWords(answer.channel)}` : ''}
        {answer.at === undefined ? '' : `, ${timeOf(answer.at)}`}. Is it yours?
      </p>
      {!disputing ? (
        <div className="actions">
          <button type="button" disabled={!!action.busy} onClick={() => void confirm()}>
            Confirm
          </button>
          {mayDispute && (
            <button
              type="button"
              className="secondary"
              disabled={!!action.busy}
              onClick={() => setDisputing(true)}
            >
              Dispute
            </button>
          )}
        </div>
      ) : (
        <div className="stack">
          <label htmlFor={id}>Why is it not your answer? (optional)</label>
          {/* Opened by Dispute, which it replaces: the member writes why at once. */}
          <textarea
            id={id}
            rows={2}
            autoFocus
            maxLength={MAX_CHARS.reason}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="actions">
            <button type="button" disabled={!!action.busy} onClick={() => void dispute()}>
              Send the dispute
            </button>
            <button type="button" className="secondary" onClick={() => setDisputing(false)}>
              Back
            </button>
          </div>
        </div>
      )}
      <ErrorNote error={action.error} />
    </div>
  );
}
