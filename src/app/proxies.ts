/**
 * Proxies as use cases: a member's grant to another member of the body (for a session, one
 * motion of it, or until a time) and its revocation. The grantor acts; an officer may record it
 * for a member without a key (`recorder`), and the secretary does in a transcription of minutes.
 */
import { createHash } from 'node:crypto';
import type { Acts } from '../core/acts.js';
import { fail } from '../core/errors.js';
import { ID_MAX_LENGTH } from '../core/id-rule.js';
import type { State } from '../core/state/index.js';
import type { DraftSource } from './ledger.js';

export function grantProxy(
  grantor: string,
  payload: Acts['proxy.grant'],
  recorder?: string,
): DraftSource {
  return {
    act: { type: 'proxy.grant', payload },
    actor: grantor,
    ...(recorder !== undefined ? { recorder } : {}),
  };
}

/** Takes back a grant, as the member who gave it. */
export function revokeProxy(grant: string, reason?: string, recorder?: string): DraftSource {
  return (state) => {
    const given = state.grants.get(grant) ?? fail('not-found', `no proxy grant '${grant}'`);
    return {
      act: { type: 'proxy.revoke', payload: { grant, ...(reason ? { reason } : {}) } },
      actor: given.grantor,
      ...(recorder !== undefined ? { recorder } : {}),
    };
  };
}

/**
 * An id for a grant derived from what it is for (`board-2026-09-09-eli-proxy`), new in the
 * record: numbered when taken already, and a digest of the parts when they make it too long.
 */
export function grantId(state: State, parts: readonly string[]): string {
  const readable = [...parts, 'proxy'].join('-');
  const base =
    readable.length <= ID_MAX_LENGTH - 4
      ? readable
      : `proxy-${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32)}`;
  let id = base;
  for (let n = 2; state.grants.has(id); n++) id = `${base}-${n}`;
  return id;
}
