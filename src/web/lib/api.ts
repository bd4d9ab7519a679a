/** JSON over HTTP to the API, with the CSRF token on every request that changes anything. */

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken = '';
/** Whom the token was given to (null: no one signed in), once known: a retry must not act as another. */
let csrfPerson: string | null | undefined;
const sessionListeners = new Set<(notice: string) => void>();

/**
 * Tells `listener` when a request finds this browser signed in as someone else: another window
 * or tab signed in or out (they share the cookie), with what the page is to say. Returns the way
 * to stop telling it.
 */
export function onSessionChanged(listener: (notice: string) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  try {
    return await send<T>(method, path, body);
  } catch (error) {
    // A token from before a sign-in or a restart: take the current one and try once more, unless
    // the sign-in was someone else's, in another window: then the page acted for the person it
    // showed, and nothing is sent for another.
    if (!(error instanceof ApiError && error.code === 'csrf')) throw error;
    const before = csrfPerson;
    const me = await send<{ csrf: string; person: string | null }>('GET', '/api/me');
    if (before !== undefined && me.person !== before) {
      const notice =
        me.person === null
          ? 'this browser was signed out in another window: nothing was sent; sign in again'
          : `this browser is now signed in as ${me.person}, in another window: nothing was sent`;
      for (const listener of sessionListeners) listener(notice);
      throw new ApiError(409, 'session-changed', notice);
    }
    return send<T>(method, path, body);
  }
}

async function send<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    headers['x-csrf-token'] = csrfToken;
  }
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http-error',
      error?.message ?? `${method} ${path}: ${response.status} ${response.statusText}`,
    );
  }
  keepCsrf(json);
  return json as T;
}

/**
 * Answers that change the cookie (GET /api/me, sign-ins, sign-outs) carry its new token, sent as
 * X-CSRF-Token with every POST, and whom it is for.
 */
function keepCsrf(json: unknown): void {
  const answer = json as { csrf?: unknown; person?: unknown } | undefined;
  if (typeof answer?.csrf !== 'string') return;
  const person = answer.person;
  csrfToken = answer.csrf;
  csrfPerson = typeof person === 'string' || person === null ? person : undefined;
}

export function getJson<T>(path: string): Promise<T> {
  return request<T>('GET', path);
}

export function postJson<T>(path: string, body?: unknown): Promise<T> {
  return request<T>('POST', path, body);
}

/** A path segment, escaped. */
export const seg = (id: string | number): string => encodeURIComponent(String(id));

/** What went wrong, in words for the page. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
