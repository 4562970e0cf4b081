import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { claimScope, ownsClaim } from '#libs/auth';
import {
  getClaimPayload,
  RpcPatterns,
  type ClaimsSummaryResult,
  type ClaimTimelineResult,
  type GetClaimResult,
  type ListClaimsResult,
  type Principal,
  type RpcReply,
} from '#libs/contracts';
import type { Claim } from '../claim/claim.entity.js';
import { encodePageCursor, fail, notFound, ok, payloadOf, serveRequest } from '#libs/rpc';
import { ClaimReader } from './claim-reader.js';
import { audienceOf, storedStatusesFor, toClaimView, toTimeline } from './claim-view.js';
import { parseSummaryQuery, summarizeClaims, summaryScope } from './claims-summary.js';
import { parseListFilters } from './list-query.js';

const LIST_RULES = {
  action: 'list claims',
  caller: claimScope,
  refusal: (principal: Principal) =>
    fail<never>({ code: 'FORBIDDEN', detail: `role ${principal.role} has no claims to list` }),
  read: parseListFilters,
};

const SUMMARY_RULES = {
  action: 'summarize claims',
  caller: summaryScope,
  refusal: 'total claims',
  read: parseSummaryQuery,
};

/**
 * Claim reads with ownership (API.md, Claims): insurers and their analysts see their members' claims,
 * clinics their own, patients theirs; admins see none (claims carry medical data; the platform
 * operator does not need it). Another's claim is NOT_FOUND, never a hint that it exists.
 */
@Controller()
export class ClaimQueriesHandlers {
  private readonly logger = new Logger('ClaimQueries');
  private readonly reader: ClaimReader;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {
    this.reader = new ClaimReader(dataSource);
  }

  @MessagePattern(RpcPatterns.getClaim)
  async get(@Payload() request: unknown): Promise<RpcReply<GetClaimResult>> {
    return serveRequest(this.logger, request, { action: 'get claim' }, async ({ principal }) => {
      const claim = await this.ownedClaim(principal, payloadOf(request));
      if (!claim) return notFound('claim');
      const [lines, payouts] = await Promise.all([this.reader.linesOf([claim.id]), this.reader.payoutsOf([claim.id])]);
      return ok(toClaimView(claim, lines.get(claim.id) ?? [], audienceOf(principal), payouts.get(claim.id)));
    });
  }

  @MessagePattern(RpcPatterns.claimTimeline)
  async timeline(@Payload() request: unknown): Promise<RpcReply<ClaimTimelineResult>> {
    return serveRequest(this.logger, request, { action: 'claim timeline' }, async ({ principal }) => {
      const claim = await this.ownedClaim(principal, payloadOf(request));
      if (!claim) return notFound('claim');
      const items = toTimeline(await this.reader.timelineOf(claim.id), audienceOf(principal));
      return ok({ memberId: claim.memberId, items });
    });
  }

  @MessagePattern(RpcPatterns.listClaims)
  async list(@Payload() request: unknown): Promise<RpcReply<ListClaimsResult>> {
    return serveRequest(this.logger, request, LIST_RULES, async ({ principal, caller: scope, input: filters }) => {
      const { status, ...rest } = filters;
      const audience = audienceOf(principal);
      const statuses = status === undefined ? undefined : storedStatusesFor(status, audience);
      if (statuses?.length === 0) return ok({ items: [], nextCursor: null });
      const { claims, more } = await this.reader.page({ ...rest, scope, statuses });
      const ids = claims.map((claim) => claim.id);
      const [lines, payouts] = await Promise.all([this.reader.linesOf(ids), this.reader.payoutsOf(ids)]);
      const last = claims.at(-1);
      return ok({
        items: claims.map((claim) => toClaimView(claim, lines.get(claim.id) ?? [], audience, payouts.get(claim.id))),
        nextCursor: more && last ? encodePageCursor({ at: last.submittedAt, id: last.id }) : null,
      });
    });
  }

  @MessagePattern(RpcPatterns.claimsSummary)
  async summary(@Payload() request: unknown): Promise<RpcReply<ClaimsSummaryResult>> {
    return serveRequest(this.logger, request, SUMMARY_RULES, async ({ principal, caller: scope, input }) =>
      ok({ items: await summarizeClaims(this.dataSource, scope, audienceOf(principal), input) }),
    );
  }

  private async ownedClaim(principal: Principal, payload: unknown): Promise<Claim | null> {
    const parsed = getClaimPayload.safeParse(payload);
    if (!parsed.success) return null;
    const claim = await this.reader.claim(parsed.data.id);
    return claim && ownsClaim(principal, claim) ? claim : null;
  }
}
