import { tokenClaims, type Session } from '../../auth/session';

/** The clinic (provider id) the signed-in token acts for: its `org` claim, e.g. "P-1". */
export function clinicOf(session: Session | undefined): string {
  const org = session ? tokenClaims(session.token).org : undefined;
  return typeof org === 'string' ? org : '';
}
