/**
 * A witness's HTTP interface (src/server/witness-http.ts) refuses what is not an add-checkpoint
 * request with a 4xx and a line of text, whatever the request: never a 500 for the client's fault.
 */
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WitnessService } from '../../src/app/witness-service.js';
import { cosigner } from '../../src/record/witness.js';
import { witnessServer } from '../../src/server/witness-http.js';

let server: Server;
let port: number;

beforeAll(async () => {
  const state = join(mkdtempSync(join(tmpdir(), 'collegium-witness-http-')), 'state.json');
  const service = new WitnessService(cosigner('witness.example/w1', new Uint8Array(32)), [], state);
  server = witnessServer(service);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Sends `request` as it is, byte for byte; answers the status line and the body. */
async function raw(request: string): Promise<{ status: string; body: string }> {
  const { status, body } = await rawAnswer(request);
  return { status, body };
}

/** Sends `request` as it is; answers the status line, the head as sent, and the body. */
function rawAnswer(request: string): Promise<{ status: string; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(Buffer.from(request, 'latin1')));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      resolve({ status: head.split('\r\n')[0]!, head, body: body.trim() });
    });
  });
}

const post = (target: string, body: string) =>
  raw(`POST ${target} HTTP/1.1\r\nHost: w\r\nContent-Length: ${body.length}\r\n\r\n${body}`);

describe('the witness over HTTP', () => {
  it('refuses other paths and methods, and bodies that are not text of at most 64 KiB', async () => {
    expect(await raw('GET /add-checkpoint HTTP/1.1\r\nHost: w\r\n\r\n')).toEqual({
      status: 'HTTP/1.1 405 Method Not Allowed',
      body: 'add-checkpoint is a POST',
    });
    expect(await post('/other?x=1', '')).toEqual({
      status: 'HTTP/1.1 404 Not Found',
      body: 'no /other here: POST /add-checkpoint',
    });
    expect(await post('/add-checkpoint', '\xff\xfe')).toEqual({
      status: 'HTTP/1.1 400 Bad Request',
      body: 'the body is not UTF-8 text',
    });
    expect(await post('/add-checkpoint', 'a'.repeat(65 * 1024))).toEqual({
      status: 'HTTP/1.1 413 Payload Too Large',
      body: 'the body is larger than the 64 KiB taken',
    });
    expect((await post('/add-checkpoint', 'hello')).status).toBe('HTTP/1.1 400 Bad Request');
  });

  it('reads a short body whatever its words, as the checkpoint it may be', async () => {
    const { status, body } = await post('/add-checkpoint', 'too-large');
    expect(status).toBe('HTTP/1.1 400 Bad Request');
    expect(body).not.toMatch(/larger than/);
  });

  it('says which method it takes (Allow), and never repeats a long path whole', async () => {
    const { head } = await rawAnswer('GET /add-checkpoint HTTP/1.1\r\nHost: w\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 405 [^]*\r\nallow: POST\r\n/i);
    const long = await post(`/${'x'.repeat(5000)}`, '');
    expect(long).toEqual({
      status: 'HTTP/1.1 404 Not Found',
      body: `no /${'x'.repeat(99)}… here: POST /add-checkpoint`,
    });
  });

  it('takes a target as sent or as an absolute URL, and refuses one that is neither', async () => {
    expect(await post('//add-checkpoint', '')).toEqual({
      status: 'HTTP/1.1 404 Not Found',
      body: 'no //add-checkpoint here: POST /add-checkpoint',
    });
    expect((await post('http://w/add-checkpoint', 'hello')).status).toBe(
      'HTTP/1.1 400 Bad Request',
    );
    expect(await post('http://[::1', '')).toEqual({
      status: 'HTTP/1.1 400 Bad Request',
      body: 'the request names no path',
    });
  });
});
