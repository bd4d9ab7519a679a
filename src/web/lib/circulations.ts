/** Circulations as the app reads and acts on them: the view, the close, decisions' references. */
import { refInWords } from '../../core/state/decisions.js';
import { ApiError, getJson, seg } from './api.js';
import { sendAct } from './acts.js';
import { paths } from './router.js';
import type { CirculationView, DecisionRef, Me, Receipt } from './types.js';

export { refInWords };

export function getCirculation(id: string): Promise<CirculationView> {
  return getJson<CirculationView>(`/api/circulations/${seg(id)}`);
}

/**
 * Closes a circulation before its deadline, once its outcome is settled: the officer signs the
 * payload with the decision the record would hold now (GET …/closing; the record refuses any
 * other), and asks again if it changed meanwhile.
 */
export async function closeCirculation(me: Me, id: string): Promise<Receipt> {
  for (let attempt = 1; ; attempt++) {
    const { payload } = await getJson<{ payload: Record<string, unknown> }>(
      `/api/circulations/${seg(id)}/closing`,
    );
    try {
      return await sendAct(me, 'circulation.close', payload);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'conflict') || attempt >= 3) throw error;
    }
  }
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
