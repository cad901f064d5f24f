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
);
