/** One motion on the console: its text and state, and the chair's controls for its vote; what
 * it changes in the charter, or the invitation it authorizes (issued from here once adopted). */
import type { Action } from '../lib/action.js';
import { refInWords, refPath } from '../lib/circulations.js';
import { useMe } from '../lib/me.js';
import { bodyOf, nameOf, useOrg } from '../lib/org.js';
import { Link, paths } from '../lib/router.js';
import type { BodyInfo, Motion, Session } from '../lib/types.js';
import { Decision } from '../components/Decision.js';
import { MotionCharterNotes } from '../components/MotionCharterNotes.js';
import { RatificationNote } from '../components/Ratification.js';
import { RoomBallots } from '../components/RoomBallots.js';
import { TallyBars } from '../components/Gauges.js';
import { votedCount } from './session.js';
import { CastingVote, CloseVote, NotVoted, OpenVote, showsTie } from './VoteControls.js';

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
  const body = bodyOf(org, session.body);
  const voted = votedCount(motion);
  const controls = { session, motion, action };
  return (
    <article className={`motion status-${motion.status}`} aria-labelledby={`motion-${motion.id}`}>
      <h3 id={`motion-${motion.id}`}>
        {motion.text} <span className="tag">{STATUS[motion.status]}</span>
      </h3>
      <MotionMeta
        motion={motion}
        body={body}
        place={session.motions.findIndex((m) => m.id === motion.id) + 1}
      />
      {motion.status === 'open' && (
        <p className="voted" aria-live="polite">
          {voted} {voted === 1 ? 'ballot' : 'ballots'} cast
        </p>
      )}
      <NotVoted motion={motion} body={body} />
      {motion.tally && motion.status !== 'closed' && <TallyBars tally={motion.tally} />}
      {(showsTie(motion) || (motion.status === 'open' && motion.casting)) && (
        <CastingVote {...controls} body={body} />
      )}
      {motion.decision && <Decision decision={motion.decision} />}
      {motion.decision && motion.tally && <TallyBars tally={motion.tally} />}
      <MotionCharterNotes session={session} motion={motion} />
      {officer && me && session.open && motion.status === 'proposed' && <OpenVote {...controls} />}
      {officer && me && motion.status === 'open' && (
        <>
          <RoomBallots {...controls} body={body} />
          <CloseVote {...controls} body={body} />
        </>
      )}
    </article>
  );
}

/** Its place in the session (as the minutes number it), who proposed it, its kind and the rule
 * that decides it, its alternatives, its entry. */
function MotionMeta({ motion, body, place }: { motion: Motion; body?: BodyInfo; place: number }) {
  const { org } = useOrg();
  const kind = motion.kind && body?.motionKinds.find((k) => k.id === motion.kind);
  return (
    <>
      <p className="meta">
        Motion {place}
        {motion.proposer ? ` · proposed by ${nameOf(org, motion.proposer)}` : ''}
        {motion.kind ? ` · ${motion.kind}${kind ? `: ${kind.rule}` : ''}` : ''}
        {motion.power ? ` · under ${motion.power}` : ''}
        {motion.entries?.proposed != null && (
          <>
            {' · '}
            <Link to={paths.entry(motion.entries.proposed)}>entry {motion.entries.proposed}</Link>
          </>
        )}
      </p>
      {(motion.ratifies || motion.dispatch) && (
        <p className="meta">
          {motion.ratifies && (
            <>
              {RATIFYING[motion.ratifying ?? 'ratifies'][0]}{' '}
              <Link to={refPath(motion.ratifies)}>
                {motion.ratifiesNamed ?? refInWords(motion.ratifies)}
              </Link>
              {RATIFYING[motion.ratifying ?? 'ratifies'][1]}.{' '}
            </>
          )}
          {motion.dispatch && (
            <>
              It answers{' '}
              <Link to={paths.dispatch(motion.dispatch)}>
                {motion.dispatchNamed ?? `dispatch ${motion.dispatch}`}
              </Link>
              .
            </>
          )}
        </p>
      )}
      <RatificationNote ratification={motion.ratification} />
      {!!motion.alternatives?.length && (
        <p className="meta">
          Alternatives ({motion.method === 'absolute' ? 'absolute majority' : 'plurality'}):{' '}
          {motion.alternatives.join(', ')}
        </p>
      )}
    </>
  );
}

/** What a motion put to ratify a decision did to it, around the decision's name (as the minutes say). */
const RATIFYING = {
  ratifies: ['It ratifies', ''],
  annuls: ['It annuls', ': put to ratify it, rejected'],
  'left-standing': ['It was put to ratify', ': it stands as it did'],
} as const;
