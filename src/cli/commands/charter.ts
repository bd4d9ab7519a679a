/** collegium charter check · keygen · init */
import type { Command } from 'commander';
import {
  enrolMember,
  invite,
  newInvitationToken,
  revokeKey,
  tokenHash,
} from '../../app/enrolment.js';
import { record } from '../../app/proceedings.js';
import { isCanonicalBase64 } from '../../core/bytes.js';
import { publicKeySchema } from '../../core/charter/schema.js';
import { withLedger } from '../context.js';
import type { RecordOptions } from '../context.js';

import { Ledger } from '../../app/ledger.js';
import { CHARTER_FILE, describeCharter, parseCharter } from '../../core/charter/index.js';
import { openStore } from '../../store/index.js';
import { CliError, dbLocation, loaded, readBytes } from '../io.js';
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

/** collegium enrol · revoke */
export function registerEnrolmentCommands(program: Command, run: Run): void {
  program
    .command('enrol')
    .argument('<person>', 'a person of the charter')
    .argument(
      '<public-key>',
      'their public key, ed25519:BASE64 (from collegium keygen on their machine)',
    )
    .description(
      "enrol a person's own key: from then on they sign their own acts with it (replaces and revokes a key they had)",
    )
    .option(
      '--db <path>',
      'SQLite file or postgres:// URL (env COLLEGIUM_DB; default ./collegium.db)',
    )
    .option('--key <file...>', 'private key file of the officer who enrols, if they have one')
    .option('--as <person>', 'the officer who enrols (default: the first secretary of the charter)')
    .action(
      run(async (out, person: string, publicKey: string, o: RecordOptions & { as?: string }) => {
        if (
          !publicKeySchema.safeParse(publicKey).success ||
          !isCanonicalBase64(publicKey.slice('ed25519:'.length))
        )
          throw new CliError(
            `'${publicKey}' is not a public key: ed25519: and 32 bytes in canonical base64`,
            2,
            'usage',
          );
        await withLedger(o, async (ledger) => {
          const entry = await record(
            ledger,
            enrolMember(person, publicKey.slice('ed25519:'.length), o.as),
          );
          out.lines([`${person} enrolled [entry ${entry.index}]`]);
          out.value({ entry: entry.index });
        });
      }),
    );
  program
    .command('invite')
    .argument('<person>', 'a person of the charter')
    .description(
      'invite a person to enrol a key of their own in the browser: prints the link to send them (the first officer of a new record is enrolled this way too)',
    )
    .option(
      '--db <path>',
      'SQLite file or postgres:// URL (env COLLEGIUM_DB; default ./collegium.db)',
    )
    .option('--key <file...>', 'private key file of the officer who invites, if they have one')
    .option(
      '--as <person>',
      'the officer who invites (default: the first secretary of the charter)',
    )
    .option(
      '--origin <url>',
      'the server as browsers reach it (env COLLEGIUM_ORIGIN)',
      process.env['COLLEGIUM_ORIGIN'] ?? 'http://127.0.0.1:4180',
    )
    .option('--days <n>', 'how long the invitation is good for', '7')
    .action(
      run(
        async (
          out,
          person: string,
          o: RecordOptions & { as?: string; origin: string; days: string },
        ) => {
          const days = Number(o.days);
          if (!Number.isInteger(days) || days < 1 || days > 365)
            throw new CliError(
              `--days: '${o.days}' is not a number of days (1 to 365)`,
              2,
              'usage',
            );
          const token = newInvitationToken();
          const expires = new Date(Date.now() + days * 86_400_000).toISOString();
          await withLedger(o, async (ledger) => {
            const entry = await record(ledger, invite(person, tokenHash(token), expires, o.as));
            const url = `${o.origin.replace(/\/$/, '')}/enrol#${token}`;
            out.lines([
              `${person} invited [entry ${entry.index}], until ${expires}: send them this link`,
              url,
            ]);
            out.value({ entry: entry.index, url, token, expires });
          });
        },
      ),
    );
  program
    .command('revoke')
    .argument('<person>')
    .description(
      "revoke a person's key (lost or compromised); they can be enrolled again with a new one",
    )
    .option(
      '--db <path>',
      'SQLite file or postgres:// URL (env COLLEGIUM_DB; default ./collegium.db)',
    )
    .option('--key <file...>', 'private key file of the officer who revokes, if they have one')
    .option('--as <person>', 'the officer who revokes')
    .option('--reason <text>')
    .action(
      run(async (out, person: string, o: RecordOptions & { as?: string; reason?: string }) => {
        await withLedger(o, async (ledger) => {
          const entry = await record(ledger, revokeKey(person, o.reason, o.as));
          out.lines([`${person}'s key revoked [entry ${entry.index}]`]);
          out.value({ entry: entry.index });
        });
      }),
    );
}
