import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}', 'bench/**/*.ts'],
    rules: {
      // Small functions: one that grows past a screen is split where its parts have names.
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // core is pure: no I/O, no clock, no randomness. Those are passed in.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'net', 'http'],
              message: 'core has no I/O',
            },
            {
              group: ['**/record/**', '**/store/**', '**/app/**', '**/cli/**', '**/server/**'],
              message: 'core depends on nothing outside core',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'Date', message: 'pass the clock in' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'pass randomness in' },
        { object: 'Date', property: 'now', message: 'pass the clock in' },
      ],
    },
  },
  {
    files: ['src/record/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/store/**', '**/app/**', '**/cli/**', '**/server/**'],
              message: 'record depends only on core',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/api/**/*.ts'],
    rules: {
      // The contract the server answers and the browser reads: core's schemas and zod only.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'the API contract is bundled for the browser' },
            {
              group: ['**/record/**', '**/store/**', '**/app/**', '**/cli/**', '**/server/**'],
              message: 'the API contract depends only on core',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    ignores: ['src/web/vite.config.ts'],
    rules: {
      // The browser app: WebCrypto and fetch, never Node or the server's layers.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'the web app runs in the browser' },
            {
              group: ['**/store/**', '**/app/**', '**/cli/**', '**/server/**'],
              message: 'the web app talks to the server over HTTP only',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
);
