import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** `vite build` writes the admin UI to dist/ui; this file runs from dist/apps/gateway/src/ui. */
export const UI_DIR = resolve(__dirname, '../../../../ui');

/** Vite names every asset by its content hash: a changed file is a new URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

function notBuilt(reply: FastifyReply): FastifyReply {
  return reply.code(404).send({
    error: {
      message: 'The admin UI was not built: run `npm run build` (vite build writes dist/ui).',
      type: 'not_found_error',
      param: null,
      code: '404',
    },
  });
}

function missingAsset(reply: FastifyReply): FastifyReply {
  return reply.code(404).send({
    error: { message: 'No such UI asset.', type: 'not_found_error', param: null, code: '404' },
  });
}

/**
 * The admin UI at /ui/: its files, index.html for any other /ui/ path (client-side routes), and
 * /ui redirected to /ui/. An encapsulated plugin with no hooks: the proxy's routes are untouched.
 */
export async function serveUi(fastify: FastifyInstance, uiDir = UI_DIR): Promise<{ built: boolean }> {
  const built = existsSync(join(uiDir, 'index.html'));
  await fastify.register(async (ui) => {
    ui.get('/ui', (_request, reply) => reply.redirect('/ui/', 301));
    if (!built) {
      ui.get('/ui/*', (_request, reply) => notBuilt(reply));
      return;
    }
    // wildcard: false registers one route per built file; the /ui/* route below is the SPA fallback.
    await ui.register(fastifyStatic, {
      root: uiDir,
      prefix: '/ui/',
      wildcard: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', path.includes('/assets/') ? IMMUTABLE : 'no-cache');
      },
    });
    ui.get('/ui/*', (request, reply) =>
      request.url.startsWith('/ui/assets/') ? missingAsset(reply) : reply.sendFile('index.html'),
    );
  });
  return { built };
}
