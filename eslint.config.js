// ESLint flat config: JavaScript and TypeScript recommended rules, plus the project's own
// standards (no `any`, unused code flagged). Type-aware rules are left to `tsc --noEmit`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'bench/node_modules/**', 'data/**', 'coverage/**', 'tests/content/fixtures/**', 'tmp/**', 'x/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/channels/web/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
