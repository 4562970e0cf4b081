import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  isoDate,
  minorUnits,
  procedureCode,
  RpcPatterns,
  type CoveragePreviewView,
  type RpcReply,
} from '#libs/contracts';
import { answering, malformedRequest, ok, payloadOf, principalOf } from '#libs/rpc';
import { findMemberPolicy } from '../members/member-policy.js';
import { forbidden } from '../rpc/callers.js';
import { invalid, parseWith } from '../rpc/field-errors.js';
import { entityId } from '../rpc/shapes.js';
import { previewCoverage } from './preview-coverage.js';

const previewSchema = z.object({
  memberId: entityId,
  providerId: entityId,
  plannedDate: isoDate,
  preauthorization: z.boolean().optional(),
  lines: z
    .array(
      z.object({
        code: procedureCode,
        units: z.number().int().positive(),
        charge: minorUnits,
        modifiers: z.array(z.string()).optional(),
      }),
    )
    .min(1)
    .max(50),
});

/**
 * `rpc.underwriting.coverage.preview`: the coverage decision for an estimate's planned lines (clinic),
 * from the same facts and pure decision a claim gets, storing nothing. Billing prices the verdicts.
 */
@Controller()
export class CoveragePreviewHandler {
  private readonly logger = new Logger('CoveragePreview');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @MessagePattern(RpcPatterns.coveragePreview)
  async preview(@Payload() request: unknown): Promise<RpcReply<CoveragePreviewView>> {
    return answering(this.logger, 'preview coverage', async () => {
      const principal = principalOf(request);
      if (!principal) return malformedRequest();
      if (principal.role !== 'clinic') return forbidden(principal, 'ask for estimates');
      const input = parseWith(previewSchema, payloadOf(request));
      if (!input.ok) return invalid('the estimate request is not valid', input.errors);
      const found = await findMemberPolicy(this.dataSource.manager, input.value.memberId);
      if (!found) return invalid('no such member', [{ field: 'memberId', message: 'is not a known member' }]);
      return ok(await previewCoverage(this.dataSource.manager, found, input.value));
    });
  }
}
