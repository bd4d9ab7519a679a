// Runs the whole test suite and ends with one line, "N passed, N failed", that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const report = 'test-results/vitest.json';
rmSync(report, { force: true });
const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
if (!existsSync(report)) {
  console.log('0 passed, 1 failed (the test runner produced no report)');
  process.exit(run.status || 1);
}
const results = JSON.parse(readFileSync(report, 'utf8'));
const skipped = results.numPendingTests + results.numTodoTests;
// A file that fails to load counts as a failure even though none of its tests ran.
const brokenFiles = results.testResults.filter(
  (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
).length;
const failed = results.numFailedTests + brokenFiles;
console.log(
  `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(run.status ?? 1);
