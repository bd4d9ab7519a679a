/**
 * The web app's requests (src/web/lib/api.ts): a POST refused for its CSRF token is sent again
 * with the current one, unless the browser is now signed in as someone else (another window or
 * tab signed in or out: they share the cookie); then nothing is sent for the other person.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendAct } from '../../src/web/lib/acts.js';
import {
  describeError,
  errorSentence,
  getJson,
  onSessionChanged,
  postJson,
  postSignIn,
  sessionChanged,
  Unreachable,
} from '../../src/web/lib/api.js';
import type { Me } from '../../src/web/lib/types.js';

/** A server as the browser sees it: whoever the cookie is signed in as, with that session's token. */
function server(start: { person: string | null; csrf: string }) {
  const session = { ...start };
  const posts: { path: string; token: string | null; person: string | null }[] = [];
  const answer = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (path: string, init: RequestInit) => {
    if (init.method === 'GET') {
      const name =
        session.person && `${session.person[0]!.toUpperCase()}${session.person.slice(1)}`;
      return answer(200, { person: session.person, name, csrf: session.csrf });
    }
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
        message: expect.stringMatching(/now signed in as Ben, in another window: nothing was sent/),
      });
      expect(s.posts).toEqual([]);
      expect(changed).toHaveBeenCalledTimes(1);
      // Named, and told who is signed in now, as read: the page's header shows them at once.
      expect(changed).toHaveBeenCalledWith(
        expect.stringMatching(/now signed in as Ben,/),
        expect.objectContaining({ person: 'ben', name: 'Ben' }),
      );
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

describe('a sign-in sent from this page whose answer was lost', () => {
  let s: ReturnType<typeof server>;
  beforeEach(async () => {
    s = server({ person: null, csrf: 'token-1' });
    vi.stubGlobal('fetch', s.fetch);
    await getJson('/api/me');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('is said to have signed in, not another window; sent again, it goes as its person', async () => {
    const enrolment = { person: 'cy', what: 'your enrolment' };
    // Recorded, and the session started; the answer never came.
    s.fetch.mockImplementationOnce(async () => {
      Object.assign(s.session, { person: 'cy', csrf: 'token-2' });
      throw new TypeError('Failed to fetch');
    });
    await expect(postSignIn('/api/enrol', {}, enrolment)).rejects.toBeInstanceOf(Unreachable);
    const me = { person: 'cy', name: 'Cy' } as Me;
    expect(sessionChanged(me)).toBe(
      'this browser is now signed in as Cy, by your enrolment sent from this page, whose answer did not come',
    );
    expect(sessionChanged({ person: 'ben', name: 'Ben' } as Me)).toMatch(/Ben, in another window$/);
    expect(await postSignIn('/api/enrol', {}, enrolment)).toEqual({ entry: 1 });
    expect(s.posts).toEqual([{ path: '/api/enrol', token: 'token-2', person: 'cy' }]);
    // Answered: a session found later is no longer this one's.
    expect(sessionChanged(me)).toMatch(/Cy, in another window$/);
  });

  it('is no longer this page’s once the server refuses it when sent again', async () => {
    const signIn = { person: 'cy', what: 'your sign-in' };
    s.fetch.mockImplementationOnce(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(postSignIn('/api/login', {}, signIn)).rejects.toBeInstanceOf(Unreachable);
    const me = { person: 'cy', name: 'Cy' } as Me;
    expect(sessionChanged(me)).toMatch(/by your sign-in sent from this page/);
    // Sent again and refused (its challenge spent): nothing this page sent signed anyone in.
    s.fetch.mockImplementationOnce(
      async () =>
        new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'spent' } }), {
          status: 401,
        }),
    );
    await expect(postSignIn('/api/login', {}, signIn)).rejects.toMatchObject({
      code: 'unauthorized',
    });
    expect(sessionChanged(me)).toMatch(/Cy, in another window$/);
  });
});

describe('a refusal of a field', () => {
  afterEach(() => vi.unstubAllGlobals());

  const refusedWith = async (error: Record<string, string>) => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ error }), { status: 400 })),
    );
    return getJson('/api/x').catch((e: unknown) => e);
  };

  it('is said as the form labels the field, with what the server says is wrong', async () => {
    const error = await refusedWith({
      code: 'invalid-input',
      message: 'payload.title: at most 500 characters (600 given)',
      field: 'payload.title',
    });
    expect(describeError(error, { 'payload.title': 'Title' })).toBe(
      'Title: at most 500 characters (600 given)',
    );
    // A form that does not label it: the server's words as they are.
    expect(describeError(error)).toBe('payload.title: at most 500 characters (600 given)');
  });

  it("is shown standing alone as a sentence, the server's words left as they are", async () => {
    const error = await refusedWith({
      code: 'conflict',
      message: 'the vote on motion m is closed already',
    });
    expect(describeError(error)).toBe('the vote on motion m is closed already');
    expect(errorSentence(error)).toBe('The vote on motion m is closed already');
    expect(errorSentence(new Error('bodies are JSON'))).toBe('Bodies are JSON');
    // A name as it is written is left as it is: a file's, a field's.
    expect(errorSentence(new Error('entries.json is a bundle of entries'))).toBe(
      'entries.json is a bundle of entries',
    );
    expect(errorSentence(new Error('utf16.json:1:1: the file is UTF-16'))).toBe(
      'utf16.json:1:1: the file is UTF-16',
    );
    expect(errorSentence(new Error('payload.title: at most 500 characters'))).toBe(
      'payload.title: at most 500 characters',
    );
  });

  it('of a file is said by the file’s name, whichever it is of those sent', async () => {
    const error = await refusedWith({
      code: 'invalid-input',
      message: 'files.3.name "scan\\u202efdp.exe": a change of direction (U+202E) at character 5',
      field: 'files.3.name',
    });
    expect(describeError(error, { 'files.*.name': 'Attachment' })).toBe(
      'Attachment "scan\\u202efdp.exe": a change of direction (U+202E) at character 5',
    );
  });
});

describe('a server out of reach', () => {
  afterEach(() => vi.unstubAllGlobals());
  const down = () =>
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );

  it('is said plainly, with what it means: an act may not have been recorded', async () => {
    down();
    const posted = await postJson('/api/acts', {}).catch((e: unknown) => e);
    expect(posted).toBeInstanceOf(Unreachable);
    expect(describeError(posted)).toBe(
      'Could not reach the server: what you sent may not have been recorded. Once the server answers again, look before you send it again.',
    );
    const read = await getJson('/api/sessions').catch((e: unknown) => e);
    expect(describeError(read)).toMatch(/^Could not reach the server: what this page shows/);
  });

  it('names the act a member did: their ballot', async () => {
    down();
    const me = { demo: true, person: 'ada' } as Me;
    const cast = sendAct(me, 'ballot.cast', { session: 's', motion: 'm', voter: 'ada' });
    await expect(cast).rejects.toThrow(
      'Could not reach the server: your ballot may not have been recorded. Once the server answers again, this page shows whether it was; if not, try again.',
    );
  });
});
