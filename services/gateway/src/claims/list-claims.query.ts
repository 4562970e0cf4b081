import { ApiPropertyOptional } from '@nestjs/swagger';
import { CLAIM_STATUSES, type ClaimStatus } from '#libs/contracts';
import { IsIn, Matches } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN, OptionalQueryParam } from '../validation/id-pattern.js';
import { PageQuery } from '../pagination/page-query.js';

export class ListClaimsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CLAIM_STATUSES })
  @OptionalQueryParam()
  @IsIn(CLAIM_STATUSES, { message: `$property must be one of ${CLAIM_STATUSES.join(', ')}` })
  status?: ClaimStatus;

  @ApiPropertyOptional({ example: 'M-1' })
  @OptionalQueryParam()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  memberId?: string;

  @ApiPropertyOptional({ example: 'P-1' })
  @OptionalQueryParam()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  providerId?: string;
}
