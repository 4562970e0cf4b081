import type { z } from 'zod';
import { anchorAuditPayload, auditAnchorView } from './audit-rpc.js';
import {
  createEstimatePayload,
  createProviderPayload,
  providerByNpiPayload,
  coveragePreviewView,
  estimateRequestPayload,
  estimateView,
  feeScheduleView,
  getEstimatePayload,
  listEstimatesPayload,
  listEstimatesResult,
  networkView,
  providerView,
  replaceFeeSchedulePayload,
  setNetworkPayload,
} from './billing-rpc.js';
import {
  createExclusionPayload,
  exclusionView,
  flagDecisionPayload,
  flagDetail,
  flagIdPayload,
  flagNotePayload,
  flagNoteResult,
  flagView,
  listFlagsPayload,
  listFlagsResult,
} from './fraud-rpc.js';
import {
  consentGrantTypedData,
  consentPage,
  consentRevokeTypedData,
  consentSubmittedView,
  escrowView,
  getEscrowPayload,
  getLedgerContractsPayload,
  getRecordPayload,
  ledgerContractsView,
  listConsentsPayload,
  prepareConsentPayload,
  prepareRecordPayload,
  prepareRevokePayload,
  recordAnchorTypedData,
  recordSubmittedView,
  recordView,
  submitConsentPayload,
  submitRecordPayload,
  submitRevokePayload,
} from './ledger-rpc.js';
import {
  claimTimelineResult,
  claimsSummaryPayload,
  claimsSummaryResult,
  getClaimPayload,
  getClaimResult,
  listClaimsPayload,
  listClaimsResult,
  reviewBacklogPayload,
  reviewBacklogResult,
  submitClaimPayload,
  submitClaimResult,
} from './rpc.js';
import { RpcPatterns } from './subjects.js';
import {
  accumulatorsPayload,
  accumulatorsView,
  createInsurerPayload,
  createMemberPayload,
  createPlanPayload,
  eligibilityPayload,
  eligibilityView,
  getByIdPayload,
  insurerView,
  listMembersPayload,
  listPlansPayload,
  listProceduresPayload,
  listProceduresResult,
  memberPage,
  memberView,
  planPage,
  planView,
  quotePayload,
  quoteView,
  updateMemberPayload,
} from './underwriting-rpc.js';

export type RpcPattern = (typeof RpcPatterns)[keyof typeof RpcPatterns];

/** What one request/reply pattern takes (`request`) and answers when it succeeds (`reply`). */
export interface RpcContract {
  request: z.ZodType;
  reply: z.ZodType;
}

/**
 * Every request/reply pattern with the schemas of its payload and of its reply's value, so a caller
 * cannot mix them up and a pattern without a contract fails the build. The owning service parses the
 * request with `request`; `reply` describes what it answers (not checked at run time: it is ours).
 */
export const RPC_CONTRACTS = {
  [RpcPatterns.submitClaim]: { request: submitClaimPayload, reply: submitClaimResult },
  [RpcPatterns.getClaim]: { request: getClaimPayload, reply: getClaimResult },
  [RpcPatterns.claimTimeline]: { request: getClaimPayload, reply: claimTimelineResult },
  [RpcPatterns.listClaims]: { request: listClaimsPayload, reply: listClaimsResult },
  [RpcPatterns.claimsSummary]: { request: claimsSummaryPayload, reply: claimsSummaryResult },
  [RpcPatterns.reviewBacklog]: { request: reviewBacklogPayload, reply: reviewBacklogResult },
  [RpcPatterns.createInsurer]: { request: createInsurerPayload, reply: insurerView },
  [RpcPatterns.createPlan]: { request: createPlanPayload, reply: planView },
  [RpcPatterns.createMember]: { request: createMemberPayload, reply: memberView },
  [RpcPatterns.updateMember]: { request: updateMemberPayload, reply: memberView },
  [RpcPatterns.memberEligibility]: { request: eligibilityPayload, reply: eligibilityView },
  [RpcPatterns.listPlans]: { request: listPlansPayload, reply: planPage },
  [RpcPatterns.getPlan]: { request: getByIdPayload, reply: planView },
  [RpcPatterns.listMembers]: { request: listMembersPayload, reply: memberPage },
  [RpcPatterns.getMember]: { request: getByIdPayload, reply: memberView },
  [RpcPatterns.createQuote]: { request: quotePayload, reply: quoteView },
  [RpcPatterns.listProcedures]: { request: listProceduresPayload, reply: listProceduresResult },
  [RpcPatterns.memberAccumulators]: { request: accumulatorsPayload, reply: accumulatorsView },
  [RpcPatterns.listFlags]: { request: listFlagsPayload, reply: listFlagsResult },
  [RpcPatterns.getFlag]: { request: flagIdPayload, reply: flagDetail },
  [RpcPatterns.assignFlag]: { request: flagIdPayload, reply: flagView },
  [RpcPatterns.addFlagNote]: { request: flagNotePayload, reply: flagNoteResult },
  [RpcPatterns.decideFlag]: { request: flagDecisionPayload, reply: flagView },
  [RpcPatterns.createExclusion]: { request: createExclusionPayload, reply: exclusionView },
  [RpcPatterns.coveragePreview]: { request: estimateRequestPayload, reply: coveragePreviewView },
  [RpcPatterns.createProvider]: { request: createProviderPayload, reply: providerView },
  [RpcPatterns.providerByNpi]: { request: providerByNpiPayload, reply: providerView },
  [RpcPatterns.replaceFeeSchedule]: { request: replaceFeeSchedulePayload, reply: feeScheduleView },
  [RpcPatterns.setNetwork]: { request: setNetworkPayload, reply: networkView },
  [RpcPatterns.createEstimate]: { request: createEstimatePayload, reply: estimateView },
  [RpcPatterns.getEstimate]: { request: getEstimatePayload, reply: estimateView },
  [RpcPatterns.listEstimates]: { request: listEstimatesPayload, reply: listEstimatesResult },
  [RpcPatterns.ledgerContracts]: { request: getLedgerContractsPayload, reply: ledgerContractsView },
  [RpcPatterns.ledgerEscrow]: { request: getEscrowPayload, reply: escrowView },
  [RpcPatterns.prepareRecord]: { request: prepareRecordPayload, reply: recordAnchorTypedData },
  [RpcPatterns.submitRecord]: { request: submitRecordPayload, reply: recordSubmittedView },
  [RpcPatterns.getRecord]: { request: getRecordPayload, reply: recordView },
  [RpcPatterns.prepareConsent]: { request: prepareConsentPayload, reply: consentGrantTypedData },
  [RpcPatterns.submitConsent]: { request: submitConsentPayload, reply: consentSubmittedView },
  [RpcPatterns.prepareConsentRevoke]: { request: prepareRevokePayload, reply: consentRevokeTypedData },
  [RpcPatterns.submitConsentRevoke]: { request: submitRevokePayload, reply: consentSubmittedView },
  [RpcPatterns.listConsents]: { request: listConsentsPayload, reply: consentPage },
  [RpcPatterns.anchorAudit]: { request: anchorAuditPayload, reply: auditAnchorView },
} as const satisfies Record<RpcPattern, RpcContract>;

/** What a caller sends on `pattern`: the schema's input, before any defaults are filled in. */
export type RpcPayload<K extends RpcPattern> = z.input<(typeof RPC_CONTRACTS)[K]['request']>;
/** The value a successful reply on `pattern` carries. */
export type RpcResult<K extends RpcPattern> = z.output<(typeof RPC_CONTRACTS)[K]['reply']>;
