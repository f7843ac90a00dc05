import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// The lib aliases come from tsconfig.json's paths: one list for the compiler, vitest and eslint.
const { compilerOptions } = JSON.parse(readFileSync(resolve(__dirname, 'tsconfig.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
const alias = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([name, [target]]) => [
    name,
    resolve(__dirname, target as string),
  ]),
);

export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: [
      ...Object.entries(alias).map(([find, replacement]) => ({ find, replacement })),
      // One graphql realm: our code would get index.mjs while Nest and Apollo require index.js.
      { find: /^graphql$/, replacement: 'graphql/index.js' },
    ],
  },
  test: {
    include: [
      'libs/**/*.spec.ts',
      'apps/ui/src/**/*.spec.ts',
      'apps/gateway/src/ui/*.spec.ts',
      'test/**/*.e2e-spec.ts',
    ],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
