export type Endpoint =
  'chat' | 'completions' | 'embeddings' | 'moderations' | 'responses' | 'list-models' | 'get-model';

export type RouteMatch =
  | { flavor: 'openai'; endpoint: Endpoint; modelId?: string }
  /** Azure's Responses route names the deployment in the body, not the path: `deployment` is empty. */
  | { flavor: 'azure'; endpoint: 'chat' | 'completions' | 'embeddings' | 'responses'; deployment: string };

const OPENAI_POST: Record<string, Endpoint> = {
  '/chat/completions': 'chat',
  '/completions': 'completions',
  '/embeddings': 'embeddings',
  '/moderations': 'moderations',
  '/responses': 'responses',
};

const AZURE_POST: Record<string, 'chat' | 'completions' | 'embeddings'> = {
  '/chat/completions': 'chat',
  '/completions': 'completions',
  '/embeddings': 'embeddings',
};

const AZURE_PREFIX = '/openai/deployments/';

/** OpenAI routes answer with or without the `/v1` prefix; Azure routes live under `/openai/deployments/{name}`. */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  if (path === '/openai/responses' && method === 'POST')
    return { flavor: 'azure', endpoint: 'responses', deployment: '' };
  if (path.startsWith(AZURE_PREFIX)) {
    const slash = path.indexOf('/', AZURE_PREFIX.length);
    if (slash < 0 || method !== 'POST') return undefined;
    const endpoint = AZURE_POST[path.slice(slash)];
    const deployment = decodeURIComponent(path.slice(AZURE_PREFIX.length, slash));
    return endpoint && deployment ? { flavor: 'azure', endpoint, deployment } : undefined;
  }
  const route = path.startsWith('/v1/') ? path.slice(3) : path;
  if (method === 'POST') {
    const endpoint = OPENAI_POST[route];
    return endpoint ? { flavor: 'openai', endpoint } : undefined;
  }
  if (method === 'GET') {
    if (route === '/models') return { flavor: 'openai', endpoint: 'list-models' };
    if (route.startsWith('/models/') && route.length > '/models/'.length) {
      return {
        flavor: 'openai',
        endpoint: 'get-model',
        modelId: decodeURIComponent(route.slice('/models/'.length)),
      };
    }
  }
  return undefined;
}
