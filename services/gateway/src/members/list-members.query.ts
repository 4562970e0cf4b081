import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { PageQuery } from '../pagination/page-query.js';
import { ID_MESSAGE, ID_PATTERN, OptionalQueryParam } from '../validation/id-pattern.js';
import { MEMBER_STATUSES } from './update-member.dto.js';

/** `GET /v1/members?planId=&status=&limit=&cursor=`: the insurer's members, on one plan and/or in one status. */
export class ListMembersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the members of this plan', example: 'PLAN-GOLD' })
  @OptionalQueryParam()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  planId?: string;

  @ApiPropertyOptional({ enum: MEMBER_STATUSES, description: 'Only the members in this status' })
  @OptionalQueryParam()
  @IsIn(MEMBER_STATUSES, { message: `$property must be one of ${MEMBER_STATUSES.join(', ')}` })
  status?: (typeof MEMBER_STATUSES)[number];
}
