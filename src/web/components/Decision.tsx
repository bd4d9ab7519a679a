/** A decision as the record states it: the outcome, the explanation, and its entry; or, for a
 * question still open, the outcome as it forms (no entry yet). */
import { explanationNamedIn, outcomeLabel } from '../lib/format.js';
import { useOrg } from '../lib/org.js';
import { Link, paths } from '../lib/router.js';

export function Decision({
  decision,
  large,
}: {
  decision: { outcome: string; explanation: string; entry?: number | null };
  large?: boolean;
}) {
  const { entry } = decision;
  const { org } = useOrg();
  return (
    <div
      className={`decision outcome-${decision.outcome}${large ? ' large' : ''}`}
      data-outcome={decision.outcome}
      role="status"
    >
      <p className="outcome">{outcomeLabel(decision.outcome)}</p>
      <p className="explanation">{explanationNamedIn(org, decision.explanation)}</p>
      {!large && entry != null && (
        <p className="entry-ref">
          <Link to={paths.entry(entry)}>Entry {entry}: see its proof</Link>
        </p>
      )}
    </div>
  );
}
