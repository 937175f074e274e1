// Lint rules for the whole tree: typescript-eslint's recommended set, plus the layering of DESIGN.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'data', 'test-results', 'playwright-report', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Function']", message: 'No eval: the CSP forbids it.' },
      ],
    },
  },
  { files: ['renderer/**/*.ts'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['server/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['../*', 'node:*', 'koa', '@koa/*'] }],
    },
  },
  {
    // The tournament rules may use the game's (server/domain/*), still nothing outside server/domain.
    files: ['server/domain/tournament/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['../../*', 'node:*', 'koa', '@koa/*'] }],
    },
  },
  {
    files: ['server/hub/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['../routes/*', '../views/*'] }] },
  },
  {
    files: ['main/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['../server/*/**', '!../server/start.js'] }] },
  },
);
