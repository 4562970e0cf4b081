import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FLAG_STATUSES } from '#libs/contracts';

/* Response shapes of API.md (Fraud review), for the OpenAPI document only: the values come from fraud. */

export class FlagRuleResponse {
  @ApiProperty({ example: 'DUPLICATE_CLAIM' }) code: string;
  @ApiProperty({ type: 'integer', example: 100 }) points: number;
  @ApiProperty({ example: 'same lines as claim 7f3c1a2b… of 2026-03-02' }) explanation: string;
}

export class FlagResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) claimId: string;
  @ApiProperty({ description: 'The claim’s member', example: 'M-1' }) memberId: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, example: 100 }) score: number;
  @ApiProperty({ description: 'Whether the score reached the hold threshold', example: true }) held: boolean;
  @ApiProperty({ enum: FLAG_STATUSES, example: 'open' }) status: string;
  @ApiPropertyOptional({ description: 'The `sub` of the analyst who holds it' }) assignee?: string;
  @ApiProperty({ type: [FlagRuleResponse] }) rules: FlagRuleResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class FlagPageResponse {
  @ApiProperty({ type: [FlagResponse] }) items: FlagResponse[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}

export class FlagClaimLineResponse {
  @ApiProperty({ example: '99213' }) code: string;
  @ApiProperty({ type: 'integer', example: 1 }) units: number;
  @ApiProperty({ type: 'integer', example: 15000 }) charge: number;
}

export class FlagClaimResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'M-1' }) memberId: string;
  @ApiProperty({ example: 'P-1' }) providerId: string;
  @ApiProperty({ format: 'date' }) serviceDate: string;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ type: 'string', nullable: true }) estimateId: string | null;
  @ApiProperty({ type: [FlagClaimLineResponse] }) lines: FlagClaimLineResponse[];
  @ApiProperty({ type: 'integer', example: 15000 }) totalCharge: number;
}

export class FlagHistoryResponse {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ description: 'The analyst’s `sub`, or `system`', example: 'analyst-7' }) actor: string;
  @ApiProperty({ enum: ['flagged', 'assigned', 'noted', 'confirmed', 'dismissed'] }) action: string;
  @ApiPropertyOptional() note?: string;
}

export class FlagDetailResponse extends FlagResponse {
  @ApiProperty({ type: FlagClaimResponse }) claim: FlagClaimResponse;
  @ApiProperty({ type: [FlagHistoryResponse] }) history: FlagHistoryResponse[];
}

export class FlagNoteResponse {
  @ApiProperty({ format: 'uuid' }) flagId: string;
  @ApiProperty({ description: 'The flagged claim’s member', example: 'M-1' }) memberId: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() actor: string;
  @ApiProperty() note: string;
}

export class ExclusionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'P-1' }) providerId: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'null: excluded by an admin for every insurer' })
  insurerId: string | null;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) to: string | null;
  @ApiProperty() reason: string;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
