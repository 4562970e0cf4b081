import type { CreateInsurerPayload } from '#libs/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from '../validation/id-pattern.js';
import { IsChainAddress, IsDisplayName } from '../validation/validators.js';

export class CreateInsurerDto implements CreateInsurerPayload {
  @ApiProperty({ description: 'The insurer’s id: the `org` of its insurer and analyst tokens', example: 'I-ACME' })
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  id: string;

  @ApiProperty({ example: 'Acme Health', maxLength: 200 })
  @IsDisplayName()
  name: string;

  @ApiProperty({
    description: 'The insurer’s on-chain address (EVM), which funds its escrow and receives consents',
    example: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    pattern: '^0x[0-9a-fA-F]{40}$',
  })
  @IsChainAddress()
  address: string;
}

/** The example of the OpenAPI document. */
export const EXAMPLE_INSURER = {
  id: 'I-ACME',
  name: 'Acme Health',
  address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
};
