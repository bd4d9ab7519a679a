/** One motion on the console: its text and state, and the chair's controls for its vote. */
import { closeVote, sendAct } from '../lib/acts.js';
import type { Action } from '../lib/action.js';
import { useMe } from '../lib/me.js';
import { nameOf, useOrg } from '../lib/org.js';
import { Link, paths } from '../lib/router.js';
import type { Motion, Session } from '../lib/types.js';
import { Decision } from '../components/Decision.js';
import { TallyBars } from '../components/Gauges.js';
import { votedCount } from './session.js';

const STATUS = { proposed: 'proposed', open: 'vote open', closed: 'decided' } as const;

export function MotionCard({
  session,
  motion,
  officer,
  action,
}: {
  session: Session;
  motion: Motion;
  officer: boolean;
  action: Action;
}) {
  const { me } = useMe();
  const { org } = useOrg();
  const voted = votedCount(motion);
  const ref = { session: session.id, motion: motion.id };
  return (
    <article className={`motion status-${motion.status}`} aria-labelledby={`motion-${motion.id}`}>
      <h3 id={`motion-${motion.id}`}>
        {motion.text} <span className="tag">{STATUS[motion.status]}</span>
      </h3>
      <p className="meta">
        {motion.id}
        {motion.proposer ? ` · proposed by ${nameOf(org, motion.proposer)}` : ''}
        {motion.kind ? ` · ${motion.kind}` : ''}
        {motion.entries?.proposed != null && (
          <>
            {' · '}
            <Link to={paths.entry(motion.entries.proposed)}>entry {motion.entries.proposed}</Link>
          </>
        )}
      </p>
      {motion.status === 'open' && (
        <p className="voted" aria-live="polite">
          {voted} {voted === 1 ? 'ballot' : 'ballots'} cast
        </p>
      )}
      {motion.tally && motion.status !== 'closed' && <TallyBars tally={motion.tally} />}
      {motion.decision && <Decision decision={motion.decision} />}
      {motion.decision && motion.tally && <TallyBars tally={motion.tally} />}
      {officer && me && session.open && motion.status === 'proposed' && (
        <button
          type="button"
          disabled={!!action.busy}
          onClick={() => void action.run('Opening the vote', () => sendAct(me, 'vote.open', ref))}
        >
          Open the vote
        </button>
      )}
      {officer && me && motion.status === 'open' && (
        <button
          type="button"
          disabled={!!action.busy}
          onClick={() =>
            void action.run('Closing the vote', () => closeVote(me, session.id, motion.id))
          }
        >
          Close the vote
        </button>
      )}
    </article>
  );
}
