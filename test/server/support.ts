/**
 * A server over a fresh record, and clients of it as a browser would be: a cookie jar, the CSRF
 * token, keys generated here, acts signed here as a member's device signs them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientRequest } from 'node:http';
import { get as httpGet } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { enrolMember, registrar } from '../../src/app/enrolment.js';
import { Ledger } from '../../src/app/ledger.js';
import type { DraftSource } from '../../src/app/ledger.js';
import { toBase64 } from '../../src/core/bytes.js';
import { parseCharter } from '../../src/core/charter/index.js';
import { generateKeyPair, signBytes } from '../../src/record/ed25519.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { signingMessage } from '../../src/record/signing.js';
import { buildServer } from '../../src/server/index.js';
import type { ServerOptions } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import type { RecordStore } from '../../src/store/index.js';
import type { StoreHandle } from '../support/stores.js';

/** A board of three voting members with a chair, a secretary who is no member, a candidate and
 * someone who is on no body at all. No running tally, no casting vote. */
export const TEST_CHARTER = `
collegium: 1
organization: { id: test-org, name: Test Organization, log: test.example/org }
people:
  sec: { name: Sam Secretary }
  ada: { name: Ada Chair }
  ben: { name: Ben Member }
  cy: { name: Cy Member }
  cand: { name: Cass Candidate }
  out: { name: Otto Outsider }
bodies:
  board:
    name: Board
    members: [ada, ben, cy]
    candidates: [cand]
    chair: ada
    secretary: sec
    quorum: { count: 2 }
    majority: votes-cast
`;

/**
 * The same board, issuing instruments: orders that rest on a decision, signed by ada, ben and cy
 * in that order; mandates any one member signs; receipts an officer or ben signs.
 */
export const INSTRUMENT_CHARTER = `${TEST_CHARTER}    instruments:
      order:
        formula: By order of the Board
        signers: [ada, ben, cy]
        order: as-listed
      mandate: { signers: { at-least: 1, of: members }, rests-on: none }
      receipt: { signers: { at-least: 1, of: [officers, ben] }, rests-on: none }
`;

/** `n` voters named v0, v1, … padded to the same width, for an assembly of many. */
export function votersOf(n: number): string[] {
  const width = String(n - 1).length;
  return Array.from({ length: n }, (_, i) => `v${String(i).padStart(width, '0')}`);
}

/** An assembly of `voters` with a secretary who does not vote; `extra` is appended (YAML). */
export function assemblyCharter(voters: readonly string[], extra = ''): string {
  return `
collegium: 1
organization: { id: test-org, name: Many, log: test.example/org }
people:
  sec: { name: Secretary }
${voters.map((v) => `  ${v}: { name: Voter ${v} }`).join('\n')}
bodies:
  assembly:
    name: Assembly
    members: [${voters.join(', ')}]
    secretary: sec
    quorum: majority
    majority: votes-cast
${extra}`;
}

/** The same board, its record open to anyone (the default is its members only). */
export const PUBLIC_CHARTER = `${TEST_CHARTER}record: { read: public }\n`;

export const ORG = 'test-org';
export const TEST_ORIGIN = 'http://collegium.test';
const dir = mkdtempSync(join(tmpdir(), 'collegium-server-'));
let n = 0;

/** A new record of `charter` in a file of its own, closed: its path. */
export async function recordFile(charter = TEST_CHARTER): Promise<string> {
  const path = join(dir, `r${n++}.db`);
  const parsed = parseCharter(charter);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const store = await openStore(path, { create: true });
  await Ledger.create(store, parsed.json);
  await store.close();
  return path;
}

/** A new record of `charter`, with `initial` acts recorded in it (in `store`, else a new file). */
export async function newLedger(
  charter = TEST_CHARTER,
  initial: (json: unknown) => DraftSource[] = () => [],
  /** An empty store to make it in (default: a new SQLite file). */
  store?: RecordStore,
): Promise<Ledger> {
  const parsed = parseCharter(charter);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const empty = store ?? (await openStore(join(dir, `r${n++}.db`), { create: true }));
  return Ledger.create(empty, parsed.json, {}, initial(parsed.json));
}

/** A record in which each of `people` has a key of their own, enrolled by the registrar. */
export async function enrolledLedger(
  people: readonly string[],
  charter = TEST_CHARTER,
  store?: RecordStore,
): Promise<{ ledger: Ledger; keys: Map<string, KeyPair> }> {
  const keys = new Map(people.map((p) => [p, generateKeyPair()] as const));
  const parsed = parseCharter(charter);
  if (!parsed.ok) throw new Error('invalid charter');
  const officer = registrar(parsed.value);
  // The registrar last: until they have a key, the custodial key signs for them.
  const order = [...people].sort((a, b) => Number(a === officer) - Number(b === officer));
  const ledger = await newLedger(
    charter,
    () => order.map((p) => enrolMember(p, toBase64(keys.get(p)!.publicKey))),
    store,
  );
  return { ledger, keys };
}

export function testServer(options: Omit<ServerOptions, 'ledger'> & { ledger: Ledger }) {
  return buildServer({ verifyThreads: 1, loginsPerMinute: 1000, origin: TEST_ORIGIN, ...options });
}

export { newInvitationToken as newToken, tokenHash } from '../../src/app/enrolment.js';

/** What a member's device sends for an act: its time and its signature. */
export function signAct(
  person: string,
  pair: KeyPair,
  type: string,
  payload: Record<string, unknown>,
  time = new Date().toISOString(),
  /** For whom, when the officer `person` records the act for another. */
  actor = person,
): { type: string; payload: Record<string, unknown>; time: string; sig: string } {
  const message = signingMessage({
    v: 1,
    org: ORG,
    time,
    type: type as never,
    actor,
    signer: person,
    key: toBase64(pair.publicKey),
    payload: payload as never,
  });
  return { type, payload, time, sig: toBase64(signBytes(pair.privateKey, message)) };
}

export function signLogin(pair: KeyPair, origin: string, challenge: string): string {
  const message = new TextEncoder().encode(`collegium/login/v1\n${origin}\n${challenge}`);
  return toBase64(signBytes(pair.privateKey, message));
}

export interface Answer {
  readonly status: number;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly headers: Record<string, string | string[] | number | undefined>;
}

/**
 * A browser of the API, through `inject` or over HTTP to a base URL: it keeps its cookie and its
 * CSRF token.
 */
export class Browser {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(private readonly app: FastifyInstance | string) {}

  async get(url: string): Promise<Answer> {
    return this.send('GET', url);
  }

  /** Posts JSON with the CSRF token (unless `csrf: false`). */
  async post(url: string, body?: unknown, options: { csrf?: boolean } = {}): Promise<Answer> {
    return this.send('POST', url, body, options.csrf ?? true);
  }

  /** Gets a cookie and a CSRF token, as the web app does first. */
  async visit(): Promise<this> {
    const me = await this.get('/api/me');
    this.csrf = me.body.csrf;
    return this;
  }

  async loginAs(person: string, pair: KeyPair, origin = TEST_ORIGIN): Promise<Answer> {
    if (!this.csrf) await this.visit();
    const challenge = await this.post('/api/login/challenge', { person });
    if (challenge.status !== 200) return challenge;
    const answer = await this.post('/api/login', {
      person,
      challenge: challenge.body.challenge,
      signature: signLogin(pair, origin, challenge.body.challenge),
      key: toBase64(pair.publicKey),
    });
    if (answer.status === 200) this.csrf = answer.body.csrf;
    return answer;
  }

  /** Sends an act signed with `pair` by `person`. */
  act(person: string, pair: KeyPair, type: string, payload: Record<string, unknown>) {
    return this.post('/api/acts', signAct(person, pair, type, payload));
  }

  /** Sends an act signed with `pair` by the officer `signer`, recording it for `actor`. */
  actFor(
    actor: string,
    signer: string,
    pair: KeyPair,
    type: string,
    payload: Record<string, unknown>,
  ) {
    return this.post('/api/acts', {
      ...signAct(signer, pair, type, payload, undefined, actor),
      actor,
    });
  }

  private async send(method: 'GET' | 'POST', url: string, body?: unknown, withCsrf = true) {
    const headers: Record<string, string> = {};
    if (this.cookie) headers['cookie'] = this.cookie;
    if (method === 'POST' && withCsrf && this.csrf) headers['x-csrf-token'] = this.csrf;
    const response =
      typeof this.app === 'string'
        ? await overHttp(this.app + url, method, headers, body)
        : await this.app.inject({
            method,
            url,
            headers,
            ...(body !== undefined ? { payload: body as object } : {}),
          });
    const set = response.headers['set-cookie'];
    const first = Array.isArray(set) ? set[0] : set;
    if (typeof first === 'string') this.cookie = first.split(';')[0];
    let parsed: unknown = response.body;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      // not JSON: kept as text
    }
    // An answer that names the visitor (me, a login, a logout, an enrolment) gives the token of
    // the cookie it came with.
    const token = (parsed as { csrf?: unknown } | null)?.csrf;
    if (typeof token === 'string') this.csrf = token;
    return { status: response.statusCode, body: parsed, headers: response.headers };
  }
}

async function overHttp(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ statusCode: number; body: string; headers: Answer['headers'] }> {
  const response = await fetch(url, {
    method,
    headers: body !== undefined ? { ...headers, 'content-type': 'application/json' } : headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const all: Answer['headers'] = {};
  response.headers.forEach((value, name) => (all[name] = value));
  all['set-cookie'] = response.headers.getSetCookie();
  return { statusCode: response.status, body: await response.text(), headers: all };
}

/** Expects a refusal of this status and code. */
/** Listens to the event stream over HTTP, as EventSource does, and keeps every event. */
export class EventStream {
  readonly events: { id: number; event: string; data: any }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  comments = 0;
  private request: ClientRequest | undefined;
  private waiters: (() => void)[] = [];

  /** The answer's status, once it has come; whether the server ended the stream. */
  status: number | undefined;
  ended = false;
  /** The ids of id-only blocks: where the server moved the client's Last-Event-ID. */
  readonly ids: number[] = [];

  /** `cookie`: a signed-in browser's, for a record that is not open to anyone. */
  constructor(url: string, lastEventId?: number, cookie?: string) {
    const headers: Record<string, string> = {};
    if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
    if (cookie !== undefined) headers['cookie'] = cookie;
    this.request = httpGet(url, { headers }, (response) => {
      this.status = response.statusCode;
      response.on('end', () => (this.ended = true));
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      });
    });
    this.request.on('error', () => undefined);
  }

  /** Resolves when an event satisfies `test`, or fails after `ms`. */
  async until(test: (e: EventStream['events'][number]) => boolean, ms = 5000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.events.find(test);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such event in ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  close(): void {
    this.request?.destroy();
  }

  private parse(block: string): void {
    const fields: Record<string, string> = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments++;
        continue;
      }
      const colon = line.indexOf(':');
      if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
    }
    if (fields['event'] === undefined) {
      if (fields['id'] !== undefined) this.ids.push(Number(fields['id']));
      return;
    }
    this.events.push({
      id: Number(fields['id']),
      event: fields['event'],
      data: JSON.parse(fields['data'] ?? 'null'),
    });
    for (const w of this.waiters.splice(0)) w();
  }
}

export function refusal(answer: Answer): { status: number; code: string } {
  return { status: answer.status, code: answer.body?.error?.code };
}

/** `refused(send, status, code)`: expects that refusal, the store left byte for byte; gives the answer. */
export function refuser(handle: () => StoreHandle) {
  return async (send: () => Promise<Answer>, status: number, code: string): Promise<Answer> => {
    const before = await handle().dump();
    const answered = await send();
    expect(refusal(answered), JSON.stringify(answered.body)).toEqual({ status, code });
    expect(await handle().dump()).toEqual(before);
    return answered;
  };
}

/** People with keys, each signed in in a browser of their own, acting with their own key. */
export class Room {
  readonly browsers = new Map<string, Browser>();

  constructor(
    private readonly app: FastifyInstance | string,
    readonly keys: ReadonlyMap<string, KeyPair>,
  ) {}

  /** Signs `people` in, each in a new browser. */
  async signIn(...people: string[]): Promise<this> {
    for (const p of people) {
      const b = new Browser(this.app);
      const answer = await b.loginAs(p, this.keys.get(p)!);
      if (answer.status !== 200) throw new Error(`${p} cannot sign in: ${JSON.stringify(answer)}`);
      this.browsers.set(p, b);
    }
    return this;
  }

  as(person: string): Browser {
    return this.browsers.get(person)!;
  }

  /** `person`'s act, signed with their key: the answer, whatever it is. */
  act(person: string, type: string, payload: Record<string, unknown>): Promise<Answer> {
    return this.as(person).act(person, this.keys.get(person)!, type, payload);
  }

  /** `person`'s act, which must be recorded: its receipt. */
  async do(person: string, type: string, payload: Record<string, unknown>) {
    const answer = await this.act(person, type, payload);
    if (answer.status !== 201)
      throw new Error(`${type} by ${person}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as { entry: number; leafHash: string; type: string };
  }

  /** The officer `person` closes the vote on `motion`, signing the decision the server gives. */
  async close(person: string, session: string, motion: string) {
    const closing = await this.as(person).get(`/api/sessions/${session}/motions/${motion}/closing`);
    return this.do(person, 'vote.close', closing.body.payload);
  }
}
