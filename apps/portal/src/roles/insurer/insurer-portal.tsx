import type { RolePortal } from '../portal';
import { ClaimsPage } from './claims-page';
import { MemberPage } from './member-page';
import { MembersPage } from './members-page';
import { OverviewPage } from './overview-page';
import { PayoutsPage } from './payouts-page';
import { PlansPage } from './plans-page';

/** The insurer's pages (issue 15): claims by status with totals, the escrow on chain, payouts, members and plans. */
export const insurerPortal: RolePortal = {
  role: 'insurer',
  title: 'Insurer',
  home: '/insurer',
  nav: [
    { path: '/insurer', label: 'Overview' },
    { path: '/insurer/claims', label: 'Claims' },
    { path: '/insurer/payouts', label: 'Payouts' },
    { path: '/insurer/members', label: 'Members' },
    { path: '/insurer/plans', label: 'Plans' },
  ],
  routes: [
    { pattern: '/insurer', render: () => <OverviewPage /> },
    { pattern: '/insurer/claims', render: () => <ClaimsPage /> },
    { pattern: '/insurer/payouts', render: () => <PayoutsPage /> },
    { pattern: '/insurer/members', render: () => <MembersPage /> },
    { pattern: '/insurer/members/:id', render: ({ id = '' }) => <MemberPage key={id} id={id} /> },
    { pattern: '/insurer/plans', render: () => <PlansPage /> },
  ],
};
