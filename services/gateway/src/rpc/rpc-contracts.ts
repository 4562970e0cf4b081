import type {
  ConsentGrantMessageView,
  ConsentPage,
  ConsentRevokeMessageView,
  ConsentSubmittedView,
  EscrowView,
  GetEscrowPayload,
  GetRecordPayload,
  LedgerContractsView,
  ListConsentsPayload,
  PrepareConsentPayload,
  PrepareRecordPayload,
  PrepareRevokePayload,
  RecordAnchorMessageView,
  RecordSubmittedView,
  RecordView,
  SubmitConsentPayload,
  SubmitRecordPayload,
  SubmitRevokePayload,
  TypedDataView,
  AccumulatorsPayload,
  AccumulatorsView,
  CoveragePreviewView,
  CreateEstimatePayload,
  CreateProviderPayload,
  EstimateRequestPayload,
  EstimateView,
  FeeScheduleView,
  GetEstimatePayload,
  ListEstimatesPayload,
  ListEstimatesResult,
  NetworkView,
  ProviderView,
  ReplaceFeeSchedulePayload,
  SetNetworkPayload,
  ClaimTimelineResult,
  CreateInsurerPayload,
  CreateMemberPayload,
  CreatePlanPayload,
  EligibilityPayload,
  EligibilityView,
  GetClaimPayload,
  GetClaimResult,
  InsurerView,
  ListClaimsPayload,
  ListClaimsResult,
  MemberView,
  PlanView,
  QuotePayload,
  QuoteView,
  SubmitClaimPayload,
  SubmitClaimResult,
  UpdateMemberPayload,
} from '#libs/contracts';
import type {
  CreateExclusionPayload,
  ExclusionView,
  FlagDecisionPayload,
  FlagDetail,
  FlagIdPayload,
  FlagNotePayload,
  FlagNoteResult,
  FlagView,
  ListFlagsPayload,
  ListFlagsResult,
} from '#libs/contracts';
import { RpcPatterns } from '#libs/contracts';

export type RpcPattern = (typeof RpcPatterns)[keyof typeof RpcPatterns];

interface Exchange<P, R> {
  payload: P;
  result: R;
}

/** What each request/reply pattern takes and answers, so a call cannot mix them up. */
export interface RpcExchanges {
  [RpcPatterns.submitClaim]: Exchange<SubmitClaimPayload, SubmitClaimResult>;
  [RpcPatterns.getClaim]: Exchange<GetClaimPayload, GetClaimResult>;
  [RpcPatterns.claimTimeline]: Exchange<GetClaimPayload, ClaimTimelineResult>;
  [RpcPatterns.listClaims]: Exchange<ListClaimsPayload, ListClaimsResult>;
  [RpcPatterns.createInsurer]: Exchange<CreateInsurerPayload, InsurerView>;
  [RpcPatterns.createPlan]: Exchange<CreatePlanPayload, PlanView>;
  [RpcPatterns.createMember]: Exchange<CreateMemberPayload, MemberView>;
  [RpcPatterns.updateMember]: Exchange<UpdateMemberPayload, MemberView>;
  [RpcPatterns.memberEligibility]: Exchange<EligibilityPayload, EligibilityView>;
  [RpcPatterns.createQuote]: Exchange<QuotePayload, QuoteView>;
  [RpcPatterns.memberAccumulators]: Exchange<AccumulatorsPayload, AccumulatorsView>;
  [RpcPatterns.listFlags]: Exchange<ListFlagsPayload, ListFlagsResult>;
  [RpcPatterns.getFlag]: Exchange<FlagIdPayload, FlagDetail>;
  [RpcPatterns.assignFlag]: Exchange<FlagIdPayload, FlagView>;
  [RpcPatterns.addFlagNote]: Exchange<FlagNotePayload, FlagNoteResult>;
  [RpcPatterns.decideFlag]: Exchange<FlagDecisionPayload, FlagView>;
  [RpcPatterns.createExclusion]: Exchange<CreateExclusionPayload, ExclusionView>;
  [RpcPatterns.coveragePreview]: Exchange<EstimateRequestPayload, CoveragePreviewView>;
  [RpcPatterns.createProvider]: Exchange<CreateProviderPayload, ProviderView>;
  [RpcPatterns.replaceFeeSchedule]: Exchange<ReplaceFeeSchedulePayload, FeeScheduleView>;
  [RpcPatterns.setNetwork]: Exchange<SetNetworkPayload, NetworkView>;
  [RpcPatterns.createEstimate]: Exchange<CreateEstimatePayload, EstimateView>;
  [RpcPatterns.getEstimate]: Exchange<GetEstimatePayload, EstimateView>;
  [RpcPatterns.listEstimates]: Exchange<ListEstimatesPayload, ListEstimatesResult>;
  [RpcPatterns.ledgerContracts]: Exchange<Record<string, never>, LedgerContractsView>;
  [RpcPatterns.ledgerEscrow]: Exchange<GetEscrowPayload, EscrowView>;
  [RpcPatterns.prepareRecord]: Exchange<PrepareRecordPayload, TypedDataView<RecordAnchorMessageView>>;
  [RpcPatterns.submitRecord]: Exchange<SubmitRecordPayload, RecordSubmittedView>;
  [RpcPatterns.getRecord]: Exchange<GetRecordPayload, RecordView>;
  [RpcPatterns.prepareConsent]: Exchange<PrepareConsentPayload, TypedDataView<ConsentGrantMessageView>>;
  [RpcPatterns.submitConsent]: Exchange<SubmitConsentPayload, ConsentSubmittedView>;
  [RpcPatterns.prepareConsentRevoke]: Exchange<PrepareRevokePayload, TypedDataView<ConsentRevokeMessageView>>;
  [RpcPatterns.submitConsentRevoke]: Exchange<SubmitRevokePayload, ConsentSubmittedView>;
  [RpcPatterns.listConsents]: Exchange<ListConsentsPayload, ConsentPage>;
}

// Fails to compile when RpcPatterns gains a pattern this map does not describe.
type Described<P> = [P] extends [keyof RpcExchanges] ? true : never;
const everyPatternDescribed: Described<RpcPattern> = true;
void everyPatternDescribed;
