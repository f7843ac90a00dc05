import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbortTracker } from './abort-tracker';
import { BENCH_MODEL, buildBenchResponses } from './bench-responses';
import {
  mergeDirectives,
  NO_DIRECTIVES,
  parseDirectives,
  ScriptedFailures,
  type Directives,
} from './directives';
import { answer, missingModel, respondStream, type EndpointSettings } from './endpoints';
import {
  azureAccessDenied,
  azureNotFound,
  directedFailure,
  invalidApiKey,
  invalidUrl,
  unparsableBody,
  type ErrorResponse,
} from './errors';
import { Exchange } from './exchange';
import { asObject, asString } from './json-fields';
import { azureHeaders, openAIHeaders } from './provider-headers';
import { matchRoute, type RouteMatch } from './routes';
import type { MockDirective, MockUpstream, MockUpstreamOptions, RecordedRequest } from './types';

const AZURE_DEFAULT_MODEL = 'gpt-4o-2024-08-06';
const AZURE_DEFAULT_EMBEDDING_MODEL = 'text-embedding-3-small';
const DEFAULT_MODELS = [
  'gpt-4o',
  'gpt-4o-mini',
  'text-embedding-3-small',
  'omni-moderation-latest',
  BENCH_MODEL,
];
const MALFORMED_JSON = '{"id":"chatcmpl-broken","object":"chat.completion",<html>upstream garbage';

export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const requests: RecordedRequest[] = [];
  const aborts = new AbortTracker();
  const scripted = new ScriptedFailures();
  const bench = buildBenchResponses();
  const record = options.record ?? true;
  const settings: EndpointSettings = {
    chunkDelayMs: options.chunkDelayMs ?? 0,
    azureContentFilters: options.azureContentFilters ?? true,
    models: options.models ?? DEFAULT_MODELS,
  };

  const dispatch = async (ex: Exchange, rawBody: string): Promise<void> => {
    const { req } = ex;
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const search = queryAt < 0 ? '' : url.slice(queryAt);
    const parsed = parseBody(rawBody);
    if (record) {
      requests.push({
        method,
        path,
        search,
        query: parseQuery(search),
        headers: req.headers,
        body: parsed,
        rawBody,
        receivedAt: Date.now(),
      });
    }

    const route = matchRoute(method, path);
    if (!route) {
      const error = path.startsWith('/openai/') ? azureNotFound() : invalidUrl(method, path);
      return ex.sendError(error, {});
    }
    const headers = route.flavor === 'azure' ? azureHeaders() : openAIHeaders();
    const authError = checkAuth(req, route, search, options.requireKey);
    if (authError) return ex.sendError(authError, headers);
    if (parsed === undefined && rawBody.length > 0) return ex.sendError(unparsableBody(), headers);
    const body = asObject(parsed) ?? {};
    const requestModel = asString(body['model']);
    const script = scripted.take();

    if (!script && route.flavor === 'openai' && route.endpoint === 'chat' && requestModel === BENCH_MODEL) {
      if (body['stream'] !== true) return void ex.res.writeHead(200, bench.jsonHeaders).end(bench.json);
      const usage = asObject(body['stream_options'])?.['include_usage'] === true;
      return respondStream(
        { ex, headers: bench.streamHeaders, directives: NO_DIRECTIVES, settings },
        usage ? bench.eventsWithUsage : bench.events,
      );
    }

    const named =
      route.flavor === 'azure' ? `${route.deployment} ${requestModel ?? ''}` : (requestModel ?? '');
    const directives: Directives = script
      ? mergeDirectives(parseDirectives(named), script)
      : { ...parseDirectives(named) };
    const model =
      route.flavor === 'azure'
        ? (options.azureDeployments?.[route.deployment] ??
          (route.endpoint === 'embeddings'
            ? AZURE_DEFAULT_EMBEDDING_MODEL
            : (options.azureDefaultModel ?? AZURE_DEFAULT_MODEL)))
        : (requestModel ?? '');

    await ex.sleep(directives.slowMs);
    if (ex.closed) return;
    if (directives.drop) return ex.drop();
    if (directives.failStatus !== undefined) {
      return ex.sendError(directedFailure(directives.failStatus, model, route.flavor === 'azure'), headers);
    }
    if (directives.malformedJson)
      return ex.send(200, { ...headers, 'content-type': 'application/json' }, MALFORMED_JSON);
    if (route.flavor === 'openai' && requestModel === undefined && needsModel(route)) {
      return ex.sendError(missingModel(), headers);
    }
    return answer({ ex, route, body, directives, headers, model, settings });
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const ex = new Exchange(req, res, aborts.record);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody =
        chunks.length === 1 ? (chunks[0]?.toString('utf8') ?? '') : Buffer.concat(chunks).toString('utf8');
      dispatch(ex, rawBody).catch((error: unknown) => failInternally(ex, error));
    });
  };

  const server = createServer({ noDelay: true }, onRequest);
  // Longer than undici's and the gateway's idle timeouts, so pooled connections are never closed under them.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    requests,
    get aborted(): number {
      return aborts.count;
    },
    waitForAbort: (timeoutMs = 5_000, count = 1) => aborts.waitFor(timeoutMs, count),
    failNext: (directive: MockDirective, count = 1) => scripted.push(directive, count),
    reset: () => {
      requests.length = 0;
      aborts.reset();
      scripted.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        aborts.rejectAll('mock upstream closed');
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function parseBody(raw: string): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function parseQuery(search: string): Record<string, string> {
  return search.length > 1 ? Object.fromEntries(new URLSearchParams(search.slice(1))) : {};
}

const needsModel = (route: RouteMatch): boolean =>
  route.endpoint === 'chat' || route.endpoint === 'completions' || route.endpoint === 'embeddings';

function checkAuth(
  req: IncomingMessage,
  route: RouteMatch,
  search: string,
  requireKey: string | undefined,
): ErrorResponse | undefined {
  if (route.flavor === 'azure') {
    const key = req.headers['api-key'];
    if (typeof key !== 'string' || key.length === 0 || (requireKey !== undefined && key !== requireKey)) {
      return azureAccessDenied();
    }
    return parseQuery(search)['api-version'] ? undefined : azureNotFound();
  }
  if (requireKey === undefined) return undefined;
  const authorization = req.headers.authorization ?? '';
  if (authorization === `Bearer ${requireKey}`) return undefined;
  return invalidApiKey(authorization.replace(/^Bearer\s+/i, ''));
}

function failInternally(ex: Exchange, error: unknown): void {
  process.stderr.write(
    `mock-upstream: internal error: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  if (ex.res.headersSent) ex.drop();
  else
    ex.sendJson(
      500,
      {},
      { error: { message: 'mock upstream crashed', type: 'server_error', param: null, code: null } },
    );
}
