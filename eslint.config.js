import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  // class-validator's IsOptional lets null through to code that expects a value.
  {
    files: ['libs/user/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-validator',
              importNames: ['IsOptional'],
              message: 'Use IsOptional from validation/is-optional.decorator.js (it refuses null).',
            },
          ],
        },
      ],
    },
  },
  // The prebuilt pages, and the browser-side callbacks of their tests, run in a browser.
  {
    files: ['libs/ui/**/*.{ts,tsx}', 'test/ui/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
