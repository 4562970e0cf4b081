import { Injectable } from '@nestjs/common';
import { RpcPatterns, type SubmitClaimPayload } from '#libs/contracts';
import { ProblemException } from '../http/problem.exception.js';
import type { RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { latestServiceDate } from '../validation/service-date.js';
import { refusalProblem } from './fhir-http.js';
import { estimateRequestOf } from './mapping/estimate-request.js';
import type { GfeRequest, ProviderIdentity } from './mapping/gfe-bundle.js';
import { isRefusal, unprocessable } from './mapping/operation-outcome.js';
import { readSubmittedClaim } from './mapping/submitted-claim.js';

/**
 * `POST /fhir/R4/Claim`: the Claim read into the very payload `POST /v1/claims` sends to the claims
 * service, which then reviews it exactly as any other. Before that, what only FHIR can get wrong is
 * refused naming the element, nothing stored: an NPI no provider registered, an unknown member, money
 * in another currency than the plan's. A well-formed code that is not in the reference table is, as in
 * POST /v1/claims, accepted and its line denied UNKNOWN_CODE.
 */
@Injectable()
export class ClaimSubmit {
  constructor(private readonly rpc: ServiceRpc) {}

  async prepare(body: unknown, caller: RpcCaller): Promise<SubmitClaimPayload> {
    const claim = readSubmittedClaim(body, latestServiceDate(new Date()));
    if (isRefusal(claim)) throw refusalProblem(claim);
    const providerId = await this.providerIdOf(claim.provider, caller);
    if (caller.principal.role === 'clinic' && providerId !== caller.principal.org) {
      throw refusalProblem(unprocessable(claim.provider.expression, 'must be the calling clinic'));
    }
    // The member's plan (its currency) and, for an insurer, that the member is its own: eligibility
    // answers 404 for another insurer's member, which POST /v1/claims answers 403.
    let plan;
    try {
      plan = (
        await this.rpc.call(RpcPatterns.memberEligibility, caller, {
          memberId: claim.memberId,
          date: claim.serviceDate,
        })
      ).plan;
    } catch (error) {
      const status = error instanceof ProblemException ? error.problem.status : 0;
      if (status === 404 && caller.principal.role === 'insurer') {
        throw ProblemException.of('forbidden', 'an insurer submits claims only for its own members');
      }
      if (status === 404 || status === 400) {
        throw refusalProblem(unprocessable('Claim.insurance[0].coverage', 'names no known member'));
      }
      throw error;
    }
    // The charges, read in the plan's currency exactly as for a GFE.
    const asGfe: GfeRequest = {
      claimReference: '',
      claimType: undefined,
      memberId: claim.memberId,
      provider: claim.provider,
      plannedDate: claim.serviceDate,
      lines: claim.lines,
      notes: claim.notes,
    };
    const priced = estimateRequestOf(asGfe, providerId, plan.currency);
    if (isRefusal(priced)) throw refusalProblem(priced);
    return {
      memberId: claim.memberId,
      providerId,
      serviceDate: claim.serviceDate,
      diagnosisCodes: claim.diagnosisCodes,
      lines: priced.lines.map((line) => ({ ...line, modifiers: line.modifiers ?? [] })),
    };
  }

  submit(payload: SubmitClaimPayload, caller: RpcCaller) {
    return this.rpc.call(RpcPatterns.submitClaim, caller, payload);
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
}
