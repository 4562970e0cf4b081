import { ApiProperty } from '@nestjs/swagger';

/** A row of the procedure reference table (DOMAIN.md), for choosing a line's code. */
export class ProcedureResponse {
  @ApiProperty({ example: '99213' }) code: string;
  @ApiProperty({ example: 'office_visit' }) category: string;
  @ApiProperty({ example: 'Established patient visit - low complexity' }) description: string;
}

export class ProcedurePageResponse {
  @ApiProperty({ type: [ProcedureResponse] }) items: ProcedureResponse[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}
