import { SetMetadata } from '@nestjs/common';
import type { Principal, Role } from '#libs/contracts';

export const ROLES_KEY = 'healthclaims:roles';

/**
 * The roles that may ever call a handler (or every handler of a controller). Any other role gets
 * 403; without `@Roles` every authenticated role passes and ownership decides.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Where `AuthGuard` leaves the verified caller on the request. */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}
