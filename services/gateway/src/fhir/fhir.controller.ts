import { Body, Controller, Get, Header, Headers, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Bundle, CapabilityStatement, ClaimResponse, CoverageEligibilityResponse } from '@medplum/fhirtypes';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthGuard, Roles } from '#libs/auth';
import { AdmissionGuard } from '../admission/admission-control.js';
import { Audited } from '../audit/audited.decorator.js';
import { requestFingerprint, submissionKey } from '../idempotency/idempotency-fingerprint.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { FHIR_JSON } from './fhir-http.js';
import { ApiFhirErrors, FHIR_BUNDLE_SCHEMA, FHIR_RESOURCE_SCHEMA, GFE_BUNDLE_EXAMPLE } from './fhir-openapi.js';
import { ClaimSubmit } from './claim-submit.js';
import { GfeSubmit } from './gfe-submit.js';
import { queuedClaimResponse } from './mapping/claim-resources.js';
import { eligibilityResponseOf, readEligibilityRequest } from './mapping/eligibility-resources.js';
import { isRefusal } from './mapping/operation-outcome.js';
import { refusalProblem } from './fhir-http.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { RpcPatterns } from '#libs/contracts';
import { capabilityStatement } from './mapping/capability-statement.js';

const GFE_SUBMIT_PATH = '/fhir/R4/Claim/$gfe-submit';
const CLAIM_PATH = '/fhir/R4/Claim';

/**
 * The FHIR R4 facade (API.md, FHIR R4; ADR 0015): FHIR in and out over the same requests as the REST
 * API, with the same tokens and roles. Its errors are OperationOutcome (the problem filter).
 */
@ApiTags('fhir')
@ApiBearerAuth()
@ApiFhirErrors(401, 403, 503)
@Controller('fhir/R4')
@UseGuards(AuthGuard)
export class FhirController {
  private readonly started = new Date().toISOString();

  constructor(
    private readonly gfeSubmit: GfeSubmit,
    private readonly claimSubmit: ClaimSubmit,
    private readonly idempotency: IdempotencyService,
    private readonly rpc: ServiceRpc,
  ) {}

  @Get('metadata')
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({
    summary: 'FHIR CapabilityStatement',
    description: 'Lists exactly the FHIR interactions and operations this gateway serves. Any authenticated caller.',
  })
  @ApiOkResponse({
    description: 'The CapabilityStatement (application/fhir+json)',
    content: { [FHIR_JSON]: { schema: FHIR_RESOURCE_SCHEMA } },
  })
  metadata(): CapabilityStatement {
    return capabilityStatement(this.started);
  }

  @Post('Claim/$gfe-submit')
  @HttpCode(200)
  @Roles('clinic')
  @Audited('estimate')
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({
    summary: 'Da Vinci PCT: submit a Good Faith Estimate, get an Advanced EOB',
    description:
      'A GFE Bundle (type collection: a Claim with use = predetermination and the Patient, Coverage and provider it references) is priced exactly as POST /v1/estimates (the member from Coverage.subscriberId, the provider by its registered NPI, CPT codes) and answered as a Bundle holding the Advanced EOB. Errors are OperationOutcome naming the element.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'As for POST /v1/estimates: the same key and body replay the first answer; another body gets 409',
  })
  @ApiBody({
    description: 'A Da Vinci PCT GFE Bundle (application/fhir+json or application/json)',
    schema: FHIR_BUNDLE_SCHEMA,
    examples: { professional: { summary: 'The PCT IG’s professional GFE (an MRI)', value: GFE_BUNDLE_EXAMPLE } },
  })
  @ApiOkResponse({
    description: 'A collection Bundle holding the Advanced EOB',
    content: { [FHIR_JSON]: { schema: FHIR_BUNDLE_SCHEMA } },
  })
  @ApiFhirErrors(400, 409, 413, 415, 422)
  async submitGfe(
    @Body() body: unknown,
    @Caller() caller: RpcCaller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Bundle> {
    const prepared = await this.gfeSubmit.prepare(body, caller);
    if (idempotencyKey === undefined) return this.gfeSubmit.submit(prepared, caller);
    const { principal } = caller;
    const fingerprint = requestFingerprint(request.method, GFE_SUBMIT_PATH, request.body);
    const { value, replayed } = await this.idempotency.execute(
      { key: idempotencyKey, principal, method: request.method, path: GFE_SUBMIT_PATH, body: request.body },
      200,
      () => this.gfeSubmit.submit(prepared, caller, submissionKey(principal, idempotencyKey, fingerprint)),
    );
    if (replayed) reply.header('Idempotent-Replayed', 'true');
    return value;
  }

  @Post('Claim')
  @HttpCode(202)
  @Roles('clinic', 'insurer')
  @Audited('claim')
  // The same admission control as POST /v1/claims (ADR 0016): one backlog, whichever face a claim comes by.
  @UseGuards(AdmissionGuard)
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({
    summary: 'Submit a claim as a FHIR Claim (use = claim)',
    description:
      'Enters the same review as POST /v1/claims (same rules, idempotency and admission control: 429 with Retry-After while too many claims wait for review): 202 with a ClaimResponse, outcome queued, and Location of the Claim. The member is Claim.insurance[].coverage (Coverage/{memberId} or a contained Coverage), the provider its NPI or urn:healthclaims:provider id.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'As for POST /v1/claims: the same key and body replay the first answer; another body gets 409',
  })
  @ApiBody({ description: 'A FHIR Claim with use = claim', schema: FHIR_RESOURCE_SCHEMA })
  @ApiAcceptedResponse({
    description: 'Accepted into review: a ClaimResponse with outcome queued',
    content: { [FHIR_JSON]: { schema: FHIR_RESOURCE_SCHEMA } },
  })
  @ApiFhirErrors(400, 409, 413, 415, 422, 429)
  async submitClaim(
    @Body() body: unknown,
    @Caller() caller: RpcCaller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClaimResponse> {
    const payload = await this.claimSubmit.prepare(body, caller);
    const submit = (key?: string) => () =>
      this.claimSubmit.submit(key === undefined ? payload : { ...payload, submissionKey: key }, caller);
    let accepted;
    if (idempotencyKey === undefined) {
      accepted = await submit()();
    } else {
      const { principal } = caller;
      const fingerprint = requestFingerprint(request.method, CLAIM_PATH, request.body);
      const outcome = await this.idempotency.execute(
        { key: idempotencyKey, principal, method: request.method, path: CLAIM_PATH, body: request.body },
        202,
        submit(submissionKey(principal, idempotencyKey, fingerprint)),
      );
      if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
      accepted = outcome.value;
    }
    reply.header('Location', `${CLAIM_PATH}/${accepted.id}`);
    return queuedClaimResponse({ id: accepted.id, memberId: payload.memberId, created: new Date().toISOString() });
  }

  @Post('CoverageEligibilityRequest/$submit')
  @HttpCode(200)
  @Roles('insurer', 'clinic', 'patient')
  @Audited('member')
  @Header('Content-Type', FHIR_JSON)
  @ApiOperation({
    summary: 'Check eligibility: CoverageEligibilityRequest in, CoverageEligibilityResponse out',
    description:
      'As GET /v1/members/{id}/eligibility (same roles): in force on servicedDate, the plan’s benefits and what the plan year used of them. The member is insurance[0].coverage = Coverage/{memberId}.',
  })
  @ApiBody({ description: 'A FHIR CoverageEligibilityRequest', schema: FHIR_RESOURCE_SCHEMA })
  @ApiOkResponse({
    description: 'The CoverageEligibilityResponse',
    content: { [FHIR_JSON]: { schema: FHIR_RESOURCE_SCHEMA } },
  })
  @ApiFhirErrors(400, 404, 413, 415)
  async eligibility(@Body() body: unknown, @Caller() caller: RpcCaller): Promise<CoverageEligibilityResponse> {
    const question = readEligibilityRequest(body, new Date().toISOString().slice(0, 10));
    if (isRefusal(question)) throw refusalProblem(question);
    // Underwriting first: it decides who may see the member; billing is asked only then (as the REST route).
    const verdict = await this.rpc.call(RpcPatterns.memberEligibility, caller, {
      memberId: question.memberId,
      date: question.date,
    });
    const accumulators = await this.rpc.call(RpcPatterns.memberAccumulators, caller, {
      memberId: question.memberId,
      year: Number(question.date.slice(0, 4)),
    });
    return eligibilityResponseOf(question, verdict, accumulators, new Date().toISOString());
  }
}
