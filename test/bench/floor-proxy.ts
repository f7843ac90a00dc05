/**
 * The "floor": the least a JSON-parsing pass-through proxy can cost (Fastify 5 + an undici Pool),
 * to compare the gateway against.
 *   node dist/test/bench/floor-proxy.js --upstream http://127.0.0.1:PORT [--port 0]
 * Prints `FLOOR_READY <url>` once listening.
 */
import Fastify from 'fastify';
import { Pool } from 'undici';

const UPSTREAM_PATH = '/v1/chat/completions';
const UPSTREAM_HEADERS = { 'content-type': 'application/json', authorization: 'Bearer sk-mock' };

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

async function main(): Promise<void> {
  const upstream = flag('--upstream');
  if (!upstream) throw new Error('--upstream <url> is required');
  const pool = new Pool(upstream, { connections: 256, keepAliveTimeout: 60_000 });
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 });

  app.get('/health/liveness', async () => "I'm alive!");

  app.post(UPSTREAM_PATH, async (request, reply) => {
    const body = request.body;
    if (!isObject(body) || typeof body['model'] !== 'string') {
      return reply.code(400).send({ error: { message: 'model is required', type: 'invalid_request_error' } });
    }
    // Same work the gateway must do at least: rewrite the model, re-serialise.
    const upstreamResponse = await pool.request({
      method: 'POST',
      path: UPSTREAM_PATH,
      headers: UPSTREAM_HEADERS,
      body: JSON.stringify({ ...body, model: body['model'] }),
    });
    reply.code(upstreamResponse.statusCode);
    if (body['stream'] === true) {
      reply.header('content-type', 'text/event-stream; charset=utf-8').header('cache-control', 'no-cache');
      return reply.send(upstreamResponse.body);
    }
    const parsed: unknown = await upstreamResponse.body.json();
    reply.header('content-type', 'application/json');
    return JSON.stringify(parsed);
  });

  const address = await app.listen({ host: '127.0.0.1', port: Number(flag('--port') ?? 0) });
  process.stdout.write(`FLOOR_READY ${address}\n`);
  const stop = (): void => {
    void app
      .close()
      .then(() => pool.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`floor-proxy: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
