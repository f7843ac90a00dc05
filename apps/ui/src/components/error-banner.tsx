import { messageOf } from '../graphql-errors';

/** The server's refusal or failure, as it said it; announced to screen readers. */
export function ErrorBanner({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  return (
    <p class="error" role="alert">
      {messageOf(error)}
    </p>
  );
}
