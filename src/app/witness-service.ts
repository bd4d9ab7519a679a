/**
 * A witness at work: it answers add-checkpoint requests for the logs it is configured for, keeps
 * the last checkpoint it cosigned of each in its state file before it answers, and takes the
 * requests of one log one at a time, so that two cannot both advance from the same old size
 * (c2sp.org/tlog-witness: the check and the update are atomic).
 */
import {
  checkpointOrigin,
  decideAddCheckpoint,
  parseAddCheckpoint,
  WitnessRequestError,
} from '../record/witness.js';
import type { Cosigner, WitnessedCheckpoint, WitnessedLog } from '../record/witness.js';
import { writeWitnessState } from './witness-files.js';

export interface WitnessAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

const TEXT = 'text/plain; charset=utf-8';

export class WitnessService {
  readonly #logs: ReadonlyMap<string, WitnessedLog>;
  #state: ReadonlyMap<string, WitnessedCheckpoint>;
  /** The request of each log being decided, for the next to wait on. */
  readonly #turns = new Map<string, Promise<unknown>>();
  /** State writes, one after another, each of the whole state as committed so far. */
  #writing: Promise<unknown> = Promise.resolve();

  constructor(
    readonly cosigner: Cosigner,
    logs: readonly WitnessedLog[],
    private readonly stateFile: string,
    /** What the state file held at the start (./witness-files.ts reads it): none at first. */
    state: ReadonlyMap<string, WitnessedCheckpoint> = new Map(),
    private readonly now: () => number = Date.now,
  ) {
    this.#logs = new Map(logs.map((log) => [log.origin, log]));
    this.#state = state;
  }

  /** The last checkpoint cosigned of a log, if any. */
  latest(origin: string): WitnessedCheckpoint | undefined {
    return this.#state.get(origin);
  }

  /** Answers a POST add-checkpoint body, with the status and body the spec gives. */
  async addCheckpoint(body: string): Promise<WitnessAnswer> {
    let request;
    try {
      request = parseAddCheckpoint(body);
    } catch (error) {
      if (error instanceof WitnessRequestError) return text(400, `malformed: ${error.message}`);
      throw error;
    }
    const origin = checkpointOrigin(request.checkpoint);
    const log = this.#logs.get(origin);
    if (log === undefined) return text(404, `this witness does not witness the log ${origin}`);
    return this.#inTurn(origin, async () => {
      const seconds = Math.floor(this.now() / 1000);
      const decision = decideAddCheckpoint(
        request,
        log,
        this.#state.get(origin),
        this.cosigner,
        seconds,
      );
      if (decision.status === 409)
        return { status: 409, contentType: 'text/x.tlog.size', body: `${decision.size}\n` };
      if (decision.status !== 200) return text(decision.status, decision.reason);
      await this.#commit(origin, decision.latest);
      return { status: 200, contentType: TEXT, body: decision.cosignature };
    });
  }

  #inTurn<T>(origin: string, work: () => Promise<T>): Promise<T> {
    const turn = (this.#turns.get(origin) ?? Promise.resolve()).then(work);
    this.#turns.set(
      origin,
      turn.catch(() => undefined),
    );
    return turn;
  }

  /** Persists the new checkpoint of a log, then makes it the one requests are decided against. */
  #commit(origin: string, latest: WitnessedCheckpoint): Promise<void> {
    const write = this.#writing.then(() => {
      const next = new Map(this.#state).set(origin, latest);
      writeWitnessState(this.stateFile, next);
      this.#state = next;
    });
    this.#writing = write.catch(() => undefined);
    return write;
  }
}

function text(status: WitnessAnswer['status'], message: string): WitnessAnswer {
  return { status, contentType: TEXT, body: `${message}\n` };
}
