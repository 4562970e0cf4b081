import { ApiProperty } from '@nestjs/swagger';

/* Response shapes of API.md (Set-up, quotes), for the OpenAPI document only. */

export class QuoteFactorView {
  @ApiProperty({ example: 'age 45–54' }) name: string;
  @ApiProperty({ description: 'What the factor does to the premium', example: '×1.45' }) effect: string;
}

export class QuoteResponse {
  @ApiProperty({ example: 'PLAN-GOLD' }) planId: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ type: 'integer', description: 'Minor units of the plan’s currency', example: 1137024 })
  annualPremium: number;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, example: 17 }) riskScore: number;
  @ApiProperty({ type: [QuoteFactorView], description: 'Every factor of the rating model, in the order applied' })
  factors: QuoteFactorView[];
}
