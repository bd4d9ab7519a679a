/**
 * Acts are counted from the moment they arrive until they are submitted to the group commit or
 * answered without it, so that a burst's first act waits only for acts that are still coming.
 */
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommitQueue } from '../../src/server/commit.js';
import { countActsComing } from '../../src/server/routes/acting.js';

/** A queue that only counts what is on its way. */
function countingQueue() {
  let coming = 0;
  let counted = 0;
  const queue = {
    expect: () => {
      coming++;
      counted++;
      let once = true;
      return () => {
        if (once) coming--;
        once = false;
      };
    },
  } as unknown as CommitQueue;
  return { queue, coming: () => coming, counted: () => counted };
}

const apps: ReturnType<typeof Fastify>[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

describe('acts on their way', () => {
  it('are counted as they arrive, and no longer once answered, though never submitted', async () => {
    const { queue, coming, counted } = countingQueue();
    const app = Fastify();
    apps.push(app);
    app.addHook('onRequest', countActsComing(queue));
    let seenComing = -1;
    app.post('/api/acts', async (_request, reply) => {
      seenComing = coming();
      return reply.code(400).send({ error: { code: 'invalid-input' } });
    });
    app.get('/api/acts', async () => ({}));
    app.post('/api/other', async () => ({}));
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    expect((await fetch(`${base}/api/acts`, { method: 'POST', body: '{}' })).status).toBe(400);
    await fetch(`${base}/api/acts`);
    await fetch(`${base}/api/other`, { method: 'POST', body: '{}' });
    expect(seenComing).toBe(1);
    await expect.poll(coming).toBe(0);
    expect(counted()).toBe(1);
  });
});
