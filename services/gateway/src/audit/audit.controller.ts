import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthGuard, Roles } from '#libs/auth';
import { RpcPatterns } from '#libs/contracts';
import { ProblemException } from '../http/problem.exception.js';
import { todayUtc } from '../members/eligibility.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { DEFAULT_PAGE_SIZE } from '../pagination/page-query.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { Audited } from './audited.decorator.js';
import { AuditQuery } from './audit.query.js';
import { AuditPageResponse } from './audit.responses.js';
import { AuditTrail } from './audit-trail.js';
import {
  auditEventView,
  decodeAuditCursor,
  encodeAuditCursor,
  hiddenResourcesFor,
  type AuditEventView,
} from './audit-views.js';

export interface AuditPage {
  memberId: string;
  items: AuditEventView[];
  nextCursor: string | null;
}

/**
 * Who read or changed a member's personal data (docs/decisions/0010-audit-trail.md): an insurer for its
 * own members, a patient for themself. Reading the audit is audited too.
 */
@ApiTags('audit')
@ApiBearerAuth()
@ApiProblems('unauthorized', 'forbidden', 'service-unavailable')
@Controller('v1/audit')
@UseGuards(AuthGuard)
export class AuditController {
  constructor(
    private readonly rpc: ServiceRpc,
    private readonly trail: AuditTrail,
  ) {}

  @Get()
  @Roles('insurer', 'patient')
  @Audited('audit', { memberParam: 'memberId' })
  @ApiOperation({
    summary: 'Who read or changed a member’s personal data',
    description:
      'Insurer: `memberId` of one of its members (another insurer’s member is 404, as a missing one). ' +
      'Patient: their own. Newest first; role, organisation, route, outcome and time of each access; ' +
      'the user id only to an insurer, for its own staff.',
  })
  @ApiOkResponse({ type: AuditPageResponse, description: 'One page of the member’s audit' })
  @ApiProblems('validation', 'not-found')
  async list(@Query() query: AuditQuery, @Caller() caller: RpcCaller): Promise<AuditPage> {
    const memberId = await this.memberFor(query.memberId, caller);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const before = query.cursor === undefined ? null : decodeAuditCursor(query.cursor);
    if (query.cursor !== undefined && before === null) {
      throw ProblemException.of('validation', 'cursor is not a cursor returned by a previous page', {
        errors: [{ field: 'cursor', message: 'is not a cursor returned by a previous page' }],
      });
    }
    const rows = await this.trail.aboutMember(memberId, before, limit, hiddenResourcesFor(caller.principal));
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      memberId,
      items: page.map((row) => auditEventView(row, caller.principal)),
      nextCursor: rows.length > limit && last ? encodeAuditCursor(last.seq) : null,
    };
  }

  /** The member whose audit is read, once the caller may read it; else 404, the same as for no member. */
  private async memberFor(asked: string | undefined, caller: RpcCaller): Promise<string> {
    const { principal } = caller;
    if (principal.role === 'patient') {
      const own = principal.patient;
      if (!own || (asked !== undefined && asked !== own)) throw ProblemException.of('not-found', 'no such member');
      return own;
    }
    if (asked === undefined) {
      throw ProblemException.of('validation', 'memberId is required', {
        errors: [{ field: 'memberId', message: 'is required' }],
      });
    }
    // Underwriting decides whose member it is, as for every member read: another insurer's is NOT_FOUND.
    await this.rpc.call(RpcPatterns.memberEligibility, caller, { memberId: asked, date: todayUtc() });
    return asked;
  }
}
