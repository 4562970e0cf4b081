import type { RolePortal } from '../portal';
import { FlagPage } from './flag-page';
import { QueuePage } from './queue-page';

/** The fraud analyst's pages (issue 15): the insurer's review queue and each flag's evidence and decision. */
export const analystPortal: RolePortal = {
  role: 'analyst',
  title: 'Fraud review',
  home: '/analyst',
  nav: [{ path: '/analyst', label: 'Review queue' }],
  routes: [
    { pattern: '/analyst', render: () => <QueuePage /> },
    { pattern: '/analyst/flags/:id', render: ({ id = '' }) => <FlagPage id={id} /> },
  ],
};
