/** The quorum gauge and the tally bars: native meter elements, labelled, no inline styles. */
import { useId } from 'react';
import { CHOICE_LABEL, tallyRows } from '../lib/format.js';
import type { Quorum } from '../lib/types.js';

export function QuorumGauge({ quorum }: { quorum: Quorum & { votingMembers: number } }) {
  const id = useId();
  const { presentVoting, votingMembers, required, met } = quorum;
  return (
    <div className={`quorum ${met ? 'met' : 'unmet'}`}>
      <label htmlFor={id}>
        Quorum: {presentVoting} of {votingMembers} voting members present, {required} needed
      </label>
      <meter
        id={id}
        min={0}
        max={Math.max(votingMembers, 1)}
        low={Math.max(required - 0.5, 0)}
        optimum={votingMembers}
        value={presentVoting}
      />
      <p className="quorum-state" aria-live="polite">
        {met
          ? 'Quorum is met.'
          : `No quorum yet: ${Math.max(required - presentVoting, 0)} more needed.`}
      </p>
    </div>
  );
}

/** Each choice (or alternative) with its count and a bar against the votes cast. */
export function TallyBars({
  tally,
  large,
}: {
  tally: Readonly<Record<string, number>>;
  large?: boolean;
}) {
  const id = useId();
  const total = Object.values(tally).reduce((a, b) => a + b, 0);
  const rows = tallyRows(tally);
  return (
    <dl className={large ? 'tally large' : 'tally'}>
      {rows.map(([choice, count]) => (
        <div key={choice} className={`tally-row tally-${choice}`}>
          <dt id={`${id}-${choice}`}>{CHOICE_LABEL[choice] ?? choice}</dt>
          <dd>
            <span className="count">{count}</span>
            <meter
              aria-labelledby={`${id}-${choice}`}
              min={0}
              max={Math.max(total, 1)}
              value={count}
            />
          </dd>
        </div>
      ))}
    </dl>
  );
}
