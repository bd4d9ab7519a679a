/**
 * A witness's HTTP interface (c2sp.org/tlog-witness): POST /add-checkpoint, over plain node:http,
 * one small text body in and one out.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { WitnessAnswer, WitnessService } from '../app/witness-service.js';
import { cutTo } from '../core/words.js';

/** An add-checkpoint body: a checkpoint and at most 63 hashes, far below this. */
const MAX_BODY = 64 * 1024;

export function witnessServer(
  witness: WitnessService,
  log: (line: string) => void = () => {},
): Server {
  return createServer((request, response) => {
    answer(witness, request)
      .catch((error: unknown) => {
        log(`add-checkpoint failed: ${error instanceof Error ? error.message : String(error)}`);
        return plain(500, 'the witness could not record the checkpoint');
      })
      .then((answered) => {
        if (answered.status !== 200) log(`${answered.status}: ${answered.body.trimEnd()}`);
        send(response, answered);
      })
      .catch(() => response.destroy());
  });
}

/** An answer, with the headers a refusal owes (Allow, of a 405). */
type Answer = WitnessAnswer & { readonly headers?: Readonly<Record<string, string>> };

/** The longest path a refusal repeats whole: a request is never echoed at its own length. */
const PATH_SHOWN = 100;

async function answer(witness: WitnessService, request: IncomingMessage): Promise<Answer> {
  const path = pathOf(request.url ?? '/');
  if (path === undefined) return plain(400, 'the request names no path');
  if (path !== '/add-checkpoint')
    return plain(404, `no ${cutTo(path, PATH_SHOWN)} here: POST /add-checkpoint`);
  if (request.method !== 'POST')
    return { ...plain(405, 'add-checkpoint is a POST'), headers: { allow: 'POST' } };
  const body = await readBody(request);
  if (body === TOO_LARGE) return plain(413, 'the body is larger than the 64 KiB taken');
  if (body === undefined) return plain(400, 'the body is not UTF-8 text');
  return witness.addCheckpoint(body);
}

/** The path of a request's target: as sent (/add-checkpoint?x), or an absolute URL's. */
function pathOf(target: string): string | undefined {
  if (target.startsWith('/')) return target.split(/[?#]/, 1)[0];
  try {
    return new URL(target).pathname;
  } catch {
    return undefined;
  }
}

/** A body past MAX_BODY: a symbol, which no text sent can be. */
const TOO_LARGE = Symbol('too large');

/** The body as text; TOO_LARGE past MAX_BODY; undefined when it is not UTF-8. */
async function readBody(request: IncomingMessage): Promise<string | typeof TOO_LARGE | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_BODY) return TOO_LARGE;
    chunks.push(chunk);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return undefined;
  }
}

function plain(status: number, message: string): WitnessAnswer {
  return {
    status,
    contentType: 'text/plain; charset=utf-8',
    body: `${message}\n`,
  };
}

function send(response: ServerResponse, { status, contentType, body, headers }: Answer): void {
  response.writeHead(status, {
    ...headers,
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}
