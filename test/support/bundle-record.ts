/**
 * A record kept through the command line in a fresh folder, whose instruments' bundles are
 * exported and verified as a recipient would: for tests of what a bundle proves of the decision
 * an instrument rests on.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, okOn } from './cli.js';

/**
 * A board whose orders rest on a decision, and its sub, holding the power to spend; `sub` adds to
 * the sub's rules (lines of YAML under it), `bodies` adds bodies.
 */
export const boardCharter = (sub = '', bodies = ''): string => `collegium: 1
organization: {id: org, name: Org}
people:
  ann: {name: Ann}
  bob: {name: Bob}
  cy: {name: Cy}
bodies:
  board:
    name: Board
    members: [ann, bob, cy]
    secretary: ann
    quorum: majority
    majority: votes-cast
    instruments:
      order: {signers: [ann], rests-on: decision}
  sub:
    name: Sub
    parent: board
    members: [ann, bob]
    powers: [spend]
    quorum: majority
    majority: votes-cast
${sub}${bodies}`;

/** A bundle's verdict, as `verify --json` gives it. */
export interface Verdict {
  accepted: boolean;
  reasons: { code: string; message: string }[];
}

/**
 * A record of `charter` in a fresh folder (`prefix` names it): `ok` runs a command on it that must
 * succeed, `file` writes a file beside it, `trust` writes a policy trusting its log that accepts
 * `accept` (YAML lines under accept:), `exported` exports an instrument's bundle to a file of that
 * name, and `verify` gives a bundle's verdict under a policy.
 */
export async function bundleRecord(prefix: string, charter: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = join(dir, 'r.db');
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const ok = okOn(db);
  await ok('init', '--charter', file('charter.yaml', charter));
  const trust = async (accept: string): Promise<string> =>
    file('policy.yaml', `logs: [${(await ok('log-key')).trim()}]\naccept:\n${accept}`);
  const exported = async (id: string, name: string): Promise<string> => {
    await ok('export', 'instrument', id, '--out', join(dir, name));
    return join(dir, name);
  };
  const verify = async (bundle: string, policy: string): Promise<Verdict> => {
    const r = await cli('--json', 'verify', bundle, '--trust', policy);
    return JSON.parse(r.out) as Verdict;
  };
  return { file, ok, trust, exported, verify };
}
