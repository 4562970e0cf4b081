import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/* Response shapes of GET /v1/audit, for the OpenAPI document only. */

export class AuditEventResponse {
  @ApiProperty({ description: 'Position in the hash chain (decimal string)', example: '1234' }) seq: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-15T09:30:01.123Z' }) at: string;
  @ApiProperty({ enum: ['admin', 'insurer', 'clinic', 'analyst', 'patient'], example: 'clinic' }) role: string;
  @ApiPropertyOptional({ description: 'The insurer or provider the reader acted for', example: 'P-1' }) org?: string;
  @ApiPropertyOptional({
    description: 'Who, by user id: shown to an insurer for its own staff only, never to a patient',
    example: 'analyst-3',
  })
  subject?: string;
  @ApiProperty({ enum: ['read', 'write'] }) action: string;
  @ApiProperty({
    enum: ['claim', 'member', 'estimate', 'consent', 'fraud-flag', 'record', 'audit'],
    example: 'claim',
  })
  resource: string;
  @ApiProperty({ type: [String], example: ['0b6f8f36-5d1e-4c52-9f55-8f3f3b0f8a11'] }) resourceIds: string[];
  @ApiProperty({ description: 'Method and route pattern', example: 'GET /v1/claims/:id' }) route: string;
  @ApiProperty({ type: 'integer', description: 'The HTTP status answered', example: 200 }) status: number;
}

export class AuditPageResponse {
  @ApiProperty({ description: 'Whose audit this is', example: 'M-1' }) memberId: string;
  @ApiProperty({ type: [AuditEventResponse], description: 'Newest first' }) items: AuditEventResponse[];
  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null at the end' })
  nextCursor: string | null;
}
