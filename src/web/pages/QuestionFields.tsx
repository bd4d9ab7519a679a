/** The parts of the form that puts a question: whom it asks, and the rule that decides it. */
import { useId } from 'react';
import { majorityInWords } from '../../core/charter/describe.js';
import { nameOf } from '../lib/org.js';
import type { RuleChoice } from '../lib/answers.js';
import type { BodyInfo, MajorityRule, Organization } from '../lib/types.js';

/** Majorities that mean something for written answers ("present" does not). */
const MAJORITIES: readonly MajorityRule[] = [
  'votes-cast',
  'membership',
  'two-thirds',
  'three-quarters',
];

/** The whole body, or chosen voting members of it. */
export function AskedField(props: {
  org: Organization | undefined;
  body: BodyInfo;
  value: string[] | null;
  onChange: (to: string[] | null) => void;
}) {
  const { org, body, value, onChange } = props;
  const id = useId();
  const voting = body.members.filter((p) => !body.candidates.includes(p));
  const toggle = (person: string, on: boolean) =>
    onChange(on ? [...(value ?? []), person] : (value ?? []).filter((p) => p !== person));
  return (
    <fieldset className="choice-list">
      <legend>Put to</legend>
      <label className="check">
        <input
          type="radio"
          name={`${id}-to`}
          checked={value === null}
          onChange={() => onChange(null)}
        />{' '}
        The whole body: every voting member ({voting.length})
      </label>
      <label className="check">
        <input
          type="radio"
          name={`${id}-to`}
          checked={value !== null}
          onChange={() => onChange([])}
        />{' '}
        Chosen members (a consultation)
      </label>
      {value !== null && (
        <fieldset className="choice-list members-pick">
          <legend>Members to consult</legend>
          {voting.map((p) => (
            <label key={p} className="check">
              <input
                type="checkbox"
                checked={value.includes(p)}
                onChange={(e) => toggle(p, e.target.checked)}
              />{' '}
              {nameOf(org, p)}
            </label>
          ))}
          {value.length === 0 && <p className="hint">Choose at least one.</p>}
        </fieldset>
      )}
    </fieldset>
  );
}

/**
 * For a delegated body that must draw in its parent's members at hand: which of them are at hand.
 * They are asked too, and the record checks that they were; their answers are heard and, having
 * no vote in the body, not counted.
 */
export function AtHandField(props: {
  org: Organization | undefined;
  body: BodyInfo;
  value: string[];
  onChange: (atHand: string[]) => void;
}) {
  const { org, body, value, onChange } = props;
  const parent = org?.bodies.find((b) => b.id === body.drawsIn);
  if (!parent) return null;
  const others = parent.members.filter(
    (p) => !parent.candidates.includes(p) && !body.members.includes(p),
  );
  if (others.length === 0) return null;
  return (
    <fieldset className="choice-list members-pick">
      <legend>Members of {parent.name} at hand (asked too: heard, not counted)</legend>
      {others.map((p) => (
        <label key={p} className="check">
          <input
            type="checkbox"
            checked={value.includes(p)}
            onChange={(e) =>
              onChange(e.target.checked ? [...value, p] : value.filter((q) => q !== p))
            }
          />{' '}
          {nameOf(org, p)}
        </label>
      ))}
    </fieldset>
  );
}

/** The body's own rule for written answers, or one for this question alone. */
export function RuleField(props: {
  body: BodyInfo;
  /** Put to chosen members: without a rule, it is advisory. */
  consultation: boolean;
  value: RuleChoice;
  onChange: (rule: RuleChoice) => void;
}) {
  const { body, consultation, value, onChange } = props;
  const id = useId();
  // The organization view may not say the body's rule: then it is named without its words.
  const own =
    body.circulation === undefined
      ? "the body's rule for written answers (advisory where it has none)"
      : body.circulation?.rule
        ? `the body's rule: ${body.circulation.rule}`
        : `none: advisory${consultation ? '' : ' (the body has no rule for written answers)'}`;
  const select = value.kind === 'majority' ? value.majority : value.kind;
  const pick = (v: string) =>
    onChange(
      v === '' || v === 'unanimous'
        ? { kind: v }
        : { kind: 'majority', majority: v as MajorityRule, quorum: 0 },
    );
  return (
    <>
      <label htmlFor={`${id}-rule`}>Decided by</label>
      <select id={`${id}-rule`} value={select} onChange={(e) => pick(e.target.value)}>
        <option value="">{own}</option>
        <option value="unanimous">unanimous consent: an aye from every member asked</option>
        {MAJORITIES.map((m) => (
          <option key={m} value={m}>
            {majorityInWords(m)}
          </option>
        ))}
      </select>
      {value.kind === 'majority' && (
        <>
          <label htmlFor={`${id}-quorum`}>At least this many answers (optional)</label>
          <input
            id={`${id}-quorum`}
            type="number"
            min={0}
            inputMode="numeric"
            value={value.quorum || ''}
            onChange={(e) => onChange({ ...value, quorum: Math.max(0, Number(e.target.value)) })}
          />
        </>
      )}
    </>
  );
}
