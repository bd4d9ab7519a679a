/** The projector: the motion, a large live tally, and the outcome, for the room to see. */
import { useStreamState } from '../lib/events.js';
import { useMe } from '../lib/me.js';
import { bodyOf, useOrg } from '../lib/org.js';
import { useTitle } from '../lib/router.js';
import type { BodyInfo, Motion, Session } from '../lib/types.js';
import { Decision } from '../components/Decision.js';
import { TallyBars } from '../components/Gauges.js';
import { ErrorNote, Loading } from '../components/Notes.js';
import { currentMotion, useSession, votedCount } from './session.js';
import { votersPresentAtOpen } from './VoteControls.js';

export function Projector({ id }: { id: string }) {
  const { me } = useMe();
  const { data: session, error } = useSession(id);
  useTitle(session ? `Projector: ${session.title || session.id}` : 'Projector');
  return (
    <div className="projector">
      {me?.demo && (
        // A landmark of its own, as the banner of every other page is: no content stands outside one.
        <aside className="demo projector-demo" aria-label="Demo mode">
          <p>
            <strong>Demo mode:</strong> the server signs for every demo person. Not a real record.
          </p>
        </aside>
      )}
      <main id="main">
        <ErrorNote error={error} />
        {session ? <Screen session={session} /> : !error && <Loading what="the session" />}
      </main>
    </div>
  );
}

function Screen({ session }: { session: Session }) {
  const { org } = useOrg();
  const live = useStreamState() === 'live';
  const motion = currentMotion(session);
  const { quorum } = session;
  const body = bodyOf(org, session.body);
  return (
    <>
      <header className="projector-head">
        <h1>{session.title || session.id}</h1>
        <p>
          {body?.name ?? session.body} · {quorum.presentVoting} of {quorum.votingMembers} voting
          members present · {quorum.met ? 'quorum met' : `quorum ${quorum.required} not met`}
          {session.open ? (
            <span className={live ? 'live on' : 'live'}>
              {live ? ' · live' : ' · reconnecting'}
            </span>
          ) : (
            ' · the session is closed'
          )}
        </p>
      </header>
      {!motion ? (
        <p className="projector-wait">Waiting for the first motion.</p>
      ) : (
        <section className="projector-motion" aria-live="polite" aria-labelledby="projector-motion">
          <p className="eyebrow">
            {motion.status === 'open'
              ? 'Voting now'
              : motion.status === 'closed'
                ? 'Decided'
                : 'Before the house'}
          </p>
          <h2 id="projector-motion">{motion.text}</h2>
          {motion.status !== 'proposed' && (
            <p className="projector-voted">
              {votedCount(motion)} of {mayVote(motion, body, quorum.presentVoting)} present have
              voted
            </p>
          )}
          {motion.decision && <Decision decision={motion.decision} large />}
          {motion.tally ? (
            <TallyBars tally={motion.tally} large />
          ) : (
            motion.status === 'open' && (
              <p className="hint">The count is shown when the vote closes.</p>
            )
          )}
        </section>
      )}
    </>
  );
}

/**
 * How many may vote on the motion: the voting members present when its vote opened (a candidate
 * present has none), and those whose ballot a proxy holder cast, as the decision counts them
 * present ("7 of 7 voting members present (1 by proxy)"); never fewer than the ballots counted.
 */
function mayVote(motion: Motion, body: BodyInfo | undefined, presentVoting: number): number {
  if (!motion.presentAtOpen || !body) return Math.max(presentVoting, votedCount(motion));
  const present = votersPresentAtOpen(motion, body);
  const byProxy = (motion.voted ?? []).filter((p) => !present.includes(p));
  return Math.max(present.length + byProxy.length, votedCount(motion));
}
