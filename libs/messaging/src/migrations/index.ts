import { CreateInbox1700000000001 } from './create-inbox.migration.js';
import { CreateOutbox1700000000000 } from './create-outbox.migration.js';

export { CreateInbox1700000000001, CreateOutbox1700000000000 };
export { OUTBOX_CHANNEL } from './create-outbox.migration.js';

/** List these first in a service's migrations; their early timestamps make them run first. */
export const messagingMigrations = [CreateOutbox1700000000000, CreateInbox1700000000001];
