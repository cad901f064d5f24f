import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Cells pass anything (numbers, text, ranges, null): the signatures say `any` so that our own
    // validation, not Excel's bare #VALUE!, answers a wrong argument (excel.md §3).
    files: ['functions/functions.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The engine is pure: no Office, Excel, DOM or network (architecture.md).
    files: ['src/**/*.ts'],
    rules: {
      // `process` too: the engine runs inside Excel, which has none; only the Node entry points may read it.
      'no-restricted-globals': ['error', 'window', 'document', 'fetch', 'XMLHttpRequest', 'Office', 'Excel', 'CustomFunctions', 'process'],
    },
  },
  {
    files: ['src/node/**/*.ts', 'src/cli.ts', 'src/run/fidelity.ts', 'src/run/cliCommands.ts'],
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'Office', 'Excel', 'CustomFunctions'] },
  },
  // Layering (architecture.md): imports go down the layers only, and the shells reach the engine
  // through its façade, src/run/. A wrong-way import fails `npm test`.
  {
    files: ['functions/**/*.ts', 'taskpane/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/*', '**/src/**', '!**/src/run', '!**/src/run/**'], message: 'functions/ and taskpane/ reach src/ only through src/run/ (the façade); re-export what you need there.' }] }],
    },
  },
  {
    files: ['src/deals/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../run', '../run/**', '../../run', '../../run/**', '**/analytics/**', '**/node/**', '**/cli'], message: 'a deal is terms below the run layer and the analytics: import only src/scenario, src/engine, src/waterfall, src/collateral, src/market, src/time.' }] }],
    },
  },
  {
    files: ['src/time/**/*.ts', 'src/market/**/*.ts', 'src/collateral/**/*.ts', 'src/waterfall/**/*.ts', 'src/engine/**/*.ts', 'src/scenario/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../deals', '../deals/**', '../../deals/**', '../run', '../run/**', '../../run/**', '**/node/**', '**/cli'], message: 'the engine layers import only the layers below them, never the deals, the run layer or the shells.' }] }],
    },
  },
);
