import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLAIM_REASON_CODES, CLAIM_STATUSES } from '#libs/contracts';

/* Response shapes of API.md (Claims), for the OpenAPI document only: the values come from the claims service. */

/** A reason code: one named list (OpenAPI `ClaimReasonCode`) that the web app puts into words. */
export const reasonCode = { enum: CLAIM_REASON_CODES, enumName: 'ClaimReasonCode' } as const;

export class ClaimAcceptedResponse {
  @ApiProperty({ format: 'uuid', example: '0b6f8f36-5d1e-4c52-9f55-8f3f3b0f8a11' })
  id: string;
  @ApiProperty({ enum: CLAIM_STATUSES, example: 'received' })
  status: string;
}

export class CostSharingView {
  @ApiProperty({ type: 'integer', example: 2000, description: 'Toward the member’s deductible' }) deductible: number;
  @ApiProperty({ type: 'integer', example: 2500 }) copay: number;
  @ApiProperty({ type: 'integer', example: 0 }) coinsurance: number;
}

export class ClaimLineView {
  @ApiProperty({ example: '99213' }) code: string;
  @ApiProperty({ type: 'integer', example: 1 }) units: number;
  @ApiProperty({ type: 'integer', example: 15000 }) charge: number;
  @ApiProperty({ enum: ['approved', 'denied', 'pending'], example: 'pending' }) status: string;
  @ApiPropertyOptional({ ...reasonCode, example: 'NOT_COVERED' }) reason?: string;
  @ApiProperty({ type: 'integer', example: 0 }) allowed: number;
  @ApiProperty({ type: 'integer', example: 0 }) planPays: number;
  @ApiProperty({ type: 'integer', example: 0 }) patientPays: number;
  @ApiPropertyOptional({
    type: CostSharingView,
    description:
      'The patient’s share split as priced; absent until the line is priced (and on lines priced before it was kept)',
  })
  costSharing?: CostSharingView;
}

export class ClaimTotals {
  @ApiProperty({ type: 'integer', example: 15000 }) charge: number;
  @ApiProperty({ type: 'integer', example: 0 }) allowed: number;
  @ApiProperty({ type: 'integer', example: 0 }) planPays: number;
  @ApiProperty({ type: 'integer', example: 0 }) patientPays: number;
}

export class PayoutView {
  @ApiProperty({ enum: ['pending', 'submitted', 'confirmed', 'failed'] }) status: string;
  @ApiProperty({ description: 'Token base units, decimal string (exceeds 2^53)', example: '120000000000000000000' })
  amount: string;
  @ApiProperty({ description: 'The settlement token symbol', example: 'HCET' }) token: string;
  @ApiPropertyOptional() txHash?: string;
  @ApiPropertyOptional({ type: 'integer' }) blockNumber?: number;
  @ApiPropertyOptional({ ...reasonCode, example: 'INSUFFICIENT_ESCROW' }) failureReason?: string;
}

export class ClaimResponse {
  @ApiProperty({ format: 'uuid', example: '0b6f8f36-5d1e-4c52-9f55-8f3f3b0f8a11' }) id: string;
  @ApiProperty({
    enum: CLAIM_STATUSES,
    example: 'in_review',
    description: 'Patients and clinics see pending_review as in_review',
  })
  status: string;
  @ApiProperty({ example: 'M-1' }) memberId: string;
  @ApiProperty({ example: 'P-1' }) providerId: string;
  @ApiProperty({ format: 'date', example: '2026-03-14' }) serviceDate: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-15T09:30:00.000Z' }) submittedAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-15T09:30:01.000Z' }) updatedAt: string;
  @ApiProperty({ type: 'string', nullable: true, example: 'USD', description: 'Known once coverage is decided' })
  currency: string | null;
  @ApiProperty({ type: [ClaimLineView] }) lines: ClaimLineView[];
  @ApiProperty({ type: ClaimTotals }) totals: ClaimTotals;
  @ApiPropertyOptional({ ...reasonCode, example: 'CONSENT_MISSING' }) denialReason?: string;
  @ApiPropertyOptional({ type: PayoutView }) payout?: PayoutView;
}

export class TimelineEntryView {
  @ApiProperty({ format: 'date-time', example: '2026-03-15T09:30:00.000Z' }) at: string;
  @ApiProperty({ enum: CLAIM_STATUSES, example: 'received' }) status: string;
  @ApiPropertyOptional({ ...reasonCode, example: 'CONSENT_MISSING' }) reason?: string;
  @ApiProperty({ enum: ['system', 'analyst', 'chain'], example: 'system' }) actor: string;
}

export class TimelineResponse {
  @ApiProperty({ description: 'The member the claim is about', example: 'M-1' }) memberId: string;
  @ApiProperty({ type: [TimelineEntryView] }) items: TimelineEntryView[];
}

export class ClaimPageResponse {
  @ApiProperty({ type: [ClaimResponse] }) items: ClaimResponse[];
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Pass as ?cursor= for the next page; null on the last page',
  })
  nextCursor: string | null;
}

export class StatusTotalsView {
  @ApiProperty({
    enum: CLAIM_STATUSES,
    example: 'approved',
    description: 'Clinics see pending_review counted as in_review',
  })
  status: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'USD',
    description: 'Amounts of two currencies are not added up; null while coverage is undecided',
  })
  currency: string | null;
  @ApiProperty({ type: 'integer', example: 12 }) count: number;
  @ApiProperty({ type: 'integer', example: 180000, description: 'The claims’ charges (totals.charge) added up' })
  billed: number;
  @ApiProperty({ type: 'integer', example: 144000 }) allowed: number;
  @ApiProperty({ type: 'integer', example: 91200 }) planPays: number;
  @ApiProperty({ type: 'integer', example: 52800 }) patientPays: number;
}

export class ClaimsSummaryResponse {
  @ApiProperty({
    type: [StatusTotalsView],
    description: 'One entry per status and currency that has claims, in the order a claim goes through them',
  })
  items: StatusTotalsView[];
}
