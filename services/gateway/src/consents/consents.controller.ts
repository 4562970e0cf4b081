import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthGuard, Roles } from '#libs/auth';
import {
  RpcPatterns,
  type ConsentGrantMessageView,
  type ConsentPage,
  type ConsentRevokeMessageView,
  type ConsentSubmittedView,
  type TypedDataView,
  UUID_ANY_CASE_PATTERN,
} from '#libs/contracts';
import { ProblemException } from '../http/problem.exception.js';
import { SignedSubmissionDto, TypedDataResponse } from '../ledger/signed-submission.dto.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { DEFAULT_PAGE_SIZE, PageQuery } from '../pagination/page-query.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { RefusesBody } from '../validation/refuses-body.js';
import { ConsentPageResponse, ConsentSubmittedResponse, PrepareConsentDto, SubmitConsentDto } from './consent.dto.js';
import { Audited } from '../audit/audited.decorator.js';

/**
 * Consents (API.md, On chain): a patient grants its insurer the `claims` scope, and may revoke it, each
 * time signing with its own key; the platform relays and pays the gas.
 */
@ApiTags('on chain')
@ApiBearerAuth()
@ApiProblems('unauthorized', 'forbidden', 'service-unavailable')
@Controller('v1/consents')
@UseGuards(AuthGuard)
export class ConsentsController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Post('typed-data')
  @Audited('consent', { idsFrom: 'param' })
  @HttpCode(200)
  @Roles('patient')
  @ApiOperation({ summary: 'Prepare a consent grant for signing', description: 'EIP-712 `ConsentGrant`.' })
  @ApiOkResponse({ type: TypedDataResponse })
  @ApiProblems('validation', 'payload-too-large', 'unsupported-media-type')
  prepare(
    @Body() body: PrepareConsentDto,
    @Caller() caller: RpcCaller,
  ): Promise<TypedDataView<ConsentGrantMessageView>> {
    return this.rpc.call(RpcPatterns.prepareConsent, caller, {
      insurerId: body.insurerId,
      scope: body.scope,
      expiresAt: body.expiresAt,
    });
  }

  @Post()
  @Audited('consent')
  @HttpCode(202)
  @Roles('patient')
  @ApiOperation({
    summary: 'Grant a consent with the patient’s signature',
    description: 'Refused, and nothing sent, on a bad signature.',
  })
  @ApiAcceptedResponse({ type: ConsentSubmittedResponse })
  @ApiProblems('validation', 'payload-too-large', 'unsupported-media-type')
  submit(@Body() body: SubmitConsentDto, @Caller() caller: RpcCaller): Promise<ConsentSubmittedView> {
    return this.rpc.call(RpcPatterns.submitConsent, caller, {
      insurerId: body.insurerId,
      scope: body.scope,
      expiresAt: body.expiresAt,
      message: body.message,
      signature: body.signature,
    });
  }

  @Post(':id/revoke/typed-data')
  @Audited('consent', { idsFrom: 'param' })
  @HttpCode(200)
  @Roles('patient')
  @ApiOperation({ summary: 'Prepare the revocation of an own consent', description: 'EIP-712 `ConsentRevoke`.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: TypedDataResponse })
  @ApiProblems('validation', 'not-found', 'conflict')
  @RefusesBody()
  prepareRevoke(
    @Param('id') id: string,
    @Caller() caller: RpcCaller,
  ): Promise<TypedDataView<ConsentRevokeMessageView>> {
    return this.rpc.call(RpcPatterns.prepareConsentRevoke, caller, { id: consentId(id) });
  }

  @Post(':id/revoke')
  @Audited('consent')
  @HttpCode(202)
  @Roles('patient')
  @ApiOperation({
    summary: 'Revoke an own consent with the patient’s signature',
    description: 'The signed `ConsentRevoke` of the typed-data step. Refused, and nothing sent, on a bad signature.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAcceptedResponse({ type: ConsentSubmittedResponse })
  @ApiProblems('validation', 'not-found', 'conflict', 'payload-too-large', 'unsupported-media-type')
  revoke(
    @Param('id') id: string,
    @Body() body: SignedSubmissionDto,
    @Caller() caller: RpcCaller,
  ): Promise<ConsentSubmittedView> {
    return this.rpc.call(RpcPatterns.submitConsentRevoke, caller, {
      id: consentId(id),
      message: body.message,
      signature: body.signature,
    });
  }

  @Get()
  @Audited('consent')
  @Roles('patient', 'insurer')
  @ApiOperation({ summary: 'List consents', description: 'Patient: own; insurer: those granted to it.' })
  @ApiOkResponse({ type: ConsentPageResponse })
  @ApiProblems('validation')
  list(@Query() query: PageQuery, @Caller() caller: RpcCaller): Promise<ConsentPage> {
    return this.rpc.call(RpcPatterns.listConsents, caller, {
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
    });
  }
}

/** Consent ids are UUIDs; anything else names no consent, so it is a 404 without asking the service. */
function consentId(id: string): string {
  if (!UUID_ANY_CASE_PATTERN.test(id)) throw ProblemException.of('not-found', 'no such consent');
  return id;
}
