/* The little of Node's `process` that ExcelJS's stream code reads in the browser (see
 * exceljs-source-build.js): no environment, and nextTick as a microtask. */
module.exports = {
  env: {},
  browser: true,
  version: '',
  versions: {},
  nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)),
  cwd: () => '/',
};
