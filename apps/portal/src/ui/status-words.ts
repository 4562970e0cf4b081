import type { Role } from '../auth/session';

/** A status in a word or two. Colour never carries the meaning alone: these words do. */
const LABELS: Record<string, string> = {
  received: 'Received',
  in_review: 'In review',
  pending_review: 'Held for fraud review',
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

/**
 * Where a reader must not learn of the fraud review (DOMAIN.md, Claim life cycle: patients and clinics see
 * only "under review"), its words say less. The API already shows them `pending_review` as `in_review`;
 * these words keep the page discreet even so. The patient reads one plain "Under review" for both.
 */
const DISCREET: Partial<Record<Role, Record<string, string>>> = {
  patient: { in_review: 'Under review', pending_review: 'Under review' },
  clinic: { pending_review: 'Held for review' },
};

/** The status's words for the signed-in role (insurer and analyst words when none is given). */
export function statusLabel(status: string, role?: Role): string {
  return (role && DISCREET[role]?.[status]) ?? LABELS[status] ?? status.replace(/_/g, ' ');
}
