import { CreateIdempotencyKeys1763900000000 } from './1763900000000-create-idempotency-keys.js';
import { AddIdempotencyHolder1765000000000 } from './1765000000000-add-idempotency-holder.js';
import { CreateRateLimitHits1767000000000 } from './1767000000000-create-rate-limit-hits.js';
import { CreateAuditTrail1768000000000 } from './1768000000000-create-audit-trail.js';
import { phiMigrations } from '#libs/phi';
import { SealIdempotencyResponses1768100000000 } from './1768100000000-seal-idempotency-responses.js';

/** The gateway's migration history, in order. */
export const gatewayMigrations = [
  CreateIdempotencyKeys1763900000000,
  AddIdempotencyHolder1765000000000,
  CreateRateLimitHits1767000000000,
  CreateAuditTrail1768000000000,
  ...phiMigrations,
  SealIdempotencyResponses1768100000000,
];
