/** The register of dispatches in words: one dispatch in full, or one line of the register. */
import { channelInWords, numbered, plural } from '../core/words.js';
import {
  bodyName,
  decisionInWords,
  dispatchStatus,
  findDecision,
  personName,
} from '../core/state/index.js';
import { putOnDispatch } from '../app/registers.js';
import { timeInWords } from '../core/minutes/words.js';
import type { DispatchState, Referral, State } from '../core/state/index.js';
import { capitalized, outcomeWords } from './format-decisions.js';

/** One line of the register of dispatches. */
export function dispatchRow(d: DispatchState): string {
  return `${d.id}  ${numbered(d.number)}  ${d.body}  ${dispatchStatus(d)}  received ${timeInWords(d.received)} from ${d.from}  "${d.text}"`;
}

/** A dispatch in full: what came, from whom, its referrals, and what was put on it. */
export function dispatchLines(state: State, d: DispatchState): string[] {
  const lines = [
    `Dispatch ${numbered(d.number)} in the register of ${bodyName(state, d.body)} [${d.id}] [entry ${d.registeredAt}]`,
    `  Received ${timeInWords(d.received)} ${channelInWords(d.channel)} from ${d.from}`,
    `  "${d.text}"`,
    ...d.attachments.map(
      (a) => `  Attached: ${a.name}, ${plural(a.size, 'byte')}, sha256 ${a.hash}`,
    ),
    ...d.referrals.map((r) => referralLine(state, r)),
    ...putOnDispatch(state, d).flatMap((ref) => {
      const decision = findDecision(state, ref);
      return decision
        ? [`  ${capitalized(decisionInWords(state, ref))}: ${outcomeWords(state, decision)}`]
        : [];
    }),
  ];
  lines.push(
    d.closed
      ? `  Closed [entry ${d.closed.index}]: ${d.closed.reason}`
      : `  Open: ${dispatchStatus(d)}.`,
  );
  return lines;
}

function referralLine(state: State, r: Referral): string {
  const to = [
    ...r.people.map((p) => personName(state, p)),
    ...(r.body !== undefined ? [bodyName(state, r.body)] : []),
  ];
  const by = r.by === null ? 'the organization' : personName(state, r.by);
  return `  Referred by ${by} to ${to.join(', ')} [entry ${r.index}]: "${r.inscription}"`;
}
