/** collegium charter check · keygen · init */
import type { Command } from 'commander';
import { Ledger } from '../../app/ledger.js';
import { describeCharter, parseCharter } from '../../core/charter/index.js';
import { openStore } from '../../store/index.js';
import { CliError, dbLocation, loaded, readText } from '../io.js';
import { writeKeyFile } from '../keys.js';
import type { Run } from '../main.js';
import { existsSync } from 'node:fs';
import { displayLocation, isPostgresUrl } from '../../store/index.js';

export function registerCharterCommands(program: Command, run: Run): void {
  const charter = program.command('charter').description('work with charter files');
  charter
    .command('check')
    .argument('<file>', 'a charter (YAML)')
    .description(
      'check a charter, reporting every problem as FILE:LINE:COL: message; summarize a valid one',
    )
    .action(
      run(async (out, file: string) => {
        const { value } = loaded(file, parseCharter(readText(file)));
        out.lines([`${file}: valid`, ...describeCharter(value)]);
        out.value({
          file,
          valid: true,
          organization: value.organization,
          bodies: [...value.bodies.keys()],
          summary: describeCharter(value),
        });
      }),
    );

  program
    .command('keygen')
    .description(
      "create an Ed25519 key pair: the private key goes to a file (mode 600), the public key is printed for the charter's people.ID.key",
    )
    .requiredOption('-o, --out <file>', 'where to write the private key file')
    .action(
      run(async (out, options: { out: string }) => {
        const publicKey = writeKeyFile(options.out);
        out.lines([
          publicKey,
          `private key written to ${options.out}; put the public key in the charter as key: ${publicKey}`,
        ]);
        out.value({ publicKey, file: options.out });
      }),
    );

  program
    .command('init')
    .description('create a record whose first entry adopts the charter')
    .requiredOption('--charter <file>', 'the charter (YAML)')
    .option(
      '--db <path>',
      'SQLite file or postgres:// URL (env COLLEGIUM_DB; default ./collegium.db)',
    )
    .action(
      run(async (out, options: { charter: string; db?: string }) => {
        const location = dbLocation(options.db);
        const { value, size } = await initRecord(options.charter, location);
        out.lines([
          `created ${displayLocation(location)}: ${value.organization.name}, charter adopted as entry 0 (${size} entry)`,
        ]);
        out.value({ db: displayLocation(location), organization: value.organization.id, size });
      }),
    );
}

/** Creates a new record at `location` from a charter file. */
export async function initRecord(charterFile: string, location: string) {
  const { value, json } = loaded(charterFile, parseCharter(readText(charterFile)));
  if (!isPostgresUrl(location) && existsSync(location))
    throw new CliError(`${location} exists already: a record is never overwritten`);
  const store = await openStore(location, { create: true });
  try {
    const ledger = await Ledger.create(store, json);
    return { value, size: ledger.size };
  } finally {
    await store.close();
  }
}
