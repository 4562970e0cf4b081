import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PrepareRecordPayload, SubmitRecordPayload } from '#libs/contracts';
import { Matches } from 'class-validator';
import { SignedSubmissionDto } from '../ledger/signed-submission.dto.js';
import { ID_MESSAGE, ID_PATTERN } from '../validation/id-pattern.js';

export class PrepareRecordDto implements PrepareRecordPayload {
  @ApiProperty({ description: 'The clinic’s record id (hashed with keccak256 on chain)', example: 'REC-2026-0001' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  recordId: string;

  @ApiProperty({ example: 'M-1001' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  memberId: string;

  @ApiProperty({
    description: 'SHA-256 of the record’s content, 64 lower-case hex digits',
    example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  })
  @Matches(/^[0-9a-f]{64}$/, { message: '$property must be 64 lower-case hex digits' })
  sha256: string;
}

export class SubmitRecordDto extends SignedSubmissionDto implements SubmitRecordPayload {
  @ApiProperty({ example: 'REC-2026-0001' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  recordId: string;

  @ApiProperty({ example: 'M-1001' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  memberId: string;

  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  @Matches(/^[0-9a-f]{64}$/, { message: '$property must be 64 lower-case hex digits' })
  sha256: string;
}

export class RecordSubmittedResponse {
  @ApiProperty({ example: 'REC-2026-0001' }) recordId: string;
  @ApiProperty({ enum: ['pending', 'anchored'] }) status: string;
  @ApiPropertyOptional({ example: '0x…' }) txHash?: string;
}

export class RecordResponse {
  @ApiProperty({ example: 'REC-2026-0001' }) recordId: string;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }) sha256: string;
  @ApiProperty({ example: 'P-1' }) providerId: string;
  @ApiProperty({ description: 'The member the record is about', example: 'M-1' }) memberId: string;
  @ApiProperty({ enum: ['pending', 'anchored', 'failed'] }) status: string;
  @ApiPropertyOptional({ example: 42 }) blockNumber?: number;
  @ApiPropertyOptional({ example: '0x…' }) txHash?: string;
}
