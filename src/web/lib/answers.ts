/** Circulations in words and counts, with no I/O: how answers came and stand, channels, the
 * rule a question is put under, what awaits a member in the inbox. */
import { CHANNELS } from '../../core/acts.js';
import { CHANNEL_LABEL, channelInWords } from '../../core/words.js';
import { choiceLabel, timeAfter, timeOf } from './format.js';
import type { CirculationSummary, InboxQuestion, MajorityRule, MemberAnswer } from './types.js';

export { CHANNEL_LABEL, CHANNELS, channelInWords, choiceLabel };

/** Whether an answer counts: given in time and not disputed. */
export function counts(answer: MemberAnswer | null | undefined): answer is MemberAnswer {
  return !!answer && !answer.late && !answer.disputed;
}

/** How an answer came and stands, in words: "by telephone, recorded by Hana Kowalski; confirmed". */
export function answerInWords(
  answer: MemberAnswer,
  name: (id: string) => string,
  transcribed = false,
  /** The circulation's deadline: a late answer is said beside it. */
  deadline?: string,
): string {
  const how = [
    answer.channel ? channelInWords(answer.channel) : '',
    answer.recordedBy ? `recorded by ${name(answer.recordedBy)}` : 'signed by the member',
  ]
    .filter(Boolean)
    .join(', ');
  const standing = answer.disputed
    ? `disputed${answer.disputed.reason ? `: ${answer.disputed.reason}` : ''}`
    : answer.recordedBy
      ? answer.confirmed
        ? 'confirmed by the member'
        : // The minutes are the record of a transcribed answer: there is no one to confirm it.
          transcribed
          ? ''
          : 'not yet confirmed by the member'
      : '';
  const when =
    answer.at === undefined
      ? ''
      : answer.late && deadline !== undefined
        ? timeAfter(answer.at, deadline)
        : timeOf(answer.at);
  const replacing = answer.replaced
    ? `replacing ${choiceLabel(answer.replaced.choice).toLowerCase()} (entry ${answer.replaced.index})`
    : '';
  return [how, standing, answer.late ? 'after the deadline: not counted' : '', when, replacing]
    .filter(Boolean)
    .join('; ');
}

/**
 * How many of those asked have an answer counted so far, the sentence an open question's outcome
 * ends with. Counted, not given: a late answer, or one heard from a member without a vote, is
 * given but does not count, and a question past its deadline closes as it stands.
 */
export function answersCounted(
  c: Pick<CirculationSummary, 'asked' | 'answered' | 'overdue'>,
): string {
  const members = c.asked === 1 ? 'member' : 'members';
  const have = c.answered === 1 ? 'has' : 'have';
  return `${c.answered} of ${c.asked} ${members} asked ${have} an answer counted${c.overdue ? '' : ' so far'}`;
}

/** Who put a question, by name: the organization when a transcription records none. */
export function putBy(c: CirculationSummary): string {
  return c.byName ?? 'the organization';
}

/** The rule chosen: the body's ('' kind), unanimous consent, or a majority with a quorum of
 * answers (0: none). */
export type RuleChoice =
  | { kind: '' }
  | { kind: 'unanimous' }
  | { kind: 'majority'; majority: MajorityRule; quorum: number };

/** The `rule` of circulation.open, in the charter's form; none for the body's own. */
export function rulePayload(rule: RuleChoice): { rule?: unknown } {
  if (rule.kind === '') return {};
  if (rule.kind === 'unanimous') return { rule: 'unanimous' };
  return {
    rule: {
      majority: rule.majority,
      ...(rule.quorum > 0 ? { quorum: { count: rule.quorum } } : {}),
    },
  };
}

/** What the member has to do: questions to answer, and answers to confirm. */
export function inboxCount(questions: readonly InboxQuestion[] | undefined): {
  toAnswer: number;
  toConfirm: number;
} {
  const all = questions ?? [];
  return {
    toAnswer: all.filter((q) => q.toAnswer).length,
    toConfirm: all.filter((q) => q.toConfirm).length,
  };
}
