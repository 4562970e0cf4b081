/**
 * A status as a word in a coloured pill: the word carries the meaning (colour is never the only cue).
 * `pending_review` is never shown to a patient or clinic (the API says in_review), and reads the same here.
 */
const LABELS: Record<string, string> = {
  received: 'Received',
  in_review: 'Under review',
  pending_review: 'Under review',
  approved: 'Approved',
  denied: 'Denied',
  paid: 'Paid',
  payment_failed: 'Payment failed',
  closed: 'Closed',
  pending: 'Pending',
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
  failed: 'Failed',
  covered: 'Covered',
  confirmed: 'Confirmed',
  submitted: 'Submitted',
  anchored: 'Anchored',
  open: 'Open',
  assigned: 'Assigned',
  dismissed: 'Dismissed',
};

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

export function statusLabel(status: string): string {
  return LABELS[status] ?? status.replace(/_/g, ' ');
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${TONES[status] ?? 'wait'}`}>{statusLabel(status)}</span>;
}
