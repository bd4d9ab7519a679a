/**
 * One dispatch of the register: its number, sender, channel, text and attachments (downloadable),
 * its inscriptions, what was put on it; for its body's officers, referring it with an inscription
 * to people or a body, opening a circulation on it, and closing it with a reason.
 */
import { getJson, seg } from '../lib/api.js';
import { channelInWords } from '../lib/answers.js';
import { useLiveEvents } from '../lib/events.js';
import { useMe } from '../lib/me.js';
import { bodyOf, isOfficer, nameOf, useOrg } from '../lib/org.js';
import { capitalized } from '../../core/words.js';
import { timeInWords } from '../../core/minutes/words.js';
import { useResource } from '../lib/resource.js';
import { Link, paths } from '../lib/router.js';
import type { DispatchView } from '../lib/types.js';
import { Attachments } from '../components/Attachments.js';
import { CloseDispatch, ReferDispatch } from '../components/DispatchActions.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading, NotFoundHeading } from '../components/Notes.js';

export function DispatchPage({ id }: { id: string }) {
  const dispatch = useResource(() => getJson<DispatchView>(`/api/dispatches/${seg(id)}`), id);
  useLiveEvents(
    undefined,
    (kind, data) => {
      // A circulation put on it shows here too.
      if (kind === 'circulation' || (kind === 'dispatch' && (data as { id: string }).id === id))
        dispatch.reload();
    },
    dispatch.reload,
  );
  const d = dispatch.data;
  return (
    <Layout title={d ? `Dispatch ${d.number}` : 'Dispatch'}>
      <NotFoundHeading
        error={dispatch.error}
        title="No such dispatch"
        back={{ to: paths.dispatches, label: 'The register of dispatches' }}
      />
      <ErrorNote error={dispatch.error} />
      {d ? (
        <DispatchBody dispatch={d} changed={dispatch.reload} />
      ) : (
        !dispatch.error && <Loading what="the dispatch" />
      )}
    </Layout>
  );
}

function DispatchBody({ dispatch: d, changed }: { dispatch: DispatchView; changed: () => void }) {
  const { me } = useMe();
  const { org } = useOrg();
  const officer = isOfficer(me?.person, bodyOf(org, d.body));
  return (
    <>
      <p className="eyebrow">Register of {d.bodyName}</p>
      <h1>
        Dispatch No. {d.number}{' '}
        <span className={d.status === 'closed' ? 'tag' : 'tag open'}>{d.status}</span>
      </h1>
      <dl className="fields">
        <dt>From</dt>
        <dd>{d.from}</dd>
        <dt>Received</dt>
        <dd>
          {timeInWords(d.received)}, {channelInWords(d.channel)}
        </dd>
        <dt>Registered</dt>
        <dd>
          <Link to={paths.entry(d.registeredAt)}>entry {d.registeredAt}</Link>
        </dd>
      </dl>
      <blockquote className="dispatch-text">{d.text}</blockquote>
      <h2>Attachments</h2>
      <Attachments attachments={d.attachments} />
      <h2>Inscriptions</h2>
      {d.referrals.length === 0 ? (
        <p>Not referred yet.</p>
      ) : (
        <ol className="referrals">
          {d.referrals.map((r) => (
            <li key={r.index}>
              <q>{r.inscription}</q> — {nameOf(org, r.by)}, to{' '}
              {[
                ...r.people.map((p) => nameOf(org, p)),
                ...(r.body ? [bodyOf(org, r.body)?.name ?? r.body] : []),
              ].join(', ')}{' '}
              · <Link to={paths.entry(r.index)}>entry {r.index}</Link>
            </li>
          ))}
        </ol>
      )}
      <PutOnIt dispatch={d} officer={officer} />
      {d.closed && (
        <p className="note">
          Closed by {nameOf(org, d.closed.by)}: {d.closed.reason}.{' '}
          <Link to={paths.entry(d.closed.index)}>Entry {d.closed.index}</Link>
        </p>
      )}
      {officer && !d.closed && (
        <section aria-labelledby="dispatch-actions" className="panel">
          <h2 id="dispatch-actions">For the officers</h2>
          <ReferDispatch dispatch={d} changed={changed} />
          <CloseDispatch dispatch={d} changed={changed} />
        </section>
      )}
    </>
  );
}

/** The questions and motions put on the dispatch, and a new question for its officers. */
function PutOnIt({ dispatch: d, officer }: { dispatch: DispatchView; officer: boolean }) {
  return (
    <>
      <h2>Put on it</h2>
      {d.circulations.length === 0 && d.motions.length === 0 && <p>Nothing yet.</p>}
      <ul>
        {d.questions.map((q) => (
          <li key={q.circulation}>
            <Link to={paths.circulation(q.circulation)}>{capitalized(q.named)}</Link>
          </li>
        ))}
        {d.motions.map((m) => (
          <li key={`${m.session}/${m.motion}`}>
            <Link to={paths.session(m.session)}>{capitalized(m.named)}</Link>
          </li>
        ))}
      </ul>
      {officer && !d.closed && (
        <p>
          <Link to={paths.putQuestion({ body: d.body, dispatch: d.id })}>
            Open a circulation on it
          </Link>
        </p>
      )}
    </>
  );
}
