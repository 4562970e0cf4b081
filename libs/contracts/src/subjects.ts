/**
 * Durable event subjects, `<service>.<entity>.<event>.v<major>` (ARCHITECTURE.md, Messages).
 * Request/reply subjects live under `rpc.` so that no stream ever captures a request.
 */
export const Subjects = {
  claimSubmitted: 'claims.claim.submitted.v1',
  checkRequested: 'claims.check.requested.v1',
  claimDecided: 'claims.claim.decided.v1',
  settlementRequested: 'claims.settlement.requested.v1',
  coverageDecided: 'underwriting.coverage.decided.v1',
  screeningCompleted: 'fraud.screening.completed.v1',
  flagDecided: 'fraud.flag.decided.v1',
  recordsVerified: 'ledger.records.verified.v1',
  insurerRegistered: 'underwriting.insurer.registered.v1',
  planRegistered: 'underwriting.plan.registered.v1',
  memberRegistered: 'underwriting.member.registered.v1',
  memberUpdated: 'underwriting.member.updated.v1',
  providerRegistered: 'billing.provider.registered.v1',
  estimateCreated: 'billing.estimate.created.v1',
  claimPriced: 'billing.claim.priced.v1',
  payoutRequested: 'billing.payout.requested.v1',
  payoutSubmitted: 'ledger.payout.submitted.v1',
  payoutSettled: 'ledger.payout.settled.v1',
  payoutFailed: 'ledger.payout.failed.v1',
} as const;
export type SubjectName = (typeof Subjects)[keyof typeof Subjects];

/** One stream per owning service; the dead-letter stream holds what exhausted its deliveries. */
export const STREAMS = [
  { name: 'CLAIMS', subjects: ['claims.>'] },
  { name: 'UNDERWRITING', subjects: ['underwriting.>'] },
  { name: 'BILLING', subjects: ['billing.>'] },
  { name: 'FRAUD', subjects: ['fraud.>'] },
  { name: 'LEDGER', subjects: ['ledger.>'] },
  { name: 'DLQ', subjects: ['dlq.>'] },
] as const;

export const DEAD_LETTER_PREFIX = 'dlq.';

/** Request/reply patterns served over core NATS (gateway → service), never captured by a stream. */
export const RpcPatterns = {
  submitClaim: 'rpc.claims.submit',
  getClaim: 'rpc.claims.get',
  claimTimeline: 'rpc.claims.timeline',
  listClaims: 'rpc.claims.list',
  claimsSummary: 'rpc.claims.summary',
  reviewBacklog: 'rpc.claims.review-backlog',
  createInsurer: 'rpc.underwriting.insurers.create',
  createPlan: 'rpc.underwriting.plans.create',
  createMember: 'rpc.underwriting.members.create',
  updateMember: 'rpc.underwriting.members.update',
  memberEligibility: 'rpc.underwriting.members.eligibility',
  listPlans: 'rpc.underwriting.plans.list',
  getPlan: 'rpc.underwriting.plans.get',
  listMembers: 'rpc.underwriting.members.list',
  getMember: 'rpc.underwriting.members.get',
  createQuote: 'rpc.underwriting.quotes.create',
  listProcedures: 'rpc.underwriting.procedures.list',
  memberAccumulators: 'rpc.billing.accumulators.get',
  listFlags: 'rpc.fraud.flags.list',
  getFlag: 'rpc.fraud.flags.get',
  assignFlag: 'rpc.fraud.flags.assign',
  addFlagNote: 'rpc.fraud.flags.note',
  decideFlag: 'rpc.fraud.flags.decide',
  createExclusion: 'rpc.fraud.exclusions.create',
  coveragePreview: 'rpc.underwriting.coverage.preview',
  createProvider: 'rpc.billing.providers.create',
  providerByNpi: 'rpc.billing.providers.by-npi',
  replaceFeeSchedule: 'rpc.billing.fee-schedule.replace',
  setNetwork: 'rpc.billing.network.set',
  createEstimate: 'rpc.billing.estimates.create',
  getEstimate: 'rpc.billing.estimates.get',
  listEstimates: 'rpc.billing.estimates.list',
  ledgerContracts: 'rpc.ledger.contracts.get',
  ledgerEscrow: 'rpc.ledger.escrow.get',
  prepareRecord: 'rpc.ledger.records.prepare',
  submitRecord: 'rpc.ledger.records.submit',
  getRecord: 'rpc.ledger.records.get',
  prepareConsent: 'rpc.ledger.consents.prepare',
  submitConsent: 'rpc.ledger.consents.submit',
  prepareConsentRevoke: 'rpc.ledger.consents.revoke.prepare',
  submitConsentRevoke: 'rpc.ledger.consents.revoke.submit',
  listConsents: 'rpc.ledger.consents.list',
  anchorAudit: 'rpc.ledger.audit.anchor',
} as const;

/**
 * A namespace isolates one deployment (or one test run) on a shared NATS: every subject gets the
 * prefix and every stream name the upper-cased prefix, so tests pass while a local stack runs.
 */
export class BusNamespace {
  constructor(readonly prefix: string = '') {
    if (prefix && !/^[a-z0-9_-]+$/.test(prefix)) {
      throw new Error(`BUS_NAMESPACE "${prefix}" must be lower-case letters, digits, "-" or "_"`);
    }
  }
  subject(name: string): string {
    return this.prefix ? `${this.prefix}.${name}` : name;
  }
  /** The bare subject name from a namespaced one. */
  strip(subject: string): string {
    return this.prefix && subject.startsWith(`${this.prefix}.`) ? subject.slice(this.prefix.length + 1) : subject;
  }
  stream(name: string): string {
    return this.prefix ? `${this.prefix.toUpperCase().replace(/-/g, '_')}_${name}` : name;
  }
}
