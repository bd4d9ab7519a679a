/**
 * The member's inbox, phone first: the open questions they are asked, not answered first, each
 * with its deadline counting down and the answer buttons; and the answers an officer recorded
 * for them, to confirm or dispute.
 */
import { useState } from 'react';
import { inboxCount, putBy } from '../lib/answers.js';
import { getJson, seg } from '../lib/api.js';
import { useMe } from '../lib/me.js';
import { useInbox } from '../lib/inbox.js';
import { Link, paths } from '../lib/router.js';
import { useResource } from '../lib/resource.js';
import type { CirculationView, InboxQuestion, Receipt } from '../lib/types.js';
import { AnswerPanel, NotRecorded } from '../components/AnswerPanel.js';
import type { Refusal } from '../components/AnswerPanel.js';
import { Deadline } from '../components/Countdown.js';
import { Layout } from '../components/Layout.js';
import { CirculationOutcome } from '../components/CirculationOutcome.js';
import { ErrorNote, Loading, ReceiptNote } from '../components/Notes.js';
import { StatusTag } from './Circulation.js';

export function Inbox() {
  const { me } = useMe();
  const { questions, error, reload } = useInbox();
  const { toAnswer, toConfirm } = inboxCount(questions);
  const [answered, setAnswered] = useState<readonly AnsweredHere[]>([]);
  // A question answered here that the inbox no longer lists (the answer settled it, and it
  // closed; or it was withdrawn meanwhile) stays, with the receipt and how it ended.
  const left = answered.filter((a) => questions && !questions.some((q) => q.id === a.id));
  const keep = (
    q: InboxQuestion,
    what: string,
    outcome: Pick<AnsweredHere, 'receipt' | 'refused'>,
  ) =>
    setAnswered((all) => [
      ...all.filter((a) => a.id !== q.id),
      { id: q.id, text: q.text, what, ...outcome },
    ]);
  const changedBy = (q: InboxQuestion) => (receipt: Receipt, what: string) => {
    keep(q, what, { receipt });
    reload();
  };
  const refusedBy = (q: InboxQuestion) => (refusal: Refusal) =>
    keep(q, refusal.what, { refused: refusal });
  return (
    <Layout title="Inbox">
      <h1>Your inbox</h1>
      {!me?.person ? (
        <p className="note">
          {me?.demo ? (
            'Choose who you are with the picker above.'
          ) : (
            <>
              <Link to={`${paths.login}?next=${encodeURIComponent(paths.inbox)}`}>Sign in</Link> to
              see the questions you are asked.
            </>
          )}
        </p>
      ) : (
        <>
          <ErrorNote error={error} />
          {!questions ? (
            !error && <Loading what="your questions" />
          ) : (
            <>
              {questions.length === 0 ? (
                <p>No question is waiting for you. This page updates when one is put.</p>
              ) : (
                <p className="lead" aria-live="polite">
                  {summary(toAnswer, toConfirm)}
                </p>
              )}
              {questions.map((q) => (
                <Question key={q.id} question={q} changed={changedBy(q)} refused={refusedBy(q)} />
              ))}
              {left.map((a) => (
                <Left key={a.id} answered={a} />
              ))}
            </>
          )}
        </>
      )}
    </Layout>
  );
}

function summary(toAnswer: number, toConfirm: number): string {
  const parts = [
    toAnswer ? `${toAnswer} ${toAnswer === 1 ? 'question' : 'questions'} to answer` : '',
    toConfirm ? `${toConfirm} recorded ${toConfirm === 1 ? 'answer' : 'answers'} to confirm` : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join(', ')}.` : 'You have answered everything asked of you.';
}

function Question(props: {
  question: InboxQuestion;
  changed: (receipt: Receipt, what: string) => void;
  refused: (refusal: Refusal) => void;
}) {
  const { question: q, changed, refused } = props;
  const heading = `question-${q.id}`;
  return (
    <article
      className={`motion question${q.toAnswer ? ' awaits' : ''}`}
      aria-labelledby={heading}
      data-circulation={q.id}
    >
      <p className="eyebrow">
        {q.bodyName} · put by {putBy(q)}
      </p>
      <h2 id={heading}>{q.text}</h2>
      <p className="meta">
        <StatusTag circulation={q} /> · {q.answered} of {q.asked} answered ·{' '}
        <Link to={paths.circulation(q.id)}>Details and outcome</Link>
      </p>
      <Deadline deadline={q.deadline} open={q.status === 'open'} />
      <AnswerPanel circulation={q} answer={q.myAnswer} changed={changed} refused={refused} />
    </article>
  );
}

/** A question answered on this page, with the act's receipt (or why the answer was refused) and
 * what it was in words. */
interface AnsweredHere {
  readonly id: string;
  readonly text: string;
  readonly receipt?: Receipt;
  readonly refused?: Refusal;
  readonly what: string;
}

/** A question answered here that the inbox no longer lists: the receipt, and how it ended. */
function Left({ answered: a }: { answered: AnsweredHere }) {
  const heading = `left-${a.id}`;
  const view = useResource(
    () => getJson<CirculationView>(`/api/circulations/${seg(a.id)}`),
    `left:${a.id}:${a.receipt?.entry ?? 'refused'}`,
  );
  return (
    <article className="motion question" aria-labelledby={heading} data-circulation={a.id}>
      <h2 id={heading}>{a.text}</h2>
      {a.receipt && <ReceiptNote receipt={a.receipt} what={a.what} />}
      {a.refused && <NotRecorded refusal={a.refused} />}
      <p>
        No longer open: it asks nothing more of you.{' '}
        <Link to={paths.circulation(a.id)}>Details and outcome</Link>
      </p>
      <ErrorNote error={view.error} />
      {view.data ? (
        <CirculationOutcome circulation={view.data} />
      ) : (
        !view.error && <Loading what="its outcome" />
      )}
    </article>
  );
}
