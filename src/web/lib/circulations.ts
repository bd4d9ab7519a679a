/** Circulations as the app reads and acts on them: the view, the close, answers in words. */
import { refInWords } from '../../core/state/decisions.js';
import { CHANNELS } from '../../core/acts.js';
import { ApiError, getJson, seg } from './api.js';
import { sendAct } from './acts.js';
import { CHOICE_LABEL, timeOf } from './format.js';
import { paths } from './router.js';
import type { Channel, CirculationView, DecisionRef, Me, MemberAnswer, Receipt } from './types.js';

export { CHANNELS, refInWords };

export const CHANNEL_LABEL: Readonly<Record<Channel, string>> = {
  letter: 'letter',
  telegram: 'telegram',
  'direct-wire': 'direct wire',
  telephone: 'telephone',
  email: 'email',
  'in-person': 'in person',
};

export function getCirculation(id: string): Promise<CirculationView> {
  return getJson<CirculationView>(`/api/circulations/${seg(id)}`);
}

/**
 * Closes a circulation before its deadline, once its outcome is settled: the officer signs the
 * decision the view says is forming (the record refuses any other), and asks again if it changed
 * meanwhile.
 */
export async function closeCirculation(me: Me, id: string): Promise<Receipt> {
  for (let attempt = 1; ; attempt++) {
    const decision: Record<string, unknown> = { ...(await getCirculation(id)).forming };
    delete decision.settled;
    try {
      return await sendAct(me, 'circulation.close', { circulation: id, decision });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'conflict') || attempt >= 3) throw error;
    }
  }
}

/** Whether an answer counts: given in time and not disputed. */
export function counts(answer: MemberAnswer | null | undefined): answer is MemberAnswer {
  return !!answer && !answer.late && !answer.disputed;
}

/** How an answer came and stands, in words: "by telephone, recorded by Hana Kowalski; confirmed". */
export function answerInWords(answer: MemberAnswer, name: (id: string) => string): string {
  const how = [
    answer.channel ? `by ${CHANNEL_LABEL[answer.channel]}` : '',
    answer.recordedBy ? `recorded by ${name(answer.recordedBy)}` : 'signed by the member',
  ]
    .filter(Boolean)
    .join(', ');
  const standing = answer.disputed
    ? `disputed${answer.disputed.reason ? `: ${answer.disputed.reason}` : ''}`
    : answer.recordedBy
      ? answer.confirmed
        ? 'confirmed by the member'
        : 'not yet confirmed by the member'
      : '';
  return [how, standing, answer.late ? 'after the deadline: not counted' : '', timeOf(answer.at)]
    .filter(Boolean)
    .join('; ');
}

export function choiceLabel(choice: string): string {
  return CHOICE_LABEL[choice] ?? choice;
}

/** Where a decision of the record is shown: a circulation's page, or its session's console. */
export function refPath(ref: DecisionRef): string {
  return 'circulation' in ref ? paths.circulation(ref.circulation) : paths.session(ref.session);
}

/** A reference as a form's option value, and back. */
export const refValue = (ref: DecisionRef): string => JSON.stringify(ref);
export function refFromValue(value: string): DecisionRef | undefined {
  if (!value) return undefined;
  return JSON.parse(value) as DecisionRef;
}
