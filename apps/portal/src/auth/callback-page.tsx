import { useEffect, useRef, useState } from 'react';
import { api, data } from '../api/client';
import { navigate } from '../router/router';
import { ErrorBanner } from '../ui/error-banner';
import { PageTitle } from '../ui/shell';
import { finishOidcSignIn } from './oidc';

/** Where the issuer sends the browser back (`/app/callback?code=&state=`). */
export function CallbackPage() {
  const [failure, setFailure] = useState<unknown>();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const query = new URLSearchParams(window.location.search);
    data(api.GET('/portal/config'))
      .then((config) => {
        if (!config.oidc) throw new Error('OpenID Connect is not configured');
        return finishOidcSignIn(config.oidc, query);
      })
      .then((returnTo) => navigate(returnTo, { replace: true }))
      .catch(setFailure);
  }, []);
  return (
    <main id="main">
      <PageTitle>Signing in…</PageTitle>
      <ErrorBanner error={failure} what="finish signing in" />
    </main>
  );
}
