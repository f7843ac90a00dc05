import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';

import { serveUi } from './serve-ui';

function builtUi(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-ui-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ui</title>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  return dir;
}

/** A gateway-like server: a root hook and a proxy route, then the UI. */
async function server(uiDir: string): Promise<FastifyInstance> {
  const fastify = Fastify();
  fastify.addHook('onRequest', async () => undefined);
  fastify.post('/v1/chat/completions', async () => ({ ok: true }));
  await serveUi(fastify, uiDir);
  await fastify.ready();
  return fastify;
}

describe('serveUi', () => {
  let fastify: FastifyInstance | undefined;
  afterEach(async () => fastify?.close());

  it('serves hashed assets for a year, index.html uncached, and index.html for client routes', async () => {
    fastify = await server(builtUi());
    const asset = await fastify.inject('/ui/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/ui/', '/ui/index.html', '/ui/keys/some-id']) {
      const page = await fastify.inject(path);
      expect([path, page.statusCode, page.headers['cache-control']]).toEqual([path, 200, 'no-cache']);
      expect(page.body).toContain('<title>ui</title>');
    }
    expect((await fastify.inject('/ui')).headers.location).toBe('/ui/');
    expect((await fastify.inject('/ui/assets/missing.js')).statusCode).toBe(404);
  });

  it('answers a clear 404 when the UI was not built', async () => {
    fastify = await server(mkdtempSync(join(tmpdir(), 'switchyard-no-ui-')));
    const answer = await fastify.inject('/ui/');
    expect(answer.statusCode).toBe(404);
    expect(answer.json()).toMatchObject({ error: { message: expect.stringContaining('npm run build') } });
  });

  it('adds no hook to the proxy routes', async () => {
    fastify = await server(builtUi());
    expect(fastify.hasRoute({ method: 'POST', url: '/v1/chat/completions' })).toBe(true);
    const routes = fastify.printRoutes({ includeHooks: true, commonPrefix: false });
    const proxy = routes.slice(routes.indexOf('/v1/chat/completions'), routes.indexOf('/ui'));
    expect(proxy.match(/• \(\w+\)/g)).toEqual(['• (onRequest)']);
    expect((await fastify.inject({ method: 'POST', url: '/v1/chat/completions' })).json()).toEqual({
      ok: true,
    });
  });
});
