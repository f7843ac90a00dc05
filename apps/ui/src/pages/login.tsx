import { useState } from 'preact/hooks';

import { ErrorBanner } from '../components/error-banner';
import { Field } from '../components/field';
import { storeKey } from '../session';

/** SSO through the gateway's /sso routes, or a key (master or a user's) kept in this tab only. */
export function LoginPage({ onKeyLogin, error }: { onKeyLogin: () => void; error: unknown }) {
  const [key, setKey] = useState('');
  return (
    <main class="login" id="main">
      <h1>Switchyard admin</h1>
      <ErrorBanner error={error} />
      <section class="panel">
        <h2>Single sign-on</h2>
        <a class="button primary" href="/sso/key/generate?redirect=/ui/">
          Log in with SSO
        </a>
      </section>
      <form
        class="panel"
        aria-label="Log in with a key"
        onSubmit={(event) => {
          event.preventDefault();
          if (!key.trim()) return;
          storeKey(key.trim());
          onKeyLogin();
        }}
      >
        <h2>Or use a key</h2>
        <Field
          label="Master key or your API key"
          name="loginKey"
          type="password"
          value={key}
          onInput={setKey}
          autoComplete="current-password"
          hint="Kept in this browser tab only, until you log out or close it."
        />
        <button type="submit" class="primary">
          Log in with key
        </button>
      </form>
    </main>
  );
}
