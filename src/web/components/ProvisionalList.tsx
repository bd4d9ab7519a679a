/** Decisions that stand provisionally until a session of the ratifying body decides on them. */
import { refPath, refValue } from '../lib/circulations.js';
import { outcomeLabel } from '../lib/format.js';
import { bodyOf, useOrg } from '../lib/org.js';
import { Link, paths } from '../lib/router.js';
import type { ProvisionalDecision } from '../lib/types.js';

export function ProvisionalList({ decisions }: { decisions: readonly ProvisionalDecision[] }) {
  const { org } = useOrg();
  const name = (body: string) => bodyOf(org, body)?.name ?? body;
  if (decisions.length === 0) return <p>No decision awaits ratification.</p>;
  return (
    <ul className="provisional">
      {decisions.map((d) => (
        <li key={refValue(d.ref)}>
          {/* Named in words: its motion and session, or the question put between sessions. */}
          <Link to={refPath(d.ref)}>{d.named}</Link>
          <p className="meta">
            {d.decision ? `${outcomeLabel(d.decision.outcome)} · ` : ''}
            {d.ratification &&
              `awaits ratification by ${d.ratification.byName ?? name(d.ratification.by)} · `}
            <Link to={paths.entry(d.index)}>entry {d.index}</Link>
          </p>
        </li>
      ))}
    </ul>
  );
}
