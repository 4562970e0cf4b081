import type { DataSource } from 'typeorm';
import type { ClaimScope } from '#libs/auth';
import { UUID_ANY_CASE_PATTERN, type ClaimStatus, type TimelineEntry } from '#libs/contracts';
import { Claim } from '../claim/claim.entity.js';
import { ClaimLine } from '../claim/claim-line.entity.js';
import { TimelineEntryRow } from '../claim/timeline-entry.entity.js';
import type { PageCursor } from '#libs/rpc';
import type { StoredLine, StoredPayout } from './claim-view.js';

export interface ListQuery {
  scope: ClaimScope;
  /** Stored statuses to match; undefined = any. */
  statuses?: ClaimStatus[];
  memberId?: string;
  providerId?: string;
  after?: PageCursor;
  limit: number;
}

/** The read side: claims, their lines and timelines, each in one query (never one per claim). */
export class ClaimReader {
  constructor(private readonly dataSource: DataSource) {}

  async claim(id: string): Promise<Claim | null> {
    if (!UUID_ANY_CASE_PATTERN.test(id)) return null;
    return this.dataSource.getRepository(Claim).findOneBy({ id });
  }

  /** Lines of many claims in one query, by claim id, in submitted order. */
  async linesOf(claimIds: string[]): Promise<Map<string, StoredLine[]>> {
    const byClaim = new Map<string, StoredLine[]>(claimIds.map((id) => [id, []]));
    if (claimIds.length === 0) return byClaim;
    const lines = await this.dataSource
      .getRepository(ClaimLine)
      .createQueryBuilder('l')
      .where('l.claim_id IN (:...claimIds)', { claimIds })
      .orderBy('l.claim_id')
      .addOrderBy('l.line_index')
      .getMany();
    for (const line of lines) byClaim.get(line.claimId)?.push(line);
    return byClaim;
  }

  /** Payouts of many claims in one query, by claim id (claims without one are absent). */
  async payoutsOf(claimIds: string[]): Promise<Map<string, StoredPayout>> {
    if (claimIds.length === 0) return new Map();
    const rows: (Omit<StoredPayout, 'blockNumber'> & { claimId: string; blockNumber: string | null })[] =
      await this.dataSource.query(
        `SELECT claim_id AS "claimId", status, amount::text AS amount, token, tx_hash AS "txHash",
                block_number::text AS "blockNumber", failure_reason AS "failureReason"
         FROM claim_payouts WHERE claim_id = ANY($1::uuid[])`,
        [claimIds],
      );
    return new Map(
      rows.map(({ claimId, blockNumber, ...payout }) => [
        claimId,
        { ...payout, blockNumber: blockNumber === null ? null : Number(blockNumber) },
      ]),
    );
  }

  async timelineOf(
    claimId: string,
  ): Promise<{ at: Date; status: ClaimStatus; reason: string | null; actor: TimelineEntry['actor'] }[]> {
    return this.dataSource.getRepository(TimelineEntryRow).find({
      where: { claimId },
      order: { seq: 'ASC' },
      select: { at: true, status: true, reason: true, actor: true },
    });
  }

  /** One page, newest first, plus one claim more to tell whether another page follows. */
  async page(query: ListQuery): Promise<{ claims: Claim[]; more: boolean }> {
    const qb = this.dataSource.getRepository(Claim).createQueryBuilder('c');
    if ('insurerId' in query.scope) qb.where('c.insurer_id = :owner', { owner: query.scope.insurerId });
    else if ('providerId' in query.scope) qb.where('c.provider_id = :owner', { owner: query.scope.providerId });
    else qb.where('c.member_id = :owner', { owner: query.scope.memberId });
    if (query.statuses) qb.andWhere('c.status IN (:...statuses)', { statuses: query.statuses });
    if (query.memberId !== undefined) qb.andWhere('c.member_id = :memberId', { memberId: query.memberId });
    if (query.providerId !== undefined) qb.andWhere('c.provider_id = :providerId', { providerId: query.providerId });
    if (query.after) {
      qb.andWhere('(c.submitted_at, c.id) < (:afterAt, :afterId)', {
        afterAt: query.after.at,
        afterId: query.after.id,
      });
    }
    const claims = await qb
      .orderBy('c.submitted_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(query.limit + 1)
      .getMany();
    return { claims: claims.slice(0, query.limit), more: claims.length > query.limit };
  }
}
