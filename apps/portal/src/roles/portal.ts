import type { ReactNode } from 'react';
import type { Role } from '../auth/session';

/**
 * One role's part of the app: its home, its navigation and its pages. A role's folder (roles/<role>/)
 * exports one of these and roles/index.ts lists it; the shell, sign-in and routing do the rest.
 */
export interface RolePortal {
  role: Role;
  /** "Patient" — the shell's heading for the role's area. */
  title: string;
  /** Where signing in as this role lands, e.g. "/patient". */
  home: string;
  /** The navigation, in order; a path is active on itself and below it. */
  nav: { path: string; label: string }[];
  /** The pages: "/patient/claims/:id" and what to render for its params. */
  routes: { pattern: string; render: (params: Record<string, string>) => ReactNode }[];
}
