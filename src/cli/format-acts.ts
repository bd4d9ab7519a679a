/** The acts of deciding between meetings, and of the register of dispatches, in the log's words. */

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
  ].join('');
}

function opened(p: Payload): string {
  const to = Array.isArray(p['to'])
    ? `${(p['to'] as string[]).join(', ')} of `
    : 'every member of ';
  const rule = p['rule'] === undefined ? '' : `, rule ${JSON.stringify(p['rule'])}`;
  return `${s(p, 'circulation')} put to ${to}${s(p, 'body')} until ${s(p, 'deadline')} (${s(p, 'mode')}${rule}): "${s(p, 'text')}"${p['dispatch'] ? ` on dispatch ${s(p, 'dispatch')}` : ''}${p['follows'] ? ` (follows ${ref(p['follows'])})` : ''}`;
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
  return `${s(p, 'dispatch')} no. ${s(p, 'number')} of ${s(p, 'body')}, received ${s(p, 'received')} by ${s(p, 'channel')} from ${s(p, 'from')}: "${s(p, 'text')}"${files > 0 ? ` (${files} attached)` : ''}`;
}

function referred(p: Payload): string {
  const to = [
    ...((p['people'] as string[] | undefined) ?? []),
    ...(p['body'] ? [s(p, 'body')] : []),
  ];
  return `${s(p, 'dispatch')} referred to ${to.join(', ')}: "${s(p, 'inscription')}"`;
}

/** The summary of a circulation or dispatch act; undefined for any other. */
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
      return undefined;
  }
}
