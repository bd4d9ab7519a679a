/** The organization: its sessions, its bodies (members, roles, rules in words), its people. */
import { getJson } from '../lib/api.js';
import { inboxCount } from '../lib/answers.js';
import { useInbox } from '../lib/inbox.js';
import { useLiveEvents } from '../lib/events.js';
import { useMe } from '../lib/me.js';
import { isOfficer, isRegistrar, nameOf, officersOf, useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import { Link, paths } from '../lib/router.js';
import type { BodyInfo, Organization, SessionSummary } from '../lib/types.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading } from '../components/Notes.js';
import { ProxyPanel } from '../components/ProxyPanel.js';
import { OpenSession } from './OpenSession.js';
import { People } from './People.js';
import { bodiesToPut } from './PutQuestion.js';
import { dayInWords } from '../../core/minutes/words.js';
import { sessionLabel } from '../lib/format.js';

export function Home() {
  const { org, error } = useOrg();
  const { me } = useMe();
  const sessions = useResource(() => getJson<SessionSummary[]>('/api/sessions'), 'sessions');
  useLiveEvents(
    undefined,
    (kind) => {
      if (kind === 'session' || kind === 'attendance' || kind === 'notice') sessions.reload();
    },
    sessions.reload,
  );
  return (
    <Layout wide title={org?.organization.name}>
      {/* A visitor asked to sign in still sees whose record this is. */}
      {!org && error !== undefined && <h1>{me?.organization.name ?? 'Collegium'}</h1>}
      <ErrorNote error={error} />
      {!org ? (
        !error && <Loading what="the organization" />
      ) : (
        <>
          <h1>{org.organization.name}</h1>
          <AnswerReminder />
          <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">Sessions</h2>
            <ErrorNote error={sessions.error} />
            {sessions.data && <SessionList org={org} sessions={sessions.data} />}
          </section>
          <BetweenMeetings org={org} />
          <section aria-labelledby="bodies-heading">
            <h2 id="bodies-heading">Bodies</h2>
            <div className="grid">
              {org.bodies.map((body) => (
                <BodyCard key={body.id} org={org} body={body} sessions={sessions.data ?? []} />
              ))}
            </div>
          </section>
          <People org={org} />
          <ProxyPanel org={org} sessions={sessions.data ?? []} />
        </>
      )}
    </Layout>
  );
}

function SessionList({
  org,
  sessions,
}: {
  org: Organization;
  sessions: readonly SessionSummary[];
}) {
  if (sessions.length === 0) return <p>No sessions yet.</p>;
  // In session first, then those convened, then those closed.
  const rank = (s: SessionSummary) => (s.open ? 0 : s.convened ? 1 : 2);
  const ordered = [...sessions].sort((a, b) => rank(a) - rank(b));
  return (
    <ul className="cards">
      {ordered.map((s) =>
        s.convened ? (
          <ConvenedCard key={s.id} org={org} session={s} />
        ) : (
          <li key={s.id} className="card">
            <h3>
              <Link to={paths.session(s.id)}>{sessionLabel(s)}</Link>
            </h3>
            <p className="meta">
              {org.bodies.find((b) => b.id === s.body)?.name ?? s.body}
              {s.date ? ` · ${dayInWords(s.date)}` : ''} ·{' '}
              <span className={s.open ? 'tag open' : 'tag'}>
                {s.open ? 'in session' : 'closed'}
              </span>
              {s.mode === 'minutes' ? ' · from minutes' : ''} · {s.present} present
            </p>
            <p className="actions">
              <Link to={paths.session(s.id)}>Console</Link>
              <Link to={paths.ballot(s.id)}>Ballot</Link>
              <Link to={paths.projector(s.id)}>Projector</Link>
              <Link to={paths.minutes(s.id)}>Minutes</Link>
            </p>
          </li>
        ),
      )}
    </ul>
  );
}

/** A session convened and not opened yet: its date and agenda; its body's officers open it. */
function ConvenedCard({ org, session }: { org: Organization; session: SessionSummary }) {
  const agenda = session.notice?.agenda ?? [];
  return (
    <li className="card">
      <h3>{sessionLabel(session)}</h3>
      <p className="meta">
        {org.bodies.find((b) => b.id === session.body)?.name ?? session.body}
        {session.date ? ` · ${dayInWords(session.date)}` : ''}
        {session.notice?.place ? ` · ${session.notice.place}` : ''} ·{' '}
        <span className="tag">convened</span>
      </p>
      {agenda.length > 0 ? (
        <ol className="agenda-list" aria-label={`Agenda of ${sessionLabel(session)}`}>
          {agenda.map((item) => (
            <li key={item.item}>{item.title}</li>
          ))}
        </ol>
      ) : (
        <p className="hint">No agenda.</p>
      )}
    </li>
  );
}

function roleOf(body: BodyInfo, person: string): string {
  const roles = [
    body.chair === person ? 'chair' : '',
    body.secretary === person ? 'secretary' : '',
    body.candidates.includes(person) ? 'candidate (voice, no vote)' : '',
    body.members.includes(person) && !body.candidates.includes(person) ? 'voting member' : '',
  ].filter(Boolean);
  return roles.join(', ');
}

function BodyCard({
  org,
  body,
  sessions,
}: {
  org: Organization;
  body: BodyInfo;
  sessions: readonly SessionSummary[];
}) {
  const { me } = useMe();
  const people = [
    ...new Set([
      ...(body.chair ? [body.chair] : []),
      ...(body.secretary ? [body.secretary] : []),
      ...body.members,
      ...body.candidates,
    ]),
  ];
  return (
    <article className="body-card" aria-labelledby={`body-${body.id}`}>
      <h3 id={`body-${body.id}`}>{body.name}</h3>
      {body.parent && <p className="meta">Delegated by {nameOfBody(org, body.parent)}</p>}
      <h4>Rules</h4>
      <ul className="rules">
        {body.rules.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
      <h4>Members</h4>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p}>
              <td>{nameOf(org, p)}</td>
              <td>{roleOf(body, p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {isOfficer(me?.person, body) ? (
        <>
          <OpenSession
            body={body}
            taken={sessions.map((s) => s.id)}
            convened={sessions.filter((s) => s.convened && s.body === body.id)}
          />
          <p className="actions">
            <Link to={paths.convene(body.id)}>Convene a session with an agenda</Link>
          </p>
        </>
      ) : (
        <p className="hint">
          {body.chair || body.secretary
            ? `Its sessions are opened by ${officersOf(body)
                .map((p) => nameOf(org, p))
                .join(' or ')}.`
            : 'Any of its voting members opens its sessions.'}
        </p>
      )}
    </article>
  );
}

function nameOfBody(org: Organization, id: string): string {
  return org.bodies.find((b) => b.id === id)?.name ?? id;
}

/** A reminder to a member asked a question they have not answered yet. */
function AnswerReminder() {
  const { questions } = useInbox();
  const { toAnswer, toConfirm } = inboxCount(questions);
  if (toAnswer + toConfirm === 0) return null;
  const parts = [
    toAnswer === 1 ? 'a question to answer' : toAnswer ? `${toAnswer} questions to answer` : '',
    toConfirm === 1
      ? 'an answer recorded for you to confirm'
      : toConfirm
        ? `${toConfirm} answers recorded for you to confirm`
        : '',
  ].filter(Boolean);
  return (
    <p className="reminder" role="status">
      You have {parts.join(' and ')}. <Link to={paths.inbox}>Open your inbox</Link>
    </p>
  );
}

/** Questions put outside sessions, the inbox and the register of dispatches. */
function BetweenMeetings({ org }: { org: Organization }) {
  const { me } = useMe();
  const { questions } = useInbox();
  const { toAnswer, toConfirm } = inboxCount(questions);
  return (
    <section aria-labelledby="between-heading">
      <h2 id="between-heading">Between meetings</h2>
      <ul className="actions link-list">
        {me?.person && (
          <li>
            <Link to={paths.inbox}>Your inbox ({toAnswer + toConfirm} waiting)</Link>
          </li>
        )}
        <li>
          <Link to={paths.circulations}>Questions and provisional decisions</Link>
        </li>
        {bodiesToPut(org, me?.person).length > 0 && (
          <li>
            <Link to={paths.putQuestion()}>Put a question</Link>
          </li>
        )}
        {isRegistrar(me?.person, org) && (
          <li>
            <Link to={paths.dispatches}>The register of dispatches</Link>
          </li>
        )}
      </ul>
    </section>
  );
}
