import { api, data } from '../../api/client';
import { formatTokenAmount } from '../../ui/money';
import { useAsync } from '../../ui/use-async';

/** The settlement token's decimals, from the API (GET /v1/ledger/contracts); undefined while loading. */
export function useTokenDecimals(): number | undefined {
  return useAsync(() => data(api.GET('/v1/ledger/contracts')), 'contracts').data?.token.decimals;
}

/** A payout's amount in the token with two decimals, or an ellipsis until the decimals are known. */
export function payoutAmount(payout: { amount: string; token: string }, decimals: number | undefined): string {
  return decimals === undefined ? '…' : formatTokenAmount(payout.amount, decimals, payout.token || 'tokens');
}
