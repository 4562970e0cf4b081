import { ApiProperty } from '@nestjs/swagger';
import type { SubmitRevokePayload } from '#libs/contracts';
import { IsObject, Matches } from 'class-validator';

/**
 * The caller's EIP-712 signature over the `message` the typed-data endpoint returned, sent back unchanged:
 * the signed part of every submission (a revocation is only that, with the consent's id from the path).
 */
export class SignedSubmissionDto implements Omit<SubmitRevokePayload, 'id'> {
  @ApiProperty({
    description: 'The `message` of the typed data, exactly as signed (the ledger bridge checks every field)',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject({ message: '$property must be the signed message object' })
  message: Record<string, unknown>;

  @ApiProperty({ description: 'The 65-byte signature (ethers `signTypedData`), 0x-prefixed hex', example: '0x…' })
  @Matches(/^0x[0-9a-fA-F]{130}$/, { message: '$property must be a 0x-prefixed 65-byte hex signature' })
  signature: string;
}

export class TypedDataResponse {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { name: 'HealthClaims RecordRegistry', version: '1', chainId: 31337, verifyingContract: '0x…' },
  })
  domain: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) types: Record<string, unknown>;
  @ApiProperty({ example: 'RecordAnchor' }) primaryType: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Times in unix seconds; nonce and deadline filled in',
  })
  message: Record<string, unknown>;
}
