/** collegium charter check · keygen · init */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { Ledger } from '../../app/ledger.js';
import { CHARTER_FILE, describeCharter, parseCharter } from '../../core/charter/index.js';
import { displayLocation, isPostgresUrl, openStore } from '../../store/index.js';
import { CliError, dbLocation, loaded, readBytes } from '../io.js';
import { writeKeyFile } from '../keys.js';
import type { Run } from '../main.js';
import { dbOption } from '../options.js';

export function registerCharterCommands(program: Command, run: Run): void {
  registerCharterCheck(program.command('charter').description('work with charter files'), run);
  registerKeygen(program, run);
  registerInit(program, run);
}

function registerCharterCheck(charter: Command, run: Run): void {
  charter
    .command('check')
    .argument('<file>', 'a charter (YAML)')
    .description(
      'check a charter, reporting every problem as FILE:LINE:COL: message; summarize a valid one',
    )
    .action(
      run(async (out, file: string) => {
        const { value } = loaded(file, parseCharter(readBytes(file, CHARTER_FILE)));
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
}

function registerKeygen(program: Command, run: Run): void {
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
}

function registerInit(program: Command, run: Run): void {
  dbOption(
    program
      .command('init')
      .description('create a record whose first entry adopts the charter')
      .requiredOption('--charter <file>', 'the charter (YAML)'),
  ).action(
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
  const { value, json } = loaded(charterFile, parseCharter(readBytes(charterFile, CHARTER_FILE)));
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
