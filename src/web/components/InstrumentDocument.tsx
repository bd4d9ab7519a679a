/**
 * An instrument as a document: who issues it, its number and date, to whom, its text, what a
 * mandate empowers or a receipt acknowledges, its files, what it rests on; and its formula line
 * with the signatures in the order given, under the charter's signing rule.
 */
import { refInWords, refPath } from '../lib/circulations.js';
import { kindLabel, ruleStanding, ruleWithNames, signatureInWords } from '../lib/instruments.js';
import type { InstrumentSummary, InstrumentView } from '../lib/instruments.js';
import { nameOf, useOrg } from '../lib/org.js';
import { Link, paths } from '../lib/router.js';
import { Attachments } from './Attachments.js';
import { timeInWords } from '../../core/minutes/words.js';
import { numbered } from '../../core/words.js';

/** "Directive No. 1920/1". */
export function instrumentTitle(i: Pick<InstrumentSummary, 'kind' | 'number'>): string {
  return `${kindLabel(i.kind)} ${numbered(i.number, 'No.')}`;
}

/** "Directive No. 1920/1 of Political Bureau": the title with the body that issues it. */
export function instrumentOfBody(
  i: Pick<InstrumentSummary, 'kind' | 'number'>,
  bodyName: string,
): string {
  return `${instrumentTitle(i)} of ${bodyName}`;
}

/** The document's fields, as a list of terms. */
export function InstrumentFields({ view }: { view: InstrumentView }) {
  const { org } = useOrg();
  return (
    <dl className="fields">
      {/* Only an issued instrument was issued by anyone: a draft is the body's, to issue. */}
      <dt>{view.issued ? 'Issued by' : 'Body'}</dt>
      <dd>{view.bodyName}</dd>
      {view.date && (
        <>
          <dt>Dated</dt>
          <dd>{timeInWords(view.date)}</dd>
        </>
      )}
      {view.to && (
        <>
          <dt>To</dt>
          <dd>{view.to}</dd>
        </>
      )}
      {view.holder && (
        <>
          <dt>Holder</dt>
          <dd>{view.holderName ?? nameOf(org, view.holder)}</dd>
        </>
      )}
      {view.scope && (
        <>
          <dt>Scope</dt>
          <dd>{view.scope}</dd>
        </>
      )}
      {view.until && (
        <>
          <dt>Until</dt>
          <dd>{timeInWords(view.until)}</dd>
        </>
      )}
      {view.amount && (
        <>
          <dt>Amount</dt>
          <dd>
            {view.amount.value} {view.amount.unit}
          </dd>
        </>
      )}
      {view.from && (
        <>
          <dt>From</dt>
          <dd>{view.fromName ?? nameOf(org, view.from)}</dd>
        </>
      )}
      <RestsOn view={view} />
      <dt>Drafted</dt>
      <dd>
        by {view.draftedByName ?? 'the organization'},{' '}
        <Link to={paths.entry(view.draftedAt)}>entry {view.draftedAt}</Link>
      </dd>
    </dl>
  );
}

/** What the instrument rests on and answers: the decision and the dispatch, as links. */
function RestsOn({ view }: { view: InstrumentView }) {
  return (
    <>
      <dt>Rests on</dt>
      <dd>
        {view.restsOn ? (
          <Link to={refPath(view.restsOn)}>
            {view.restsOnNamed ?? view.restsOnText ?? refInWords(view.restsOn)}
          </Link>
        ) : (
          'no decision'
        )}
      </dd>
      {view.answers && (
        <>
          <dt>Answers</dt>
          <dd>
            <Link to={paths.dispatch(view.answers)}>dispatch {view.answers}</Link>
          </dd>
        </>
      )}
    </>
  );
}

export function InstrumentText({ text }: { text: string }) {
  return <blockquote className="instrument-text">{text}</blockquote>;
}

export function InstrumentFiles({ view }: { view: InstrumentView }) {
  if (view.attachments.length === 0) return null;
  return (
    <>
      <h2>Attachments</h2>
      <Attachments attachments={view.attachments} />
    </>
  );
}

/** The formula line and the signatures under it, in the order given, each linked to its entry. */
export function Signatures({ instrument: i }: { instrument: InstrumentSummary }) {
  const formula = i.formula ?? kindLabel(i.kind);
  return (
    <div className="signatures" aria-label="Signatures">
      <p className="formula">{formula}:</p>
      {i.signatures.length === 0 ? (
        <p className="hint">Not signed yet.</p>
      ) : (
        <ol className="signature-list">
          {i.signatures.map((s) => (
            <li key={s.index} data-signer={s.signer}>
              <span className="signer">{signatureInWords(s)}</span>{' '}
              <Link to={paths.entry(s.index)} className="hint">
                entry {s.index}
              </Link>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** The charter's rule for who signs, with names, and whether the signatures meet it. */
export function SigningRule({ view }: { view: InstrumentView }) {
  const { org } = useOrg();
  return (
    <div className={`signing-rule${view.rule?.met ? ' met' : ''}`} data-met={!!view.rule?.met}>
      {view.rule && <p>{ruleWithNames(view.rule, (id) => nameOf(org, id))}</p>}
      <p className="rule-standing">{ruleStanding(view)}</p>
    </div>
  );
}
