// ESLint flat config (ESM). Type-aware rules for the API, the libs, the console and the mini-program.
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default defineConfig(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/coverage/**',
      'data/**',
      'test-output/**',
      'bench/**',
      'apps/miniprogram/config/**',
      'apps/miniprogram/scripts/**',
      'apps/miniprogram/babel.config.js',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names are deliberately unused (e.g. `({ secret: _omit, ...rest }) => rest`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['apps/api/src/**/*.ts', 'libs/*/src/**/*.ts'],
    // Specs are excluded from the packages' tsconfig.json files, so the project service has no
    // program for them; they get the non-type-aware recommended rules only.
    ignores: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    // The API's module graph is explicit: a feature imports the modules it uses. No service locator,
    // no forward references to paper over a cycle (move the shared piece down instead).
    files: ['apps/api/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@nestjs/core', importNames: ['ModuleRef'], message: 'Import the module that provides the service instead of looking it up.' },
            { name: '@nestjs/common', importNames: ['forwardRef'], message: 'Break the cycle by moving the shared piece into a lower module.' },
          ],
        },
      ],
    },
  },
  {
    // The staff console and the mini-program: type-aware too, against each app's own tsconfig.
    files: ['apps/admin/src/**/*.{ts,tsx}', 'apps/miniprogram/src/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    // Plain Node scripts (test runner, configs).
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
);
