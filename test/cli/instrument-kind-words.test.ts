/** A kind of instrument whose id is hyphenated is read in words where lines name it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COOPERATIVE } from '../support/examples.js';
import { cli, okOn } from '../support/cli.js';

describe('a payment order on the command line', () => {
  it('is "payment order no." where it is named, its kind an id only in the register', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'collegium-kind-')), 'board.db');
    const ok = okOn(db);
    await ok('init', '--charter', COOPERATIVE.charter);
    await ok('session', 'open', 's', '--body', 'board');
    await ok('arrive', 's', 'ada', 'ben', 'chen', 'dana');
    await ok('motion', 's', 'm', '--text', 'Pay the roofer.');
    await ok('vote', 'open', 's', 'm');
    for (const voter of ['ada', 'ben', 'chen']) await ok('ballot', 's', 'm', voter, 'aye');
    await ok('vote', 'close', 's', 'm');
    const drafted = await ok(
      'instrument',
      'draft',
      '--body',
      'board',
      '--kind',
      'payment-order',
      '--rests-on',
      's/m',
      '--text',
      'Pay the roofer 900 EUR.',
      '--id',
      'roof',
    );
    expect(drafted).toMatch(
      /^instrument roof drafted as payment order no\. \d{4}\/1 of Board of Directors \[entry \d+\]\n/,
    );
    expect(await ok('instrument', 'show', 'roof')).toMatch(
      /^Payment order no\. \d{4}\/1 of Board of Directors \[roof\]/,
    );
    // The register lists the kind by its id, as --kind filters it.
    expect(await ok('instruments', '--kind', 'payment-order')).toMatch(/ payment-order /);
    // Signed, issued and verified offline: the verdict names it in words too.
    for (const signer of ['ada', 'chen'])
      await ok('instrument', 'sign', 'roof', '--for', signer, '--channel', 'telephone');
    await ok('instrument', 'issue', 'roof');
    const bundle = join(dirname(db), 'roof.json');
    await ok('export', 'instrument', 'roof', '-o', bundle);
    const policy = join(dirname(db), 'policy.yaml');
    writeFileSync(
      policy,
      `logs: [${(await ok('log-key')).trim()}]\naccept:\n  - kind: payment-order\n`,
    );
    const verdict = await cli('verify', bundle, '--trust', policy);
    expect(verdict.code, verdict.err).toBe(0);
    expect(verdict.out).toMatch(/annuls the payment order no\. \d{4}\/1 of Board of Directors/);
    expect(verdict.out + verdict.err).not.toMatch(/payment-order no\./);
  });
});
