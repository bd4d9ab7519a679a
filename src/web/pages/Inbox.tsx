/**
 * The member's inbox, phone first: the open questions they are asked, not answered first, each
 * with its deadline counting down and the answer buttons; and the answers an officer recorded
 * for them, to confirm or dispute.
 */
import { inboxCount, putBy } from '../lib/answers.js';
import { useMe } from '../lib/me.js';
import { useInbox } from '../lib/inbox.js';
import { Link, paths } from '../lib/router.js';
import type { InboxQuestion } from '../lib/types.js';
import { AnswerPanel } from '../components/AnswerPanel.js';
import { Deadline } from '../components/Countdown.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading } from '../components/Notes.js';
import { StatusTag } from './Circulation.js';

export function Inbox() {
  const { me } = useMe();
  const { questions, error, reload } = useInbox();
  const { toAnswer, toConfirm } = inboxCount(questions);
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
          ) : questions.length === 0 ? (
            <p>No question is waiting for you. This page updates when one is put.</p>
          ) : (
            <>
              <p className="lead" aria-live="polite">
                {summary(toAnswer, toConfirm)}
              </p>
              {questions.map((q) => (
                <Question key={q.id} question={q} changed={reload} />
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

function Question({ question: q, changed }: { question: InboxQuestion; changed: () => void }) {
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
      <AnswerPanel circulation={q} answer={q.myAnswer} changed={changed} />
    </article>
  );
}
