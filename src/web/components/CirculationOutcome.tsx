/**
 * A circulation's outcome: while it is open, the outcome if it closed now, with its explanation
 * and whether the answers still to come can change it; once closed, the decision recorded and
 * where its ratification stands; once withdrawn, why.
 */
import { answersCounted } from '../lib/answers.js';
import { adviceReason } from '../lib/format.js';
import { Link, paths } from '../lib/router.js';
import type { CirculationView } from '../lib/types.js';
import { Decision } from './Decision.js';
import { TallyBars } from './Gauges.js';
import { RatificationNote } from './Ratification.js';

export function CirculationOutcome({ circulation: c }: { circulation: CirculationView }) {
  if (c.status === 'withdrawn')
    return (
      <p className="note withdrawn">
        Withdrawn{c.withdrawn?.reason ? `: ${c.withdrawn.reason}` : ''}.{' '}
        {c.withdrawn && <Link to={paths.entry(c.withdrawn.index)}>Entry {c.withdrawn.index}</Link>}
      </p>
    );
  if (c.status === 'closed' && c.decision)
    return (
      <div className="final" data-final={c.decision.outcome}>
        <Decision decision={{ ...c.decision, entry: c.closedAt }} />
        {c.stated && <p className="meta">The minutes state: {c.stated}.</p>}
        <TallyBars tally={c.decision.tally} />
        <RatificationNote ratification={c.ratification} />
      </div>
    );
  const { forming } = c;
  return (
    <div className="forming" data-settled={forming.settled}>
      <p className="eyebrow">If it closed now</p>
      <Decision decision={forming} />
      <p className="settled-note">
        {forming.outcome === 'advisory'
          ? `Advisory: ${adviceReason(c)}; it closes at the deadline.`
          : forming.settled
            ? 'This outcome can no longer change, whatever the others answer: it closes now.'
            : `It can still change: ${answersCounted(c)}.`}
        {!forming.settled && ' At the deadline it closes as it stands.'}
      </p>
      <TallyBars tally={forming.tally} />
    </div>
  );
}
