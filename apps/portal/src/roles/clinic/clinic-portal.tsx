import type { RolePortal } from '../portal';
import { ClaimFormPage } from './claim-form-page';
import { ClaimPage } from './claim-page';
import { ClaimsPage } from './claims-page';
import { EstimatesPage } from './estimates-page';
import { RecordsPage } from './records-page';

/** The clinic's pages (issue 15): its claims with payouts, estimates and claims from them, record anchors. */
export const clinicPortal: RolePortal = {
  role: 'clinic',
  title: 'Clinic',
  home: '/clinic',
  nav: [
    { path: '/clinic', label: 'Claims' },
    { path: '/clinic/estimates', label: 'Estimates' },
    { path: '/clinic/records', label: 'Records' },
  ],
  routes: [
    { pattern: '/clinic', render: () => <ClaimsPage /> },
    { pattern: '/clinic/claims/:id', render: ({ id = '' }) => <ClaimPage id={id} /> },
    { pattern: '/clinic/estimates', render: () => <EstimatesPage /> },
    { pattern: '/clinic/estimates/:id/claim', render: ({ id = '' }) => <ClaimFormPage estimateId={id} /> },
    { pattern: '/clinic/records', render: () => <RecordsPage /> },
  ],
};
