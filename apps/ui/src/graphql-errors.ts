/** A GraphQL answer as the gateway sends it (Apollo): data, or coded errors, or both. */
export interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: readonly { message: string; extensions?: { code?: string } }[];
}

/** The first error of an answer: its message is the server's, shown to the user as is. */
export class GraphqlError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GraphqlError';
  }
}

/** The error an answer carries, or null when it holds data. */
export function errorOfAnswer<T>(answer: GraphqlAnswer<T> | null, status: number): GraphqlError | null {
  const first = answer?.errors?.[0];
  if (first) return new GraphqlError(first.extensions?.code ?? 'ERROR', first.message);
  if (status === 401) return new GraphqlError('UNAUTHENTICATED', 'Your session has ended: log in again.');
  if (!answer || answer.data === null || answer.data === undefined || status >= 400) {
    return new GraphqlError('HTTP_ERROR', `The gateway answered HTTP ${status} without data.`);
  }
  return null;
}

/** Whether the caller must log in (again): no session, an expired one, or a revoked key. */
export function needsLogin(error: unknown): boolean {
  return error instanceof GraphqlError && error.code === 'UNAUTHENTICATED';
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
