/**
 * The acts of deciding between meetings, of the register of dispatches and of instruments, in the
 * log's words.
 */
import { numbered } from '../core/words.js';

type Payload = Record<string, unknown>;

const s = (p: Payload, k: string): string => String(p[k] ?? '');

/** `SESSION/MOTION` or the circulation id a payload's reference names. */
function ref(value: unknown): string {
  const r = value as { session?: string; motion?: string; circulation?: string } | undefined;
  return r?.circulation ?? `${r?.session}/${r?.motion}`;
}

/** What a motion ratifies, continues and answers, as the log adds it to the motion's line. */
export function motionLinks(p: Payload): string {
  return [
    p['ratifies'] ? ` (ratifies ${ref(p['ratifies'])})` : '',
    p['follows'] ? ` (follows ${ref(p['follows'])})` : '',
    p['dispatch'] ? ` (answers dispatch ${s(p, 'dispatch')})` : '',
    p['item'] ? ` (agenda item ${s(p, 'item')})` : '',
    p['approves'] ? ` (approves the minutes of ${approved(p['approves'])})` : '',
  ].join('');
}

function approved(minutes: unknown): string {
  const m = minutes as { session?: string; content?: string };
  return `${m.session ?? '?'}, content ${(m.content ?? '').slice(0, 12)}…`;
}

function opened(p: Payload): string {
  const to = Array.isArray(p['to'])
    ? `${(p['to'] as string[]).join(', ')} of `
    : 'every member of ';
  const rule = p['rule'] === undefined ? '' : `, rule ${JSON.stringify(p['rule'])}`;
  return `${s(p, 'circulation')} put to ${to}${s(p, 'body')} until ${s(p, 'deadline')} (${s(p, 'mode')}${rule}): "${s(p, 'text')}"${p['dispatch'] ? ` on dispatch ${s(p, 'dispatch')}` : ''}${p['follows'] ? ` (follows ${ref(p['follows'])})` : ''}${p['approves'] ? ` (approves the minutes of ${approved(p['approves'])})` : ''}`;
}

function answered(p: Payload): string {
  const how = [
    p['channel'] ? `by ${s(p, 'channel')}` : '',
    p['at'] ? `at ${s(p, 'at')}` : '',
  ].filter(Boolean);
  return `${s(p, 'circulation')}: ${s(p, 'member')} ${s(p, 'choice')}${how.length > 0 ? ` (${how.join(', ')})` : ''}${p['comment'] ? `: "${s(p, 'comment')}"` : ''}`;
}

function registered(p: Payload): string {
  const files = Array.isArray(p['attachments']) ? p['attachments'].length : 0;
  return `${s(p, 'dispatch')} ${numbered(s(p, 'number'))} of ${s(p, 'body')}, received ${s(p, 'received')} by ${s(p, 'channel')} from ${s(p, 'from')}: "${s(p, 'text')}"${files > 0 ? ` (${files} attached)` : ''}`;
}

function referred(p: Payload): string {
  const to = [
    ...((p['people'] as string[] | undefined) ?? []),
    ...(p['body'] ? [s(p, 'body')] : []),
  ];
  return `${s(p, 'dispatch')} referred to ${to.join(', ')}: "${s(p, 'inscription')}"`;
}

function drafted(p: Payload): string {
  const amount = p['amount'] as { value: number; unit: string } | undefined;
  const files = Array.isArray(p['attachments']) ? p['attachments'].length : 0;
  return [
    `${s(p, 'instrument')}: ${s(p, 'kind')} ${numbered(s(p, 'number'))} of ${s(p, 'body')} (${s(p, 'mode')})`,
    p['date'] ? ` dated ${s(p, 'date')}` : '',
    p['to'] ? ` to ${s(p, 'to')}` : '',
    `: "${s(p, 'text')}"`,
    p['restsOn'] ? ` (rests on ${ref(p['restsOn'])})` : '',
    p['answers'] ? ` (answers dispatch ${s(p, 'answers')})` : '',
    p['holder'] ? ` (holder ${s(p, 'holder')}${p['until'] ? ` until ${s(p, 'until')}` : ''})` : '',
    amount ? ` (${amount.value} ${amount.unit}${p['from'] ? ` from ${s(p, 'from')}` : ''})` : '',
    files > 0 ? ` (${files} attached)` : '',
  ].join('');
}

/** A signature: its signer is the entry's actor; what it covers, and how it was given. */
function signed(p: Payload): string {
  const after =
    p['after'] === null ? 'the first signature' : `after signature ${s(p, 'after').slice(0, 12)}…`;
  const channel = p['channel'] ? `, given by ${s(p, 'channel')}` : '';
  return `${s(p, 'instrument')} signed over content ${s(p, 'content').slice(0, 12)}…, ${after}${channel}`;
}

/** The summary of an instrument act; undefined for any other. */
function instrumentSummary(type: string, p: Payload): string | undefined {
  const date = p['date'] ? ` on ${s(p, 'date')}` : '';
  const reason = p['reason'] ? `: ${s(p, 'reason')}` : '';
  switch (type) {
    case 'instrument.draft':
      return drafted(p);
    case 'instrument.sign':
      return signed(p);
    case 'instrument.issue':
      return `${s(p, 'instrument')} issued${date}`;
    case 'instrument.revoke':
      return `${s(p, 'instrument')} revoked${date}${p['by'] ? ` under ${ref(p['by'])}` : ''}${reason}`;
    case 'instrument.settle':
      return `${s(p, 'instrument')} settled${date}${p['note'] ? `: ${s(p, 'note')}` : ''}`;
    case 'instrument.annul':
      return `${s(p, 'instrument')} ${p['supersededBy'] ? `superseded by ${s(p, 'supersededBy')}` : 'annulled'} under ${ref(p['by'])}${reason}`;
    default:
      return undefined;
  }
}

/** The summary of a circulation, dispatch or instrument act; undefined for any other. */
export function betweenMeetingsSummary(type: string, p: Payload): string | undefined {
  const reason = p['reason'] ? `: ${s(p, 'reason')}` : '';
  switch (type) {
    case 'circulation.open':
      return opened(p);
    case 'circulation.answer':
      return answered(p);
    case 'circulation.confirm':
      return `${s(p, 'circulation')}: ${s(p, 'member')} confirms the answer recorded for them`;
    case 'circulation.dispute':
      return `${s(p, 'circulation')}: ${s(p, 'member')} disputes the answer recorded for them${reason}`;
    case 'circulation.withdraw':
      return `${s(p, 'circulation')} withdrawn${reason}`;
    case 'circulation.close':
      return `${s(p, 'circulation')}: ${(p['decision'] as { outcome?: string })?.outcome ?? '?'}${p['stated'] ? ` (the minutes state ${s(p, 'stated')})` : ''}`;
    case 'dispatch.register':
      return registered(p);
    case 'dispatch.refer':
      return referred(p);
    case 'dispatch.close':
      return `${s(p, 'dispatch')} closed${reason}`;
    default:
      return instrumentSummary(type, p) ?? minutesSummary(type, p);
  }
}

/** The summary of a notice, an apology, or an act on minutes; undefined for any other. */
function minutesSummary(type: string, p: Payload): string | undefined {
  switch (type) {
    case 'session.convene':
      return `${s(p, 'session')} of ${s(p, 'body')} convened for ${s(p, 'date')}, ${(p['agenda'] as unknown[] | undefined)?.length ?? 0} agenda items`;
    case 'attendance.excuse':
      return `${s(p, 'person')} excused from ${s(p, 'session')}${p['reason'] ? `: ${s(p, 'reason')}` : ''}`;
    case 'minutes.sign':
      return `minutes of ${s(p, 'session')} signed over content ${s(p, 'content').slice(0, 12)}…`;
    case 'minutes.object':
      return `objection to the minutes of ${s(p, 'session')}: "${s(p, 'text')}"`;
    default:
      return undefined;
  }
}
