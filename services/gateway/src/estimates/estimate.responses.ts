import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { reasonCode } from '../claims/claim.responses.js';

/** API.md (Estimates): the shapes of the OpenAPI document only. */
export class EstimateLineResponse {
  @ApiProperty({ example: '99213' }) code: string;
  @ApiProperty({ example: 1 }) units: number;
  @ApiProperty({ example: 15000 }) charge: number;
  @ApiProperty({ enum: ['covered', 'denied'], example: 'covered' }) status: string;
  @ApiPropertyOptional({ ...reasonCode, example: 'NOT_COVERED' }) reason?: string;
  @ApiProperty({ example: 10000 }) allowed: number;
  @ApiProperty({ example: 0 }) deductible: number;
  @ApiProperty({ example: 2500 }) copay: number;
  @ApiProperty({ example: 0 }) coinsurance: number;
  @ApiProperty({ example: 7500 }) planPays: number;
  @ApiProperty({ example: 2500 }) patientPays: number;
  @ApiProperty({ example: 0 }) balanceBill: number;
  @ApiProperty({ example: 5000 }) providerWriteOff: number;
  @ApiPropertyOptional({ enum: ['approved', 'denied', 'not_required'], example: 'not_required' }) preauth?: string;
}

export class EstimateTotalsResponse {
  @ApiProperty({ example: 15000 }) charge: number;
  @ApiProperty({ example: 10000 }) allowed: number;
  @ApiProperty({ example: 7500 }) planPays: number;
  @ApiProperty({ example: 2500 }) patientPays: number;
}

export class EstimateAccumulatorsResponse {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ example: 50000 }) deductibleRemaining: number;
  @ApiProperty({ example: 300000 }) oopRemaining: number;
}

export class EstimateResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'M-1' }) memberId: string;
  @ApiProperty({ example: 'P-1' }) providerId: string;
  @ApiProperty({ format: 'date', example: '2026-12-14' }) plannedDate: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ format: 'date', example: '2026-12-31' }) validUntil: string;
  @ApiProperty({ enum: ['in', 'out'], example: 'in' }) network: string;
  @ApiProperty({ type: [EstimateLineResponse] }) lines: EstimateLineResponse[];
  @ApiProperty({ type: EstimateTotalsResponse }) totals: EstimateTotalsResponse;
  @ApiProperty({ type: EstimateAccumulatorsResponse }) accumulators: EstimateAccumulatorsResponse;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class EstimatePageResponse {
  @ApiProperty({ type: [EstimateResponse] }) items: EstimateResponse[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}
