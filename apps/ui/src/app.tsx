import { useCallback, useEffect, useState } from 'preact/hooks';

import { Layout } from './components/layout';
import { whenUnauthenticated } from './graphql';
import { needsLogin } from './graphql-errors';
import { KeysPage } from './pages/keys/keys-page';
import { LoginPage } from './pages/login';
import { ModelsPage } from './pages/models/models-page';
import { OrganizationsPage } from './pages/organizations';
import { SpendPage } from './pages/spend/spend-page';
import { TeamPage } from './pages/teams/team-page';
import { TeamsPage } from './pages/teams/teams-page';
import { UsersPage } from './pages/users';
import { useRoute, type Route } from './router';
import { clearKey, logout, readKey } from './session';
import { loadViewer, type Viewer } from './viewer';

type Session = { state: 'loading' } | { state: 'out'; error: unknown } | { state: 'in'; viewer: Viewer };

function Page({ route, viewer }: { route: Route; viewer: Viewer }) {
  switch (route.page) {
    case 'teams':
      return route.id ? (
        <TeamPage key={route.id} viewer={viewer} teamId={route.id} />
      ) : (
        <TeamsPage viewer={viewer} />
      );
    case 'users':
      return <UsersPage viewer={viewer} />;
    case 'organizations':
      return <OrganizationsPage viewer={viewer} />;
    case 'models':
      return <ModelsPage viewer={viewer} />;
    case 'spend':
      return <SpendPage />;
    default:
      return <KeysPage key={route.query.toString()} viewer={viewer} route={route} />;
  }
}

/** Asks the server who is logged in (the SSO cookie or a stored key), then shows the pages. */
export function App() {
  const route = useRoute();
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const refresh = useCallback(() => {
    // A refused key is worth saying; a first visit without a session is not.
    const triedKey = readKey() !== null;
    setSession({ state: 'loading' });
    loadViewer().then(
      (viewer) => setSession({ state: 'in', viewer }),
      (error: unknown) => {
        clearKey();
        setSession({ state: 'out', error: triedKey || !needsLogin(error) ? error : null });
      },
    );
  }, []);
  useEffect(() => {
    whenUnauthenticated(() => {
      clearKey();
      setSession({ state: 'out', error: new Error('Your session has ended: log in again.') });
    });
    refresh();
  }, [refresh]);
  useEffect(() => {
    document.title = `${session.state === 'in' ? route.page : 'Log in'} · Switchyard admin`;
  }, [route.page, session.state]);

  if (session.state === 'loading') return <p aria-busy="true">Loading…</p>;
  if (session.state === 'out') return <LoginPage onKeyLogin={refresh} error={session.error} />;
  return (
    <Layout
      viewer={session.viewer}
      page={route.page}
      onLogout={() => {
        void logout().then(() => setSession({ state: 'out', error: null }));
      }}
    >
      <Page route={route} viewer={session.viewer} />
    </Layout>
  );
}
