import { useSyncExternalStore } from 'react';
import type { components } from '../api/generated/schema';
import { connectApi } from '../api/client';

export type Role = components['schemas']['DemoPrincipalView']['role'];

/** Who is signed in in this tab. Kept in sessionStorage: it survives a reload, not the tab, never in a URL. */
export interface Session {
  token: string;
  role: Role;
  /** "patient M-1" */
  label: string;
  /** When the token stops working (ms since the epoch). */
  expiresAt: number;
  /** Development only: the public development key of a demo member's or clinic's wallet (wallet/demo-wallet.ts). */
  demoWallet?: { mnemonic: string; path: string };
}

const KEY = 'healthclaims.session';
const listeners = new Set<() => void>();
let cached: { raw: string | null; session: Session | undefined } = { raw: null, session: undefined };

export function currentSession(): Session | undefined {
  const raw = sessionStorage.getItem(KEY);
  if (raw !== cached.raw) cached = { raw, session: raw ? (JSON.parse(raw) as Session) : undefined };
  const session = cached.session;
  return session && session.expiresAt > Date.now() ? session : undefined;
}

export function signIn(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
  listeners.forEach((listener) => listener());
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
}

export function useSession(): Session | undefined {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, currentSession);
}

/** The claims of a JWT's payload, read (not verified: the API verifies) for the role and expiry. */
export function tokenClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(json) as Record<string, unknown>;
}

connectApi({ token: () => currentSession()?.token, unauthorized: signOut });
