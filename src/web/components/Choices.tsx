/** The buttons of a ballot (the member's own or one cast by proxy) or of an answer to a
 * circulation, and the act a ballot's choice makes. */
import { CHOICE_LABEL } from '../lib/format.js';
import type { Motion } from '../lib/types.js';

export interface Option {
  readonly value: string;
  readonly label: string;
}

/** Aye, nay, abstain: a yes/no ballot, and every answer to a circulation. */
export const AYE_NAY_ABSTAIN: readonly Option[] = ['aye', 'nay', 'abstain'].map((c) => ({
  value: c,
  label: CHOICE_LABEL[c] ?? c,
}));

/** The choices of a motion's ballot: its alternatives and abstaining, or aye, nay, abstain. */
export function optionsOf(motion: Motion): readonly Option[] {
  return motion.alternatives?.length
    ? [...motion.alternatives.map((a) => ({ value: a, label: a })), { value: '', label: 'Abstain' }]
    : AYE_NAY_ABSTAIN;
}

/** The `ballot.cast` payload of a choice: an alternative ('' abstains) or aye, nay, abstain. */
export function ballotPayload(session: string, motion: Motion, voter: string, value: string) {
  const ref = { session, motion: motion.id, voter };
  return motion.alternatives?.length
    ? { ...ref, alternative: value || null }
    : { ...ref, choice: value };
}

export function Choices(props: {
  options: readonly Option[];
  busy: boolean;
  /** The group's accessible name ("Your vote"). */
  label: string;
  /** Whose ballot, when not the member's own: each button says so to assistive technology. */
  forWhom?: string;
  onChoose: (value: string) => void;
}) {
  const { options, busy, label, forWhom, onChoose } = props;
  return (
    <div className="choices" role="group" aria-label={label}>
      {options.map((o) => (
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
