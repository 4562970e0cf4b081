import { getJson } from './get-json.js';
import type { ObservedClaim } from './observations.js';

interface ClaimPage {
  items: {
    id: string;
    status: string;
    memberId: string;
    providerId: string;
    serviceDate: string;
    updatedAt: string;
    totals: { planPays: number };
    denialReason?: string;
    payout?: { amount: string };
  }[];
  nextCursor: string | null;
}

/** Every claim of the insurer, as GET /v1/claims shows it, page by page (500 a page, the most allowed). */
export async function readAllClaims(gatewayUrl: string, insurerToken: string): Promise<ObservedClaim[]> {
  const claims: ObservedClaim[] = [];
  let cursor: string | null = null;
  do {
    const query: URLSearchParams = new URLSearchParams({ limit: '500', ...(cursor ? { cursor } : {}) });
    const page: ClaimPage = await getJson<ClaimPage>(`${gatewayUrl}/v1/claims?${query.toString()}`, insurerToken);
    for (const item of page.items) {
      claims.push({
        id: item.id,
        status: item.status,
        memberId: item.memberId,
        providerId: item.providerId,
        serviceDate: item.serviceDate,
        planPays: item.totals.planPays,
        updatedAt: item.updatedAt,
        ...(item.payout ? { payoutAmount: item.payout.amount } : {}),
        ...(item.denialReason ? { denialReason: item.denialReason } : {}),
      });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return claims;
}
