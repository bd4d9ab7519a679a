/** Where a decision that must be ratified stands: provisional, ratified or annulled, and by what. */
import { bodyOf, useOrg } from '../lib/org.js';
import { Link, paths } from '../lib/router.js';
import type { Ratification } from '../lib/types.js';

const STATUS = {
  provisional: 'Provisional',
  ratified: 'Ratified',
  annulled: 'Annulled',
} as const;

export function RatificationNote({ ratification }: { ratification?: Ratification | null }) {
  const { org } = useOrg();
  if (!ratification) return null;
  const by = ratification.byName ?? bodyOf(org, ratification.by)?.name ?? ratification.by;
  const motion = ratification.decidedBy;
  return (
    <p className={`ratification ratification-${ratification.status}`}>
      <span className="tag">{STATUS[ratification.status]}</span>{' '}
      {ratification.status === 'provisional' ? (
        `It stands until a session of ${by} ratifies it, or annuls it.`
      ) : motion ? (
        <>
          {ratification.status === 'ratified' ? 'Ratified' : 'Annulled'} by{' '}
          <Link to={paths.session(motion.session)}>
            {ratification.decidedByNamed ?? `motion ${motion.motion} of session ${motion.session}`}
          </Link>
          .
        </>
      ) : (
        `By ${by}.`
      )}
    </p>
  );
}
