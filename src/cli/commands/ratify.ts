/** collegium ratify: put the motion that ratifies a provisional decision in an open session. */
import type { Command } from 'commander';
import { putRatification } from '../../app/ratification.js';
import { parseDecisionRef } from '../../app/registers.js';
import { decisionInWords, sessionInWords } from '../../core/state/index.js';
import { recordAct } from '../context.js';
import type { Run } from '../main.js';
import { recordingOptions } from '../options.js';
import type { RecordingOptions } from '../options.js';

type RatifyOptions = RecordingOptions & {
  session: string;
  motionId?: string;
  text?: string;
  proposer?: string;
};

export function registerRatifyCommand(program: Command, run: Run): void {
  recordingOptions(
    program
      .command('ratify')
      .argument('<ref>', 'the provisional decision: a circulation id, or SESSION/MOTION')
      .description(
        'put a motion that ratifies a provisional decision in an open session of the ratifying body; vote on it and close it as any motion: adopted, the decision is final; rejected, it is annulled',
      ),
  )
    .requiredOption('--session <session>', 'the open session of the ratifying body')
    .option('--motion-id <id>', 'the motion id (default: ratify- and the decision id)')
    .option('--text <text>', 'the wording (default: "Ratify" and the decision in words)')
    .option('--proposer <person>', 'who moves it')
    .action(
      run(async (out, ref: string, o: RatifyOptions) => {
        const ratifies = parseDecisionRef(ref);
        const request = {
          ratifies,
          session: o.session,
          ...(o.motionId !== undefined ? { motion: o.motionId } : {}),
          ...(o.text !== undefined ? { text: o.text } : {}),
          ...(o.proposer !== undefined ? { proposer: o.proposer } : {}),
        };
        await recordAct(
          o,
          () => putRatification(request, o.as),
          (entry, ledger) => {
            const motion = [...ledger.state.motions.values()].find(
              (m) => m.proposedAt === entry.index,
            )!;
            out.lines([
              `motion ${motion.id} put in ${sessionInWords(ledger.state, o.session)}: it ratifies ${decisionInWords(ledger.state, ratifies)} [entry ${entry.index}]`,
              `  vote on it and close it as any motion (collegium vote open ${o.session} ${motion.id})`,
            ]);
            out.value({ entry: entry.index, session: o.session, motion: motion.id });
          },
        );
      }),
    );
}
