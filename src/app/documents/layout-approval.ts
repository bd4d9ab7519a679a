/** The end of the minutes laid out: their approval and signatures, and the appendix of proofs. */
import type { MinutesDocument } from '../../core/minutes/document.js';
import { plural } from '../../core/words.js';
import type { Block, MinutesRenderOptions, Section } from './layout.js';
import {
  objectionLead,
  provisionally,
  signatureInWords,
  unsignedInWords,
} from '../../core/minutes/words.js';
import { dayInWords, proofLink } from './words.js';

/** Approval: by which decision, the signatures of chair and secretary, who has not signed, objections. */
export function approvalSection(doc: MinutesDocument): Section {
  const a = doc.approval;
  const approved = a.approved;
  const signatures = a.signatures.map(signatureInWords);
  const unsigned = unsignedInWords(a);
  const objections = a.objections.flatMap((o): Block[] => [
    { kind: 'text', text: objectionLead(o) },
    { kind: 'quote', text: o.text },
  ]);
  return {
    id: 'approval',
    title: 'Approval',
    blocks: [
      approved
        ? {
            kind: 'text',
            text: `Approved on ${dayInWords(approved.date)} by ${approved.decision}${provisionally(approved)}.`,
            tone: 'status',
          }
        : { kind: 'text', text: 'Not yet approved.', tone: 'status' },
      ...(a.pending.length > 0
        ? [
            {
              kind: 'text' as const,
              text: `Put for approval, not yet decided: ${a.pending.join('; ')}.`,
            },
          ]
        : []),
      { kind: 'text', text: `What approval and signatures cover (SHA-256 of the content):` },
      { kind: 'code', text: a.content },
      signatures.length > 0
        ? { kind: 'list', items: signatures }
        : { kind: 'text', text: 'No signature yet.' },
      ...(unsigned !== undefined ? [{ kind: 'text' as const, text: unsigned }] : []),
      ...(objections.length > 0
        ? objections
        : [{ kind: 'text' as const, text: 'No objection to the minutes is recorded.' }]),
    ],
  };
}

/** The appendix: the log's key and checkpoint, and the entry that proves each part. */
export function appendixSection(doc: MinutesDocument, opts: MinutesRenderOptions): Section {
  const x = doc.appendix;
  const entries = plural(x.treeSize, 'entry', 'entries');
  const size =
    x.checkpoint !== undefined
      ? `Its latest signed checkpoint, below, covers ${entries}.`
      : `It held ${entries} when this document was made.`;
  const verify = opts.proofBase
    ? 'Each link opens the entry in the record, with its proof of inclusion in the log; the QR code beside it, where the document has one, is the same link.'
    : `Each entry's proof of inclusion is printed by collegium prove ENTRY; collegium export bundle --session ${doc.session.id} writes the session's entries with their proofs, which collegium verify checks offline.`;
  return {
    id: 'appendix',
    title: 'Appendix: how to verify these minutes',
    blocks: [
      {
        kind: 'text',
        text: `Every part of these minutes is an entry of the organization's signed log. ${size} ${verify}`,
      },
      { kind: 'text', text: 'The log key (C2SP signed-note verifier key):' },
      { kind: 'code', text: x.logKey },
      ...(x.checkpoint !== undefined
        ? [
            { kind: 'text' as const, text: 'The latest signed checkpoint:' },
            { kind: 'code' as const, text: x.checkpoint.replace(/\n$/, '') },
          ]
        : [{ kind: 'text' as const, text: 'The log has no signed checkpoint yet.' }]),
      {
        kind: 'proofs',
        rows: x.proofs.map((p) => {
          const link = proofLink(opts.proofBase, p.entry);
          return { label: p.label, entry: p.entry, ...(link !== undefined ? { link } : {}) };
        }),
      },
    ],
  };
}
