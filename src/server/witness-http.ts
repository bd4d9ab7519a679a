/**
 * A witness's HTTP interface (c2sp.org/tlog-witness): POST /add-checkpoint, over plain node:http,
 * one small text body in and one out.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { WitnessAnswer, WitnessService } from '../app/witness-service.js';

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

async function answer(witness: WitnessService, request: IncomingMessage): Promise<WitnessAnswer> {
  const path = pathOf(request.url ?? '/');
  if (path === undefined) return plain(400, 'the request names no path');
  if (path !== '/add-checkpoint') return plain(404, `no ${path} here: POST /add-checkpoint`);
  if (request.method !== 'POST') return plain(405, 'add-checkpoint is a POST');
  const body = await readBody(request);
  if (body === undefined) return plain(400, 'the body is not UTF-8 text of at most 64 KiB');
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

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_BODY) return undefined;
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

function send(response: ServerResponse, { status, contentType, body }: WitnessAnswer): void {
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}
