/** Grant ids made from what a proxy is for: readable, new in the record, never too long. */
import { describe, expect, it } from 'vitest';
import { grantId } from '../../src/app/proxies.js';
import { emptyState } from '../../src/core/state/index.js';
import type { ProxyGrant } from '../../src/core/state/index.js';
import { id } from '../../src/core/ids.js';

function withGrants(...ids: string[]) {
  const state = emptyState();
  for (const g of ids)
    state.grants.set(g, {
      id: g,
      body: 'b',
      grantor: 'x',
      holder: 'y',
      grantedAt: 1,
    } as ProxyGrant);
  return state;
}

describe('grantId', () => {
  it('names a grant by its session (and motion) and grantor', () => {
    expect(grantId(emptyState(), ['s1', 'eli'])).toBe('s1-eli-proxy');
    expect(grantId(emptyState(), ['s1', 'm1', 'eli'])).toBe('s1-m1-eli-proxy');
  });

  it('numbers one whose name is taken: a session s with voter m-eli, a motion m with voter eli', () => {
    const state = withGrants('s-m-eli-proxy', 's-m-eli-proxy-2');
    expect(grantId(state, ['s', 'm', 'eli'])).toBe('s-m-eli-proxy-3');
  });

  it('makes a valid id of parts too long for one, and a different one for other parts', () => {
    const long = 'a'.repeat(100);
    const first = grantId(emptyState(), [long, 'eli']);
    const second = grantId(emptyState(), [long, 'gus']);
    for (const made of [first, second]) expect(id.safeParse(made).success, made).toBe(true);
    expect(first).not.toBe(second);
    expect(grantId(withGrants(first), [long, 'eli'])).toBe(`${first}-2`);
  });
});
