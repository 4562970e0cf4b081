import { Controller, Get, Header, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Claim, ClaimResponse, Coverage, ExplanationOfBenefit, Patient } from '@medplum/fhirtypes';
import { AuthGuard, Roles } from '#libs/auth';
import { ID_PATTERN, RpcPatterns, UUID_ANY_CASE_PATTERN, type ClaimView, type MemberView } from '#libs/contracts';
import { Audited } from '../audit/audited.decorator.js';
import { ProblemException } from '../http/problem.exception.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { FHIR_JSON } from './fhir-http.js';
import { ApiFhirErrors, FHIR_RESOURCE_SCHEMA } from './fhir-openapi.js';
import { claimResponseOf, explanationOfBenefitOf, fhirClaimOf, isDecided } from './mapping/claim-resources.js';
import { coverageOf, patientOf } from './mapping/member-resources.js';

const ok = (description: string) =>
  ApiOkResponse({
    description: `${description} (application/fhir+json)`,
    content: { [FHIR_JSON]: { schema: FHIR_RESOURCE_SCHEMA } },
  });

/**
 * FHIR reads by id over the REST API's own reads (`GET /v1/members/{id}`, `GET /v1/claims/{id}`):
 * the same roles, and the services' ownership rules, so another insurer's or patient's resource is a 404.
 */
@ApiTags('fhir')
@ApiBearerAuth()
@ApiFhirErrors(401, 403, 404, 503)
@Controller('fhir/R4')
@UseGuards(AuthGuard)
export class FhirReadsController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Get('Patient/:id')
  @Roles('insurer', 'patient')
  @Audited('member', { memberParam: 'id' })
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({ summary: 'A member as FHIR Patient', description: 'Insurer: its members; patient: their own.' })
  @ApiParam({ name: 'id', description: 'The member id', example: 'M-1' })
  @ok('The Patient')
  async patient(@Param('id') id: string, @Caller() caller: RpcCaller): Promise<Patient> {
    return patientOf(await this.member(id, caller));
  }

  @Get('Coverage/:id')
  @Roles('insurer', 'patient')
  @Audited('member', { memberParam: 'id' })
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({
    summary: 'A member’s policy as FHIR Coverage',
    description: 'Insurer: its members; patient: their own.',
  })
  @ApiParam({ name: 'id', description: 'The member id (Coverage.subscriberId)', example: 'M-1' })
  @ok('The Coverage')
  async coverage(@Param('id') id: string, @Caller() caller: RpcCaller): Promise<Coverage> {
    return coverageOf(await this.member(id, caller));
  }

  @Get('Claim/:id')
  @Roles('clinic', 'insurer', 'patient', 'analyst')
  @Audited('claim', { idsFrom: 'param' })
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({
    summary: 'A claim as FHIR Claim',
    description: 'As GET /v1/claims/{id}: only its clinic, insurer, analysts and member.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ok('The Claim')
  async claim(@Param('id') id: string, @Caller() caller: RpcCaller): Promise<Claim> {
    return fhirClaimOf(await this.claimView(id, caller));
  }

  @Get('ClaimResponse/:id')
  @Roles('clinic', 'insurer', 'patient', 'analyst')
  @Audited('claim', { idsFrom: 'param' })
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({
    summary: 'Where a claim stands, as FHIR ClaimResponse',
    description: 'outcome queued while in review, complete once decided.',
  })
  @ApiParam({ name: 'id', description: 'The claim id', format: 'uuid' })
  @ok('The ClaimResponse')
  async claimResponse(@Param('id') id: string, @Caller() caller: RpcCaller): Promise<ClaimResponse> {
    return claimResponseOf(await this.claimView(id, caller));
  }

  @Get('ExplanationOfBenefit/:id')
  @Roles('clinic', 'insurer', 'patient', 'analyst')
  @Audited('claim', { idsFrom: 'param' })
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({
    summary: 'A decided claim as FHIR ExplanationOfBenefit',
    description: 'Per line adjudication and totals; payment with the transaction hash once paid. 404 until decided.',
  })
  @ApiParam({ name: 'id', description: 'The claim id', format: 'uuid' })
  @ok('The ExplanationOfBenefit')
  async explanationOfBenefit(@Param('id') id: string, @Caller() caller: RpcCaller): Promise<ExplanationOfBenefit> {
    const claim = await this.claimView(id, caller);
    if (!isDecided(claim)) throw ProblemException.of('not-found', 'the claim is not decided yet');
    return explanationOfBenefitOf(claim);
  }

  private member(id: string, caller: RpcCaller): Promise<MemberView> {
    if (!ID_PATTERN.test(id)) throw ProblemException.of('not-found', 'no such member');
    return this.rpc.call(RpcPatterns.getMember, caller, { id });
  }

  private claimView(id: string, caller: RpcCaller): Promise<ClaimView> {
    if (!UUID_ANY_CASE_PATTERN.test(id)) throw ProblemException.of('not-found', 'no such claim');
    return this.rpc.call(RpcPatterns.getClaim, caller, { id: id.toLowerCase() });
  }
}
