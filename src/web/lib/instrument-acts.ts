/** Signing an instrument on the member's device, over the text the page shows. */
import { ApiError } from './api.js';
import { sendAct } from './acts.js';
import { contentMatches, getInstrument } from './instruments.js';
import type { Me, Receipt } from './types.js';

export class ContentMismatch extends Error {
  override readonly name = 'ContentMismatch';
}

/**
 * Signs the instrument as the signed-in member, on this device: over its content hash, checked
 * here against its text, and after its last signature; asked again if another signature came in
 * meanwhile.
 */
export async function signInstrument(me: Me, id: string): Promise<Receipt> {
  for (let attempt = 1; ; attempt++) {
    const view = await getInstrument(id);
    if (!contentMatches(view))
      throw new ContentMismatch(
        'The server names a content hash that is not that of the text shown: not signed.',
      );
    const payload = { instrument: id, content: view.content, after: view.nextAfter };
    try {
      return await sendAct(me, 'instrument.sign', payload);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'conflict') || attempt >= 3) throw error;
    }
  }
}
