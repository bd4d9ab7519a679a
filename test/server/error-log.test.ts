/**
 * What the server's log keeps of a refusal it answers 5xx: a fault of the code with its stack, at
 * error; an outage of the database (or an upgraded or damaged record) in its words, at warn, with
 * no stack, since a whole outage repeats it for every request.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorHandler } from '../../src/server/errors.js';
import { StoreUnavailable } from '../../src/store/types.js';

function logged(error: unknown) {
  const lines: { level: string; fields: Record<string, unknown>; msg: string }[] = [];
  const log = (level: string) => (fields: Record<string, unknown>, msg: string) =>
    lines.push({ level, fields, msg });
  const request = { log: { error: log('error'), warn: log('warn') } } as unknown as FastifyRequest;
  let status = 0;
  const reply = {
    headers: () => reply,
    code: (s: number) => ((status = s), reply),
    type: () => reply,
    send: () => reply,
  } as unknown as FastifyReply;
  errorHandler(error, request, reply);
  return { lines, status };
}

describe('the log of a 5xx refusal', () => {
  it('keeps an outage in words, at warn, and a fault of the code with its stack, at error', () => {
    const outage = logged(new StoreUnavailable(new Error('connect ECONNREFUSED 127.0.0.1:5432')));
    expect(outage.status).toBe(503);
    expect(outage.lines).toEqual([
      {
        level: 'warn',
        fields: {
          code: 'database-unavailable',
          reason: 'the database is unavailable: connect ECONNREFUSED 127.0.0.1:5432',
        },
        msg: 'database-unavailable',
      },
    ]);
    const fault = new TypeError('x is undefined');
    const internal = logged(fault);
    expect(internal.status).toBe(500);
    expect(internal.lines).toEqual([
      { level: 'error', fields: { err: fault }, msg: 'internal error' },
    ]);
  });
});
