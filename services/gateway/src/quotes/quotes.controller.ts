import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthGuard, Roles } from '#libs/auth';
import { RpcPatterns, type QuoteView } from '#libs/contracts';
import { ApiProblems } from '../openapi/problem.schema.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { EXAMPLE_QUOTE_REQUEST, QuoteRequestDto } from './quote-request.dto.js';
import { QuoteResponse } from './quote.responses.js';

/** Premium quotes (API.md, Set-up): underwriting's rating model on one of the insurer's plans. */
@ApiTags('set-up')
@ApiBearerAuth()
@ApiProblems('unauthorized', 'forbidden', 'service-unavailable')
@Controller('v1/quotes')
@UseGuards(AuthGuard)
export class QuotesController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Post()
  @HttpCode(200)
  @Roles('insurer')
  @ApiOperation({
    summary: 'Quote a premium',
    description:
      'The annual premium of an applicant on one of the caller’s plans: plan base rate × age band × smoker × ' +
      'chronic conditions, each factor reported with its effect. Deterministic; nothing is stored.',
  })
  @ApiBody({
    type: QuoteRequestDto,
    examples: { applicant: { summary: 'An applicant', value: EXAMPLE_QUOTE_REQUEST } },
  })
  @ApiOkResponse({ type: QuoteResponse, description: 'The quote' })
  @ApiProblems('validation', 'not-found', 'payload-too-large', 'unsupported-media-type')
  quote(@Body() body: QuoteRequestDto, @Caller() caller: RpcCaller): Promise<QuoteView> {
    const { birthDate, smoker, chronicConditions } = body.applicant;
    return this.rpc.call(RpcPatterns.createQuote, caller, {
      planId: body.planId,
      applicant: { birthDate, smoker, chronicConditions },
    });
  }
}
