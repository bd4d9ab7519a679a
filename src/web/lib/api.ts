/** JSON over HTTP to the API, with the CSRF token on every request that changes anything. */
import { capitalized } from '../../core/words.js';
import type { Me } from '../../api/me.js';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The field of the request refused (`payload.title`), where the server names one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Whether the server answered that the record does not hold what was asked for (404). */
export function isNotFound(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 404;
}

/**
 * The server could not be reached (stopped, the network down): no answer came. The words say
 * what this means for what was asked: an act may or may not have been recorded, since the
 * connection may have gone after the request reached the server, and a browser cannot tell.
 */
export class Unreachable extends Error {
  override readonly name = 'Unreachable';
  constructor(
    message: string,
    /** Only reading was asked: nothing can have been recorded, and nothing is lost but freshness. */
    readonly reading = false,
  ) {
    super(message);
  }
}

/** Unreachable's words, for a request that would have changed something (POST) or not. */
export const UNREACHABLE = {
  act: (what?: string) =>
    what
      ? `Could not reach the server: ${what} may not have been recorded. Once the server answers again, this page shows whether it was; if not, try again.`
      : 'Could not reach the server: what you sent may not have been recorded. Once the server answers again, look before you send it again.',
  read: 'Could not reach the server: what this page shows may not be the latest. Try again shortly.',
};

let csrfToken = '';
/** Whom the token was given to (null: no one signed in), once known: a retry must not act as another. */
let csrfPerson: string | null | undefined;
const sessionListeners = new Set<(notice: string, me: Me) => void>();
/**
 * A sign-in sent from this page whose answer never came (an enrolment, a sign-in by challenge):
 * it may have been recorded and its session started all the same. A session then found for that
 * person is this page's doing, not another window's.
 */
let unansweredSignIn: { readonly person: string; readonly what: string } | undefined;

/**
 * Tells `listener` when a request finds this browser signed in as someone else: another window
 * or tab signed in or out (they share the cookie), with what the page is to say and who is signed
 * in now (GET /api/me, as just read). Returns the way to stop telling it.
 */
export function onSessionChanged(listener: (notice: string, me: Me) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** Why the page now shows `me`: another window signed in or out, or a sign-in sent from here
 * whose answer was lost; and what it meant here. */
export function sessionChanged(me: Me, meaning?: string): string {
  const then = meaning === undefined ? [] : [meaning];
  if (me.person === null)
    return `this browser was signed out in another window, or its key was revoked: ${[...then, 'sign in again'].join('; ')}`;
  const how = signedInHere(me)
    ? `by ${unansweredSignIn!.what} sent from this page, whose answer did not come`
    : 'in another window';
  return [`this browser is now signed in as ${me.name ?? me.person}, ${how}`, ...then].join(': ');
}

/** Whether `me` is signed in by the sign-in this page sent whose answer never came. */
const signedInHere = (me: Me): boolean =>
  me.person !== null && me.person === unansweredSignIn?.person;

/**
 * POSTs a sign-in of `signIn.person` (`what`: "your enrolment"): when no answer comes, a session
 * found for them later is said to be its, and sending it again goes ahead as theirs.
 */
export async function postSignIn<T>(
  path: string,
  body: unknown,
  signIn: { readonly person: string; readonly what: string },
): Promise<T> {
  try {
    const answer = await postJson<T>(path, body);
    unansweredSignIn = undefined;
    return answer;
  } catch (error) {
    if (error instanceof Unreachable) unansweredSignIn = signIn;
    else if (error instanceof ApiError) unansweredSignIn = undefined;
    throw error;
  }
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  try {
    return await send<T>(method, path, body);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) await signedOutMeanwhile();
    // A token from before a sign-in or a restart: take the current one and try once more, unless
    // the sign-in was someone else's, in another window: then the page acted for the person it
    // showed, and nothing is sent for another. A sign-in of this page's whose answer was lost
    // is no one else's.
    if (!(error instanceof ApiError && error.code === 'csrf')) throw error;
    const before = csrfPerson;
    const me = await send<Me>('GET', '/api/me');
    if (before !== undefined && me.person !== before && !signedInHere(me)) {
      const notice = sessionChanged(me, 'nothing was sent');
      for (const listener of sessionListeners) listener(notice, me);
      throw new ApiError(409, 'session-changed', notice);
    }
    return send<T>(method, path, body);
  }
}

/**
 * A refusal to read or act for want of a sign-in, on a page that showed someone signed in: their
 * session ended meanwhile (its key revoked, or another window signed out). The page is told, so
 * that it no longer says they are signed in.
 */
async function signedOutMeanwhile(): Promise<void> {
  const before = csrfPerson;
  if (typeof before !== 'string') return;
  const me = await send<Me>('GET', '/api/me').catch(() => undefined);
  if (!me || me.person === before) return;
  const notice = sessionChanged(me);
  for (const listener of sessionListeners) listener(notice, me);
}

async function send<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    headers['x-csrf-token'] = csrfToken;
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
    });
    text = await response.text();
  } catch (error) {
    // fetch fails with a TypeError when no answer comes ("Failed to fetch"): said in words.
    if (!(error instanceof TypeError)) throw error;
    throw method === 'POST'
      ? new Unreachable(UNREACHABLE.act())
      : new Unreachable(UNREACHABLE.read, true);
  }
  const json = jsonOf(text);
  if (!response.ok) {
    const refusal = apiError(response, json, `${method} ${path}`);
    // A read refused by a server that is stopping met a server going away, as one that found
    // none: only freshness is lost, and the connection notice says so once.
    if (method === 'GET' && refusal.code === 'unavailable')
      throw new Unreachable(UNREACHABLE.read, true);
    throw refusal;
  }
  keepCsrf(json);
  return json as T;
}

function jsonOf(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The API's refusal, in its words when it gave them. */
function apiError(response: Response, json: unknown, request: string): ApiError {
  const error = (
    json as { error?: { code?: string; message?: string; field?: string } } | undefined
  )?.error;
  return new ApiError(
    response.status,
    error?.code ?? 'http-error',
    error?.message ?? `${request}: ${response.status} ${response.statusText}`,
    error?.field,
  );
}

/** A file the API gives (a bundle), as its bytes: read as the same file on disk would be. */
export async function getBytes(path: string): Promise<Uint8Array> {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) throw apiError(response, jsonOf(await response.text()), `GET ${path}`);
  return new Uint8Array(await response.arrayBuffer());
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

/**
 * A form's fields by the path the API names them with (`payload.title`: 'Title'); a number in a
 * path stands for any (`files.*.name`).
 */
export type FieldLabels = Readonly<Record<string, string>>;

/**
 * What went wrong, in words for the page. A refusal of a field `labels` names says it as the form
 * labels it (`Title: at most 500 characters (600 given)`), not by the API's path.
 */
export function describeError(error: unknown, labels?: FieldLabels): string {
  if (error instanceof ApiError) {
    const { field, message } = error;
    const label = field && labels?.[field.replace(/\.\d+(?=\.|$)/g, '.*')];
    if (field && label && message.startsWith(field))
      return `${label}${message.slice(field.length)}`;
    // The server's words; its code is for programs (the API answer keeps it), not for people.
    return message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * The error as a notice shows it standing alone: a sentence, its first letter a capital. The
 * server's words begin in lower case, as a clause of a longer message (and as API clients and
 * tests match them); they are made a sentence here, where they are shown, not there. One that
 * begins with a name as it is written (a file's, a field's) keeps it as it is.
 */
export function errorSentence(error: unknown, labels?: FieldLabels): string {
  const words = describeError(error, labels);
  // A word, not a name as written: a file's (entries.json), a field's (payload.title), an id's.
  return /^[a-z]+(?![\w.\-/'’])/.test(words) ? capitalized(words) : words;
}
