import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ISOPTIONAL_FROM_CLASS_VALIDATOR = {
  name: 'class-validator',
  importNames: ['IsOptional'],
  message: 'Use IsOptional from validation/is-optional.decorator.js (it refuses null).',
};

/** The folders of libs/user/src that are feature modules (everything but core/). */
const FEATURE_FOLDERS = [
  'oauth',
  'two-factor',
  'contacts',
  'profile-images',
  'token-templates',
  'pages',
  'passkeys',
];

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
    rules: { 'no-restricted-imports': ['error', { paths: [ISOPTIONAL_FROM_CLASS_VALIDATOR] }] },
  },
  // Dependencies point one way: a feature module uses the core, the core never imports a feature
  // (a host without the feature must not load it). One block, as a later rule replaces an earlier.
  {
    files: ['libs/user/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ISOPTIONAL_FROM_CLASS_VALIDATOR],
          patterns: [
            {
              regex: String.raw`^(\.\./)+(${FEATURE_FOLDERS.join('|')})/`,
              message: 'The core must not import a feature module: add an extension point in core/.',
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
