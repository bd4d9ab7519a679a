/**
 * The charters a proceedings file amends to: read beside it (the caller reads the files, from
 * the names its motions' `amends` give), carried by the motions the replay proposes, and an
 * amendment that cannot come into force refused at the place in its own file that stands in the
 * way.
 */
import type { Charter } from '../core/charter/index.js';
import { DomainError, fail } from '../core/errors.js';
import type { ErrorCode } from '../core/errors.js';
import type { Loaded, Path } from '../core/format/yaml-source.js';
import { parseProceedings } from '../core/proceedings/index.js';
import type { ProceedingsFile } from '../core/proceedings/index.js';
import { amendedCharter, checkOpenQuestions, checkOpenSessions } from '../core/state/charters.js';
import type { State } from '../core/state/index.js';

/** The charters a proceedings file amends to, by the name its `amends` gives, as data. */
export type Amendments = ReadonlyMap<string, Record<string, unknown>>;

/**
 * An amended charter that cannot come into force, refused with the place in its own file that
 * stands in the way (the organization's id or log, a body whose session or question is open).
 */
export class AmendmentRefused extends DomainError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly amendment: { readonly file: string; readonly path: Path },
  ) {
    super(code, message);
  }
}

/**
 * Reads a proceedings file against the charter, and the charters its motions amend it to, each
 * read by `read` (its name as `amends` gives it; the caller resolves it against the file).
 */
export function readProceedings(
  source: string | Uint8Array,
  charter: Charter,
  read: (name: string) => Loaded<Charter>,
): { proceedings: Loaded<ProceedingsFile>; charters: Map<string, Loaded<Charter>> } {
  const charters = new Map<string, Loaded<Charter>>();
  const proceedings = parseProceedings(source, charter, (name) => {
    const loaded = charters.get(name) ?? read(name);
    charters.set(name, loaded);
    return loaded.ok ? loaded.value : undefined;
  });
  return { proceedings, charters };
}

/** The amended charters as data, for the replay, from those readProceedings read. */
export function amendmentData(charters: ReadonlyMap<string, Loaded<Charter>>): Amendments {
  return new Map(
    [...charters].flatMap(([name, loaded]) =>
      loaded.ok ? [[name, loaded.json as Record<string, unknown>] as const] : [],
    ),
  );
}

/**
 * The core's checks of an amendment against the record (those a charter file cannot fail on its
 * own), run before the motion is proposed so that a refusal names the place in the amendment's
 * file: its organization's id or log, which an amendment keeps, or its bodies, which must keep
 * those with a session open. `where` is the motion's `amends` in the proceedings file.
 */
export function checkAmendment(
  state: State,
  json: Record<string, unknown>,
  name: string,
  where: Path,
): void {
  const current = state.charter ?? fail('conflict', 'the record has no charter');
  function refused(error: unknown, path: Path): never {
    if (!(error instanceof DomainError)) throw error;
    const refusal = new AmendmentRefused(error.code, error.message, { file: name, path });
    refusal.where = where;
    throw refusal;
  }
  let amended: Charter;
  try {
    amended = amendedCharter(json, current);
  } catch (error) {
    const organization = (json['organization'] ?? {}) as Record<string, unknown>;
    refused(error, ['organization', organization['id'] !== current.organization.id ? 'id' : 'log']);
  }
  try {
    checkOpenSessions(state, amended);
    checkOpenQuestions(state, amended);
  } catch (error) {
    refused(error, ['bodies']);
  }
}
