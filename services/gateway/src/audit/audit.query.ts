import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { PageQuery } from '../pagination/page-query.js';
import { ID_MESSAGE, ID_PATTERN, OptionalQueryParam } from '../validation/id-pattern.js';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({
    example: 'M-1',
    description: 'Insurer: required, one of its members. Patient: optional, and only their own member id.',
  })
  @OptionalQueryParam()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  memberId?: string;
}
