/** The session console for the chair and the secretary: attendance, quorum, motions, votes,
 * amendments of the charter, re-invitations, proxies, decisions awaiting ratification. */
import { useState } from 'react';
import { sendAct } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import { sessionFlagInWords } from '../lib/format.js';
import type { Action } from '../lib/action.js';
import { useMe } from '../lib/me.js';
import { bodyOf, isOfficer, nameOf, useOrg } from '../lib/org.js';
import { Link, paths } from '../lib/router.js';
import type { AgendaItemInfo, Session } from '../lib/types.js';
import { AgendaPanel } from '../components/AgendaPanel.js';
import { AmendCharter } from '../components/AmendCharter.js';
import { Apology } from '../components/Apology.js';
import { ConfirmDialog } from '../components/Confirm.js';
import { QuorumGauge } from '../components/Gauges.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading, NotFoundHeading } from '../components/Notes.js';
import { ProvisionalList } from '../components/ProvisionalList.js';
import { SessionProxies } from '../components/ProxyPanel.js';
import { ReInvite } from '../components/ReInvite.js';
import { MotionCard } from './MotionCard.js';
import { ProposeMotion } from './ProposeMotion.js';
import type { AgendaPrefill } from './ProposeMotion.js';
import { useSession } from './session.js';
import { dayInWords } from '../../core/minutes/words.js';

export function Console({ id }: { id: string }) {
  const { data: session, error } = useSession(id);
  return (
    <Layout wide title={session ? `Console: ${session.title || session.id}` : 'Console'}>
      <NotFoundHeading
        error={error}
        title="No such session"
        back={{ to: paths.home, label: 'The organization and its sessions' }}
      />
      <ErrorNote error={error} />
      {session ? <ConsoleBody session={session} /> : !error && <Loading what="the session" />}
    </Layout>
  );
}

export function SessionHeader({ session, page }: { session: Session; page: string }) {
  const { org } = useOrg();
  return (
    <header className="session-header">
      <p className="eyebrow">{page}</p>
      <h1>{session.title || session.id}</h1>
      <p className="meta">
        {bodyOf(org, session.body)?.name ?? session.body}
        {session.date ? ` · ${dayInWords(session.date)}` : ''}
        {session.place ? ` · ${session.place}` : ''} ·{' '}
        <span className={session.open ? 'tag open' : 'tag'}>
          {session.open ? 'in session' : 'closed'}
        </span>
      </p>
      <nav aria-label="This session" className="actions">
        <Link to={paths.session(session.id)}>Console</Link>
        <Link to={paths.ballot(session.id)}>Ballot</Link>
        <Link to={paths.projector(session.id)}>Projector</Link>
        <Link to={paths.minutes(session.id)}>Minutes</Link>
      </nav>
    </header>
  );
}

/** Sends one act from the console, labelled for the busy indicator. */
type Act = (label: string, type: string, payload: Record<string, unknown>) => unknown;

function ConsoleBody({ session }: { session: Session }) {
  const { me } = useMe();
  const { org } = useOrg();
  const action = useAction();
  const body = bodyOf(org, session.body);
  const officer = isOfficer(me?.person, body, session.chair);
  const people = body ? [...new Set([...body.members, ...body.candidates])] : session.present;
  const act: Act = (label, type, payload) =>
    me && action.run(label, () => sendAct(me, type, payload));
  // The agenda item whose motion is being put; `n` prefills the form again on each choice.
  const [prefill, setPrefill] = useState<AgendaPrefill>();
  const put = (item: AgendaItemInfo, place: number) =>
    setPrefill({ item, place, n: (prefill?.n ?? 0) + 1 });

  return (
    <>
      <SessionHeader session={session} page="Session console" />
      {!officer && (
        <p className="note">
          Only the chair and the secretary run the session
          {me?.demo ? ': act as one of them with the picker above.' : '.'} Members check in and vote
          on the <Link to={paths.ballot(session.id)}>ballot page</Link>.
        </p>
      )}
      {/* The motion form's text is the one field of the console's acts a member types. */}
      <ErrorNote error={action.error} fields={{ 'payload.text': 'New motion' }} />
      {!!session.flags?.length && (
        <ul className="note flags" aria-label="What the record holds against a rule">
          {session.flags.map((flag) => (
            <li key={flag}>{sessionFlagInWords(flag)}</li>
          ))}
        </ul>
      )}
      <div className="console">
        <div className="console-side">
          <section aria-labelledby="attendance-heading" className="panel">
            <h2 id="attendance-heading">Attendance</h2>
            <QuorumGauge quorum={session.quorum} />
            <ul className="attendance">
              {people.map((person) => (
                <AttendanceRow
                  key={person}
                  session={session}
                  person={person}
                  mayAct={session.open && (officer || person === me?.person)}
                  act={act}
                  busy={!!action.busy}
                />
              ))}
            </ul>
          </section>
          <SessionProxies session={session} />
          {!!session.awaitingRatification?.length && (
            <section aria-labelledby="ratification-heading" className="panel">
              <h2 id="ratification-heading">Awaiting ratification</h2>
              <p className="hint">
                Decisions that stand provisionally until this body ratifies or annuls them: a motion
                put with "It ratifies" decides on one.
              </p>
              <ProvisionalList decisions={session.awaitingRatification} />
            </section>
          )}
        </div>
        <div className="console-main">
          <AgendaPanel session={session} puts={officer && session.open} onPut={put} />
          <Motions session={session} officer={officer} action={action} prefill={prefill} />
        </div>
      </div>
      {officer && session.open && <CloseSession session={session} act={act} busy={!!action.busy} />}
    </>
  );
}

/** The motions with their votes; for the officers, the forms that put one: a motion, an
 * amendment of the charter, a re-invitation (these two only in a body that is no one's delegate). */
function Motions(props: {
  session: Session;
  officer: boolean;
  action: Action;
  prefill: AgendaPrefill | undefined;
}) {
  const { session, officer, action, prefill } = props;
  const { org } = useOrg();
  const body = bodyOf(org, session.body);
  const puts = officer && session.open;
  return (
    <section aria-labelledby="motions-heading" className="panel">
      <h2 id="motions-heading">Motions</h2>
      {session.motions.length === 0 && <p>No motion yet.</p>}
      {session.motions.map((motion) => (
        <MotionCard
          key={motion.id}
          session={session}
          motion={motion}
          officer={officer}
          action={action}
        />
      ))}
      {puts && <ProposeMotion session={session} action={action} prefill={prefill} />}
      {puts && body && !body.parent && (
        <>
          <details className="disclosure">
            <summary>Put an amendment of the charter</summary>
            <AmendCharter session={session} />
          </details>
          <details className="disclosure">
            <summary>Put a re-invitation</summary>
            <ReInvite session={session} />
          </details>
        </>
      )}
    </section>
  );
}

/** Closes the session once the officer confirms: nothing can be recorded in it afterwards. */
function CloseSession({ session, act, busy }: { session: Session; act: Act; busy: boolean }) {
  const [asking, setAsking] = useState(false);
  const voting = session.motions.some((m) => m.status === 'open');
  const proposed = session.motions.filter((m) => m.status === 'proposed').length;
  return (
    <div className="session-close">
      <button
        type="button"
        className="secondary"
        disabled={busy || voting}
        onClick={() => setAsking(true)}
      >
        Close the session
      </button>
      {voting && <span className="hint"> Close the open vote first.</span>}
      <ConfirmDialog
        open={asking}
        title="Close the session?"
        confirm="Yes, close the session"
        onConfirm={() => {
          setAsking(false);
          void act('Closing', 'session.close', { session: session.id });
        }}
        onClose={() => setAsking(false)}
      >
        <p>
          Nothing more can be recorded in {session.title || session.id} once it is closed: no
          attendance, motion or vote.
          {proposed > 0 &&
            ` ${proposed === 1 ? 'One motion was' : `${proposed} motions were`} put and never voted on.`}
        </p>
      </ConfirmDialog>
    </div>
  );
}

/** One person of the body: present or absent, with check-in or -out for whoever may act. */
function AttendanceRow(props: {
  session: Session;
  person: string;
  mayAct: boolean;
  act: Act;
  busy: boolean;
}) {
  const { session, person, mayAct, act, busy } = props;
  const { org } = useOrg();
  const body = bodyOf(org, session.body);
  const present = session.present.includes(person);
  const excused = session.excused?.find((e) => e.person === person);
  const name = nameOf(org, person);
  return (
    <li className={present ? 'present' : excused ? 'excused' : 'absent'}>
      <span className="name">
        {name}
        {body?.candidates.includes(person) ? ' (candidate)' : ''}
      </span>
      <span className="state">
        {present
          ? 'present'
          : excused
            ? `excused${excused.reason ? `: ${excused.reason}` : ''}`
            : 'absent'}
      </span>
      {mayAct && !present && !excused && (
        <Apology
          name={name}
          busy={busy}
          onRecord={(reason) =>
            void act(`Apology from ${name}`, 'attendance.excuse', {
              session: session.id,
              person,
              ...(reason ? { reason } : {}),
            })
          }
        />
      )}
      {mayAct && (
        <button
          type="button"
          className="small"
          disabled={busy}
          aria-label={present ? `Check out ${name}` : `Check in ${name}`}
          onClick={() =>
            void act(name, present ? 'attendance.depart' : 'attendance.arrive', {
              session: session.id,
              person,
            })
          }
        >
          {present ? 'Check out' : 'Check in'}
        </button>
      )}
    </li>
  );
}
