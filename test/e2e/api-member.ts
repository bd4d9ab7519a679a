/**
 * A member who acts from here over HTTP with a key of their own, as any client of the API would:
 * signs in with a signed challenge naming the key, signs invitations and acts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { toBase64 } from '../../src/core/bytes.js';
import { signBytes } from '../../src/record/ed25519.js';
import type { KeyPair } from '../../src/record/ed25519.js';
import { signingMessage } from '../../src/record/signing.js';
import type { SignedAct } from '../../src/record/signing.js';
import type { Me, Receipt } from '../../src/web/lib/types.js';

/** A refusal of the API: its status and its body. */
export class Refused extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${status} ${JSON.stringify(body)}`);
  }
}

export class ApiMember {
  private cookie = '';
  private csrf = '';
  private org = '';

  constructor(
    private readonly url: string,
    readonly person: string,
    private readonly pair: KeyPair,
  ) {}

  get key(): string {
    return toBase64(this.pair.publicKey);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        'content-type': 'application/json',
        'x-csrf-token': this.csrf,
        origin: this.url,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (cookies.length) this.cookie = cookies.join('; ');
    const json = (await response.json()) as T;
    if (!response.ok) throw new Refused(response.status, json);
    return json;
  }

  async login(): Promise<void> {
    const me = await this.call<Me>('GET', '/api/me');
    this.csrf = me.csrf;
    this.org = me.organization.id;
    const { challenge } = await this.call<{ challenge: string }>('POST', '/api/login/challenge', {
      person: this.person,
    });
    const message = new TextEncoder().encode(`collegium/login/v1\n${this.url}\n${challenge}`);
    const signature = toBase64(signBytes(this.pair.privateKey, message));
    await this.call('POST', '/api/login', {
      person: this.person,
      challenge,
      signature,
      key: this.key,
    });
    this.csrf = (await this.call<Me>('GET', '/api/me')).csrf;
  }

  get<T>(path: string): Promise<T> {
    return this.call('GET', path);
  }

  /** An invitation made and signed here: the token, and the act recording its hash. */
  invite(person: string): Promise<{ url: string; token: string }> {
    const token = randomBytes(32).toString('base64url');
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    const hash = createHash('sha256').update(token).digest('hex');
    const { time, sig } = this.sign('member.invite', { person, token: hash, expires });
    return this.call('POST', '/api/invitations', { person, token, expires, time, sig });
  }

  act(type: string, payload: Record<string, unknown>): Promise<Receipt> {
    return this.call('POST', '/api/acts', { type, payload, ...this.sign(type, payload) });
  }

  private sign(type: string, payload: Record<string, unknown>): { time: string; sig: string } {
    const time = new Date().toISOString();
    const signed = {
      v: 1,
      org: this.org,
      time,
      type,
      actor: this.person,
      signer: this.person,
      key: this.key,
      payload,
    } as SignedAct;
    return { time, sig: toBase64(signBytes(this.pair.privateKey, signingMessage(signed))) };
  }
}
