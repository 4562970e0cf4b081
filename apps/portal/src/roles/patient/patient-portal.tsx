import type { RolePortal } from '../portal';
import { ClaimPage } from './claim-page';
import { ClaimsPage } from './claims-page';
import { ConsentsPage } from './consents-page';
import { EstimatesPage } from './estimates-page';

/** The patient's pages (issue 15): claims with what they owe, estimates, consents. */
export const patientPortal: RolePortal = {
  role: 'patient',
  title: 'Patient',
  home: '/patient',
  nav: [
    { path: '/patient', label: 'My claims' },
    { path: '/patient/estimates', label: 'My estimates' },
    { path: '/patient/consents', label: 'My consents' },
  ],
  routes: [
    { pattern: '/patient', render: () => <ClaimsPage /> },
    { pattern: '/patient/claims/:id', render: ({ id = '' }) => <ClaimPage id={id} /> },
    { pattern: '/patient/estimates', render: () => <EstimatesPage /> },
    { pattern: '/patient/consents', render: () => <ConsentsPage /> },
  ],
};
