/**
 * A state whose charter has only a Politburo of the given people (id to name), Lenin in the
 * chair: for tests of how words the record keeps by id are shown with names.
 */
import type { RecordedAct } from '../../src/core/acts.js';
import { applyAct, emptyState } from '../../src/core/state/index.js';
import type { State } from '../../src/core/state/index.js';
import { testPublicKey } from './keys.js';

export function politburoOf(people: Record<string, string>): State {
  const s = emptyState();
  const charter = {
    collegium: 1,
    organization: { id: 'cc', name: 'Central Committee' },
    people: Object.fromEntries(Object.entries(people).map(([id, name]) => [id, { name }])),
    bodies: {
      politburo: {
        name: 'Political Bureau',
        members: Object.keys(people),
        chair: 'lenin',
        quorum: 'majority',
        majority: 'votes-cast',
      },
    },
  };
  const adopt = {
    type: 'charter.adopt',
    payload: { charter, custodian: testPublicKey(12), log: `cc+00000000+${'A'.repeat(44)}` },
    index: 0,
    time: '2026-12-01T10:00:00.000Z',
    actor: null,
    signer: null,
    key: testPublicKey(12),
  } as RecordedAct;
  applyAct(s, adopt, 'admit');
  return s;
}
