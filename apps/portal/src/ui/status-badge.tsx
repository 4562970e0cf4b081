import { useSession } from '../auth/session';
import { statusLabel } from './status-words';

export { statusLabel } from './status-words';

const TONES: Record<string, 'good' | 'bad' | 'wait' | 'neutral'> = {
  paid: 'good',
  approved: 'good',
  active: 'good',
  covered: 'good',
  confirmed: 'good',
  anchored: 'good',
  denied: 'bad',
  payment_failed: 'bad',
  failed: 'bad',
  revoked: 'neutral',
  dismissed: 'neutral',
  expired: 'neutral',
  closed: 'neutral',
};

/** A status as a word in a coloured pill, in the words of the signed-in role (see status-words.ts). */
export function StatusBadge({ status }: { status: string }) {
  const role = useSession()?.role;
  return <span className={`badge badge-${TONES[status] ?? 'wait'}`}>{statusLabel(status, role)}</span>;
}
