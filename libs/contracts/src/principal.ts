/** The caller, as established by the gateway from a verified JWT (API.md, Conventions). */
export const ROLES = ['admin', 'insurer', 'clinic', 'analyst', 'patient'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  sub: string;
  role: Role;
  /** Insurer id for insurer and analyst, provider id for clinic. */
  org?: string;
  /** Member id, for patient. */
  patient?: string;
}
