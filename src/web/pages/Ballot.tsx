/** The ballot, phone first: check in, the motion, aye / nay / abstain, and a receipt. */
import { useState } from 'react';
import { sendAct } from '../lib/acts.js';
import { useAction } from '../lib/action.js';
import { CHOICE_LABEL } from '../lib/format.js';
import { useMe } from '../lib/me.js';
import { bodyOf, isVotingMember, useOrg } from '../lib/org.js';
import { Link, paths } from '../lib/router.js';
import type { BodyInfo, Me, Motion, Receipt, Session } from '../lib/types.js';
import { Decision } from '../components/Decision.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading, NotFoundHeading, ReceiptNote } from '../components/Notes.js';
import { ballotPayload, Choices, optionsOf } from '../components/Choices.js';
import { ProxyBallots } from '../components/ProxyBallots.js';
import { SessionHeader } from './Console.js';
import { useSession } from './session.js';

export function BallotPage({ id }: { id: string }) {
  const { me } = useMe();
  const { data: session, error } = useSession(id);
  return (
    <Layout title={session ? `Ballot: ${session.title || session.id}` : 'Ballot'}>
      <NotFoundHeading
        error={error}
        title="No such session"
        back={{ to: paths.home, label: 'The organization and its sessions' }}
      />
      <ErrorNote error={error} />
      {!session ? (
        !error && <Loading what="the session" />
      ) : !me?.person ? (
        <>
          <SessionHeader session={session} page="Ballot" />
          <p className="note">
            {me?.demo ? (
              'Choose who you are with the picker above.'
            ) : (
              <>
                <Link to={`${paths.login}?next=${encodeURIComponent(paths.ballot(id))}`}>
                  Sign in
                </Link>{' '}
                to vote.
              </>
            )}
          </p>
        </>
      ) : (
        <BallotBody session={session} me={me} person={me.person} />
      )}
    </Layout>
  );
}

function BallotBody({ session, me, person }: { session: Session; me: Me; person: string }) {
  const { org } = useOrg();
  const action = useAction();
  const body = bodyOf(org, session.body);
  const present = session.present.includes(person);
  const voting = isVotingMember(person, body);
  const open = session.motions.filter((m) => m.status === 'open');
  const decided = session.motions.filter((m) => m.status === 'closed').reverse();

  return (
    <>
      <SessionHeader session={session} page="Ballot" />
      <ErrorNote error={action.error} />
      <section className="checkin" aria-label="Attendance">
        {present ? (
          <p className="present-note">You are checked in.</p>
        ) : session.open ? (
          <button
            type="button"
            className="big"
            disabled={!!action.busy}
            onClick={() =>
              void action.run('Checking in', () =>
                sendAct(me, 'attendance.arrive', { session: session.id, person }),
              )
            }
          >
            Check in
          </button>
        ) : (
          <p>The session is closed.</p>
        )}
        {body && !voting && (
          <p className="note">
            {body.candidates.includes(person)
              ? 'You are a candidate of this body: voice, no vote.'
              : 'You are not a voting member of this body.'}
          </p>
        )}
      </section>
      {open.length === 0 && session.open && (
        <p className="waiting" aria-live="polite">
          No vote is open. This page updates when the chair opens one.
        </p>
      )}
      {open.map((motion) => (
        <BallotForm
          key={motion.id}
          session={session}
          motion={motion}
          me={me}
          person={person}
          noVote={whyNoVote(session, motion, body, person)}
        />
      ))}
      <ProxyBallots session={session} me={me} person={person} />
      {decided.map((motion) => (
        <article key={motion.id} className="motion" aria-labelledby={`decided-${motion.id}`}>
          <p className="eyebrow">Decided</p>
          <h2 id={`decided-${motion.id}`}>{motion.text}</h2>
          {motion.decision && <Decision decision={motion.decision} />}
          <StoredReceipt session={session.id} motion={motion.id} person={person} />
        </article>
      ))}
    </>
  );
}

/**
 * Why `person` cannot vote on the open `motion`, in words, or undefined when they can: the server
 * would refuse a candidate's ballot, a non-member's, and one from whoever was not present when the
 * vote opened (arriving later does not help).
 */
export function whyNoVote(
  session: Session,
  motion: Motion,
  body: BodyInfo | undefined,
  person: string,
): string | undefined {
  // Once it is open, the body of its opening votes, even if the charter was amended since.
  const voting = motion.votingAtOpen?.includes(person) ?? isVotingMember(person, body);
  if (!voting && body?.candidates.includes(person))
    return 'You are a candidate of this body (voice, no vote): you cannot vote on it.';
  if (!voting && motion.votingAtOpen && isVotingMember(person, body))
    return 'You were not a voting member when this vote opened: you cannot vote on it.';
  if (!voting) return 'You are not a voting member of this body: you cannot vote on it.';
  const present = session.present.includes(person);
  if (!motion.presentAtOpen) return present ? undefined : 'Check in to vote.';
  if (motion.presentAtOpen.includes(person)) return undefined;
  return present
    ? 'You arrived after this vote opened: you cannot vote on it.'
    : 'You were not present when this vote opened: you cannot vote on it.';
}

const receiptKey = (session: string, motion: string, person: string) =>
  `collegium:receipt:${session}/${motion}/${person}`;

interface Stored {
  readonly choice: string;
  readonly receipt: Receipt;
}

function readReceipt(session: string, motion: string, person: string): Stored | undefined {
  try {
    const text = localStorage.getItem(receiptKey(session, motion, person));
    return text ? (JSON.parse(text) as Stored) : undefined;
  } catch {
    return undefined;
  }
}

function StoredReceipt(props: { session: string; motion: string; person: string }) {
  const stored = readReceipt(props.session, props.motion, props.person);
  return stored ? (
    <ReceiptNote receipt={stored.receipt} what={`Your ballot (${labelOf(stored.choice)})`} />
  ) : null;
}

function labelOf(choice: string): string {
  return (CHOICE_LABEL[choice] ?? choice).toLowerCase();
}

function BallotForm({
  session,
  motion,
  me,
  person,
  noVote,
}: {
  session: Session;
  motion: Motion;
  me: Me;
  person: string;
  /** Why the person cannot vote on it; undefined when they can. */
  noVote: string | undefined;
}) {
  const action = useAction();
  const [stored, setStored] = useState(() => readReceipt(session.id, motion.id, person));
  const voted = !!stored || !!motion.voted?.includes(person);
  const cast = async (value: string) => {
    const payload = ballotPayload(session.id, motion, person, value);
    const receipt = await action.run('Voting', () => sendAct(me, 'ballot.cast', payload));
    if (!receipt) return;
    const record = { choice: value || 'abstain', receipt };
    localStorage.setItem(receiptKey(session.id, motion.id, person), JSON.stringify(record));
    setStored(record);
  };

  return (
    <article className="motion ballot" aria-labelledby={`ballot-${motion.id}`}>
      <p className="eyebrow">The vote is open</p>
      <h2 id={`ballot-${motion.id}`}>{motion.text}</h2>
      <ErrorNote error={action.error} />
      {stored ? (
        <ReceiptNote receipt={stored.receipt} what={`Your ballot (${labelOf(stored.choice)})`} />
      ) : voted ? (
        <p className="present-note">
          {/* Absent when it opened, the member's ballot was cast by the one holding their proxy. */}
          {motion.presentAtOpen && !motion.presentAtOpen.includes(person)
            ? 'Your ballot was cast by the holder of your proxy.'
            : 'You have voted on this motion.'}
        </p>
      ) : !noVote ? (
        <Choices
          options={optionsOf(motion)}
          busy={!!action.busy}
          label="Your vote"
          onChoose={(value) => void cast(value)}
        />
      ) : (
        <p className="note">{noVote}</p>
      )}
    </article>
  );
}
