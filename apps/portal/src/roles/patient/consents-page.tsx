import { useState, type FormEvent } from 'react';
import { api, data } from '../../api/client';
import { useSession, type Session } from '../../auth/session';
import { ErrorBanner } from '../../ui/error-banner';
import { Field, FormProblem, useApiForm } from '../../ui/form';
import { PAGE_SIZE, Pager, useCursorPages } from '../../ui/pagination';
import { PageTitle } from '../../ui/shell';
import { StatusBadge } from '../../ui/status-badge';
import { useAsync } from '../../ui/use-async';
import { findWallet, signTypedData } from '../../wallet/eip1193';

const CONSENT_POLL_MS = 3000;

/** A year from today, the default length of a consent. */
function aYearFromNow(): string {
  return new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The patient's consents: who may see their claims, until when. Granting and revoking are signed in the
 * browser by the patient's own wallet (EIP-712 through EIP-1193), the platform only relays them.
 */
export function ConsentsPage() {
  const session = useSession();
  const pages = useCursorPages();
  const consents = useAsync(
    () => data(api.GET('/v1/consents', { params: { query: { limit: PAGE_SIZE, cursor: pages.cursor } } })),
    `consents:${pages.cursor ?? ''}`,
    CONSENT_POLL_MS,
  );
  const wallet = useAsync(() => (session ? findWallet(session) : Promise.resolve(undefined)), session?.token ?? '');
  const [revokeError, setRevokeError] = useState<unknown>();
  const [revoking, setRevoking] = useState<string | undefined>();
  const items = consents.data?.items ?? [];

  const revoke = async (id: string) => {
    if (!wallet.data) return;
    setRevoking(id);
    setRevokeError(undefined);
    try {
      const typed = await data(api.POST('/v1/consents/{id}/revoke/typed-data', { params: { path: { id } } }));
      const signature = await signTypedData(wallet.data.provider, typed);
      await data(
        api.POST('/v1/consents/{id}/revoke', { params: { path: { id } }, body: { message: typed.message, signature } }),
      );
      consents.reload();
    } catch (error) {
      setRevokeError(error);
    } finally {
      setRevoking(undefined);
    }
  };

  return (
    <>
      <PageTitle>My consents</PageTitle>
      <p className="lead">
        Your insurer sees your claims only while you consent. You grant and revoke a consent by signing it with your
        wallet; nobody else can do it for you.
      </p>
      {wallet.data ? (
        <p className={wallet.data.demo ? 'banner banner-demo' : 'banner'}>Signing with {wallet.data.description}.</p>
      ) : wallet.loading ? null : (
        <p className="banner">No wallet found: install a browser wallet to grant or revoke consents.</p>
      )}
      <ErrorBanner error={consents.error} what="load your consents" />
      <ErrorBanner error={revokeError} what="revoke the consent" />
      {consents.data && items.length === 0 ? <p>You have no consents.</p> : null}
      {items.length ? (
        <table className="table">
          <caption className="visually-hidden">My consents</caption>
          <thead>
            <tr>
              <th scope="col">Insurer</th>
              <th scope="col">Scope</th>
              <th scope="col">Until</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((consent) => (
              <tr key={consent.id} data-consent-id={consent.id}>
                <td>{consent.insurerId}</td>
                <td>{consent.scope}</td>
                <td>{consent.expiresAt.slice(0, 10)}</td>
                <td>
                  <StatusBadge status={consent.status} />
                </td>
                <td>
                  {consent.status === 'active' ? (
                    <button
                      type="button"
                      disabled={!wallet.data || revoking !== undefined}
                      onClick={() => void revoke(consent.id)}
                    >
                      {revoking === consent.id ? 'Revoking…' : `Revoke consent to ${consent.insurerId}`}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager pages={pages} nextCursor={consents.data?.nextCursor} label="Consents" />
      {session ? (
        <GrantForm
          session={session}
          wallet={wallet.data}
          suggestedInsurer={items[0]?.insurerId ?? ''}
          onGranted={consents.reload}
        />
      ) : null}
    </>
  );
}

function GrantForm({
  wallet,
  suggestedInsurer,
  onGranted,
}: {
  session: Session;
  wallet: Awaited<ReturnType<typeof findWallet>>;
  suggestedInsurer: string;
  onGranted: () => void;
}) {
  const form = useApiForm();
  const [insurerId, setInsurerId] = useState<string | undefined>();
  const [until, setUntil] = useState(aYearFromNow);
  const [granted, setGranted] = useState<string | undefined>();
  const insurer = insurerId ?? suggestedInsurer;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!wallet) return;
    setGranted(undefined);
    // The API takes an RFC 3339 time; the patient picks a day, so the consent lasts through that day.
    const body = { insurerId: insurer, scope: 'claims' as const, expiresAt: `${until}T23:59:59Z` };
    const ok = await form.submit(async () => {
      const typed = await data(api.POST('/v1/consents/typed-data', { body }));
      const signature = await signTypedData(wallet.provider, typed);
      await data(api.POST('/v1/consents', { body: { ...body, message: typed.message, signature } }));
    });
    if (ok) {
      setGranted(`Consent to ${insurer} granted until ${until}.`);
      onGranted();
    }
  };

  return (
    <section aria-labelledby="grant-heading" className="card">
      <h2 id="grant-heading">Grant a consent</h2>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <FormProblem form={form} what="grant the consent" />
        <Field form={form} name="insurerId" label="Insurer" hint="Your insurer’s id, e.g. INS-1">
          <input value={insurer} onChange={(event) => setInsurerId(event.target.value)} autoComplete="off" />
        </Field>
        <Field form={form} name="expiresAt" label="Valid until">
          <input type="date" value={until} onChange={(event) => setUntil(event.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={!wallet || form.pending}>
          {form.pending ? 'Signing…' : 'Sign and grant'}
        </button>
        {granted ? (
          <p role="status" className="banner banner-ok">
            {granted}
          </p>
        ) : null}
      </form>
    </section>
  );
}
