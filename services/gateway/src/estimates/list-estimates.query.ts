import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { PageQuery } from '../pagination/page-query.js';
import { ID_MESSAGE, ID_PATTERN, OptionalQueryParam } from '../validation/id-pattern.js';

/** `GET /v1/estimates?memberId=&limit=&cursor=`. */
export class ListEstimatesQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'M-1' })
  @OptionalQueryParam()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  memberId?: string;
}
