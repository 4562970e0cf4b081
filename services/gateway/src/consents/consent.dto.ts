import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PrepareConsentPayload, SubmitConsentPayload } from '#libs/contracts';
import { IsIn, IsISO8601, Matches } from 'class-validator';
import { SignedSubmissionDto } from '../ledger/signed-submission.dto.js';
import { ID_MESSAGE, ID_PATTERN } from '../validation/id-pattern.js';

export class PrepareConsentDto implements PrepareConsentPayload {
  @ApiProperty({ example: 'I-ACME' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  insurerId: string;

  @ApiProperty({ enum: ['claims'], example: 'claims' })
  @IsIn(['claims'], { message: '$property must be "claims"' })
  scope: 'claims';

  @ApiProperty({ format: 'date-time', example: '2027-12-31T23:59:59Z' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: '$property must be an RFC 3339 timestamp' })
  expiresAt: string;
}

export class SubmitConsentDto extends SignedSubmissionDto implements SubmitConsentPayload {
  @ApiProperty({ example: 'I-ACME' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  insurerId: string;

  @ApiProperty({ enum: ['claims'], example: 'claims' })
  @IsIn(['claims'], { message: '$property must be "claims"' })
  scope: 'claims';

  @ApiProperty({ format: 'date-time', example: '2027-12-31T23:59:59Z' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: '$property must be an RFC 3339 timestamp' })
  expiresAt: string;
}

export class ConsentSubmittedResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['pending', 'active', 'revoked'] }) status: string;
  @ApiPropertyOptional({ example: '0x…' }) txHash?: string;
}

export class ConsentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'I-ACME' }) insurerId: string;
  @ApiProperty({ example: 'M-1001' }) memberId: string;
  @ApiProperty({ example: 'claims' }) scope: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ enum: ['pending', 'active', 'expired', 'revoked', 'failed'] }) status: string;
}

export class ConsentPageResponse {
  @ApiProperty({ type: [ConsentResponse] }) items: ConsentResponse[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor: string | null;
}
