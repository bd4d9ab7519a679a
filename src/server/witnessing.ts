/**
 * The server asks its witnesses to cosign each new checkpoint (c2sp.org/tlog-witness), in the
 * background: an append never waits for a witness. Each witness has at most one request in
 * flight; checkpoints signed meanwhile are coalesced into the latest. A 409 is answered once, from
 * the size the witness reports; network failures are retried with a growing delay; a refusal is
 * logged, and tried again at the next checkpoint. Cosignatures, checked, are kept in the record.
 */
import type { FastifyBaseLogger } from 'fastify';
import { proveConsistency } from '../app/proofs.js';
import type { WitnessEndpoint } from '../app/witness-files.js';
import { fromHex } from '../verify/web-crypto.js';
import { verifyWithKeyCache } from '../record/ed25519.js';
import { formatAddCheckpoint } from '../record/witness.js';
import { verifyCosignatures } from '../verify/cosignature.js';
import type { RecordStore, StoredCheckpoint } from '../store/types.js';

export interface WitnessingTimes {
  /** First delay after a failure to reach a witness, doubled at each failure up to `maxRetryMs`. */
  readonly retryMs: number;
  readonly maxRetryMs: number;
  /** How long a witness has to answer. */
  readonly timeoutMs: number;
}

export class Witnessing {
  readonly #links: WitnessLink[];

  constructor(
    store: RecordStore,
    witnesses: readonly WitnessEndpoint[],
    log: FastifyBaseLogger,
    times: WitnessingTimes,
  ) {
    this.#links = witnesses.map((w) => new WitnessLink(store, w, log, times));
  }

  /** A new checkpoint was signed: each witness is asked for it, or for a later one. */
  notify(): void {
    for (const link of this.#links) link.notify();
  }

  /** Stops asking; resolves once no request is in flight. */
  async close(): Promise<void> {
    await Promise.all(this.#links.map((link) => link.close()));
  }
}

/** A witness's answer that is not a cosignature and not worth retrying before the next one. */
class Refused extends Error {}

class WitnessLink {
  /** The size of the last checkpoint the witness cosigned, as far as this server knows. */
  #known: number | undefined;
  /** The size of the last checkpoint whose cosignature by the witness this server keeps. */
  #kept: number | undefined;
  #pending = false;
  #running: Promise<void> | undefined;
  #failures = 0;
  #closed = false;
  #wake: (() => void) | undefined;

  constructor(
    private readonly store: RecordStore,
    private readonly witness: WitnessEndpoint,
    private readonly log: FastifyBaseLogger,
    private readonly times: WitnessingTimes,
  ) {}

  notify(): void {
    this.#pending = true;
    this.#running ??= this.#loop().finally(() => (this.#running = undefined));
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#wake?.();
    await this.#running;
  }

  async #loop(): Promise<void> {
    while (this.#pending && !this.#closed) {
      this.#pending = false;
      try {
        await this.#cosignLatest();
        this.#failures = 0;
      } catch (error) {
        const message = reason(error);
        if (error instanceof Refused) {
          this.log.error(
            { witness: this.witness.name },
            `witness ${this.witness.name}: ${message}`,
          );
          continue;
        }
        this.#failures += 1;
        const delay = Math.min(
          this.times.retryMs * 2 ** (this.#failures - 1),
          this.times.maxRetryMs,
        );
        this.log.warn(
          { witness: this.witness.name },
          `witness ${this.witness.name} not reached (${message}): trying again in ${delay} ms`,
        );
        this.#pending = true;
        await this.#sleep(delay);
      }
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async #cosignLatest(): Promise<void> {
    const latest = await this.store.checkpoint();
    if (latest === undefined) return;
    this.#kept ??= (await this.store.cosignedSizes()).get(this.witness.name) ?? 0;
    this.#known ??= this.#kept;
    if (this.#kept === latest.size) return;
    let answer = await this.#offer(this.#known, latest);
    if (answer.status === 409) {
      // The witness knows another size than this server thought: once more, from that size.
      const size = witnessSize(answer.body);
      this.#known = size;
      answer = await this.#offer(size, latest);
    }
    if (answer.status !== 200)
      throw new Refused(
        `refused the checkpoint of size ${latest.size} (${answer.status}): ${shown(answer.body)}`,
      );
    // An answer that makes no signed note of the checkpoint is a refusal, not a witness unreached.
    const { valid } = await verifyCosignatures(
      latest.note + answer.body,
      [this.witness.key],
      verifyWithKeyCache,
    ).catch(() => ({ valid: [] }));
    const [cosignature] = valid;
    if (cosignature === undefined)
      throw new Refused(`answered without a valid cosignature of size ${latest.size}`);
    await this.store.addCosignature({
      size: latest.size,
      witness: this.witness.name,
      line: cosignature.line,
    });
    this.#known = this.#kept = latest.size;
    this.log.info(
      { witness: this.witness.name },
      `witness ${this.witness.name} cosigned size ${latest.size}`,
    );
  }

  async #offer(
    oldSize: number,
    latest: StoredCheckpoint,
  ): Promise<{ status: number; body: string }> {
    if (oldSize > latest.size)
      throw new Refused(
        `it has cosigned a checkpoint of size ${oldSize} of this log, beyond this record's ${latest.size}: another history under the same log key?`,
      );
    const proof =
      oldSize === 0 || oldSize === latest.size
        ? []
        : await proveConsistency(this.store, oldSize, latest.size).then(
            (p) => p.proof.map(fromHex),
            (error: unknown) => {
              throw new Refused(
                `it has cosigned size ${oldSize}, which this record cannot prove it extends (${(error as Error).message})`,
              );
            },
          );
    const response = await fetch(`${this.witness.url}/add-checkpoint`, {
      method: 'POST',
      // The note as the log signed it (the store keeps cosignatures apart).
      body: formatAddCheckpoint({ oldSize, proof, checkpoint: latest.note }),
      signal: AbortSignal.timeout(this.times.timeoutMs),
    });
    const body = await answerText(response);
    if (response.status >= 500) throw new Error(`${response.status}: ${shown(body)}`);
    return { status: response.status, body };
  }
}

/**
 * A witness answers a cosignature line, a size or a reason in a line: what is longer is read no
 * further, neither held in memory nor written to the log.
 */
const MAX_ANSWER = 64 * 1024;

async function answerText(response: Response): Promise<string> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    length += read.value.length;
    if (length > MAX_ANSWER) {
      await reader?.cancel();
      throw new Refused(
        `answered ${response.status} with more than the ${MAX_ANSWER / 1024} KiB a witness answers`,
      );
    }
    chunks.push(read.value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** Why a request failed: fetch says only "fetch failed", its cause what (a refused connection, a bad port). */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (!(cause instanceof Error)) return error.message;
  const said = cause.message || (cause as NodeJS.ErrnoException).code;
  return said ? `${error.message}: ${said}` : error.message;
}

/** A witness's answer as the log shows it: on one line, at most 200 characters of it. */
function shown(body: string): string {
  const line = body.trim().replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ');
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** The size a 409 answer gives (text/x.tlog.size: a decimal and a newline). */
function witnessSize(body: string): number {
  if (!/^(?:0|[1-9][0-9]*)\n$/.test(body) || !Number.isSafeInteger(Number(body.trim())))
    throw new Refused(`answered 409 without a tree size (${JSON.stringify(body.slice(0, 40))})`);
  return Number(body.trim());
}
