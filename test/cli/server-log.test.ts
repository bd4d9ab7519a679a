import { PassThrough } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../../src/cli/commands/serve.js';
import { StoreUnavailable } from '../../src/store/index.js';

/** The lines a Fastify server with collegium serve's log options writes while `act` runs. */
async function logged(act: (log: ReturnType<typeof Fastify>['log']) => void) {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const app = Fastify({ logger: loggerOptions('info', stream) });
  await app.ready();
  act(app.log);
  await app.close();
  return chunks
    .join('')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the server log', () => {
  it('names the level, gives an ISO time, and says an error’s cause once', async () => {
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    const lines = await logged((log) => log.error({ err: new StoreUnavailable(cause) }, 'failed'));
    const line = lines.find((l) => l['msg'] === 'failed')!;
    expect(line['level']).toBe('error');
    expect(line['time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const err = line['err'] as { message: string; type: string; cause: { message: string } };
    expect(err.type).toBe('StoreUnavailable');
    expect(err.message).toBe('the database is unavailable: connect ECONNREFUSED 127.0.0.1:5432');
    expect(err.cause.message).toBe('connect ECONNREFUSED 127.0.0.1:5432');
  });
});
