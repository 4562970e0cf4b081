import { api, data } from '../../api/client';
import { ClaimsTable } from '../../ui/claims-table';
import { ErrorBanner } from '../../ui/error-banner';
import { formatMoney } from '../../ui/money';
import { PAGE_SIZE, Pager, useCursorPages } from '../../ui/pagination';
import { PageTitle } from '../../ui/shell';
import { useAsync } from '../../ui/use-async';
import { amountsKnown } from '../../ui/use-claim';

/** How often the patient's claims are read again: a claim goes from received to paid in seconds. */
export const PATIENT_POLL_MS = 3000;

/** The patient's main page: their claims, newest first, updated live. */
export function ClaimsPage() {
  const pages = useCursorPages();
  const claims = useAsync(
    () => data(api.GET('/v1/claims', { params: { query: { limit: PAGE_SIZE, cursor: pages.cursor } } })),
    `claims:${pages.cursor ?? ''}`,
    PATIENT_POLL_MS,
  );
  const items = claims.data?.items ?? [];
  return (
    <>
      <PageTitle>My claims</PageTitle>
      <p className="lead">
        Claims your clinics sent to your insurer, and what you owe for each. This page updates by itself.
      </p>
      <ErrorBanner error={claims.error} what="load your claims" />
      {claims.loading && !claims.data ? <p>Loading…</p> : null}
      {claims.data && items.length === 0 ? <p>You have no claims yet.</p> : null}
      {items.length ? (
        <ClaimsTable
          caption="My claims"
          claims={items}
          party={{ label: 'Clinic', of: (claim) => claim.providerId }}
          columns={[
            {
              label: 'You owe',
              numeric: true,
              cell: (claim) =>
                amountsKnown(claim) ? formatMoney(claim.totals.patientPays, claim.currency) : 'Not decided yet',
            },
          ]}
          details={{
            path: (claim) => `/patient/claims/${claim.id}`,
            name: (claim) => `of the claim of ${claim.serviceDate}`,
          }}
        />
      ) : null}
      <Pager pages={pages} nextCursor={claims.data?.nextCursor} label="Claims" />
    </>
  );
}
