import { Injectable } from '@nestjs/common';
import type { Bundle } from '@medplum/fhirtypes';
import { RpcPatterns, type CoveragePreviewView, type EstimateRequestPayload } from '#libs/contracts';
import { ProblemException } from '../http/problem.exception.js';
import type { RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { refusalProblem } from './fhir-http.js';
import { advancedEob, aeobBundle } from './mapping/advanced-eob.js';
import { estimateRequestOf } from './mapping/estimate-request.js';
import { readGfeBundle, type GfeRequest, type ProviderIdentity } from './mapping/gfe-bundle.js';
import { isRefusal, unprocessable } from './mapping/operation-outcome.js';

/**
 * `Claim/$gfe-submit` (Da Vinci PCT): the GFE Bundle read into the very request `POST /v1/estimates`
 * makes, asked the same way (underwriting's coverage preview, then billing prices and stores the
 * estimate), and the estimate answered as an Advanced EOB. Nothing is priced here; every refusal
 * names the FHIR element and comes before anything is stored.
 */
@Injectable()
export class GfeSubmit {
  constructor(private readonly rpc: ServiceRpc) {}

  /** The estimate request the GFE stands for, checked as far as it can be without storing anything. */
  async prepare(
    body: unknown,
    caller: RpcCaller,
  ): Promise<{ gfe: GfeRequest; request: EstimateRequestPayload; coverage: CoveragePreviewView }> {
    const gfe = readGfeBundle(body, new Date().toISOString().slice(0, 10));
    if (isRefusal(gfe)) throw refusalProblem(gfe);
    const providerId = await this.providerIdOf(gfe.provider, caller);
    if (providerId !== caller.principal.org) {
      throw refusalProblem(unprocessable(gfe.provider.expression, 'must be the calling clinic'));
    }
    // Underwriting decides coverage from codes and dates, never from charges: it is asked before the
    // plan's currency is known, which the charges are then read in.
    const provisional: EstimateRequestPayload = {
      memberId: gfe.memberId,
      providerId,
      plannedDate: gfe.plannedDate,
      preauthorization: false,
      lines: gfe.lines.map((line) => ({ code: line.code, units: line.units, charge: 0, modifiers: line.modifiers })),
    };
    const coverage = await this.previewFor(provisional, caller);
    const unknown = coverage.lines.findIndex((line) => line.reason === 'UNKNOWN_CODE');
    if (unknown >= 0) {
      throw refusalProblem(
        unprocessable(`Claim.item[${unknown}].productOrService`, `${gfe.lines[unknown].code} is not a known CPT code`),
      );
    }
    const request = estimateRequestOf(gfe, providerId, coverage.currency);
    if (isRefusal(request)) throw refusalProblem(request);
    return { gfe, request, coverage };
  }

  /** Prices and stores the estimate (billing), and answers it as the AEOB Bundle. */
  async submit(
    prepared: { gfe: GfeRequest; request: EstimateRequestPayload; coverage: CoveragePreviewView },
    caller: RpcCaller,
    submissionKey?: string,
  ): Promise<Bundle> {
    const { gfe, request, coverage } = prepared;
    const estimate = await this.rpc.call(RpcPatterns.createEstimate, caller, {
      request,
      coverage,
      ...(submissionKey === undefined ? {} : { submissionKey }),
    });
    const eob = advancedEob({
      estimate,
      insurerId: coverage.insurerId,
      gfeReference: gfe.claimReference,
      claimType: gfe.claimType,
      notes: gfe.notes,
    });
    return aeobBundle(eob, estimate.createdAt);
  }

  private async providerIdOf(provider: ProviderIdentity, caller: RpcCaller): Promise<string> {
    if (provider.kind === 'id') return provider.providerId;
    try {
      return (await this.rpc.call(RpcPatterns.providerByNpi, caller, { npi: provider.npi })).id;
    } catch (error) {
      if (error instanceof ProblemException && error.problem.status === 404) {
        throw refusalProblem(unprocessable(provider.expression, `no provider is registered with NPI ${provider.npi}`));
      }
      throw error;
    }
  }

  private async previewFor(request: EstimateRequestPayload, caller: RpcCaller): Promise<CoveragePreviewView> {
    try {
      return await this.rpc.call(RpcPatterns.coveragePreview, caller, request);
    } catch (error) {
      const unknownMember =
        error instanceof ProblemException && error.problem.errors?.some((field) => field.field === 'memberId');
      if (unknownMember) throw refusalProblem(unprocessable('Coverage.subscriberId', 'is not a known member'));
      throw error;
    }
  }
}
