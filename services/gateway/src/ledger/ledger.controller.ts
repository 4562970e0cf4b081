import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AuthGuard, Roles } from '#libs/auth';
import { RpcPatterns, type EscrowView, type LedgerContractsView } from '#libs/contracts';
import { ApiProblems } from '../openapi/problem.schema.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';

class TokenResponse {
  @ApiProperty({ example: '0x5FbDB2315678afecb367f032d93F642f64180aa3' }) address: string;
  @ApiProperty({ example: 'HCET' }) symbol: string;
  @ApiProperty({ example: 18 }) decimals: number;
}
class ContractsResponse {
  @ApiProperty({ example: 31337 }) chainId: number;
  @ApiProperty({ type: TokenResponse }) token: TokenResponse;
  @ApiProperty({ example: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512' }) recordRegistry: string;
  @ApiProperty({ example: '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0' }) consentRegistry: string;
  @ApiProperty({ example: '0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9' }) settlement: string;
}
class EscrowResponse {
  @ApiProperty({ example: 'I-ACME' }) insurerId: string;
  @ApiProperty({ description: 'Token base units, as a decimal string', example: '1000000000000000000000' })
  balance: string;
  @ApiProperty({
    description: 'The same balance in tokens, exact, with at least two decimals',
    example: '1000.00',
  })
  balanceInTokens: string;
  @ApiProperty({ example: 'HCET' }) token: string;
}

/** The chain side (API.md, On chain): where the contracts are, and an insurer's escrow. */
@ApiTags('on chain')
@ApiBearerAuth()
@ApiProblems('unauthorized', 'forbidden', 'service-unavailable')
@Controller('v1/ledger')
@UseGuards(AuthGuard)
export class LedgerController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Get('contracts')
  @ApiOperation({
    summary: 'The chain and the platform’s contract addresses',
    description: 'Any authenticated caller.',
  })
  @ApiOkResponse({ type: ContractsResponse })
  contracts(@Caller() caller: RpcCaller): Promise<LedgerContractsView> {
    return this.rpc.call(RpcPatterns.ledgerContracts, caller, {});
  }

  @Get('escrow')
  @Roles('insurer')
  @ApiOperation({ summary: 'The caller’s escrow balance', description: 'Funded on chain with `deposit`.' })
  @ApiOkResponse({ type: EscrowResponse })
  escrow(@Caller() caller: RpcCaller): Promise<EscrowView> {
    return this.rpc.call(RpcPatterns.ledgerEscrow, caller, {});
  }
}
