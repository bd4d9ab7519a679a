/**
 * The end of the minutes: their approval, the signatures of chair and secretary and who has not
 * signed, objections; then the appendix that makes them verifiable (the log key, the latest
 * checkpoint, each part's entry linked to its proof).
 */
import { plural } from '../../core/words.js';
import {
  dayInWords,
  objectionLead,
  provisionally,
  signatureInWords,
  unsignedInWords,
} from '../../core/minutes/words.js';
import type { MinutesDocument } from '../lib/minutes.js';
import { Link, paths } from '../lib/router.js';
import { Proof } from './MinutesProceedings.js';

export function ApprovalSection({ doc }: { doc: MinutesDocument }) {
  const a = doc.approval;
  const unsigned = unsignedInWords(a);
  return (
    <section aria-labelledby="approval-heading">
      <h2 id="approval-heading">Approval</h2>
      {a.approved ? (
        <p className="minutes-status">
          <strong>
            Approved on {dayInWords(a.approved.date)} by {a.approved.decision}
            {provisionally(a.approved)}.
          </strong>{' '}
          <Proof entry={a.approved.entry} />
        </p>
      ) : (
        <p className="minutes-status">
          <strong>Not yet approved.</strong>
        </p>
      )}
      {a.pending.length > 0 && <p>Put for approval, not yet decided: {a.pending.join('; ')}.</p>}
      <p>What approval and signatures cover (SHA-256 of the content):</p>
      <pre className="hash" data-content={a.content}>
        {a.content}
      </pre>
      {a.signatures.length > 0 ? (
        <ul className="signatures">
          {a.signatures.map((s) => (
            <li key={s.entry} data-signer={s.signer.id}>
              {signatureInWords(s)} <Proof entry={s.entry} />
            </li>
          ))}
        </ul>
      ) : (
        <p>No signature yet.</p>
      )}
      {unsigned !== undefined && <p>{unsigned}</p>}
      {a.objections.length > 0 ? (
        a.objections.map((o) => (
          <div key={o.entry} className="objection" data-objector={o.member.id}>
            <p>
              {objectionLead(o)} <Proof entry={o.entry} />
            </p>
            <blockquote>{o.text}</blockquote>
          </div>
        ))
      ) : (
        <p>No objection to the minutes is recorded.</p>
      )}
    </section>
  );
}

export function AppendixSection({ doc }: { doc: MinutesDocument }) {
  const x = doc.appendix;
  const entries = plural(x.treeSize, 'entry', 'entries');
  return (
    <section aria-labelledby="appendix-heading" className="appendix">
      <h2 id="appendix-heading">Appendix: how to verify these minutes</h2>
      <p>
        Every part of these minutes is an entry of the organization&apos;s signed log.{' '}
        {x.checkpoint !== undefined
          ? `Its latest signed checkpoint, below, covers ${entries}.`
          : `It held ${entries} when these minutes were read.`}{' '}
        Each link opens the entry in the record, with its proof of inclusion in the log.
      </p>
      <p>The log key (C2SP signed-note verifier key):</p>
      <pre className="hash" data-log-key>
        {x.logKey}
      </pre>
      {x.checkpoint !== undefined ? (
        <>
          <p>The latest signed checkpoint:</p>
          <pre className="hash checkpoint">{x.checkpoint.replace(/\n$/, '')}</pre>
        </>
      ) : (
        <p>The log has no signed checkpoint yet.</p>
      )}
      <ol className="proof-lines">
        {x.proofs.map((p) => (
          <li key={`${p.entry}-${p.label}`}>
            {p.label}:{' '}
            <Link to={paths.entry(p.entry)} data-entry={p.entry}>
              entry {p.entry}
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}
