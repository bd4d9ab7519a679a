/** The buttons of a ballot, the member's own or one cast by proxy, and the act a choice makes. */
import { CHOICE_LABEL } from '../lib/format.js';
import type { Motion } from '../lib/types.js';

/** The choices of a motion's ballot: its alternatives and abstaining, or aye, nay, abstain. */
function optionsOf(motion: Motion): { value: string; label: string }[] {
  return motion.alternatives?.length
    ? [...motion.alternatives.map((a) => ({ value: a, label: a })), { value: '', label: 'Abstain' }]
    : ['aye', 'nay', 'abstain'].map((c) => ({ value: c, label: CHOICE_LABEL[c] ?? c }));
}

/** The `ballot.cast` payload of a choice: an alternative ('' abstains) or aye, nay, abstain. */
export function ballotPayload(session: string, motion: Motion, voter: string, value: string) {
  const ref = { session, motion: motion.id, voter };
  return motion.alternatives?.length
    ? { ...ref, alternative: value || null }
    : { ...ref, choice: value };
}

export function Choices(props: {
  motion: Motion;
  busy: boolean;
  /** The group's accessible name ("Your vote"). */
  label: string;
  /** Whose ballot, when not the member's own: each button says so to assistive technology. */
  forWhom?: string;
  onChoose: (value: string) => void;
}) {
  const { motion, busy, label, forWhom, onChoose } = props;
  return (
    <div className="choices" role="group" aria-label={label}>
      {optionsOf(motion).map((o) => (
        <button
          key={o.value}
          type="button"
          className={`choice choice-${o.value || 'abstain'}`}
          disabled={busy}
          onClick={() => onChoose(o.value)}
          {...(forWhom ? { 'aria-label': `${o.label} for ${forWhom}` } : {})}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
