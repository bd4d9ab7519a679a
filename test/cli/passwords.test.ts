/** A postgres:// URL's password is never printed, whatever a command says of its record. */
import { afterEach, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { CENTRAL_COMMITTEE } from '../support/examples.js';
import { postgresBackend, withPassword } from '../support/stores.js';
import type { StoreHandle } from '../support/stores.js';

let handle: StoreHandle | undefined;
afterEach(async () => {
  await handle?.dispose();
  handle = undefined;
});

it('is shown as *** by demo, log and audit, in text and in JSON', async () => {
  handle = await postgresBackend.fresh();
  const db = withPassword(handle.location, 'hunter2');
  const runs = [
    await cli('demo', '--example', CENTRAL_COMMITTEE.name, '--db', db),
    await cli('log', '--last', '2', '--db', db),
    await cli('audit', '--db', db),
    await cli('--json', 'audit', '--db', db),
  ];
  for (const run of runs) {
    expect(run.code, run.err).toBe(0);
    expect(run.out + run.err).not.toContain('hunter2');
  }
  expect(runs[0]!.out).toContain(`record built at ${withPassword(handle.location, '***')}`);
  const json = await cli('--json', 'demo', '--example', CENTRAL_COMMITTEE.name, '--db', db);
  expect(json.code).toBe(1);
  expect(json.out + json.err).not.toContain('hunter2');
});
