/** The members asked, each with their answer: how it came, who recorded it, whether it counts. */
import { answerInWords, choiceLabel } from '../lib/answers.js';
import { nameOf, useOrg } from '../lib/org.js';
import { Link, paths } from '../lib/router.js';
import type { CirculationView } from '../lib/types.js';

export function CirculationMembers({ circulation }: { circulation: CirculationView }) {
  const { org } = useOrg();
  return (
    <ul className="answers">
      {circulation.members.map(({ id, name, answer }) => (
        <li key={id} data-member={id}>
          <span className="name">{name}</span>{' '}
          {answer ? (
            <span
              className={`tag answer-${answer.choice}${answer.disputed || answer.late ? ' void' : ''}`}
            >
              {choiceLabel(answer.choice)}
            </span>
          ) : (
            <span className="tag">no answer</span>
          )}
          {answer && (
            <p className="meta">
              {answerInWords(
                answer,
                (p) => nameOf(org, p),
                circulation.mode === 'minutes',
                circulation.deadline,
              )}{' '}
              · <Link to={paths.entry(answer.index)}>entry {answer.index}</Link>
            </p>
          )}
          {answer?.comment && <p className="comment">“{answer.comment}”</p>}
        </li>
      ))}
    </ul>
  );
}
