import { errorOfAnswer, GraphqlError, type GraphqlAnswer } from './graphql-errors';
import { readKey } from './session';

let onUnauthenticated: () => void = () => undefined;

/** Called when the server says the caller is not logged in: the app shows the login page. */
export function whenUnauthenticated(listener: () => void): void {
  onUnauthenticated = listener;
}

/**
 * POST /graphql with the session cookie, or the key of a key login as a bearer token. Resolves to
 * `data`; rejects with the server's first error (its message is meant for the user).
 */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const key = readKey();
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new GraphqlError('NETWORK', 'The gateway cannot be reached.');
  }
  const answer = (await response.json().catch(() => null)) as GraphqlAnswer<T> | null;
  const error = errorOfAnswer(answer, response.status);
  if (error) {
    if (error.code === 'UNAUTHENTICATED') onUnauthenticated();
    throw error;
  }
  return answer?.data as T;
}

/** A Relay connection as every list query answers it. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
}
