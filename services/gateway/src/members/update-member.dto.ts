import { ApiPropertyOptional } from '@nestjs/swagger';
import { MEMBER_STATUSES, type UpdateMemberPayload } from '#libs/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { IsOptionalField } from '../validation/id-pattern.js';
import { RequiresOneOf } from '../validation/requires-one-of.js';
import { IsRealDate } from '../validation/validators.js';

export { MEMBER_STATUSES };

/**
 * A change to a member (API.md, Set-up): any of coverage end, date of death, status, at least one.
 * A null date removes it (open-ended coverage again; a date of death recorded by mistake). The member's
 * id comes from the path, the rest is the contract's change.
 */
@RequiresOneOf('coverageEnd', 'dateOfDeath', 'status')
export class UpdateMemberDto implements Omit<UpdateMemberPayload, 'id'> {
  @ApiPropertyOptional({ type: 'string', format: 'date', nullable: true, example: '2026-06-30' })
  @IsOptional()
  @IsRealDate()
  coverageEnd?: string | null;

  @ApiPropertyOptional({ type: 'string', format: 'date', nullable: true, example: null })
  @IsOptional()
  @IsRealDate()
  dateOfDeath?: string | null;

  @ApiPropertyOptional({
    enum: MEMBER_STATUSES,
    description: 'cancelled: no claim of the member is covered, whatever its service date',
    example: 'cancelled',
  })
  // Only absent is optional here: a null status means nothing.
  @IsOptionalField()
  @IsIn(MEMBER_STATUSES, { message: `$property must be one of ${MEMBER_STATUSES.join(', ')}` })
  status?: (typeof MEMBER_STATUSES)[number];
}
