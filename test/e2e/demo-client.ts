/**
 * Someone of the demo organization acting over HTTP, as the demo's picker lets a visitor: signed
 * in by POST /api/demo/login, acts sent unsigned for the server to sign with their demo key. For
 * the parts of a story a test does not drive through a page.
 */
import type { Me, Receipt } from '../../src/web/lib/types.js';
import { Refused } from './api-member.js';

export class DemoClient {
  private cookie = '';
  private csrf = '';

  private constructor(private readonly url: string) {}

  /** Signed in as `person`. */
  static async as(url: string, person: string): Promise<DemoClient> {
    const client = new DemoClient(url);
    client.csrf = (await client.call<Me>('GET', '/api/me')).csrf;
    client.csrf = (await client.call<Me>('POST', '/api/demo/login', { person })).csrf;
    return client;
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

  get<T>(path: string): Promise<T> {
    return this.call('GET', path);
  }

  act(type: string, payload: Record<string, unknown>): Promise<Receipt> {
    return this.call('POST', '/api/acts', { type, payload });
  }
}
