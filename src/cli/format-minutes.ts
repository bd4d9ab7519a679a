/**
 * What the protocol says of a session besides its votes, read from the minutes model (the one
 * every rendering of the minutes renders): its notice and agenda, the flags the opening raised,
 * the apologies, and where its minutes stand (approved, signed, objected to).
 */
import type { MinutesDocument } from '../core/minutes/document.js';
import { plural } from '../core/words.js';
import { dayInWords, timeInWords } from '../core/minutes/words.js';

/** The lines that open a session's protocol, under its chair and secretary. */
export function noticeLines(doc: MinutesDocument): string[] {
  const lines: string[] = [];
  if (doc.notice)
    lines.push(
      `  Convened by a notice of ${dayInWords(doc.notice.noticed.slice(0, 10))} for ${timeInWords(doc.notice.date)} [entry ${doc.notice.entry}].`,
    );
  lines.push(...doc.flags.map((f) => `  ! ${f}`));
  if (doc.agenda.length > 0) lines.push(`  Agenda (${doc.agenda.length}):`);
  for (const a of doc.agenda) {
    const put = a.motions.length > 0 ? `; put as ${a.motions.join(', ')}` : '';
    lines.push(`    ${a.n}. ${a.title} (${a.item})${put}`);
    if (a.motion !== undefined) lines.push(`       Drafted: "${a.motion}"`);
    for (const f of a.attachments)
      lines.push(`       Attached: ${f.name}, ${plural(f.size, 'byte')}, sha256 ${f.hash}`);
  }
  const excused = doc.attendance.excused;
  if (excused.length > 0)
    lines.push(
      `  Excused (${excused.length}): ${excused.map((p) => (p.reason ? `${p.name} (${p.reason})` : p.name)).join(', ')}`,
    );
  return lines;
}

/** Where a closed session's minutes stand: approved or not, signed, objected to. */
export function approvalLines(doc: MinutesDocument): string[] {
  if (doc.status === 'in-progress') return [];
  const a = doc.approval;
  const lines = [
    a.approved
      ? `  Minutes approved on ${dayInWords(a.approved.date)} by ${a.approved.decision} [entry ${a.approved.entry}]; content sha256 ${a.content}`
      : `  Minutes not yet approved; content sha256 ${a.content}`,
  ];
  for (const p of a.pending) lines.push(`    Put for approval by ${p}, not decided.`);
  for (const s of a.signatures)
    lines.push(
      `    Signed by ${s.signer.name} (${s.role})${s.recordedBy ? `, recorded by ${s.recordedBy.name}` : ''} [entry ${s.entry}]`,
    );
  // Who has still to sign, once there is something to sign: approved minutes, or signed ones.
  if (a.unsigned.length > 0 && (a.approved || a.signatures.length > 0))
    lines.push(`    To sign: ${a.unsigned.map((p) => p.name).join(', ')}`);
  for (const o of a.objections)
    lines.push(`    Objection of ${o.member.name}: "${o.text}" [entry ${o.entry}]`);
  return lines;
}
