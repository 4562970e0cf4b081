import type { Role } from '../auth/session';
import { analystPortal } from './analyst/analyst-portal';
import { clinicPortal } from './clinic/clinic-portal';
import { insurerPortal } from './insurer/insurer-portal';
import { patientPortal } from './patient/patient-portal';
import type { RolePortal } from './portal';

/** Every role with pages. A role not here gets a "not available yet" page after signing in. */
export const PORTALS: Partial<Record<Role, RolePortal>> = {
  clinic: clinicPortal,
  patient: patientPortal,
  insurer: insurerPortal,
  analyst: analystPortal,
};

export type { RolePortal };
