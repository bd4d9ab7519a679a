/** A decision as the record states it: the outcome, the explanation, and its entry. */
import { outcomeLabel } from '../lib/format.js';
import { Link, paths } from '../lib/router.js';
import type { DecisionInfo } from '../lib/types.js';

export function Decision({ decision, large }: { decision: DecisionInfo; large?: boolean }) {
  return (
    <div
      className={`decision outcome-${decision.outcome}${large ? ' large' : ''}`}
      data-outcome={decision.outcome}
      role="status"
    >
      <p className="outcome">{outcomeLabel(decision.outcome)}</p>
      <p className="explanation">{decision.explanation}</p>
      {!large && (
        <p className="entry-ref">
          <Link to={paths.entry(decision.entry)}>Entry {decision.entry}: see its proof</Link>
        </p>
      )}
    </div>
  );
}
