/**
 * Putting a motion to the session: its text, its kind among those the body's charter names (each
 * with the rule it implies), who proposes it, the power it is decided under (in a delegated body),
 * and either one formula voted aye or nay or several alternatives decided by plurality or absolute
 * majority; the provisional decision it ratifies, and the dispatch it answers.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ID_FORM_WORDS } from '../../core/id-rule.js';
import { MAX_CHARS } from '../../core/text-limits.js';
import { motionOfItem } from '../../core/minutes/agenda.js';
import { reservedAlternative } from '../../core/rules/alternatives.js';
import { sendAct } from '../lib/acts.js';
import { refFromValue, refValue } from '../lib/circulations.js';
import type { Action } from '../lib/action.js';
import { freeMotionId, isId } from '../lib/format.js';
import { useMe } from '../lib/me.js';
import { sessionWords, useSessionSummary } from '../lib/minutes.js';
import { amendmentKind, bodyOf, nameOf, useOrg } from '../lib/org.js';
import type { AgendaItemInfo, BodyInfo, MinutesRef, Session } from '../lib/types.js';
import { DispatchField } from '../components/DispatchField.js';
import { RatifiesField } from '../components/RatifiesField.js';

const METHODS = {
  plurality: 'plurality: the alternative with the most votes wins',
  absolute: 'absolute majority: more than half of the votes cast, else a runoff of the first two',
} as const;
type Method = keyof typeof METHODS;

/** An agenda item whose motion the officer puts: `n` changes with each choice, even of the same. */
export interface AgendaPrefill {
  readonly item: AgendaItemInfo;
  /** Its place on the agenda, as the minutes number it: a reader knows it by that, not its id. */
  readonly place: number;
  readonly n: number;
}

/** The agenda item the motion is put under, and the minutes it approves, as drafted. */
interface UnderItem {
  readonly item: string;
  readonly place: number;
  readonly title: string;
  readonly approves?: MinutesRef | undefined;
}

/** What the form holds besides the method and the power: emptied once the motion is put. */
interface MotionFields {
  readonly text: string;
  readonly kind: string;
  readonly proposer: string;
  readonly alternatives: string[] | null;
  /** A decision awaiting ratification, as refValue writes it; '' for none. */
  readonly ratifies: string;
  readonly dispatch: string;
}

const NO_FIELDS: MotionFields = {
  text: '',
  kind: '',
  proposer: '',
  alternatives: null,
  ratifies: '',
  dispatch: '',
};

/** The motion.propose payload the fields give, without its session, id and power. */
function motionPayload(f: MotionFields, method: Method, under: UnderItem | undefined) {
  return {
    text: f.text.trim(),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.proposer ? { proposer: f.proposer } : {}),
    ...(f.alternatives ? { alternatives: f.alternatives.map((a) => a.trim()), method } : {}),
    ...(f.ratifies ? { ratifies: refFromValue(f.ratifies) } : {}),
    ...(f.dispatch ? { dispatch: f.dispatch } : {}),
    ...(under ? { item: under.item } : {}),
    ...(under?.approves ? { approves: under.approves } : {}),
  };
}

export function ProposeMotion(props: {
  session: Session;
  action: Action;
  prefill?: AgendaPrefill | undefined;
}) {
  const { session, action, prefill } = props;
  const { me } = useMe();
  const { org } = useOrg();
  const body = bodyOf(org, session.body);
  const [f, setF] = useState<MotionFields>(NO_FIELDS);
  const set = (patch: Partial<MotionFields>) => setF((old) => ({ ...old, ...patch }));
  const [method, setMethod] = useState<Method>('plurality');
  const powers = body?.parent ? body.powers : [];
  const [power, setPower] = useState('');
  const { under, clear, textRef } = useAgendaItem(prefill, (draft) =>
    set({
      text: draft.text ?? '',
      dispatch: draft.dispatch ?? '',
      ratifies: draft.ratifies ? refValue(draft.ratifies) : '',
    }),
  );
  const id = useId();
  const motion = freeMotionId(session, 'motion');
  const { text, alternatives } = f;
  const problems = alternatives ? alternativeProblems(alternatives) : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!me || !text.trim() || problems.length > 0) return;
    const payload = {
      ...motionPayload(f, method, under),
      session: session.id,
      motion,
      ...(powers.length > 0 ? { power: power || powers[0] } : {}),
    };
    if (await action.run('Proposing', () => sendAct(me, 'motion.propose', payload))) {
      setF(NO_FIELDS);
      clear();
    }
  };

  return (
    <form className="stack propose" onSubmit={(e) => void submit(e)} aria-label="Put a motion">
      <label htmlFor={id}>New motion</label>
      {under && <UnderItemNote under={under} onClear={clear} />}
      <textarea
        ref={textRef}
        id={id}
        rows={3}
        required
        maxLength={MAX_CHARS.motion}
        value={text}
        placeholder="Shall we …?"
        onChange={(e) => set({ text: e.target.value })}
      />
      <MotionDetails
        session={session}
        body={body}
        fields={f}
        set={set}
        power={{ powers, value: power, onChange: setPower }}
      />
      <AlternativesField
        value={alternatives}
        onChange={(alternatives) => set({ alternatives })}
        method={method}
        onMethod={setMethod}
        problems={problems}
      />
      <p className="hint">It will be recorded as motion {motion}.</p>
      <button type="submit" disabled={!!action.busy || !text.trim() || problems.length > 0}>
        Put the motion
      </button>
    </form>
  );
}

/** What a motion names beside its wording: kind, proposer, power, ratification, dispatch. */
function MotionDetails(props: {
  session: Session;
  body: BodyInfo | undefined;
  fields: MotionFields;
  set: (patch: Partial<MotionFields>) => void;
  power: { powers: readonly string[]; value: string; onChange: (power: string) => void };
}) {
  const { session, body, fields: f, set, power } = props;
  return (
    <>
      {body && <KindField body={body} value={f.kind} onChange={(kind) => set({ kind })} />}
      {body && (
        <ProposerField body={body} value={f.proposer} onChange={(proposer) => set({ proposer })} />
      )}
      {power.powers.length > 0 && (
        <PowerField
          powers={power.powers}
          value={power.value || power.powers[0]!}
          onChange={power.onChange}
        />
      )}
      <RatifiesField
        awaiting={session.awaitingRatification ?? []}
        value={f.ratifies}
        onChange={(value, decision) =>
          set({
            ratifies: value,
            ...(decision && !f.text.trim() ? { text: `Ratify: ${decision.text}` } : {}),
          })
        }
      />
      <DispatchField
        body={session.body}
        value={f.dispatch}
        onChange={(dispatch) => set({ dispatch })}
      />
    </>
  );
}

/**
 * The agenda item the motion is put under: on each choice, `fill` takes the item's draft as core
 * reads it (src/core/minutes/agenda.ts), and the wording is brought into view.
 */
function useAgendaItem(
  prefill: AgendaPrefill | undefined,
  fill: (draft: ReturnType<typeof motionOfItem>) => void,
) {
  const [under, setUnder] = useState<UnderItem>();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const fillRef = useRef(fill);
  fillRef.current = fill;
  useEffect(() => {
    if (!prefill) return;
    const draft = motionOfItem(prefill.item, prefill.item.approves);
    fillRef.current(draft);
    const { item, title } = prefill.item;
    setUnder({ item, place: prefill.place, title, approves: draft.approves });
    textRef.current?.scrollIntoView({ block: 'center' });
    textRef.current?.focus();
  }, [prefill]);
  return { under, clear: () => setUnder(undefined), textRef };
}

/** The agenda item the motion is put under, and a way to put it under none. */
function UnderItemNote({ under, onClear }: { under: UnderItem; onClear: () => void }) {
  const { org } = useOrg();
  const approves = under.approves?.session;
  const approved = useSessionSummary(approves);
  return (
    <p className="hint" role="status">
      Under agenda item {under.place}: {under.title}
      {approves
        ? ` (it approves the minutes of ${sessionWords(org, approves, approved.data)})`
        : ''}
      .{' '}
      <button type="button" className="small secondary" onClick={onClear}>
        Not under this item
      </button>
    </p>
  );
}

/** What is wrong with the alternatives as typed, in words; none when they can be put. */
export function alternativeProblems(alternatives: readonly string[]): string[] {
  const names = alternatives.map((a) => a.trim());
  const problems: string[] = [];
  if (names.length < 2) problems.push('Put at least two alternatives.');
  names.forEach((name, i) => {
    if (name === '') problems.push(`Alternative ${i + 1} has no name.`);
    else if (!isId(name))
      problems.push(`Alternative ${i + 1}, "${name}": a name is an id: ${ID_FORM_WORDS}.`);
    else if (reservedAlternative(name)) problems.push(reservedAlternative(name)!);
    else if (names.indexOf(name) !== i) problems.push(`"${name}" is named twice.`);
  });
  return problems;
}

function KindField(props: { body: BodyInfo; value: string; onChange: (kind: string) => void }) {
  const { body, value, onChange } = props;
  const id = useId();
  // Amendments are put with their charter, apart: a motion of their kind here would amend nothing.
  const kinds = body.motionKinds.filter((k) => k !== amendmentKind(body));
  if (kinds.length === 0) return <p className="hint">Decided by {body.majorityInWords}.</p>;
  return (
    <>
      <label htmlFor={id}>Kind</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">ordinary: {body.majorityInWords}</option>
        {kinds.map((k) => (
          <option key={k.id} value={k.id}>
            {k.id}: {k.rule}
          </option>
        ))}
      </select>
    </>
  );
}

/** Whoever sits on the body may be named as proposer; the officer puts it for them. */
function ProposerField(props: { body: BodyInfo; value: string; onChange: (p: string) => void }) {
  const { body, value, onChange } = props;
  const { org } = useOrg();
  const id = useId();
  const people = [
    ...new Set([...body.members, ...body.candidates, body.chair, body.secretary]),
  ].filter((p): p is string => !!p);
  return (
    <>
      <label htmlFor={id}>Proposed by</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">none</option>
        {people.map((p) => (
          <option key={p} value={p}>
            {nameOf(org, p)}
          </option>
        ))}
      </select>
    </>
  );
}

/** A delegated body decides only under a power its parent gave it (src/core/state/body.ts). */
export function PowerField(props: {
  powers: readonly string[];
  value: string;
  onChange: (power: string) => void;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>Under the power</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.powers.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
    </>
  );
}

function AlternativesField(props: {
  value: string[] | null;
  onChange: (alternatives: string[] | null) => void;
  method: Method;
  onMethod: (method: Method) => void;
  problems: readonly string[];
}) {
  const { value, onChange, method, onMethod, problems } = props;
  const id = useId();
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={value !== null}
          onChange={(e) => onChange(e.target.checked ? ['', ''] : null)}
        />{' '}
        Several alternatives instead of aye or nay
      </label>
      {value && (
        <fieldset className="alternatives">
          <legend>Alternatives</legend>
          {value.map((name, i) => (
            <AlternativeRow key={i} index={i} value={value} onChange={onChange} name={name} />
          ))}
          <button type="button" className="small" onClick={() => onChange([...value, ''])}>
            Add an alternative
          </button>
          <label htmlFor={`${id}-method`}>Method</label>
          <select
            id={`${id}-method`}
            value={method}
            onChange={(e) => onMethod(e.target.value as Method)}
          >
            {(Object.keys(METHODS) as Method[]).map((m) => (
              <option key={m} value={m}>
                {METHODS[m]}
              </option>
            ))}
          </select>
          {problems.length > 0 && (
            <ul className="problems" aria-live="polite">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </fieldset>
      )}
    </>
  );
}

function AlternativeRow(props: {
  index: number;
  name: string;
  value: string[];
  onChange: (alternatives: string[]) => void;
}) {
  const { index, name, value, onChange } = props;
  const id = useId();
  const label = `Alternative ${index + 1}`;
  return (
    <div className="alternative-row">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={name}
        placeholder={index === 0 ? 'e.g. oak' : undefined}
        autoCapitalize="none"
        spellCheck={false}
        onChange={(e) => onChange(value.map((v, i) => (i === index ? e.target.value : v)))}
      />
      <button
        type="button"
        className="small"
        aria-label={`Remove ${label.toLowerCase()}`}
        disabled={value.length <= 2}
        onClick={() => onChange(value.filter((_, i) => i !== index))}
      >
        Remove
      </button>
    </div>
  );
}
