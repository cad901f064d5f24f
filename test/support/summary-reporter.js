/**
 * Prints one closing line in the plain form CI reads ("jest: N passed, N failed, N skipped").
 * It is written when the process exits, so it comes after jest's own summary and is the last
 * line of `npm test`.
 */
const fs = require('fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `jest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    process.once('exit', () => fs.writeSync(2, line));
  }
}
module.exports = SummaryReporter;
