import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const lib = (name: string) => resolve(__dirname, `libs/${name}/src`);

export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: Object.fromEntries(
      [
        'kernel',
        'config',
        'providers',
        'models',
        'routing',
        'auth',
        'health',
        'queue',
        'proxy',
        'db',
        'identity',
        'spend',
        'metrics',
      ].map((name) => [`@switchyard/${name}`, lib(name)]),
    ),
  },
  test: {
    include: ['libs/**/*.spec.ts', 'test/**/*.e2e-spec.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
