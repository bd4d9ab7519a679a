/**
 * The web app's requests (src/web/lib/api.ts): a POST refused for its CSRF token is sent again
 * with the current one, unless the browser is now signed in as someone else (another window or
 * tab signed in or out: they share the cookie); then nothing is sent for the other person.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getJson, onSessionChanged, postJson } from '../../src/web/lib/api.js';

/** A server as the browser sees it: whoever the cookie is signed in as, with that session's token. */
function server(start: { person: string | null; csrf: string }) {
  const session = { ...start };
  const posts: { path: string; token: string | null; person: string | null }[] = [];
  const answer = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (path: string, init: RequestInit) => {
    if (init.method === 'GET') return answer(200, { person: session.person, csrf: session.csrf });
    const token = new Headers(init.headers).get('x-csrf-token');
    if (token !== session.csrf) return answer(403, { error: { code: 'csrf', message: 'no' } });
    posts.push({ path, token, person: session.person });
    return answer(201, { entry: posts.length });
  });
  return { session, posts, fetch };
}

describe('a POST whose CSRF token is stale', () => {
  let s: ReturnType<typeof server>;
  beforeEach(async () => {
    s = server({ person: 'ada', csrf: 'token-1' });
    vi.stubGlobal('fetch', s.fetch);
    await getJson('/api/me');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('is sent again with the current token when the same person is signed in', async () => {
    s.session.csrf = 'token-2'; // the server restarted, or this window signed in again
    expect(await postJson('/api/acts', { type: 'x' })).toEqual({ entry: 1 });
    expect(s.posts).toEqual([{ path: '/api/acts', token: 'token-2', person: 'ada' }]);
  });

  it('is not sent for another person signed in in another window, and says so', async () => {
    const changed = vi.fn();
    const stop = onSessionChanged(changed);
    try {
      Object.assign(s.session, { person: 'ben', csrf: 'token-3' });
      await expect(postJson('/api/acts', { type: 'x' })).rejects.toMatchObject({
        code: 'session-changed',
        message: expect.stringMatching(/now signed in as ben.*nothing was sent/),
      });
      expect(s.posts).toEqual([]);
      expect(changed).toHaveBeenCalledTimes(1);
      expect(changed).toHaveBeenCalledWith(expect.stringMatching(/now signed in as ben/));
      // The page, told, now acts for ben: the next POST goes.
      expect(await postJson('/api/acts', { type: 'y' })).toEqual({ entry: 1 });
      expect(s.posts).toEqual([{ path: '/api/acts', token: 'token-3', person: 'ben' }]);
    } finally {
      stop();
    }
  });

  it('is not sent after a sign-out in another window', async () => {
    Object.assign(s.session, { person: null, csrf: 'token-4' });
    await expect(postJson('/api/acts', { type: 'x' })).rejects.toMatchObject({
      code: 'session-changed',
      message: expect.stringMatching(/signed out in another window/),
    });
    expect(s.posts).toEqual([]);
  });

  it('keeps the token an answer that changes the cookie carries (a sign-in in this window)', async () => {
    s.fetch.mockImplementationOnce(async () => {
      Object.assign(s.session, { person: 'ben', csrf: 'token-5' });
      return new Response(JSON.stringify({ person: 'ben', csrf: 'token-5' }), { status: 200 });
    });
    await postJson('/api/demo/login', { person: 'ben' });
    expect(await postJson('/api/acts', { type: 'x' })).toEqual({ entry: 1 });
    expect(s.posts).toEqual([{ path: '/api/acts', token: 'token-5', person: 'ben' }]);
  });
});
