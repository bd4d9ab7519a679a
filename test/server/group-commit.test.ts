/** Many members voting at once: gathered into few transactions, each answered on its own. */
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit.js';
import { attendance, openSession, openVote, proposeMotion } from '../../src/app/proceedings.js';
import { motionKey } from '../../src/core/state/index.js';
import {
  Browser,
  enrolledLedger,
  refusal,
  signAct,
  testServer,
  assemblyCharter,
  votersOf,
} from './support.js';

const N = 120;
const voters = votersOf(N);
const CHARTER = assemblyCharter(voters);

describe('the group commit', () => {
  it('records concurrent ballots in a few batches, refusing each bad one on its own', async () => {
    const { ledger, keys } = await enrolledLedger(['sec', ...voters], CHARTER);
    ledger.useKeys(new Map([['sec', keys.get('sec')!.privateKey]]));
    const S = 's';
    await ledger.append([
      openSession({ session: S, body: 'assembly' }),
      ...voters.map((v) => attendance('arrive', S, v, 'sec')),
      proposeMotion({ session: S, motion: 'm', text: 'Yes?' }),
      openVote(S, 'm'),
    ]);
    const app = testServer({ ledger, verifyThreads: 2, commitWindowMs: 5 });
    try {
      const browsers = await Promise.all(
        voters.map(async (v) => {
          const b = new Browser(app);
          expect((await b.loginAs(v, keys.get(v)!)).status).toBe(200);
          return b;
        }),
      );
      const checkpointsBefore = await count(ledger.store.checkpoints());
      const ballot = (v: string, choice = 'aye') => ({ session: S, motion: 'm', voter: v, choice });
      const [first, second, forged, ...rest] = await Promise.all([
        // The same voter twice in one batch: the first is recorded, the second refused.
        browsers[0]!.act(voters[0]!, keys.get(voters[0]!)!, 'ballot.cast', ballot(voters[0]!)),
        browsers[0]!.act(
          voters[0]!,
          keys.get(voters[0]!)!,
          'ballot.cast',
          ballot(voters[0]!, 'nay'),
        ),
        // Signed with another's key.
        browsers[1]!.post(
          '/api/acts',
          signAct(voters[1]!, keys.get(voters[2]!)!, 'ballot.cast', ballot(voters[1]!)),
        ),
        ...voters
          .slice(2)
          .map((v, i) => browsers[i + 2]!.act(v, keys.get(v)!, 'ballot.cast', ballot(v))),
      ]);
      expect(first!.status).toBe(201);
      expect(refusal(second!)).toEqual({ status: 409, code: 'duplicate-ballot' });
      expect(refusal(forged!)).toEqual({ status: 401, code: 'unauthenticated' });
      expect(rest.map((r) => r.status)).toEqual(rest.map(() => 201));
      const entries = [first!, ...rest].map((r) => r.body.entry as number);
      expect(new Set(entries).size).toBe(N - 1);
      const batches = (await count(ledger.store.checkpoints())) - checkpointsBefore;
      expect(batches).toBeGreaterThan(0);
      expect(batches).toBeLessThan(N / 4);
      expect(ledger.state.motions.get(motionKey(S, 'm'))!.ballots.size).toBe(N - 1);
      expect((await audit(ledger.store)).ok).toBe(true);
    } finally {
      await app.close();
      await ledger.store.close();
    }
  });
});

async function count(items: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const item of items) if (item !== undefined) n++;
  return n;
}
