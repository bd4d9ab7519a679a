/**
 * A question put between meetings: its text, who put it, the body, the deadline counting down,
 * the rule in words (or advisory), the member's own answer, the outcome as it forms, each member
 * asked with their answer, the chain of decisions it belongs to, and the officers' actions. It
 * updates live on every `circulation` event about it, and on every decision of a motion.
 */
import { isNotFound } from '../lib/api.js';
import { getCirculation } from '../lib/circulations.js';
import { putBy } from '../lib/answers.js';
import { adviceReason, flagNamedIn } from '../lib/format.js';
import { useLiveEvents } from '../lib/events.js';
import { useMe } from '../lib/me.js';
import { bodyOf, isOfficer, useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import { Link, paths } from '../lib/router.js';
import type { CirculationSummary, CirculationView } from '../lib/types.js';
import { AnswerPanel } from '../components/AnswerPanel.js';
import { CirculationActions } from '../components/CirculationActions.js';
import { CirculationMembers } from '../components/CirculationMembers.js';
import { CirculationOutcome } from '../components/CirculationOutcome.js';
import { Deadline } from '../components/Countdown.js';
import { DecisionChain } from '../components/DecisionChain.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading, NotFoundHeading } from '../components/Notes.js';

export function CirculationPage({ id }: { id: string }) {
  const circulation = useResource(() => getCirculation(id), id);
  useLiveEvents(
    undefined,
    (kind, data) => {
      if (kind === 'circulation' && (data as { id: string }).id === id) circulation.reload();
      // A motion decided may ratify or annul it, or continue its chain.
      if (kind === 'decision') circulation.reload();
    },
    circulation.reload,
  );
  const c = circulation.data;
  return (
    <Layout title={c ? `Question: ${c.text}` : 'Question'}>
      <NotFoundHeading
        error={circulation.error}
        title="No such question"
        back={{ to: paths.circulations, label: 'All the questions between meetings' }}
      />
      {/* The record's "circulation" is a question here, in the words of the whole page. */}
      <ErrorNote
        error={isNotFound(circulation.error) ? `No question '${id}'` : circulation.error}
      />
      {c ? (
        <CirculationBody circulation={c} changed={circulation.reload} />
      ) : (
        !circulation.error && <Loading what="the question" />
      )}
    </Layout>
  );
}

function CirculationBody({
  circulation: c,
  changed,
}: {
  circulation: CirculationView;
  changed: () => void;
}) {
  const { me } = useMe();
  const { org } = useOrg();
  const mine = c.members.find((m) => m.id === me?.person);
  return (
    <>
      <CirculationHeader circulation={c} />
      {mine && (
        <section aria-labelledby="yours-heading" className="panel">
          <h2 id="yours-heading">Your answer</h2>
          <AnswerPanel circulation={c} answer={mine.answer} changed={changed} />
        </section>
      )}
      <section aria-labelledby="outcome-heading">
        <h2 id="outcome-heading">
          {c.status === 'open' ? 'The outcome as it forms' : 'The outcome'}
        </h2>
        <CirculationOutcome circulation={c} />
      </section>
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">
          {c.to ? 'The members consulted' : 'The members asked'}: {c.answered} of {c.asked}{' '}
          {c.members.length > c.asked ? 'with a vote ' : ''}answered
        </h2>
        <CirculationMembers circulation={c} />
      </section>
      {c.flags.length > 0 && (
        <section aria-labelledby="flags-heading">
          <h2 id="flags-heading">Flags</h2>
          <ul className="flags">
            {c.flags.map((flag) => (
              <li key={flag}>{flagNamedIn(org, flag)}</li>
            ))}
          </ul>
        </section>
      )}
      <DecisionChain chain={c.chain} current={{ circulation: c.id }} />
      <CirculationActions
        circulation={c}
        officer={isOfficer(me?.person, bodyOf(org, c.body))}
        changed={changed}
      />
    </>
  );
}

/** What the question is, who put it to whom, until when, under which rule. */
function CirculationHeader({ circulation: c }: { circulation: CirculationView }) {
  return (
    <header className="circulation-header">
      <p className="eyebrow">
        {c.to ? 'A consultation of named members' : 'A question to the whole body'}
      </p>
      <h1>{c.text}</h1>
      <p className="meta">
        {c.bodyName} · put by {putBy(c)} · <StatusTag circulation={c} />
        {c.mode === 'minutes' ? ' · from minutes' : ''} ·{' '}
        <Link to={paths.entry(c.openedAt)}>entry {c.openedAt}</Link>
      </p>
      <Deadline deadline={c.deadline} open={c.status === 'open'} />
      <p className="rule">
        {c.rule ? (
          <>
            Decided by <strong>{c.rule.words}</strong>.
          </>
        ) : (
          <>
            <strong>Advisory</strong>: {adviceReason(c)}.
          </>
        )}
      </p>
      {c.dispatch && (
        <p>
          It answers <Link to={paths.dispatch(c.dispatch)}>dispatch {c.dispatch}</Link>.
        </p>
      )}
    </header>
  );
}

const STATUS = { open: 'open', closed: 'closed', withdrawn: 'withdrawn' } as const;

export function StatusTag({ circulation: c }: { circulation: CirculationSummary }) {
  return (
    <span className={c.status === 'open' ? 'tag open' : 'tag'}>
      {c.status === 'open' && c.overdue ? 'overdue' : STATUS[c.status]}
    </span>
  );
}
