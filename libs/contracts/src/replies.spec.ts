import {
  RPC_CONTRACTS,
  RpcPatterns,
  claimView,
  consentView,
  estimateView,
  flagView,
  memberView,
  rpcError,
  type ClaimView,
  type EstimateView,
  type FlagView,
  type MemberView,
  type PlanView,
  type RpcPattern,
  type RpcResult,
  type TypedDataView,
} from './index.js';

const UUID = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
const AT = '2026-03-14T10:00:00.000Z';
const ADDRESS = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const HASH = `0x${'ab'.repeat(32)}`;

const claim: ClaimView = {
  id: UUID,
  status: 'paid',
  memberId: 'M-1',
  providerId: 'P-1',
  serviceDate: '2026-03-14',
  submittedAt: AT,
  updatedAt: AT,
  currency: 'USD',
  lines: [
    { code: '99213', units: 1, charge: 15000, status: 'approved', allowed: 12000, planPays: 9600, patientPays: 2400 },
    {
      code: '99205',
      units: 1,
      charge: 30000,
      status: 'denied',
      reason: 'EXCLUDED_CODE',
      allowed: 0,
      planPays: 0,
      patientPays: 0,
    },
  ],
  totals: { charge: 45000, allowed: 12000, planPays: 9600, patientPays: 2400 },
  payout: { status: 'confirmed', amount: '96000000000000000000', token: 'HCET', txHash: HASH, blockNumber: 42 },
};

const plan: PlanView = {
  id: 'PLAN-GOLD',
  name: 'Gold 2026',
  currency: 'USD',
  deductible: 50000,
  coinsurancePct: 20,
  outOfNetworkCoinsurancePct: 40,
  copays: { office_visit: 2500 },
  oopMax: 400000,
  annualLimit: 0,
  coveredCategories: ['office_visit', 'lab'],
  coveredCodes: ['71046'],
  excludedCodes: ['99205'],
  preauthCodes: ['80053'],
  waitingPeriodDays: 30,
  insurerId: 'I-ACME',
  createdAt: AT,
};

const member: MemberView = {
  id: 'M-1',
  insurerId: 'I-ACME',
  name: 'Ada Lovelace',
  birthDate: '1985-12-10',
  planId: 'PLAN-GOLD',
  coverageStart: '2026-01-01',
  coverageEnd: null,
  address: ADDRESS,
  dateOfDeath: null,
  status: 'active',
  createdAt: AT,
  updatedAt: AT,
};

const flag: FlagView = {
  id: UUID,
  claimId: UUID,
  memberId: 'M-1',
  score: 70,
  held: true,
  status: 'assigned',
  assignee: 'analyst-1',
  rules: [{ code: 'HIGH_CHARGE', points: 40, explanation: 'charge far above the usual for the code' }],
  createdAt: AT,
};

const estimate: EstimateView = {
  id: UUID,
  memberId: 'M-1',
  providerId: 'P-1',
  plannedDate: '2026-12-14',
  currency: 'USD',
  validUntil: '2027-01-13',
  network: 'in',
  lines: [
    {
      code: '80053',
      units: 1,
      charge: 15000,
      status: 'covered',
      allowed: 12000,
      deductible: 5000,
      copay: 0,
      coinsurance: 1400,
      planPays: 5600,
      patientPays: 6400,
      balanceBill: 0,
      providerWriteOff: 3000,
      preauth: 'approved',
    },
  ],
  totals: { charge: 15000, allowed: 12000, planPays: 5600, patientPays: 6400 },
  accumulators: { year: 2026, deductibleRemaining: 45000, oopRemaining: 393600 },
  createdAt: AT,
};

const consent = {
  id: UUID,
  insurerId: 'I-ACME',
  memberId: 'M-1',
  scope: 'claims',
  expiresAt: AT,
  status: 'active',
  txHash: HASH,
} as const;

function typedData<M>(primaryType: string, message: M): TypedDataView<M> {
  return {
    domain: { name: 'HealthClaims ConsentRegistry', version: '1', chainId: 31337, verifyingContract: ADDRESS },
    types: { [primaryType]: [{ name: 'patient', type: 'address' }] },
    primaryType,
    message,
  };
}

/** A representative successful reply of every pattern; typed, so a sample that drifts from its type fails to build. */
const replies: { [K in RpcPattern]: RpcResult<K> } = {
  [RpcPatterns.submitClaim]: { id: UUID, status: 'received' },
  [RpcPatterns.getClaim]: claim,
  [RpcPatterns.reviewBacklog]: { claims: 42 },
  [RpcPatterns.claimTimeline]: {
    memberId: 'M-1',
    items: [
      { at: AT, status: 'received', actor: 'system' },
      { at: AT, status: 'denied', reason: 'NOT_ELIGIBLE', actor: 'analyst' },
    ],
  },
  [RpcPatterns.listClaims]: { items: [claim], nextCursor: 'WyIyMDI2Il0' },
  [RpcPatterns.claimsSummary]: {
    items: [
      { status: 'received', currency: null, count: 2, billed: 30000, allowed: 0, planPays: 0, patientPays: 0 },
      { status: 'paid', currency: 'USD', count: 1, billed: 15000, allowed: 12000, planPays: 5600, patientPays: 6400 },
    ],
  },
  [RpcPatterns.listPlans]: { items: [plan], nextCursor: null },
  [RpcPatterns.getPlan]: plan,
  [RpcPatterns.listMembers]: { items: [member], nextCursor: 'WyIyMDI2Il0' },
  [RpcPatterns.getMember]: member,
  [RpcPatterns.createInsurer]: { id: 'I-ACME', name: 'Acme Health', address: ADDRESS, createdAt: AT },
  [RpcPatterns.createPlan]: plan,
  [RpcPatterns.createMember]: member,
  [RpcPatterns.updateMember]: { ...member, coverageEnd: '2026-06-30', status: 'cancelled' },
  [RpcPatterns.memberEligibility]: {
    memberId: 'M-1',
    insurerId: 'I-ACME',
    date: '2026-03-14',
    eligible: false,
    reasons: ['WAITING_PERIOD'],
    plan,
  },
  [RpcPatterns.createQuote]: {
    planId: 'PLAN-GOLD',
    currency: 'USD',
    annualPremium: 480000,
    riskScore: 35,
    factors: [{ name: 'smoker', effect: '+25%' }],
  },
  [RpcPatterns.listProcedures]: {
    items: [{ code: '99213', category: 'office_visit', description: 'Established patient visit - low complexity' }],
    nextCursor: null,
  },
  [RpcPatterns.memberAccumulators]: { year: 2026, deductibleMet: 5000, oopMet: 6400, planPaid: 5600 },
  [RpcPatterns.listFlags]: { items: [flag], nextCursor: null },
  [RpcPatterns.getFlag]: {
    ...flag,
    claim: {
      id: UUID,
      memberId: 'M-1',
      providerId: 'P-1',
      serviceDate: '2026-03-14',
      submittedAt: AT,
      estimateId: null,
      lines: [{ code: '99213', units: 1, charge: 15000 }],
      totalCharge: 15000,
    },
    history: [
      { at: AT, actor: 'system', action: 'flagged' },
      { at: AT, actor: 'analyst-1', action: 'noted', note: 'asked the clinic for records' },
    ],
  },
  [RpcPatterns.assignFlag]: flag,
  [RpcPatterns.addFlagNote]: {
    flagId: UUID,
    memberId: 'M-1',
    at: AT,
    actor: 'analyst-1',
    note: 'asked the clinic for records',
  },
  [RpcPatterns.decideFlag]: { ...flag, status: 'dismissed' },
  [RpcPatterns.createExclusion]: {
    id: UUID,
    providerId: 'P-9',
    insurerId: null,
    from: '2026-01-01',
    to: null,
    reason: 'licence suspended',
    createdBy: 'admin-1',
    createdAt: AT,
  },
  [RpcPatterns.coveragePreview]: {
    memberId: 'M-1',
    insurerId: 'I-ACME',
    planId: 'PLAN-GOLD',
    currency: 'USD',
    lines: [{ code: '80053', status: 'covered', reason: null, category: 'lab', preauthCode: true }],
  },
  [RpcPatterns.createProvider]: { id: 'P-1', name: 'Riverside Clinic', address: ADDRESS, createdAt: AT },
  [RpcPatterns.providerByNpi]: {
    id: 'P-1',
    name: 'Riverside Clinic',
    address: ADDRESS,
    npi: '1234567893',
    createdAt: AT,
  },
  [RpcPatterns.replaceFeeSchedule]: { insurerId: 'I-ACME', entries: [{ code: '99213', amount: 12000 }], updatedAt: AT },
  [RpcPatterns.setNetwork]: { providerId: 'P-1', status: 'out', insurerId: 'I-ACME', updatedAt: AT },
  [RpcPatterns.createEstimate]: estimate,
  [RpcPatterns.getEstimate]: estimate,
  [RpcPatterns.listEstimates]: { items: [estimate], nextCursor: null },
  [RpcPatterns.ledgerContracts]: {
    chainId: 31337,
    token: { address: ADDRESS, symbol: 'HCET', decimals: 18 },
    recordRegistry: ADDRESS,
    consentRegistry: ADDRESS,
    settlement: ADDRESS,
  },
  [RpcPatterns.ledgerEscrow]: {
    insurerId: 'I-ACME',
    balance: '1000000000000000000000',
    balanceInTokens: '1000.00',
    token: 'HCET',
  },
  [RpcPatterns.prepareRecord]: typedData('RecordAnchor', {
    recordId: HASH,
    contentHash: HASH,
    patient: ADDRESS,
    nonce: 0,
    deadline: 1_800_000_000,
  }),
  [RpcPatterns.submitRecord]: { recordId: 'REC-1', status: 'anchored', txHash: HASH },
  [RpcPatterns.getRecord]: {
    recordId: 'REC-1',
    sha256: 'ab'.repeat(32),
    providerId: 'P-1',
    memberId: 'M-1',
    status: 'anchored',
    blockNumber: 42,
    txHash: HASH,
  },
  [RpcPatterns.prepareConsent]: typedData('ConsentGrant', {
    patient: ADDRESS,
    insurer: ADDRESS,
    scope: HASH,
    expiresAt: 1_830_000_000,
    nonce: 1,
    deadline: 1_800_000_000,
  }),
  [RpcPatterns.submitConsent]: { id: UUID, status: 'pending', txHash: HASH },
  [RpcPatterns.prepareConsentRevoke]: typedData('ConsentRevoke', {
    patient: ADDRESS,
    insurer: ADDRESS,
    scope: HASH,
    nonce: 2,
    deadline: 1_800_000_000,
  }),
  [RpcPatterns.submitConsentRevoke]: { id: UUID, status: 'revoked', txHash: HASH },
  [RpcPatterns.listConsents]: { items: [consent], nextCursor: null },
  [RpcPatterns.anchorAudit]: { seq: 12, head: 'ab'.repeat(32), txHash: HASH, blockNumber: 42 },
};

describe('reply schemas', () => {
  it.each(Object.values(RpcPatterns))('%s: reads its representative reply unchanged', (pattern) => {
    expect(RPC_CONTRACTS[pattern].reply.parse(replies[pattern])).toEqual(replies[pattern]);
  });

  it('refuses a reply without a required field', () => {
    const { currency: _currency, ...noCurrency } = claim;
    expect(claimView.safeParse(noCurrency).success).toBe(false);
    const { nextCursor: _cursor, ...noCursor } = replies[RpcPatterns.listEstimates];
    expect(RPC_CONTRACTS[RpcPatterns.listEstimates].reply.safeParse(noCursor).success).toBe(false);
  });

  it('keeps optional and nullable apart as the API does', () => {
    // An absent denial reason is omitted, never null; an open-ended coverage is null, never omitted.
    expect(claimView.safeParse({ ...claim, denialReason: null }).success).toBe(false);
    const { coverageEnd: _end, ...noEnd } = member;
    expect(memberView.safeParse(noEnd).success).toBe(false);
    expect(flagView.safeParse({ ...flag, assignee: undefined }).success).toBe(true);
  });

  it('refuses a status the API does not name', () => {
    expect(estimateView.safeParse({ ...estimate, network: 'maybe' }).success).toBe(false);
    expect(consentView.safeParse({ ...consent, scope: 'records' }).success).toBe(false);
    expect(flagView.safeParse({ ...flag, status: 'closed' }).success).toBe(false);
  });

  it('reads a named error, with or without the fields it names', () => {
    expect(rpcError.parse({ code: 'NOT_FOUND', detail: 'no such claim' })).toEqual({
      code: 'NOT_FOUND',
      detail: 'no such claim',
    });
    const invalid = { code: 'VALIDATION', detail: 'bad', errors: [{ field: 'lines[0].code', message: 'is required' }] };
    expect(rpcError.parse(invalid)).toEqual(invalid);
    expect(rpcError.safeParse({ code: 'TEAPOT', detail: 'no' }).success).toBe(false);
  });
});
