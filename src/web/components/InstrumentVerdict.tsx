/** The verdict on an instrument bundle: accepted or refused, every reason, what was proven, the
 * instrument as the bundle proves it, and what was trusted to say so. */
import type { Verification } from '../lib/instrument-verify.js';
import { kindLabel, STATUS_LABEL } from '../lib/instruments.js';
import { instrumentOfBody } from './InstrumentDocument.js';
import { REASON_HEADINGS } from '../../verify/reason-headings.js';

export function VerdictPanel({ verification: v }: { verification: Verification }) {
  if (v.kind === 'policy-problems')
    return (
      <div className="verification">
        <p className="failed" data-accepted="false">
          The trust policy cannot be read:
        </p>
        <ul className="problems">
          {v.problems.map((p) => (
            <li key={p}>
              <code>{p}</code>
            </li>
          ))}
        </ul>
      </div>
    );
  const { verdict, trusted } = v;
  const i = verdict.instrument;
  return (
    <div className="verification">
      <p className={verdict.accepted ? 'verified' : 'failed'} data-accepted={verdict.accepted}>
        {verdict.accepted ? 'Accepted.' : 'Refused.'}
      </p>
      <PolicyWarnings warnings={v.warnings} />
      {verdict.reasons.length > 0 && (
        <>
          <h3>{verdict.reasons.length === 1 ? 'The reason' : 'The reasons'}</h3>
          <ul className="reasons">
            {verdict.reasons.map((r) => (
              <li key={`${r.code}:${r.message}`} data-code={r.code}>
                <strong>{REASON_HEADINGS[r.code] ?? r.code}</strong>: {r.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {i && (
        <>
          <h3>What the bundle proves</h3>
          <p>
            {instrumentOfBody(i, i.bodyName ?? i.body)}, {STATUS_LABEL[i.state]}
            {asOf(verdict.checkpointSize)}:
          </p>
          <blockquote className="instrument-text">{i.text}</blockquote>
          <p className="formula">{i.formula ?? kindLabel(i.kind)}:</p>
          <ol className="signature-list">
            {i.signatures.map((s) => (
              <li key={s.index}>
                {s.name}
                {s.ownKey
                  ? ', with their own key'
                  : s.recordedBy
                    ? `, recorded by ${s.recordedByName ?? s.recordedBy}`
                    : ", with the record's key (they hold none)"}{' '}
                <span className="hint">(entry {s.index})</span>
              </li>
            ))}
          </ol>
        </>
      )}
      <h3>Proven</h3>
      <ul className="proven">
        {verdict.proven.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="trust">
        {'policy' in trusted ? (
          <>Verified under your trust policy, {trusted.policy}.</>
        ) : (
          <>
            No trust policy given: the log key this server states was trusted (compare it with the
            one your organization publishes), with the charter’s own signing rule:{' '}
            <code>{trusted.serverLogKey}</code>
          </>
        )}
      </p>
    </div>
  );
}

/** Keys of the policy that could never verify: the policy stands, and trusts nothing by them. */
function PolicyWarnings({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <>
      <h3>Warnings of your trust policy</h3>
      <ul className="warnings">
        {warnings.map((w) => (
          <li key={w}>
            <code>{w}</code>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * A bundle proves the record up to its checkpoint only: an instrument revoked or annulled since
 * still shows as issued, so the page says as of when.
 */
function asOf(size: number | undefined): string {
  return size === undefined ? '' : ` as of the checkpoint (entry ${size - 1} of the log)`;
}
