import { tokenClaims, useSession } from '../../auth/session';

/** The signed-in analyst's `sub`, the id the API records on assignments, notes and decisions. */
export function useAnalystSub(): string | undefined {
  const session = useSession();
  if (!session) return undefined;
  const sub = tokenClaims(session.token).sub;
  return typeof sub === 'string' ? sub : undefined;
}

/** An actor as the analyst reads it: themselves as "you", the fraud service as "screening". */
export function whoIs(actor: string, me: string | undefined): string {
  if (actor === me) return 'you';
  if (actor === 'system') return 'screening';
  return actor;
}
