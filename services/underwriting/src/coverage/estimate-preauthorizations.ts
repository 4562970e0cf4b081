import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Subjects, type ClaimSubmitted, type EstimateCreated, type Envelope } from '#libs/contracts';
import { HandleEvent, type HandlerContext } from '#libs/messaging';
import type { Preauthorization } from './coverage-facts.js';
import type { PreauthorizationSource } from './preauthorization-source.js';

/**
 * The pre-authorisations billing's estimates granted, kept from `billing.estimate.created.v1`: an
 * estimate asked with `preauthorization: true` approves the preauth codes it lists as `approved`,
 * from its creation day to its `validUntil`. Estimates never change, so a replay changes nothing.
 */
@Injectable()
export class EstimatePreauthorizations implements PreauthorizationSource {
  @HandleEvent(Subjects.estimateCreated)
  async onEstimateCreated(event: Envelope<EstimateCreated>, { manager }: HandlerContext): Promise<void> {
    const estimate = event.data;
    if (!estimate.preauthorization) return;
    const approved = estimate.lines.filter((line) => line.preauth === 'approved').map((line) => line.code);
    await manager.query(
      `INSERT INTO estimate_preauthorizations (estimate_id, member_id, provider_id, approved_codes, valid_from, valid_until)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (estimate_id) DO NOTHING`,
      [
        estimate.estimateId,
        estimate.memberId,
        estimate.providerId,
        [...new Set(approved)],
        estimate.createdAt.slice(0, 10),
        estimate.validUntil,
      ],
    );
  }

  async forClaim(manager: EntityManager, claim: ClaimSubmitted): Promise<Preauthorization | null> {
    if (!claim.estimateId) return null;
    const rows: {
      member_id: string;
      provider_id: string;
      approved_codes: string[];
      valid_from: string;
      valid_until: string;
    }[] = await manager.query(
      `SELECT member_id, provider_id, approved_codes, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
              to_char(valid_until, 'YYYY-MM-DD') AS valid_until
       FROM estimate_preauthorizations WHERE estimate_id = $1`,
      [claim.estimateId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      memberId: row.member_id,
      providerId: row.provider_id,
      approvedCodes: row.approved_codes,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
    };
  }
}
