/** A tiny client for the management REST API: returns status and parsed JSON, never throws on 4xx. */
export interface ApiResult {
  readonly status: number;
  readonly body: Record<string, unknown> & {
    error?: { message: string; type: string; param: string | null; code: string };
  };
}

export function managementClient(baseUrl: string, key: string) {
  const call = async (method: string, path: string, body?: unknown): Promise<ApiResult> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as ApiResult['body'] };
  };
  return {
    post: (path: string, body: unknown = {}) => call('POST', path, body),
    get: (path: string, query: Record<string, string> = {}) =>
      call('GET', `${path}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`),
    call,
  };
}

export type ManagementClient = ReturnType<typeof managementClient>;
