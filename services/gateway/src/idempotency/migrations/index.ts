import { CreateIdempotencyKeys1763900000000 } from './1763900000000-create-idempotency-keys.js';

/** The gateway's migration history, in order. */
export const gatewayMigrations = [CreateIdempotencyKeys1763900000000];
