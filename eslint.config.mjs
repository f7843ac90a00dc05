// @ts-check
import { readFileSync } from 'node:fs';

import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

// The libs are the `@switchyard/<lib>` aliases of tsconfig.json.
const { compilerOptions } = JSON.parse(readFileSync(`${import.meta.dirname}/tsconfig.json`, 'utf8'));
const LIBS = Object.keys(compilerOptions.paths)
  .map((alias) => alias.replace('@switchyard/', ''))
  .filter((name) => !name.includes('/'));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'libs/db/src/generated/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "Identifier[name='forwardRef']",
          message: 'Libs form a DAG: split the shared part instead of forwardRef.',
        },
        {
          selector: "MemberExpression[object.name='Scope'][property.name=/REQUEST|TRANSIENT/]",
          message: 'No request- or transient-scoped providers.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...LIBS.map((lib) => `@switchyard/${lib}/*`), '!@switchyard/*/testing'],
              message: "Import a lib through its index ('@switchyard/<lib>').",
            },
            {
              group: ['**/libs/*/src/**', '../../libs/**', '../../../libs/**'],
              message: "Import a lib through its alias ('@switchyard/<lib>').",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/config/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only libs/config reads process.env.' },
      ],
    },
  },
  {
    files: ['eslint.config.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
