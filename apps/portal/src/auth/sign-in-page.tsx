import { useEffect, useRef, useState } from 'react';
import { api, data } from '../api/client';
import type { components } from '../api/generated/schema';
import { PORTALS } from '../roles';
import { navigate, useSearch } from '../router/router';
import { ErrorBanner } from '../ui/error-banner';
import { PageTitle } from '../ui/shell';
import { useAsync } from '../ui/use-async';
import { beginOidcSignIn } from './oidc';
import { signIn, type Role } from './session';

type DemoPrincipal = components['schemas']['DemoPrincipalView'];

async function demoSignIn(role: Role): Promise<void> {
  const answer = await data(api.POST('/portal/demo-sign-in', { body: { role } }));
  signIn({
    token: answer.token,
    role: answer.principal.role,
    label: answer.principal.label,
    expiresAt: Date.now() + answer.expiresIn * 1000,
    ...(answer.demoWallet ? { demoWallet: answer.demoWallet } : {}),
  });
  navigate(PORTALS[answer.principal.role]?.home ?? '/', { replace: true });
}

/**
 * Sign-in. Production: OpenID Connect against the configured issuer. With the development secret: the
 * demo principals, one button each (the banner of `npm start` links here with `?as=<role>`, a role name
 * only, never a token, and that role is signed in at once).
 */
export function SignInPage() {
  const config = useAsync(() => data(api.GET('/portal/config')), 'config');
  const requested = useSearch().get('as');
  const [failure, setFailure] = useState<unknown>();
  const autoStarted = useRef(false);
  const principals: DemoPrincipal[] = config.data?.demoPrincipals ?? [];

  useEffect(() => {
    const match = principals.find((principal) => principal.role === requested);
    if (!match || autoStarted.current) return;
    autoStarted.current = true;
    demoSignIn(match.role).catch(setFailure);
  }, [principals, requested]);

  return (
    <main id="main" className="sign-in">
      <PageTitle>Sign in to Health claims</PageTitle>
      <ErrorBanner error={config.error} what="load the sign-in options" />
      <ErrorBanner error={failure} what="sign in" />
      {config.loading && !config.data ? <p>Loading…</p> : null}
      {config.data?.signIn === 'oidc' && config.data.oidc ? (
        <button
          type="button"
          className="primary"
          onClick={() => {
            if (config.data?.oidc) beginOidcSignIn(config.data.oidc, '/').catch(setFailure);
          }}
        >
          Sign in with {new URL(config.data.oidc.issuer).host}
        </button>
      ) : null}
      {config.data?.signIn === 'development' ? (
        <section aria-labelledby="demo-heading">
          <h2 id="demo-heading">Demo principals</h2>
          <p className="banner banner-demo">
            Development mode: the gateway verifies tokens with the public development secret, so these demo sign-ins are
            open to anyone. Never run a real deployment like this.
          </p>
          <ul className="principals">
            {principals.map((principal) => (
              <li key={principal.role}>
                <button type="button" onClick={() => void demoSignIn(principal.role).catch(setFailure)}>
                  Sign in as {principal.label}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {config.data?.signIn === 'none' ? (
        <p>
          No sign-in is configured: set PORTAL_OIDC_ISSUER and PORTAL_OIDC_CLIENT_ID on the gateway (or run it with the
          development secret for the demo).
        </p>
      ) : null}
    </main>
  );
}
