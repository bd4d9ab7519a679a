/** The chain a decision belongs to: what it follows, what ratified it, in record order. */
import { refPath, refValue } from '../lib/circulations.js';
import { outcomeLabel } from '../lib/format.js';
import { Link } from '../lib/router.js';
import type { ChainLink, DecisionRef } from '../lib/types.js';

export function DecisionChain(props: { chain: readonly ChainLink[]; current: DecisionRef }) {
  if (props.chain.length < 2) return null;
  const current = refValue(props.current);
  return (
    <section aria-labelledby="chain-heading">
      <h2 id="chain-heading">The chain of decisions</h2>
      <ol className="chain">
        {props.chain.map((link) => {
          const here = refValue(link.ref) === current;
          return (
            <li key={refValue(link.ref)} aria-current={here ? 'step' : undefined}>
              {/* Named in words: its motion and session, or the question put between sessions. */}
              {here ? (
                <strong>{link.named}</strong>
              ) : (
                <Link to={refPath(link.ref)}>{link.named}</Link>
              )}
              <p className="meta">
                {link.outcome ? outcomeLabel(link.outcome) : 'undecided'}
                {link.ratification ? ` · ${link.ratification.status}` : ''}
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
