import { CallbackPage } from './auth/callback-page';
import { useSession } from './auth/session';
import { SignInPage } from './auth/sign-in-page';
import { PORTALS } from './roles';
import { Link, matchPath, navigate, usePath } from './router/router';
import { PageTitle, Shell } from './ui/shell';
import { useEffect } from 'react';

/** Routing: sign-in and its callback are public; every other page is a signed-in role's. */
export function App() {
  const path = usePath();
  const session = useSession();
  const portal = session ? PORTALS[session.role] : undefined;

  const needsSignIn = !session && path !== '/sign-in' && path !== '/callback';
  const atRoot = Boolean(session) && (path === '/' || path === '/sign-in');
  useEffect(() => {
    if (needsSignIn) navigate('/sign-in', { replace: true });
    else if (atRoot) navigate(portal?.home ?? '/unavailable', { replace: true });
  }, [needsSignIn, atRoot, portal]);

  if (path === '/callback') return <CallbackPage />;
  if (!session) return <SignInPage />;
  for (const route of portal?.routes ?? []) {
    const params = matchPath(route.pattern, path);
    if (params)
      return (
        <Shell session={session} portal={portal}>
          {route.render(params)}
        </Shell>
      );
  }
  return (
    <Shell session={session} portal={portal}>
      {portal ? (
        <>
          <PageTitle>Not found</PageTitle>
          <p>
            There is no such page. <Link to={portal.home}>Back to the start</Link>.
          </p>
        </>
      ) : (
        <>
          <PageTitle>Not available yet</PageTitle>
          <p>The {session.role} pages of this portal are not built yet; the API serves this role in the meantime.</p>
        </>
      )}
    </Shell>
  );
}
