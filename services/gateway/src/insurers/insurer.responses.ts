import { ApiProperty } from '@nestjs/swagger';

/** API.md (Set-up): the insurer as stored by underwriting; for the OpenAPI document only. */
export class InsurerResponse {
  @ApiProperty({ example: 'I-ACME' }) id: string;
  @ApiProperty({ example: 'Acme Health' }) name: string;
  @ApiProperty({ example: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' }) address: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-01T09:00:00.000Z' }) createdAt: string;
}
